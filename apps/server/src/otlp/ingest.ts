import { mapOtlpLogs, mapOtlpTraces, type OtlpIssue, type TelemetryEvent } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import type { Ctx } from '../context';
import type { Quota } from '../http/rate-limit';
import { fastPathApplies } from '../telemetry/fast-check';
import { commitTelemetry, senderRefusal } from '../telemetry/ingest';
import type { TelemetryLimits } from '../telemetry/limits';
import type { TelemetryLog } from '../telemetry/log';
import { checkEvent, decodeBody, yieldToEventLoop } from '../telemetry/parse';

export type OtlpSignal = 'traces' | 'logs';

export interface OtlpIngestInput {
  signal: OtlpSignal;
  body: Uint8Array;
  contentEncoding: string | undefined;
  limits: TelemetryLimits;
  quota?: Quota | undefined;
  /** Where accepted events go: the `telemetry_batches` table unless given (ADR 42). */
  log?: TelemetryLog | undefined;
}

export interface OtlpIngestResult {
  /** Spans or log records whose events are now in the durable log. */
  accepted: number;
  /** The telemetry events they became. */
  events: number;
  /** Spans or log records without GenAI attributes, left alone. */
  ignored: number;
  /** The first rejected spans or log records, with why (at most 100). */
  rejected: OtlpIssue[];
  rejectedTotal: number;
}

const MAX_LISTED = 100;
const CHUNK = 500;

/**
 * Takes an OTLP/HTTP JSON export: maps its GenAI spans or log records to telemetry events
 * (`mapOtlpTraces` / `mapOtlpLogs`), checks each event as `POST /telemetry` does (contract, size,
 * the app token's systems) and commits them through the same path, durable before this returns.
 * A span's events are kept or rejected together. A malformed body is refused whole (400 naming
 * the field) before anything is written.
 */
export async function ingestOtlp({ ctx, input }: { ctx: Ctx; input: OtlpIngestInput }): Promise<OtlpIngestResult> {
  const text = await decodeBody(input.body, input.contentEncoding, input.limits.maxDecodedBytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DomainError(
      'malformed_body',
      'body: malformed JSON (send OTLP/HTTP JSON; protobuf is not read, set OTEL_EXPORTER_OTLP_PROTOCOL=http/json)',
    );
  }
  const map = input.signal === 'traces' ? mapOtlpTraces : mapOtlpLogs;
  const mapping = map(json, { maxItems: input.limits.maxEventsPerBatch });
  const eventCount = mapping.items.reduce((sum, item) => sum + item.events.length, 0);
  if (eventCount > input.limits.maxEventsPerBatch) {
    throw new DomainError(
      'payload_too_large',
      `body: ${eventCount} telemetry events; at most ${input.limits.maxEventsPerBatch} per request`,
      { details: { limit: input.limits.maxEventsPerBatch } },
    );
  }
  const fast = fastPathApplies(text);
  const refuse = senderRefusal(ctx);
  const events: TelemetryEvent[] = [];
  const texts: string[] = [];
  const rejected = [...mapping.rejected];
  let rejectedTotal = mapping.rejectedTotal;
  let accepted = 0;
  let checked = 0;
  for (const item of mapping.items) {
    const kept: Array<{ event: TelemetryEvent; text: string }> = [];
    let problem: OtlpIssue | undefined;
    for (const event of item.events) {
      if (++checked % CHUNK === 0) await yieldToEventLoop();
      const result = checkEvent(event, fast, input.limits, refuse);
      if (Array.isArray(result)) {
        const issue = result[0]!;
        problem = { path: item.path, message: `${issue.path}: ${issue.message}` };
        break;
      }
      kept.push(result);
    }
    if (problem) {
      rejectedTotal += 1;
      if (rejected.length < MAX_LISTED) rejected.push(problem);
      continue;
    }
    accepted += 1;
    for (const { event, text: json } of kept) {
      events.push(event);
      texts.push(json);
    }
  }
  if (events.length === 0 && rejectedTotal > 0) {
    const first = rejected[0]!;
    const what = input.signal === 'traces' ? 'spans' : 'log records';
    throw new DomainError(
      'validation_failed',
      `${first.path}: ${first.message} (no GenAI ${what} accepted; ${rejectedTotal} rejected)`,
      { details: { issues: rejected, rejectedTotal } },
    );
  }
  if (events.length > 0) await commitTelemetry({ ctx, events, texts, quota: input.quota, log: input.log });
  ctx.log.debug(
    { signal: input.signal, accepted, events: events.length, ignored: mapping.ignored, rejected: rejectedTotal },
    'otlp accepted',
  );
  return { accepted, events: events.length, ignored: mapping.ignored, rejected, rejectedTotal };
}
