import { Buffer } from 'node:buffer';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { TelemetryEvent, type TelemetryIngestResult, toFieldIssues } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import { fastPathApplies, surelyValid } from './fast-check';
import type { TelemetryLimits } from './limits';

const MAX_LISTED_REJECTIONS = 100;
/** Events checked between two turns of the event loop, so a large batch never holds it long. */
const CHUNK = 500;
const gunzipAsync = promisify(gunzip);

export interface ParsedBatch {
  events: TelemetryEvent[];
  /** Each accepted event as JSON, in order (measured for its size, and stored as is). */
  texts: string[];
  result: Omit<TelemetryIngestResult, 'accepted'>;
}

/**
 * Decodes a telemetry body: gzip if so encoded, inflated on the thread pool (not on the event
 * loop) and stopped as soon as it passes `maxDecodedBytes`.
 */
export async function decodeBody(
  bytes: Uint8Array,
  encoding: string | undefined,
  maxDecodedBytes: number,
): Promise<string> {
  const coding = encoding?.trim().toLowerCase();
  const tooLarge = () =>
    new DomainError('payload_too_large', `body: more than ${maxDecodedBytes} bytes once decompressed`, {
      details: { limit: maxDecodedBytes },
    });
  if (!coding || coding === 'identity') {
    if (bytes.byteLength > maxDecodedBytes) throw tooLarge();
    return new TextDecoder().decode(bytes);
  }
  if (coding !== 'gzip' && coding !== 'x-gzip') {
    throw new DomainError(
      'unsupported_media_type',
      `content-encoding: ${encoding} is not supported; send gzip or nothing`,
    );
  }
  try {
    return new TextDecoder().decode(await gunzipAsync(bytes, { maxOutputLength: maxDecodedBytes }));
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw tooLarge();
    throw new DomainError('malformed_body', 'body: not valid gzip');
  }
}

/**
 * Reads a batch: a JSON array, one JSON object, or NDJSON (one event per line). Each event is
 * checked on its own; the bad ones are reported by index and field, the good ones kept.
 */
export async function parseBatch(
  text: string,
  ndjson: boolean,
  limits: Pick<TelemetryLimits, 'maxEventsPerBatch' | 'maxEventBytes'>,
  /** Why the sender may not send for this system (an app token's scope, ADR 0014), or null when it may. */
  refuse: (system: string) => string | null = () => null,
): Promise<ParsedBatch> {
  const items = ndjson ? splitNdjson(text) : splitJson(text);
  if (items.length === 0) throw new DomainError('validation_failed', 'body: no events in the batch');
  if (items.length > limits.maxEventsPerBatch) {
    throw new DomainError(
      'payload_too_large',
      `body: ${items.length} events; at most ${limits.maxEventsPerBatch} per batch`,
      { details: { limit: limits.maxEventsPerBatch } },
    );
  }
  const events: TelemetryEvent[] = [];
  const texts: string[] = [];
  const rejected: TelemetryIngestResult['rejected'] = [];
  let rejectedTotal = 0;
  const fast = fastPathApplies(text);
  for (const [index, item] of items.entries()) {
    if (index > 0 && index % CHUNK === 0) await yieldToEventLoop();
    const issues =
      'error' in item ? [{ path: '(event)', message: item.error }] : checkEvent(item.value, fast, limits, refuse);
    if (Array.isArray(issues)) {
      rejectedTotal += 1;
      if (rejected.length < MAX_LISTED_REJECTIONS) rejected.push({ index, issues });
      continue;
    }
    events.push(issues.event);
    texts.push(issues.text);
  }
  return { events, texts, result: { rejected, rejectedTotal } };
}

export type Issues = Array<{ path: string; message: string }>;

/** Lets other requests be served between chunks of a large batch. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Checks one event as ingest does: the contract (fast path first, ADR 9), its size as JSON, and
 * whether the sender may speak for its system. The event as stored, or what is wrong with it.
 */
export function checkEvent(
  value: unknown,
  fast: boolean,
  limits: Pick<TelemetryLimits, 'maxEventBytes'>,
  refuse: (system: string) => string | null,
): { event: TelemetryEvent; text: string } | Issues {
  const checked = accept(value, fast, limits);
  if (Array.isArray(checked)) return checked;
  const refused = refuse(checked.event.system);
  return refused === null ? checked : [{ path: 'system', message: refused }];
}

function accept(
  value: unknown,
  fast: boolean,
  limits: Pick<TelemetryLimits, 'maxEventBytes'>,
): { event: TelemetryEvent; text: string } | Issues {
  let event: TelemetryEvent;
  if (fast && surelyValid(value)) event = value;
  else {
    const parsed = TelemetryEvent.safeParse(value);
    if (!parsed.success) return toFieldIssues(parsed.error);
    event = parsed.data;
  }
  const text = JSON.stringify(event);
  // A UTF-16 unit is 1 to 3 bytes of UTF-8: count bytes only when the length leaves it open.
  const max = limits.maxEventBytes;
  if (text.length > max || (text.length * 3 > max && Buffer.byteLength(text) > max)) {
    return [{ path: '(event)', message: `larger than ${limits.maxEventBytes} bytes as JSON` }];
  }
  return { event, text };
}

type Item = { value: unknown } | { error: string };

function splitJson(text: string): Item[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DomainError(
      'malformed_body',
      'body: malformed JSON (send a JSON array of events, or NDJSON with content-type application/x-ndjson)',
    );
  }
  return (Array.isArray(value) ? value : [value]).map((item) => ({ value: item }));
}

function splitNdjson(text: string): Item[] {
  const items: Item[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    try {
      items.push({ value: JSON.parse(line) });
    } catch {
      items.push({ error: 'not valid JSON' });
    }
  }
  return items;
}
