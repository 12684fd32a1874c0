import { SEGMENT_VALUES } from './budget';
import type { MonitorSpec } from './monitor';

/**
 * Segments for default monitors (ADR 21): for every segment key the telemetry carries (tenant,
 * language, region, group…), the signals where a failure often sits in one segment are also
 * watched per value: harm flags, negative feedback, app errors, the error rate and confidence.
 * Memory is bounded: the busiest `SEGMENT_VALUES` values of a key get a series each, in the
 * order they become busy, and every other value shares one series, `(other)`.
 */
export interface SegmentTracker {
  /** Approximate event counts of the busiest values (Misra–Gries, at most `TRACKED` entries). */
  counts: Record<string, number>;
  events: number;
  /** Values with series of their own, at most SEGMENT_VALUES. */
  own: string[];
}

export const OTHER_SEGMENT = '(other)';
const TRACKED = 32;
/** Events of a key before its busiest values are chosen, and between later looks. */
const SETTLE = 500;

export const emptySegments = (): Record<string, SegmentTracker> => ({});

/** Counts an event's segment values; returns true when a key is seen for the first time. */
export function trackSegments(trackers: Record<string, SegmentTracker>, segment: Record<string, string>): boolean {
  let fresh = false;
  for (const key in segment) {
    const value = segment[key]!;
    let tracker = trackers[key];
    if (!tracker) {
      tracker = trackers[key] = { counts: {}, events: 0, own: [] };
      fresh = true;
    }
    tracker.events += 1;
    const counts = tracker.counts;
    if (counts[value] !== undefined) counts[value] += 1;
    else if (Object.keys(counts).length < TRACKED) counts[value] = 1;
    else {
      // Misra–Gries: a value that is not tracked takes one from every tracked count.
      for (const [name, count] of Object.entries(counts)) {
        if (count <= 1) delete counts[name];
        else counts[name] = count - 1;
      }
    }
    if (tracker.own.length < SEGMENT_VALUES && tracker.events % SETTLE === 0) choose(tracker);
  }
  return fresh;
}

/** Adds the busiest values (each at least 2% of the key's events) until the key has its quota. */
function choose(tracker: SegmentTracker): void {
  const ranked = Object.entries(tracker.counts)
    .filter(([value, count]) => !tracker.own.includes(value) && count >= tracker.events * 0.02)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [value] of ranked) {
    if (tracker.own.length >= SEGMENT_VALUES) break;
    tracker.own.push(value);
  }
}

/** The series value an event's segment value belongs to: its own, or `(other)`. */
export function segmentValue(tracker: SegmentTracker | undefined, value: string): string {
  return tracker?.own.includes(value) ? value : OTHER_SEGMENT;
}

/** Whether a default signal is also watched per segment value. */
export function watchedPerSegment(monitor: MonitorSpec): boolean {
  if (monitor.segmentBy || monitor.detector === 'zero_tolerance') return false;
  return (
    monitor.signal.startsWith('flag:') ||
    monitor.signal === 'feedback:negative' ||
    monitor.signal === 'error' ||
    monitor.signal === 'error_rate' ||
    monitor.signal === 'confidence'
  );
}

/** The per-value monitors a segment key adds for the default monitors that lack them. */
export function segmentMonitors(monitors: readonly MonitorSpec[], key: string): MonitorSpec[] {
  const have = new Set(monitors.filter((m) => m.segmentBy === key).map((m) => m.signal));
  return monitors
    .filter((monitor) => monitor.default && watchedPerSegment(monitor) && !have.has(monitor.signal))
    .map((monitor) => ({ ...monitor, id: `${monitor.id}@${key}`, segmentBy: key }));
}
