import type { TelemetryEvent } from './event';

/**
 * Recent predictions of one system by event id, so a label arriving later can say whether the
 * prediction was right. A circular queue bounded twice: in entries (`capacity`) and in bytes
 * (`maxBytes`), oldest out first. Plain data: it is part of the engine's snapshot.
 *
 * `oldest`, `count` and `bytes` were added after snapshots without them were written; `repair`
 * derives them from such a snapshot (which never had empty slots).
 */
export interface LabelJoin {
  predictions: Record<string, string>;
  /** When each remembered prediction was made (ms), for the error rate by prediction time (label-cohorts.ts). */
  times?: Record<string, number>;
  ring: Array<string | null>;
  next: number;
  oldest?: number;
  count?: number;
  bytes?: number;
}

export interface LabelJoinLimits {
  /** Predictions remembered per system (50,000 unless set). */
  capacity: number;
  /** Bytes they may take per system, ids and predictions counted at two bytes a character (8 MiB unless set). */
  maxBytes: number;
}

export const DEFAULT_LABEL_JOIN_LIMITS: LabelJoinLimits = { capacity: 50_000, maxBytes: 8 * 1024 * 1024 };

export const emptyLabelJoin = (): LabelJoin => ({
  predictions: {},
  times: {},
  ring: [],
  next: 0,
  oldest: 0,
  count: 0,
  bytes: 0,
});

/** When the prediction a label judges was made (undefined when it is not remembered, or was remembered before times were). */
export const predictedAt = (join: LabelJoin, id: string): number | undefined => join.times?.[id];

/** Predictions longer than this are kept as a digest: equality is all the join needs. */
const KEEP_AS_IS = 64;
/** What one entry costs beyond its characters (the map slots, its time and the ring slot). */
const ENTRY_OVERHEAD = 64;

/**
 * Remembers a prediction by id, or for a label says whether the prediction it labels was right
 * (undefined when there is nothing to join). `remember` false skips predictions (a system whose
 * monitors do not watch the error rate).
 */
export function joinLabel(
  join: LabelJoin,
  event: TelemetryEvent,
  limits: LabelJoinLimits,
  remember = true,
  at: number = Date.parse(event.ts),
): boolean | undefined {
  if (event.kind === 'label') {
    if (event.id === undefined || event.label === undefined) return undefined;
    const predicted = join.predictions[event.id];
    if (predicted === undefined) return undefined;
    const label = String(event.label);
    return predicted === stored(label) || predicted === label;
  }
  if (event.id === undefined || event.prediction === undefined || event.kind === 'metric' || !remember)
    return undefined;
  repair(join, limits.capacity);
  const value = stored(String(event.prediction));
  const previous = join.predictions[event.id];
  if (previous !== undefined) {
    // The same id again: the newer prediction wins, keeping the place (and age) of the first.
    join.bytes! += cost(event.id, value) - cost(event.id, previous);
  } else {
    if (join.count! >= limits.capacity) evictOldest(join, limits.capacity);
    join.ring[join.next] = event.id;
    join.bytes! += cost(event.id, value);
    join.count! += 1;
    join.next = (join.next + 1) % limits.capacity;
  }
  join.predictions[event.id] = value;
  if (Number.isFinite(at)) (join.times ??= {})[event.id] = at;
  while (join.bytes! > limits.maxBytes && join.count! > 0) evictOldest(join, limits.capacity);
  return undefined;
}

function stored(prediction: string): string {
  return prediction.length <= KEEP_AS_IS ? prediction : `#${digest(prediction)}`;
}

const cost = (id: string, value: string) => 2 * (id.length + value.length) + ENTRY_OVERHEAD;

function evictOldest(join: LabelJoin, capacity: number): void {
  const oldest = join.oldest!;
  const id = join.ring[oldest];
  const value = id === undefined || id === null ? undefined : join.predictions[id];
  if (value !== undefined) {
    join.bytes! -= cost(id!, value);
    delete join.predictions[id!];
    if (join.times) delete join.times[id!];
  }
  join.ring[oldest] = null;
  join.oldest = (oldest + 1) % capacity;
  join.count! -= 1;
}

/** Fills in the fields a snapshot from before the byte bound lacks. */
function repair(join: LabelJoin, capacity: number): void {
  if (join.oldest !== undefined && join.count !== undefined && join.bytes !== undefined) return;
  const full = join.ring.length >= capacity;
  join.count = full ? capacity : join.ring.length;
  join.oldest = full ? join.next : 0;
  join.bytes = Object.entries(join.predictions).reduce((sum, [id, value]) => sum + cost(id, value), 0);
}

/** A 53-bit string hash (cyrb53): no node:crypto here, and a collision only miscounts one label. */
function digest(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
