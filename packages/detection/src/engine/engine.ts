import type { Level, Verdict } from '../detector';
import { type Aggregate, addReading, emptyAggregate, headline } from './aggregate';
import { type AlertState, type AlertTransition, INITIAL_ALERT, nextAlert } from './alerting';
import { type Budget, DEFAULT_BUDGET, seriesAlpha, seriesWeight } from './budget';
import { type Deploys, emptyDeploys, noteVersions } from './deploys';
import type { TelemetryEvent } from './event';
import { type AlertEventEvidence, chartEvidence } from './evidence';
import { type FairnessState, selectionRates, sequentialAlarm } from './fairness-detector';
import { emptyLabelCohorts, type LabelCohorts, noteLabel, retire, SCAN_MS, scan, taint } from './label-cohorts';
import {
  DEFAULT_LABEL_JOIN_LIMITS,
  emptyLabelJoin,
  joinLabel,
  type LabelJoin,
  type LabelJoinLimits,
  predictedAt,
} from './label-join';
import { defaultMonitor, type MonitorSpec, signalsIn } from './monitor';
import { deployOnset, estimateOnset, type OnsetModel } from './onset';
import { emptySegments, type SegmentTracker, segmentMonitors, segmentValue, trackSegments } from './segments';
import { type SignalReader, signalReader } from './signals';
import type { JudgeContext } from './window-detector';
import { detectorFor, hasDetector } from './window-detectors';

export interface EngineOptions {
  /** Owner of default monitors when `ownerOf` does not name one. */
  defaultOwner: string;
  /** The owner of a system (its card's owner), for its default monitors. */
  ownerOf?: (system: string) => string | undefined;
  /** Runbook of default monitors: the system card's, when it has one. */
  runbookOf?: (system: string) => string | undefined;
  /** Quiet windows before a firing alert re-arms (default 3). */
  rearmWindows?: number;
  /** Windows of history kept per series, for onset estimation and charts (default 288: a day of 5-minute windows). */
  historyWindows?: number;
  /** Predictions remembered per system, to join labels by event id (default 50,000). */
  labelJoinCapacity?: number;
  /** Bytes those predictions may take per system (default 8 MiB; long predictions are kept as a digest). */
  labelJoinMaxBytes?: number;
  /** A system's false-alarm budget, for all its monitors together (default: a page a month, a warning a week). */
  budgetOf?: (system: string) => Budget | undefined;
}

interface SystemState {
  /** Monitors from configuration; when empty, default monitors are added as signals appear. */
  configured: boolean;
  monitors: MonitorSpec[];
  /** Recent predictions by event id, for joining labels; a ring of ids bounds it. */
  labels: LabelJoin;
  watermark: number;
  /** Segment keys seen and the values that have series of their own (default monitors). */
  segments?: Record<string, SegmentTracker>;
  /** Model, prompt and policy versions seen, and the latest deploy. */
  deploys?: Deploys;
  /** Sum of the budget weights of the system's series (see budget.ts). */
  weight?: number;
  /** Labels by the time of their prediction, for the error rate's cohort scan (label-cohorts.ts). */
  cohorts?: LabelCohorts;
}

const newSystem = (configured: boolean): SystemState => ({
  configured,
  monitors: [],
  labels: emptyLabelJoin(),
  watermark: 0,
  segments: {},
  deploys: emptyDeploys(),
  weight: 0,
});

export interface HistoryPoint {
  /** Window start (ms). */
  at: number;
  value: number;
  statistic: number;
  level: Level;
  /** What the detector expected for this window, when it models one (seasonal). */
  expected?: number;
  /** The last windows keep their minutes, [numerator, denominator] per minute, for a finer onset. */
  minutes?: number[];
}

interface SeriesState {
  system: string;
  monitorId: string;
  segment: Record<string, string> | null;
  windowStart: number | null;
  aggregate: Aggregate;
  detector: unknown;
  history: HistoryPoint[];
  alert: AlertState;
  /** Windows that got a verdict: a detector without one is still filling its reference. */
  judged?: number;
  /** Its share of the system's budget (budget.ts). */
  weight?: number;
  /** An alert of the series was dismissed since the last window: take the level as normal. */
  rebaseline?: boolean;
}

/** Everything the engine knows: plain data, so `JSON.stringify` snapshots it and `JSON.parse` restores it. */
export interface EngineState {
  version: 1;
  systems: Record<string, SystemState>;
  series: Record<string, SeriesState>;
  /** Dismissals per fingerprint: each step divides the series' false-alarm probability by ten. */
  tuning?: Record<string, number>;
}

export interface AlertEvent {
  transition: AlertTransition;
  fingerprint: string;
  system: string;
  monitor: string;
  signal: string;
  detector: string;
  segment?: Record<string, string>;
  level: Level;
  /** End of the window that decided (ISO-8601). */
  at: string;
  /** Estimated start of the change (ISO-8601). */
  onset: string;
  /** The shape the onset was estimated under: an abrupt step, or a gradual ramp (its start). */
  onsetModel: OnsetModel;
  value: number;
  threshold: number;
  score: number;
  owner: string;
  runbook?: string;
  evidence: AlertEventEvidence;
}

/** A new engine; systems listed in `monitors` use exactly those, all others get default monitors. */
export function createEngine(monitors: readonly MonitorSpec[]): EngineState {
  const systems: Record<string, SystemState> = {};
  for (const monitor of monitors) {
    const system = (systems[monitor.system] ??= newSystem(true));
    system.monitors.push(monitor);
  }
  return { version: 1, systems, series: {} };
}

/**
 * Feeds a batch of events (in log order) through the monitors of their systems, closing
 * windows as event time passes them, and returns the alerts that opened, escalated or
 * resolved. The engine updates `state` in place (it is the caller's to own and snapshot); the
 * same events from the same state always give the same alerts. `events` is read once, in order:
 * a caller may hand over events as it parses them, so a large batch need not be held whole.
 */
export function ingest(state: EngineState, events: Iterable<TelemetryEvent>, options: EngineOptions): AlertEvent[] {
  const alerts: AlertEvent[] = [];
  const touched = new Set<string>();
  const limits = labelJoinLimits(options);
  // Whether a system remembers predictions, asked once per system and batch: a configured
  // system's monitors do not change inside a batch, and an unconfigured one always remembers.
  const remembers = new Map<SystemState, boolean>();
  for (const event of events) {
    const at = Date.parse(event.ts);
    // An evaluation result (a recovery gate's bias probe, say) is read by the gate, not by monitors;
    // a shadow version's output reached no user and is read by the shadow comparison alone: neither
    // makes a series, a deploy, an alert or a charge on the system's budget.
    if (!Number.isFinite(at) || event.kind === 'evaluation' || event.shadow === true) continue;
    const system = (state.systems[event.system] ??= newSystem(false));
    touched.add(event.system);
    if (at > system.watermark) system.watermark = at;
    noteVersions((system.deploys ??= emptyDeploys()), event, at);
    const freshKey = event.segment ? trackSegments((system.segments ??= emptySegments()), event.segment) : false;
    if (!system.configured) addDefaults(system, event, options, freshKey);
    let remember = remembers.get(system);
    if (remember === undefined) {
      remember = remembersPredictions(system);
      if (system.configured) remembers.set(system, remember);
    }
    const correct = joinLabel(system.labels, event, limits, remember, at);
    if (correct !== undefined) {
      const madeAt = predictedAt(system.labels, event.id!);
      if (madeAt !== undefined) noteLabel((system.cohorts ??= emptyLabelCohorts()), madeAt, at, correct);
    }
    for (const monitor of system.monitors) {
      const plan = planOf(monitor);
      const series = seriesFor(state, system, monitor, plan, event);
      if (!series) continue;
      if (series.windowStart === null || at >= series.windowStart + monitor.windowMs)
        rollWindows(state, system, series, monitor, at, options, alerts);
      addReading(series.aggregate, plan.reader, event, correct, minuteOf(series, plan, at));
    }
  }
  for (const name of touched) advance(state, name, state.systems[name]!.watermark, options, alerts);
  return alerts;
}

/**
 * Sets a system's monitors (null: default monitors). Series of monitors that were removed or
 * whose definition changed are dropped, so a changed threshold starts from a fresh baseline.
 */
export function configure(state: EngineState, systemName: string, monitors: readonly MonitorSpec[] | null): void {
  const system = (state.systems[systemName] ??= newSystem(false));
  const next = monitors === null ? (system.configured ? [] : system.monitors) : [...monitors];
  const kept = new Map(next.map((monitor) => [monitor.id, JSON.stringify(monitor)]));
  const before = new Map(system.monitors.map((monitor) => [monitor.id, JSON.stringify(monitor)]));
  for (const [key, series] of Object.entries(state.series)) {
    if (series.system !== systemName) continue;
    const now = kept.get(series.monitorId);
    if (now === undefined || now !== before.get(series.monitorId)) delete state.series[key];
  }
  system.configured = monitors !== null;
  system.monitors = next;
  system.weight = Object.values(state.series)
    .filter((series) => series.system === systemName)
    .reduce((sum, series) => sum + (series.weight ?? 0), 0);
}

/**
 * Records a dismissal's lesson for a series (its fingerprint): `steps` tenfold cuts of its
 * false-alarm probability (0 takes them back), and, when the steps went up, "the level it
 * alerted at is normal now" for its next window. Idempotent: the server sets the count it
 * holds, so a restart from an older snapshot catches up.
 */
export function tune(state: EngineState, fingerprintOf: string, steps: number): void {
  const tuning = (state.tuning ??= {});
  const before = tuning[fingerprintOf] ?? 0;
  if (steps <= 0) delete tuning[fingerprintOf];
  else tuning[fingerprintOf] = Math.min(6, Math.floor(steps));
  const series = state.series[fingerprintOf];
  if (series && steps > before) series.rebaseline = true;
}

/** Closes every window of a system that ended at or before `until` (event time). */
export function advance(
  state: EngineState,
  systemName: string,
  until: number,
  options: EngineOptions,
  alerts: AlertEvent[] = [],
): AlertEvent[] {
  const system = state.systems[systemName];
  if (!system) return alerts;
  const monitors = new Map(system.monitors.map((monitor) => [monitor.id, monitor]));
  for (const series of Object.values(state.series)) {
    if (series.system !== systemName) continue;
    const monitor = monitors.get(series.monitorId);
    if (monitor && series.windowStart !== null && series.windowStart + monitor.windowMs <= until) {
      rollWindows(state, system, series, monitor, until, options, alerts);
    }
  }
  return alerts;
}

/**
 * Judges every open window now, complete or not: the end of a replayed file, where no later
 * event will ever close them.
 */
export function closeAll(state: EngineState, options: EngineOptions, alerts: AlertEvent[] = []): AlertEvent[] {
  for (const series of Object.values(state.series)) {
    const system = state.systems[series.system];
    const monitor = system?.monitors.find((m) => m.id === series.monitorId);
    if (!system || !monitor || series.windowStart === null) continue;
    const window = series.aggregate;
    const start = series.windowStart;
    series.aggregate = emptyAggregate(monitor.signal);
    series.windowStart = null;
    if (!isEmpty(window)) judge(state, system, series, monitor, window, start, options, alerts);
  }
  return alerts;
}

function addDefaults(system: SystemState, event: TelemetryEvent, options: EngineOptions, freshKey: boolean): void {
  let added = false;
  for (const signal of signalsIn(event)) {
    if (system.monitors.some((monitor) => monitor.signal === signal && !monitor.segmentBy)) continue;
    const monitor = defaultMonitor(
      event.system,
      signal,
      options.ownerOf?.(event.system) ?? options.defaultOwner,
      options.runbookOf?.(event.system),
    );
    if (!hasDetector(monitor.detector)) continue;
    system.monitors.push(monitor);
    added = true;
  }
  // Per segment key, the signals worth watching per value (segments.ts): when a monitor or a key is new.
  if (!added && !freshKey) return;
  for (const key of Object.keys(system.segments ?? {})) {
    for (const monitor of segmentMonitors(system.monitors, key)) system.monitors.push(monitor);
  }
}

/** The minute of its window an event falls in (late events count in the window's first minute). */
function minuteOf(series: SeriesState, plan: MonitorPlan, at: number): number {
  const offset = Math.floor((at - (series.windowStart ?? at)) / 60_000);
  return Math.max(0, Math.min(plan.minutes - 1, offset));
}

/** Predictions are remembered for systems that watch the error rate, or use default monitors. */
const remembersPredictions = (system: SystemState) =>
  !system.configured || system.monitors.some((monitor) => monitor.signal === 'error_rate');

const labelJoinLimits = (options: EngineOptions): LabelJoinLimits => ({
  capacity: options.labelJoinCapacity ?? DEFAULT_LABEL_JOIN_LIMITS.capacity,
  maxBytes: options.labelJoinMaxBytes ?? DEFAULT_LABEL_JOIN_LIMITS.maxBytes,
});

/**
 * What the hot path needs of a monitor, worked out once per monitor object: a cache beside the
 * state, never part of it (a restored snapshot's monitors get their own). `keys` maps a segment
 * value to its series key, so an event of a known segment builds no string.
 */
interface MonitorPlan {
  /** The fingerprint prefix of its series, `system|monitor|`. */
  prefix: string;
  reader: SignalReader;
  /** Minutes of its window (1 to 60). */
  minutes: number;
  keys: Map<string, string>;
}

const plans = new WeakMap<MonitorSpec, MonitorPlan>();

function planOf(monitor: MonitorSpec): MonitorPlan {
  let plan = plans.get(monitor);
  if (plan === undefined) {
    plan = {
      prefix: `${monitor.system}|${monitor.id}|`,
      reader: signalReader(monitor.signal),
      minutes: Math.max(1, Math.min(60, Math.floor(monitor.windowMs / 60_000))),
      keys: new Map(),
    };
    plans.set(monitor, plan);
  }
  return plan;
}

function seriesFor(
  state: EngineState,
  system: SystemState,
  monitor: MonitorSpec,
  plan: MonitorPlan,
  event: TelemetryEvent,
): SeriesState | undefined {
  let key = plan.prefix;
  let value: string | undefined;
  if (monitor.segmentBy) {
    const raw = event.segment?.[monitor.segmentBy];
    if (raw === undefined) return undefined;
    // Default monitors give the busiest values a series each and pool the rest (segments.ts).
    value = monitor.default ? segmentValue(system.segments?.[monitor.segmentBy], raw) : raw;
    const known = plan.keys.get(value);
    if (known === undefined) {
      key = `${plan.prefix}${monitor.segmentBy}=${value}`;
      plan.keys.set(value, key);
    } else key = known;
  }
  const existing = state.series[key];
  if (existing) return existing;
  const segment = monitor.segmentBy && value !== undefined ? { [monitor.segmentBy]: value } : null;
  const weight = seriesWeight(monitor);
  system.weight = (system.weight ?? 0) + weight;
  const created: SeriesState = {
    system: monitor.system,
    monitorId: monitor.id,
    segment,
    windowStart: null,
    aggregate: emptyAggregate(monitor.signal),
    detector: detectorFor(monitor.detector).create(monitor),
    history: [],
    alert: { ...INITIAL_ALERT },
    judged: 0,
    weight,
  };
  state.series[key] = created;
  return created;
}

export function fingerprint(
  monitor: Pick<MonitorSpec, 'system' | 'id'>,
  segment: Record<string, string> | null,
): string {
  const segmentPart = segment
    ? Object.entries(segment)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : '';
  return `${monitor.system}|${monitor.id}|${segmentPart}`;
}

/**
 * Moves a series to the window holding `at`, judging the window it leaves if it had events.
 * Windows with no events are skipped: no data is not evidence of anything. Late events (before
 * the current window) count in the current window.
 */
function rollWindows(
  state: EngineState,
  system: SystemState,
  series: SeriesState,
  monitor: MonitorSpec,
  at: number,
  options: EngineOptions,
  alerts: AlertEvent[],
): void {
  const start = Math.floor(at / monitor.windowMs) * monitor.windowMs;
  if (series.windowStart === null) {
    series.windowStart = start;
    return;
  }
  if (at < series.windowStart + monitor.windowMs) return;
  const closed = series.aggregate;
  const closedStart = series.windowStart;
  series.aggregate = emptyAggregate(monitor.signal);
  series.windowStart = start;
  if (isEmpty(closed)) return;
  judge(state, system, series, monitor, closed, closedStart, options, alerts);
}

function isEmpty(aggregate: Aggregate): boolean {
  switch (aggregate.kind) {
    case 'rate':
      return aggregate.trials === 0;
    case 'numeric':
      return aggregate.count === 0;
    case 'categorical':
      return aggregate.total === 0;
    case 'selection':
      return Object.keys(aggregate.groups).length === 0;
  }
}

function judge(
  state: EngineState,
  system: SystemState,
  series: SeriesState,
  monitor: MonitorSpec,
  window: Aggregate,
  windowStart: number,
  options: EngineOptions,
  alerts: AlertEvent[],
): void {
  const windowEnd = windowStart + monitor.windowMs;
  // Tuning is rare: the fingerprint is built only when some series has been tuned.
  const steps = state.tuning ? (state.tuning[fingerprint(monitor, series.segment)] ?? 0) : 0;
  const deploy = system.deploys?.latest;
  // The error rate also asks the labels by when their predictions were made (label-cohorts.ts).
  const cohorts = monitor.signal === 'error_rate' && !series.segment ? system.cohorts : undefined;
  if (cohorts) retire(cohorts, windowEnd);
  const context: JudgeContext = {
    start: windowStart,
    end: windowEnd,
    alpha: seriesAlpha(
      monitor,
      series.weight ?? seriesWeight(monitor),
      system.weight ?? 1,
      options.budgetOf?.(monitor.system) ?? DEFAULT_BUDGET,
      steps,
    ),
    firing: series.alert.firing,
    ...(deploy ? { deploy } : {}),
    ...(series.rebaseline ? { rebaseline: true } : {}),
    ...(cohorts ? { labels: scan(cohorts, windowEnd) } : {}),
  };
  series.rebaseline = undefined;
  const { state: detectorState, verdict } = detectorFor(monitor.detector).judge(
    series.detector,
    window,
    monitor,
    context,
  );
  series.detector = detectorState;
  const observed = headline(window);
  const level: Level = verdict?.level ?? 'ok';
  // Predictions around an alert do not teach the cohorts what normal is.
  if (cohorts && level !== 'ok') taint(cohorts, windowEnd - SCAN_MS);
  // What the onset estimate reads: the rate or mean itself, or for distributions and fairness
  // the detector's statistic (PSI, disparate impact), neutral while the baseline fills.
  const value =
    window.kind === 'rate' || window.kind === 'numeric'
      ? observed
      : (verdict?.statistic ?? (window.kind === 'selection' ? 1 : 0));
  const expected = verdict?.detail?.expected;
  series.history.push({
    at: windowStart,
    value,
    statistic: verdict?.statistic ?? 0,
    level,
    ...(expected !== undefined && Number.isFinite(expected) ? { expected } : {}),
    ...(window.kind === 'rate' || window.kind === 'numeric' ? { minutes: window.minutes ?? [] } : {}),
  });
  const keep = options.historyWindows ?? 288;
  if (series.history.length > keep) series.history.splice(0, series.history.length - keep);
  // Only the last windows keep their minutes: enough to place an abrupt onset.
  const stale = series.history.length - FINE_WINDOWS - 1;
  if (stale >= 0 && series.history[stale]?.minutes) delete series.history[stale]!.minutes;
  if (!verdict) return;
  series.judged = (series.judged ?? 0) + 1;
  const { state: alert, transition } = nextAlert(series.alert, level, windowEnd, options.rearmWindows ?? 3);
  series.alert = alert;
  if (!transition) return;
  alerts.push(alertEvent(state, system, series, monitor, transition, verdict, window, windowStart, observed));
}

/** Windows of history that keep their minutes for the onset. */
const FINE_WINDOWS = 12;

function alertEvent(
  state: EngineState,
  system: SystemState,
  series: SeriesState,
  monitor: MonitorSpec,
  transition: AlertTransition,
  verdict: Verdict,
  window: Aggregate,
  windowStart: number,
  observed: number,
): AlertEvent {
  const end = windowStart + monitor.windowMs;
  // An error-rate alert the label cohorts see too began with the first cohort of their run; a
  // fairness alert decided by one group's CUSUM, with the start of that run.
  const cohortStart = verdict.detail?.cohortStart;
  const run = window.kind === 'selection' ? sequentialAlarm(series.detector as FairnessState) : undefined;
  const { at: onset, model } =
    cohortStart !== undefined
      ? { at: cohortStart, model: 'abrupt' as const }
      : run
        ? { at: run.start, model: 'abrupt' as const }
        : deployOnset(onsetOf(series.history, windowStart, monitor.windowMs), verdict, system.deploys?.latest?.at, {
            windowMs: monitor.windowMs,
            end,
          });
  // A zero-tolerance hit in a system-wide series names the segment its hits share, when they do.
  const segment =
    series.segment ??
    (window.kind === 'rate'
      ? sharedSegment(system, window)
      : window.kind === 'selection' && transition !== 'resolved'
        ? lowestGroup(monitor, series.detector, window)
        : null);
  return {
    transition,
    fingerprint: fingerprint(monitor, series.segment),
    system: monitor.system,
    monitor: monitor.id,
    signal: monitor.signal,
    detector: monitor.detector,
    ...(segment ? { segment } : {}),
    level: transition === 'resolved' ? 'ok' : verdict.level,
    at: new Date(end).toISOString(),
    onset: new Date(onset).toISOString(),
    onsetModel: model,
    value: verdict.statistic,
    threshold: verdict.threshold,
    score: verdict.score,
    owner: monitor.owner,
    ...(monitor.runbook ? { runbook: monitor.runbook } : {}),
    evidence: {
      window: {
        start: new Date(windowStart).toISOString(),
        end: new Date(end).toISOString(),
        observed,
        summary: summarise(window),
      },
      detail: { ...(verdict.detail ?? {}), ...segmentAgainstRest(state, series, monitor, window, windowStart) },
      sampleEventIds: window.sampleIds,
      onsetModel: model,
      ...chartEvidence({ history: series.history, monitor, verdict, window, detectorState: series.detector, onset }),
    },
  };
}

/** Windows of history the onset estimate looks back over (a day of 5-minute windows at most). */
const ONSET_LOOKBACK = 288;

/**
 * When the change began, and in what shape: onset.ts fits an abrupt step and a gradual ramp to
 * the series' recent history (its distance from what the detector expected, where it models
 * that), no later than the first window of the current run of alerting windows, and places a
 * step to the minute where the windows kept their minutes.
 */
function onsetOf(
  history: readonly HistoryPoint[],
  fallback: number,
  windowMs: number,
): { at: number; model: OnsetModel } {
  if (history.length === 0) return { at: fallback, model: 'abrupt' };
  const recent = history.slice(-ONSET_LOOKBACK);
  let firstAlerting = recent.length - 1;
  while (firstAlerting > 0 && recent[firstAlerting - 1]!.level !== 'ok') firstAlerting--;
  return estimateOnset(recent, firstAlerting, windowMs);
}

/**
 * For an alert of one segment value's series: that segment against the rest of the system in
 * the same window (`segmentValue`, `restValue`, their counts, and the segment's value over the
 * rest's), from the system-wide series of the same signal, whose window is either still open or
 * kept its minutes in history. Empty when the system-wide series has no such window.
 */
function segmentAgainstRest(
  state: EngineState,
  series: SeriesState,
  monitor: MonitorSpec,
  window: Aggregate,
  windowStart: number,
): Record<string, number> {
  if (!series.segment || !monitor.segmentBy || (window.kind !== 'rate' && window.kind !== 'numeric')) return {};
  const whole = state.series[`${monitor.system}|${monitor.id.slice(0, monitor.id.lastIndexOf('@'))}|`];
  if (!whole || !monitor.id.includes('@')) return {};
  let total: [number, number] | null = null;
  if (whole.windowStart === windowStart && whole.aggregate.kind === window.kind) {
    const a = whole.aggregate;
    total = a.kind === 'rate' ? [a.hits, a.trials] : a.kind === 'numeric' ? [a.sum, a.count] : null;
  } else {
    const point = whole.history.find((p) => p.at === windowStart);
    if (point?.minutes && point.minutes.length > 0) {
      total = [0, 0];
      for (let i = 0; i < point.minutes.length; i += 2) {
        total[0] += point.minutes[i]!;
        total[1] += point.minutes[i + 1]!;
      }
    }
  }
  if (!total) return {};
  const own: [number, number] = window.kind === 'rate' ? [window.hits, window.trials] : [window.sum, window.count];
  const restCount = total[1] - own[1];
  if (restCount <= 0 || own[1] <= 0) return {};
  const segmentValue = own[0] / own[1];
  const restValue = (total[0] - own[0]) / restCount;
  return {
    segmentValue,
    segmentCount: own[1],
    restValue,
    restCount,
    ...(restValue !== 0 ? { segmentOverRest: segmentValue / restValue } : {}),
  };
}

/**
 * A fairness alert names a group, `{ group: "C" }`: the one whose CUSUM against the rest decided
 * (fairness-sequential.ts), else the one with the lowest selection rate of the groups the
 * window test judged (fairness-detector's `selectionRates`), the biggest on a tie.
 */
function lowestGroup(monitor: MonitorSpec, detectorState: unknown, window: Aggregate): Record<string, string> | null {
  const run = sequentialAlarm(detectorState as FairnessState);
  if (run) return { [monitor.signal.slice('selection:'.length)]: run.group };
  const rates = selectionRates(detectorState as FairnessState, window, monitor);
  if (!rates || rates.groups.length === 0) return null;
  const lowest = rates.groups.reduce((low, g) =>
    g.rate < low.rate || (g.rate === low.rate && g.total > low.total) ? g : low,
  );
  return { [monitor.signal.slice('selection:'.length)]: lowest.group };
}

/**
 * The segment every hit of a window shares, for an alert of a system-wide series: of the keys
 * whose hits all carry one value, the value with the least traffic (the most specific).
 */
function sharedSegment(system: SystemState, window: Aggregate): Record<string, string> | null {
  if (window.kind !== 'rate' || !window.hitSegments || window.hits === 0) return null;
  let best: { key: string; value: string; volume: number } | null = null;
  for (const [key, values] of Object.entries(window.hitSegments)) {
    const entries = Object.entries(values);
    if (entries.length !== 1 || entries[0]![1] !== window.hits) continue;
    const value = entries[0]![0];
    const volume = system.segments?.[key]?.counts[value] ?? 0;
    if (!best || volume < best.volume) best = { key, value, volume };
  }
  return best ? { [best.key]: best.value } : null;
}

function summarise(window: Aggregate): Record<string, unknown> {
  switch (window.kind) {
    case 'rate':
      return { hits: window.hits, trials: window.trials };
    case 'numeric': {
      const mean = window.count === 0 ? 0 : window.sum / window.count;
      const variance =
        window.count < 2 ? 0 : Math.max(0, (window.sumSquares - window.count * mean * mean) / (window.count - 1));
      return { count: window.count, mean, sd: Math.sqrt(variance) };
    }
    case 'categorical':
      return { total: window.total, counts: window.counts };
    case 'selection':
      return { groups: window.groups };
  }
}

/** Where a monitor stands (API, CLI and UI show it): learning what is normal, watching, or firing. */
export type MonitorState = 'learning' | 'watching' | 'firing';

export interface MonitorStatus {
  monitor: string;
  signal: string;
  detector: string;
  segmentBy?: string;
  state: MonitorState;
  /** Its series: one, or one per segment value (the busiest values and "(other)"). */
  series: number;
  /** Series still learning, watching and firing. */
  learning: number;
  firing: number;
  /** Dismissals that made its series less sensitive (the most of any of its series). */
  tuning: number;
  /** The share of the system's budget it spends per window: its weight over the system's. */
  share: number;
}

/**
 * The monitors of a system and where each stands. A monitor is `firing` when any of its series
 * is, `learning` while every series that has seen data is still learning (warm-up, reference
 * period), and `watching` otherwise.
 */
export function monitorStatus(state: EngineState, systemName: string): MonitorStatus[] {
  const system = state.systems[systemName];
  if (!system) return [];
  const total = system.weight ?? 0;
  // The system's series by monitor, in one pass over the engine's series.
  const byMonitor = new Map<string, Array<[string, SeriesState]>>();
  for (const entry of Object.entries(state.series)) {
    if (entry[1].system !== systemName) continue;
    const list = byMonitor.get(entry[1].monitorId);
    if (list) list.push(entry);
    else byMonitor.set(entry[1].monitorId, [entry]);
  }
  return system.monitors.map((monitor) => {
    const series = byMonitor.get(monitor.id) ?? [];
    const detector = detectorFor(monitor.detector);
    let learning = 0;
    let firing = 0;
    let tuning = 0;
    let weight = 0;
    for (const [key, s] of series) {
      const learns = detector.learning ? detector.learning(s.detector, monitor) : (s.judged ?? 0) === 0;
      if (learns) learning += 1;
      if (s.alert.firing) firing += 1;
      tuning = Math.max(tuning, state.tuning?.[key] ?? 0);
      weight += s.weight ?? 0;
    }
    const stateOf: MonitorState =
      firing > 0 ? 'firing' : series.length === 0 || learning === series.length ? 'learning' : 'watching';
    return {
      monitor: monitor.id,
      signal: monitor.signal,
      detector: monitor.detector,
      ...(monitor.segmentBy ? { segmentBy: monitor.segmentBy } : {}),
      state: stateOf,
      series: series.length,
      learning,
      firing,
      tuning,
      share: total > 0 ? weight / total : 0,
    };
  });
}
