/** The part of a canary decision's `segment_gate` reason that its words come from. */
export interface SegmentGateReason {
  /** Segment series neither passed nor aborted that hold the step. */
  undecided?: number | undefined;
  /** How long they may still hold it; null or absent: no limit; 0 or less: the gate lapsed. */
  remainingMs?: number | null | undefined;
  /** Undecided segment series too rare to clear within the gate: they can only abort. */
  unclearable?: number | undefined;
  /** Undecided zero-tolerance segment series: they hold the step with no limit until a person accepts the risk. */
  zeroTolerance?: number | undefined;
  /** Undecided zero-tolerance segment series whose risk a person accepted: judged like any other segment series. */
  riskAccepted?: number | undefined;
}

/**
 * `hallucination_suspected{language=de}`: a canary's series (a signal overall, or in one segment
 * value) as acceptances, the timeline, the CLI and the war room name it; `?` for a missing signal.
 */
export function seriesName(series: {
  signal?: string | undefined;
  segment?: Readonly<Record<string, string>> | undefined;
}): string {
  const segment = series.segment
    ? `{${Object.entries(series.segment)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')}}`
    : '';
  return `${series.signal ?? '?'}${segment}`;
}

/** At least a minute, rounded up: `3 min`. */
const minutes = (ms: number) => `${Math.max(1, Math.ceil(ms / 60_000))} min`;

/**
 * A step whose segments gate, in words, the same in the CLI and the war room: how many segment
 * series are undecided and how long they may still hold the step, how many are too rare to
 * clear within the gate, and how many zero-tolerance ones wait for a person or were accepted.
 */
export function segmentGateText(reason: SegmentGateReason): string {
  const parts: string[] = [];
  const n = reason.undecided ?? 0;
  if (n > 0) {
    const series = `${n} segment series ${n === 1 ? 'has' : 'have'} not yet passed`;
    if (reason.remainingMs === null || reason.remainingMs === undefined) parts.push(`${series}; they hold this step`);
    else if (reason.remainingMs <= 0)
      parts.push(`${series}; the segment gate lapsed, so they no longer hold this step`);
    else parts.push(`${series}; they may hold this step ${minutes(reason.remainingMs)} more`);
  }
  const rare = reason.unclearable ?? 0;
  if (rare > 0) parts.push(`${rare} too rare to clear within the gate (they can still abort)`);
  const held = reason.zeroTolerance ?? 0;
  if (held > 0)
    parts.push(
      `${held} zero-tolerance segment series ${held === 1 ? 'holds' : 'hold'} this step until ${held === 1 ? 'it passes' : 'they pass'} or a person accepts the residual risk`,
    );
  const accepted = reason.riskAccepted ?? 0;
  if (accepted > 0)
    parts.push(
      `residual risk of ${accepted} zero-tolerance segment series accepted (judged like any other segment series)`,
    );
  return parts.join('; ');
}

/** How a canary judges one signal (a run's `signalSettings` entry). */
export interface SignalSettingsWords {
  r0: number;
  r1: number;
  rateFloor: number;
  zeroTolerance: boolean;
}

/**
 * `pii (zero tolerance off, aborts at ×4)`: a signal with what is not default about how a run
 * judges it, the same in the CLI and the war room; the bare name when nothing is.
 */
export function signalSettingsText(signal: string, settings: SignalSettingsWords | undefined): string {
  if (!settings) return signal;
  const notes: string[] = [];
  if (settings.zeroTolerance) notes.push('zero tolerance');
  // pii and secret are zero tolerance unless a run says otherwise: that must show.
  else if (signal === 'pii' || signal === 'secret') notes.push('zero tolerance off');
  if (settings.r1 !== 2) notes.push(`aborts at ×${settings.r1}`);
  if (settings.r0 !== 1) notes.push(`tolerates ×${settings.r0}`);
  if (settings.rateFloor !== 1e-4) notes.push(`floor ${settings.rateFloor}`);
  return notes.length > 0 ? `${signal} (${notes.join(', ')})` : signal;
}
