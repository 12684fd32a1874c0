const MiB = 1024 * 1024;

/** What one telemetry request may carry (ADR 0016). */
export interface TelemetryLimits {
  /** Largest body once decompressed, in bytes (16 MiB unless set). */
  maxDecodedBytes: number;
  /** Most events in one batch (10,000 unless set). */
  maxEventsPerBatch: number;
  /** Largest single event as JSON, in bytes (16 KiB unless set). */
  maxEventBytes: number;
}

export const DEFAULT_TELEMETRY_LIMITS: TelemetryLimits = {
  maxDecodedBytes: 16 * MiB,
  maxEventsPerBatch: 10_000,
  maxEventBytes: 16 * 1024,
};
