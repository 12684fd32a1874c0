import type { TelemetryEvent, TelemetryIngestResult } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import type { Ctx } from '../context';
import { type Quota, tokenKey } from '../http/rate-limit';
import { outOfScope, tokenMaySend } from '../tokens/scope';
import type { TelemetryLimits } from './limits';
import { type TelemetryLog, tableTelemetryLog } from './log';
import { decodeBody, parseBatch } from './parse';

export interface IngestInput {
  body: Uint8Array;
  contentType: string | undefined;
  contentEncoding: string | undefined;
  limits: TelemetryLimits;
  /** Takes the batch's events from the sender's quota (429 when over it). */
  quota?: Quota;
  /** Where accepted events go: the `telemetry_batches` table unless given (ADR 42). */
  log?: TelemetryLog;
}

/**
 * Accepts a batch of telemetry: every valid event is in the durable log when this returns (so
 * the 2xx that follows is a promise kept), every invalid one is reported by index and field.
 */
export async function ingestTelemetry({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: IngestInput;
}): Promise<TelemetryIngestResult> {
  const text = await decodeBody(input.body, input.contentEncoding, input.limits.maxDecodedBytes);
  const ndjson = /^application\/(x-ndjson|jsonl|x-jsonlines)\b/i.test(input.contentType ?? '');
  const { events, texts, result } = await parseBatch(text, ndjson, input.limits, senderRefusal(ctx));
  if (events.length === 0) {
    const first = result.rejected[0];
    const where = first ? `event ${first.index}: ${first.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : '';
    throw new DomainError('validation_failed', `no valid events (${result.rejectedTotal} rejected); ${where}`, {
      details: { ...result },
    });
  }
  await commitTelemetry({ ctx, events, texts, quota: input.quota, log: input.log });
  ctx.log.debug({ accepted: events.length, rejected: result.rejectedTotal }, 'telemetry accepted');
  return { accepted: events.length, ...result };
}

/** Why the request's sender may not send telemetry for a system (an app token's scope, ADR 14), or null. */
export function senderRefusal(ctx: Ctx): (system: string) => string | null {
  return (system) => (tokenMaySend(ctx.actor, system) ? null : outOfScope(ctx.actor, system));
}

/**
 * The one way checked events enter the durable log: taken from the sender's quota (429 when
 * over it), then written in one transaction, so a 2xx after this is a promise kept (ADR 8).
 */
export async function commitTelemetry({
  ctx,
  events,
  texts,
  quota,
  log,
}: {
  ctx: Ctx;
  events: TelemetryEvent[];
  /** Each event as JSON, as `checkEvent` made it. */
  texts: string[];
  quota?: Quota | undefined;
  /** Where accepted events go: the `telemetry_batches` table unless given (ADR 42). */
  log?: TelemetryLog | undefined;
}): Promise<void> {
  await quota?.(tokenKey(ctx.actor), events.length);
  await (log ?? tableTelemetryLog).append(events, texts, ctx.now(), ctx.db);
}
