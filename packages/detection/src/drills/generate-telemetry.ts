import { durationMs, type NumericFeature, type Scenario } from '@firebreak/core';
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
  const all: Timed[] = [];
  const firstMinute = Math.floor((from - plan.maxLabelDelayMs) / MINUTE);
  const startMinute = Math.max(firstMinute, Math.floor(-plan.warmupMs / MINUTE));
  for (let minute = startMinute; minute * MINUTE < to; minute++) generateMinute(scenario, plan, minute, options, all);
  const kept = all.filter((item) => item.t >= from && item.t < to);
  kept.sort((a, b) => a.t - b.t);
  return kept.map((item) => item.event);
}

interface Plan {
  warmupMs: number;
  durationMs: number;
  onsetMs: number;
  rampMs: number;
  labelDelayMs: number;
  maxLabelDelayMs: number;
  segmentShare: number;
  /** The scenario's shares and rates, compiled once: the per-event loop does no lookups by name. */
  segments: [string, Draw][];
  failureSegment: [string, string][];
  classes: Draw | undefined;
  changedClasses: Draw | undefined;
  /** For a wrong label: the other classes, per predicted class. */
  otherClasses: Map<string, Draw>;
  flags: { name: string; base: number; target: number }[];
  features: CompiledFeature[];
}

/** Values and their cumulative shares, for drawing one. */
interface Draw {
  values: string[];
  cumulative: number[];
}

type CompiledFeature =
  | { name: string; kind: 'numeric'; spec: NumericFeature; shift: number; scale: number }
  | { name: string; kind: 'categorical'; base: Draw; changed: Draw | undefined };

function drawOf(shares: Record<string, number>): Draw {
  const values: string[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, share] of Object.entries(shares)) {
    if (!(share > 0)) continue;
    total += share;
    values.push(value);
    cumulative.push(total);
  }
  return { values, cumulative: cumulative.map((c) => c / total) };
}

/** One value, drawn with probability proportional to its share. */
function pick(random: () => number, draw: Draw): string {
  const u = random();
  const { values, cumulative } = draw;
  for (let i = 0; i < values.length - 1; i++) if (u < cumulative[i]!) return values[i]!;
  return values[values.length - 1]!;
}

function planOf(scenario: Scenario): Plan {
  const { telemetry } = scenario;
  const { baseline, failure } = telemetry;
  const { changes } = failure;
  const labelDelayMs = baseline.labels ? durationMs(baseline.labels.delay) : 0;
  const segment = failure.segment ?? {};
  let segmentShare = 1;
  for (const [key, value] of Object.entries(segment)) {
    const shares = baseline.segments?.[key] ?? {};
    const total = Object.values(shares).reduce((sum, share) => sum + share, 0);
    segmentShare *= (shares[value] ?? 0) / total;
  }
  const classes = baseline.classes;
  const otherClasses = new Map<string, Draw>();
  for (const name of Object.keys(classes ?? {})) {
    const others = Object.fromEntries(Object.entries(classes ?? {}).filter(([other]) => other !== name));
    if (Object.values(others).some((share) => share > 0)) otherClasses.set(name, drawOf(others));
  }
  return {
    warmupMs: durationMs(telemetry.warmup),
    durationMs: durationMs(telemetry.duration),
    onsetMs: durationMs(telemetry.onset),
    rampMs: failure.ramp ? durationMs(failure.ramp) : 0,
    labelDelayMs,
    maxLabelDelayMs: labelDelayMs * 1.5,
    segmentShare,
    segments: Object.entries(baseline.segments ?? {}).map(([key, shares]) => [key, drawOf(shares)]),
    failureSegment: Object.entries(segment),
    classes: classes ? drawOf(classes) : undefined,
    changedClasses: changes.classes ? drawOf(changes.classes) : undefined,
    otherClasses,
    flags: Object.entries(baseline.flags ?? {}).map(([name, base]) => ({
      name,
      base,
      target: changes.flags?.[name] ?? base,
    })),
    features: Object.entries(baseline.features ?? {}).map(([name, spec]): CompiledFeature => {
      const change = changes.features?.[name];
      if ('values' in spec)
        return {
          name,
          kind: 'categorical',
          base: drawOf(spec.values),
          changed: change?.values ? drawOf(change.values) : undefined,
        };
      return { name, kind: 'numeric', spec, shift: change?.shift ?? 0, scale: change?.scale ?? 1 };
    }),
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

type Timed = { t: number; event: TelemetryEvent };

function generateMinute(scenario: Scenario, plan: Plan, minute: number, options: GenerateOptions, out: Timed[]): void {
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
  for (let i = 0; i < count + extra; i++) {
    const t = start + Math.floor(random() * MINUTE);
    const id = `${scenario.id}-${options.seed}-${minute}-${i}`;
    generateEvent(scenario, plan, { t, id, forced: i >= count, cycle, random, originMs: options.originMs }, out);
  }
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

function generateEvent(scenario: Scenario, plan: Plan, c: EventContext, out: Timed[]): void {
  const { system, telemetry } = scenario;
  const { baseline, failure } = telemetry;
  const { changes } = failure;
  const { random, t } = c;
  const s = strength(plan, failure.shape, t);
  const event: TelemetryEvent = { system, ts: new Date(c.originMs + t).toISOString(), id: c.id, kind: baseline.kind };
  const versions = s > 0 && changes.versions ? { ...baseline.versions, ...changes.versions } : baseline.versions;
  if (versions?.model) event.model = versions.model;
  if (versions?.prompt) event.prompt = versions.prompt;
  if (versions?.policy) event.policy = versions.policy;
  let e = s;
  if (plan.segments.length > 0) {
    const segment: Record<string, string> = {};
    for (const [key, draw] of plan.segments) segment[key] = pick(random, draw);
    if (c.forced) for (const [key, value] of plan.failureSegment) segment[key] = value;
    for (const [key, value] of plan.failureSegment) if (segment[key] !== value) e = 0;
    event.segment = segment;
  }
  const towards = (base: number, target: number | undefined) =>
    target === undefined ? base : base + e * (target - base);
  if (plan.features.length > 0) event.features = features(plan.features, e, random);
  if (plan.classes) {
    const changed = plan.changedClasses;
    event.prediction = pick(random, changed && random() < e ? changed : plan.classes);
  }
  if (baseline.confidence) {
    const { mean, sd } = baseline.confidence;
    const value = mean + e * (changes.confidenceShift ?? 0) + sd * gaussian(random);
    event.confidence = round(Math.min(0.99, Math.max(0.01, value)), 3);
  }
  const { median, sigma } = baseline.latency;
  event.latency_ms = Math.round(
    median * towards(1, changes.latencyFactor) * (1 + LATENCY_SWING * c.cycle) * Math.exp(sigma * gaussian(random)),
  );
  if (plan.flags.length > 0) {
    const flags: Record<string, boolean> = {};
    for (const flag of plan.flags) flags[flag.name] = random() < flag.base + e * (flag.target - flag.base);
    event.flags = flags;
  }
  if (baseline.errorRate !== undefined) event.error = random() < towards(baseline.errorRate, changes.errorRate);
  if (baseline.feedback && random() < baseline.feedback.rate)
    event.feedback = random() < towards(baseline.feedback.negative, changes.negativeFeedback) ? -1 : 1;
  out.push({ t, event });
  const { labels } = baseline;
  if (labels && typeof event.prediction === 'string' && random() < labels.share) {
    const wrong = random() < towards(labels.errorRate, changes.labelErrorRate);
    const others = plan.otherClasses.get(event.prediction);
    const label = wrong && others ? pick(random, others) : event.prediction;
    const at = t + Math.round(plan.labelDelayMs * (0.5 + random()));
    out.push({ t: at, event: { system, ts: new Date(c.originMs + at).toISOString(), id: c.id, kind: 'label', label } });
  }
}

function features(
  compiled: readonly CompiledFeature[],
  e: number,
  random: () => number,
): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const feature of compiled) {
    if (feature.kind === 'categorical') {
      out[feature.name] = pick(random, feature.changed && random() < e ? feature.changed : feature.base);
      continue;
    }
    const { spec } = feature;
    const scale = 1 + e * (feature.scale - 1);
    const value = spec.mean + e * feature.shift + spec.sd * scale * gaussian(random);
    out[feature.name] = round(Math.max(spec.min ?? Number.NEGATIVE_INFINITY, value), spec.decimals ?? 2);
  }
  return out;
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
