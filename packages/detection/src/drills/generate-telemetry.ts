import { durationMs, type FeatureSpec, type Scenario } from '@firebreak/core';
import type { TelemetryEvent } from '../engine/event';
import { gaussian, mulberry32, poissonDraw } from '../random';

export interface GenerateOptions {
  /** Scenario time (ms; 0 = the drill starts, negative = warm-up) of the first event to return. */
  fromMs: number;
  /** Scenario time the events end before. */
  toMs: number;
  /** Epoch ms that scenario time 0 stands for: an event at scenario time t is stamped originMs + t. */
  originMs: number;
  seed: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** Traffic follows the day by ±15% (busiest mid-afternoon UTC), latency by ±3%: enough to be real, not to page. */
const TRAFFIC_SWING = 0.15;
const LATENCY_SWING = 0.03;

/**
 * A scenario's synthetic telemetry for scenario time [fromMs, toMs): the healthy warm-up before
 * 0, the healthy stretch up to the onset, then the failure as the scenario describes it. Labels
 * follow their predictions after the scenario's delay and carry the prediction's id.
 *
 * Deterministic and splittable: each minute draws from its own generator seeded by (seed,
 * minute), so [a, c) is exactly [a, b) followed by [b, c), and a runner can generate as its clock
 * advances.
 *
 * @example
 * const events = generateTelemetry(scenario, { fromMs: -durationMs('2d'), toMs: 0, originMs: Date.UTC(2026, 0, 5), seed: 7 });
 */
export function generateTelemetry(scenario: Scenario, options: GenerateOptions): TelemetryEvent[] {
  const plan = planOf(scenario);
  const from = Math.max(options.fromMs, -plan.warmupMs);
  const to = Math.min(options.toMs, plan.durationMs);
  if (!(to > from)) return [];
  const out: { t: number; event: TelemetryEvent }[] = [];
  const firstMinute = Math.floor((from - plan.maxLabelDelayMs) / MINUTE);
  const startMinute = Math.max(firstMinute, Math.floor(-plan.warmupMs / MINUTE));
  for (let minute = startMinute; minute * MINUTE < to; minute++) {
    for (const item of generateMinute(scenario, plan, minute, options)) {
      if (item.t >= from && item.t < to && item.t >= -plan.warmupMs) out.push(item);
    }
  }
  out.sort((a, b) => a.t - b.t);
  return out.map((item) => item.event);
}

interface Plan {
  warmupMs: number;
  durationMs: number;
  onsetMs: number;
  rampMs: number;
  labelDelayMs: number;
  maxLabelDelayMs: number;
  segmentShare: number;
}

function planOf(scenario: Scenario): Plan {
  const { telemetry } = scenario;
  const labelDelayMs = telemetry.baseline.labels ? durationMs(telemetry.baseline.labels.delay) : 0;
  const segment = telemetry.failure.segment ?? {};
  let segmentShare = 1;
  for (const [key, value] of Object.entries(segment)) {
    const shares = telemetry.baseline.segments?.[key] ?? {};
    segmentShare *= (shares[value] ?? 0) / sum(shares);
  }
  return {
    warmupMs: durationMs(telemetry.warmup),
    durationMs: durationMs(telemetry.duration),
    onsetMs: durationMs(telemetry.onset),
    rampMs: telemetry.failure.ramp ? durationMs(telemetry.failure.ramp) : 0,
    labelDelayMs,
    maxLabelDelayMs: labelDelayMs * 1.5,
    segmentShare,
  };
}

/** The failure's strength at scenario time t: 0 before the onset, up to 1 along a ramp. */
function strength(plan: Plan, shape: 'abrupt' | 'ramp', t: number): number {
  if (t < plan.onsetMs) return 0;
  if (shape === 'abrupt' || plan.rampMs === 0) return 1;
  return Math.min(1, (t - plan.onsetMs) / plan.rampMs);
}

/** The day's shape at an epoch moment: −1…1, peaking at 15:00 UTC. */
const daily = (epochMs: number) => Math.sin((2 * Math.PI * ((epochMs % (24 * HOUR)) / HOUR - 9)) / 24);

function seedOf(seed: number, minute: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(minute, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

function generateMinute(
  scenario: Scenario,
  plan: Plan,
  minute: number,
  options: GenerateOptions,
): { t: number; event: TelemetryEvent }[] {
  const random = mulberry32(seedOf(options.seed, minute));
  const { rate, failure } = scenario.telemetry;
  const start = minute * MINUTE;
  const mid = start + MINUTE / 2;
  const s = strength(plan, failure.shape, mid);
  const cycle = daily(options.originMs + mid);
  const factor = failure.changes.trafficFactor ?? 1;
  let mean = rate * (1 + TRAFFIC_SWING * cycle);
  let surge = 0;
  if (factor > 1 && s > 0) {
    if (failure.segment) surge = mean * plan.segmentShare * (factor - 1) * s;
    else mean *= 1 + (factor - 1) * s;
  }
  const count = poissonDraw(random, mean);
  const extra = poissonDraw(random, surge);
  const items: { t: number; event: TelemetryEvent }[] = [];
  for (let i = 0; i < count + extra; i++) {
    const t = start + Math.floor(random() * MINUTE);
    const id = `${scenario.id}-${options.seed}-${minute}-${i}`;
    items.push(
      ...generateEvent(scenario, plan, { t, id, forced: i >= count, cycle, random, originMs: options.originMs }),
    );
  }
  return items;
}

interface EventContext {
  t: number;
  id: string;
  /** Part of a traffic surge: carries the failure's segment. */
  forced: boolean;
  cycle: number;
  random: () => number;
  originMs: number;
}

function generateEvent(scenario: Scenario, plan: Plan, c: EventContext): { t: number; event: TelemetryEvent }[] {
  const { system, telemetry } = scenario;
  const { baseline, failure } = telemetry;
  const { changes } = failure;
  const { random, t } = c;
  const segment: Record<string, string> = {};
  for (const [key, shares] of Object.entries(baseline.segments ?? {})) segment[key] = pick(random, shares);
  if (c.forced) Object.assign(segment, failure.segment);
  const s = strength(plan, failure.shape, t);
  const inSegment = Object.entries(failure.segment ?? {}).every(([key, value]) => segment[key] === value);
  const e = inSegment ? s : 0;
  const towards = (base: number, target: number | undefined) =>
    target === undefined ? base : base + e * (target - base);
  const event: TelemetryEvent = { system, ts: new Date(c.originMs + t).toISOString(), id: c.id, kind: baseline.kind };
  const versions = { ...baseline.versions, ...(s > 0 ? changes.versions : undefined) };
  if (versions.model) event.model = versions.model;
  if (versions.prompt) event.prompt = versions.prompt;
  if (versions.policy) event.policy = versions.policy;
  if (Object.keys(segment).length > 0) event.segment = segment;
  if (baseline.features) event.features = features(baseline.features, changes.features, e, random);
  if (baseline.classes) {
    const changed = changes.classes;
    event.prediction = pick(random, changed && random() < e ? changed : baseline.classes);
  }
  if (baseline.confidence) {
    const { mean, sd } = baseline.confidence;
    const value = mean + e * (changes.confidenceShift ?? 0) + sd * gaussian(random);
    event.confidence = round(Math.min(0.99, Math.max(0.01, value)), 3);
  }
  const latencyFactor = towards(1, changes.latencyFactor);
  const { median, sigma } = baseline.latency;
  event.latency_ms = Math.round(
    median * latencyFactor * (1 + LATENCY_SWING * c.cycle) * Math.exp(sigma * gaussian(random)),
  );
  if (baseline.flags) {
    const flags: Record<string, boolean> = {};
    for (const [flag, rate] of Object.entries(baseline.flags))
      flags[flag] = random() < towards(rate, changes.flags?.[flag]);
    event.flags = flags;
  }
  if (baseline.errorRate !== undefined) event.error = random() < towards(baseline.errorRate, changes.errorRate);
  if (baseline.feedback && random() < baseline.feedback.rate)
    event.feedback = random() < towards(baseline.feedback.negative, changes.negativeFeedback) ? -1 : 1;
  const out = [{ t, event }];
  const { labels, classes } = baseline;
  if (labels && classes && event.prediction !== undefined && random() < labels.share) {
    const wrong = random() < towards(labels.errorRate, changes.labelErrorRate);
    const others = Object.fromEntries(Object.entries(classes).filter(([name]) => name !== event.prediction));
    const label = wrong && Object.keys(others).length > 0 ? pick(random, others) : String(event.prediction);
    const at = t + Math.round(plan.labelDelayMs * (0.5 + random()));
    out.push({ t: at, event: { system, ts: new Date(c.originMs + at).toISOString(), id: c.id, kind: 'label', label } });
  }
  return out;
}

function features(
  specs: Record<string, FeatureSpec>,
  changes:
    | Record<
        string,
        { shift?: number | undefined; scale?: number | undefined; values?: Record<string, number> | undefined }
      >
    | undefined,
  e: number,
  random: () => number,
): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const change = changes?.[name];
    if ('values' in spec) {
      out[name] = pick(random, change?.values && random() < e ? change.values : spec.values);
      continue;
    }
    const scale = 1 + e * ((change?.scale ?? 1) - 1);
    const value = spec.mean + e * (change?.shift ?? 0) + spec.sd * scale * gaussian(random);
    out[name] = round(Math.max(spec.min ?? Number.NEGATIVE_INFINITY, value), spec.decimals ?? 2);
  }
  return out;
}

function sum(shares: Record<string, number>): number {
  let total = 0;
  for (const share of Object.values(shares)) total += share;
  return total;
}

/** One value, drawn with probability proportional to its share. */
function pick(random: () => number, shares: Record<string, number>): string {
  let u = random() * sum(shares);
  let last = '';
  for (const [value, share] of Object.entries(shares)) {
    last = value;
    u -= share;
    if (u < 0) return value;
  }
  return last;
}

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/**
 * The signals a scenario's failure moves (`flag:pii`, `confidence`, `feature:amount`,
 * `selection:age_band`…), as default monitors name them: an alert on one of them is the
 * failure found.
 */
export function failureSignals(scenario: Scenario): string[] {
  const { baseline, failure } = scenario.telemetry;
  const { changes } = failure;
  const signals = new Set<string>();
  for (const flag of Object.keys(changes.flags ?? {})) signals.add(`flag:${flag}`);
  for (const feature of Object.keys(changes.features ?? {})) signals.add(`feature:${feature}`);
  if (changes.confidenceShift !== undefined) signals.add('confidence');
  if (changes.latencyFactor !== undefined) signals.add('latency_ms');
  if (changes.errorRate !== undefined) signals.add('error');
  if (changes.negativeFeedback !== undefined) signals.add('feedback:negative');
  if (changes.labelErrorRate !== undefined) signals.add('error_rate');
  if (changes.classes !== undefined) {
    signals.add('prediction');
    for (const key of Object.keys(baseline.segments ?? {})) signals.add(`selection:${key}`);
  }
  return [...signals];
}
