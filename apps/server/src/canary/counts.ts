import { type CanaryVersionCounts, MAX_CANARY_SEGMENT_VALUES, type TelemetryEvent } from '@firebreak/contract';

/** What a run counts by: the route's system and target, the two versions, its signals and segment key. */
export interface CountScope {
  system: string;
  target: string;
  baseline: string;
  candidate: string;
  signals: readonly string[];
  segmentBy: string | null;
  /**
   * A shadow run's scope: the candidate's events are the shadow copies (`shadow: true`), the
   * baseline's the ones users got. A canary's scope leaves shadow copies out altogether.
   */
  shadow?: boolean;
}

export function emptyCounts(): CanaryVersionCounts {
  return { events: 0, flagged: {}, segments: {} };
}

/** Whether an event shows a signal: `error` is the event's own field, every other signal a flag. */
export function flagged(event: TelemetryEvent, signal: string): boolean {
  return signal === 'error' ? event.error === true : event.flags?.[signal] === true;
}

/**
 * Adds a system's events served by the baseline or the candidate (the event's `model`, `prompt`
 * or `policy`, as the route's target, equals the version) to one step's counts; see
 * `CountScope.shadow` for the shadow copies. A segment value
 * gets counts of its own while fewer than MAX_CANARY_SEGMENT_VALUES are `known`, so the number
 * of series, fixed when the run started, is never exceeded. Labels and metric points serve
 * nobody and are skipped. Mutates `into` and `known`.
 */
export function countEvents(
  scope: CountScope,
  events: readonly TelemetryEvent[],
  into: { baseline: CanaryVersionCounts; candidate: CanaryVersionCounts },
  known: Set<string>,
): void {
  for (const event of events) {
    if (event.system !== scope.system || event.kind === 'label' || event.kind === 'metric') continue;
    const copy = event.shadow === true;
    if (copy && !scope.shadow) continue;
    const version = (event as Record<string, unknown>)[scope.target];
    const counts =
      version === scope.candidate && copy === (scope.shadow === true)
        ? into.candidate
        : version === scope.baseline && !copy
          ? into.baseline
          : undefined;
    if (!counts) continue;
    add(counts, scope.signals, event);
    const value = scope.segmentBy === null ? undefined : event.segment?.[scope.segmentBy];
    if (value === undefined) continue;
    if (!known.has(value)) {
      if (known.size >= MAX_CANARY_SEGMENT_VALUES) continue;
      known.add(value);
    }
    add((counts.segments[value] ??= { events: 0, flagged: {} }), scope.signals, event);
  }
}

function add(
  counts: { events: number; flagged: Record<string, number> },
  signals: readonly string[],
  event: TelemetryEvent,
) {
  counts.events += 1;
  for (const signal of signals) if (flagged(event, signal)) counts.flagged[signal] = (counts.flagged[signal] ?? 0) + 1;
}

/** The segment values that have counts of their own anywhere in a run. */
export function knownSegments(steps: readonly { baseline: CanaryVersionCounts; candidate: CanaryVersionCounts }[]) {
  const known = new Set<string>();
  for (const step of steps) {
    for (const value of Object.keys(step.baseline.segments)) known.add(value);
    for (const value of Object.keys(step.candidate.segments)) known.add(value);
  }
  return known;
}
