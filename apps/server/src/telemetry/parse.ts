import { gunzipSync } from 'node:zlib';
import { TelemetryEvent, type TelemetryIngestResult, toFieldIssues } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import { fastPathApplies, surelyValid } from './fast-check';

export const MAX_EVENTS_PER_BATCH = 100_000;
const MAX_LISTED_REJECTIONS = 100;

export interface ParsedBatch {
  events: TelemetryEvent[];
  result: Omit<TelemetryIngestResult, 'accepted'>;
}

/** Decodes a telemetry body: gzip if so encoded, no larger than `maxDecodedBytes` once inflated. */
export function decodeBody(bytes: Uint8Array, encoding: string | undefined, maxDecodedBytes: number): string {
  const coding = encoding?.trim().toLowerCase();
  if (!coding || coding === 'identity') return new TextDecoder().decode(bytes);
  if (coding !== 'gzip' && coding !== 'x-gzip') {
    throw new DomainError(
      'unsupported_media_type',
      `content-encoding: ${encoding} is not supported; send gzip or nothing`,
    );
  }
  try {
    return new TextDecoder().decode(gunzipSync(bytes, { maxOutputLength: maxDecodedBytes }));
  } catch (error) {
    const tooLarge = error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    if (tooLarge)
      throw new DomainError('payload_too_large', `body: more than ${maxDecodedBytes} bytes once decompressed`);
    throw new DomainError('malformed_body', 'body: not valid gzip');
  }
}

/**
 * Reads a batch: a JSON array, one JSON object, or NDJSON (one event per line). Each event is
 * checked on its own; the bad ones are reported by index and field, the good ones kept.
 */
export function parseBatch(text: string, ndjson: boolean): ParsedBatch {
  const items = ndjson ? splitNdjson(text) : splitJson(text);
  if (items.length === 0) throw new DomainError('validation_failed', 'body: no events in the batch');
  if (items.length > MAX_EVENTS_PER_BATCH) {
    throw new DomainError(
      'payload_too_large',
      `body: ${items.length} events; at most ${MAX_EVENTS_PER_BATCH} per batch`,
    );
  }
  const events: TelemetryEvent[] = [];
  const rejected: TelemetryIngestResult['rejected'] = [];
  let rejectedTotal = 0;
  const fast = fastPathApplies(text);
  items.forEach((item, index) => {
    if (fast && 'value' in item && surelyValid(item.value)) {
      events.push(item.value);
      return;
    }
    const issues = 'error' in item ? [{ path: '(event)', message: item.error }] : check(item.value, events);
    if (issues.length === 0) return;
    rejectedTotal += 1;
    if (rejected.length < MAX_LISTED_REJECTIONS) rejected.push({ index, issues });
  });
  return { events, result: { rejected, rejectedTotal } };
}

function check(value: unknown, into: TelemetryEvent[]) {
  const parsed = TelemetryEvent.safeParse(value);
  if (parsed.success) {
    into.push(parsed.data);
    return [];
  }
  return toFieldIssues(parsed.error);
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
