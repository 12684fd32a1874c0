/**
 * A seeded generator of production telemetry for several AI systems at once (issue 10): a clean
 * week that follows the day and the week, with benign deploys, campaign surges, late labels and
 * noisy harm-flag classifiers, then days with failures injected at known times. Writes
 * DIR/telemetry.ndjson (sorted by ts, every line a contract TelemetryEvent) and DIR/manifest.json
 * (the ground truth, bench/production/model.ts). The same seed, days and scale give the same bytes.
 *
 * Run: npx tsx bench/production/generate.ts --seed 1 --out DIR [--days 10] [--scale 1]
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gaussian, mulberry32 } from '@firebreak/detection';
import { AFTERMATH_MS, DEADLINE_MINUTES, type Failure, type FailureShape, type Interval, type Manifest } from './model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** A Monday, so the clean week runs Monday to Sunday and the failures fall on weekdays. */
export const START = Date.parse('2026-11-02T00:00:00Z');
/** Days of failures after the clean ones (fewer when `days` is short). */
const FAILURE_DAYS = 3;
/** Fraud labels arrive at most this late: a label-only failure's labels keep coming for this long. */
const LONGEST_LABEL_DELAY_MS = 6 * HOUR;

export const SYSTEMS = ['fraud-risk', 'support-copilot', 'rag-search', 'hiring-screen'] as const;
type SystemName = (typeof SYSTEMS)[number];

export interface GenerateOptions {
  seed: number;
  /** Whole days; the last min(3, days − 1) carry the failures. */
  days: number;
  /** Multiplies event volume (metric series stay one point a minute). */
  scale: number;
}

type Random = () => number;
type Event = Record<string, unknown>;
type Emit = (ms: number, event: Event) => void;

const iso = (ms: number) => new Date(ms).toISOString();
const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** 0.2 of peak at the trough, 1 at `peakHour` (UTC): the daily cycle of traffic. */
function daily(ms: number, peakHour: number): number {
  const hour = (ms % DAY) / HOUR;
  return 0.6 + 0.4 * Math.cos((2 * Math.PI * (hour - peakHour)) / 24);
}

/** `weekend` on Saturday and Sunday, 1 otherwise. */
function weekly(ms: number, weekend: number): number {
  const dow = new Date(ms).getUTCDay();
  return dow === 0 || dow === 6 ? weekend : 1;
}

function poisson(random: Random, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(random)));
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

/** A categorical draw; weights need not sum to 1. */
function pick<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let u = random() * total;
  for (const [item, w] of items) {
    u -= w;
    if (u < 0) return item;
  }
  return items[items.length - 1]![0];
}

/** Zipf-like weights for a long tail of small tenants sharing `share` of the traffic. */
function tail(prefix: string, n: number, share: number): Array<[string, number]> {
  const raw = Array.from({ length: n }, (_, i) => 1 / (i + 1));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((w, i) => [`${prefix}${String(i + 1).padStart(2, '0')}`, (share * w) / sum]);
}

/** A failure as planned: day is counted from the first failure day. */
interface FailurePlan {
  id: string;
  system: SystemName;
  kind: string;
  day: number;
  hour: number;
  minutes: number;
  shape: FailureShape;
  /** For a ramp: minutes from onset to full strength. */
  rampMinutes?: number;
  segment?: Record<string, string>;
  signals: string[];
  story: string;
  /** A deploy that causes it (new version at onset, rolled back at end). */
  deploy?: { field: 'model' | 'prompt' | 'policy'; version: string };
}

const PLANS: FailurePlan[] = [
  {
    id: 'F01-hallucination-prompt',
    system: 'support-copilot',
    kind: 'hallucination rate up after a bad prompt deploy',
    day: 0,
    hour: 10,
    minutes: 120,
    shape: 'abrupt',
    signals: ['flag:hallucination_suspected', 'feedback:negative'],
    story:
      'prompt support-p42 drops the grounding instruction: hallucination_suspected ~3% → ~9%; rolled back after 2 h',
    deploy: { field: 'prompt', version: 'support-p42' },
  },
  {
    id: 'F02-fairness-group-c',
    system: 'hiring-screen',
    kind: 'selection rate of one group drops after a data refresh',
    day: 0,
    hour: 11,
    minutes: 240,
    shape: 'abrupt',
    segment: { group: 'C' },
    signals: ['selection:group'],
    story: 'a feature refresh mis-encodes group C: its advance rate falls from ~24% to ~13%; rolled back after 4 h',
    deploy: { field: 'model', version: 'screen-xgb-2026.11.09' },
  },
  {
    id: 'F03-pii-leak-globex',
    system: 'rag-search',
    kind: 'PII leak in one tenant via prompt injection',
    day: 0,
    hour: 15,
    minutes: 60,
    shape: 'abrupt',
    segment: { tenant: 'globex' },
    signals: ['flag:pii', 'flag:injection_suspected'],
    story: "an injected document makes answers quote customer records in tenant globex: pii in 3% of globex's answers",
  },
  {
    id: 'F04-retrieval-hit-rate-drop',
    system: 'rag-search',
    kind: 'retrieval hit rate abrupt drop',
    day: 0,
    hour: 19,
    minutes: 90,
    shape: 'abrupt',
    signals: ['metric:retrieval_hit_rate', 'flag:ungrounded'],
    story: 'a shard of the vector index goes stale: retrieval_hit_rate 0.83 → 0.72, ungrounded answers up a little',
  },
  {
    id: 'F05-feedback-de',
    system: 'rag-search',
    kind: 'negative feedback up in one language (retrieval degraded for de)',
    day: 1,
    hour: 13,
    minutes: 180,
    shape: 'abrupt',
    segment: { language: 'de' },
    signals: ['feedback:negative', 'flag:ungrounded'],
    story: 'a tokenizer change breaks German compound splitting in retrieval: negative feedback in de ~17% → ~43%',
  },
  {
    id: 'F06-refusal-model-upgrade',
    system: 'support-copilot',
    kind: 'refusal regression after a model upgrade',
    day: 1,
    hour: 14,
    minutes: 180,
    shape: 'abrupt',
    signals: ['flag:refusal', 'feedback:negative'],
    story: 'model copilot-llm-2026.11 over-refuses: refusal ~2% → ~6%; rolled back after 3 h',
    deploy: { field: 'model', version: 'copilot-llm-2026.11' },
  },
  {
    id: 'F07-confidence-apac',
    system: 'fraud-risk',
    kind: 'confidence collapse in one region',
    day: 1,
    hour: 10,
    minutes: 120,
    shape: 'abrupt',
    segment: { region: 'apac' },
    signals: ['confidence'],
    story: 'a currency feed for apac goes stale: confidence there 0.85 → 0.70, decisions unchanged',
  },
  {
    id: 'F08-gpu-memory-leak',
    system: 'support-copilot',
    kind: 'GPU memory leak (gradual ramp)',
    day: 2,
    hour: 8,
    minutes: 120,
    shape: 'gradual',
    rampMinutes: 120,
    signals: ['metric:gpu_memory_gb'],
    story: 'a KV-cache leak: gpu_memory_gb climbs +16 GB over 2 h until the pods restart',
  },
  {
    id: 'F09-fraud-label-shift',
    system: 'fraud-risk',
    kind: 'fraud data shift visible only through delayed labels',
    day: 2,
    hour: 10,
    minutes: 240,
    shape: 'label-only',
    signals: ['error_rate'],
    story: 'a new fraud pattern the model misses: error rate 6% → 13%, features and predictions unchanged',
  },
  {
    id: 'F10-latency-ramp',
    system: 'rag-search',
    kind: 'latency degradation (gradual ramp)',
    day: 2,
    hour: 13,
    minutes: 180,
    shape: 'gradual',
    rampMinutes: 120,
    signals: ['latency_ms'],
    story: 'the reranker cache thrashes: latency climbs to 2.2× over 2 h, holds 1 h, then recovers',
  },
  {
    id: 'F11-toxicity-umbrella',
    system: 'support-copilot',
    kind: 'toxicity up in one tenant',
    day: 2,
    hour: 14,
    minutes: 120,
    shape: 'abrupt',
    segment: { tenant: 'umbrella' },
    signals: ['flag:toxicity'],
    story: "a jailbreak prompt circulates among umbrella's users: toxicity there ~1% → ~4%",
  },
];

/** Benign campaign surges (×3 for 2 h), by day from the start; dropped when they touch a failure. */
const SURGES: Array<{ system: SystemName; day: number; hour: number }> = [
  { system: 'support-copilot', day: 2, hour: 13 },
  { system: 'hiring-screen', day: 3, hour: 9 },
  { system: 'rag-search', day: 4, hour: 10 },
  { system: 'fraud-risk', day: 5, hour: 17 },
  { system: 'fraud-risk', day: 7, hour: 12 },
  { system: 'support-copilot', day: 8, hour: 8 },
  { system: 'hiring-screen', day: 9, hour: 10 },
];

interface Planned {
  failures: Array<Failure & { plan: FailurePlan; onsetMs: number; endMs: number; untilMs: number }>;
  cleanDays: number;
  endMs: number;
}

function plan(options: GenerateOptions): Planned {
  const failureDays = Math.min(FAILURE_DAYS, Math.max(0, options.days - 1));
  const cleanDays = options.days - failureDays;
  const failures = PLANS.filter((p) => p.day < failureDays).map((p) => {
    const onsetMs = START + (cleanDays + p.day) * DAY + p.hour * HOUR;
    const endMs = onsetMs + p.minutes * MINUTE;
    const untilMs = endMs + AFTERMATH_MS + (p.shape === 'label-only' ? LONGEST_LABEL_DELAY_MS : 0);
    const failure: Failure = {
      id: p.id,
      system: p.system,
      kind: p.kind,
      onset: iso(onsetMs),
      end: iso(endMs),
      shape: p.shape,
      deadlineMinutes: DEADLINE_MINUTES[p.shape],
      ...(p.segment ? { segment: p.segment } : {}),
      signals: p.signals,
      attributedUntil: iso(untilMs),
      story: p.story,
    };
    return { ...failure, plan: p, onsetMs, endMs, untilMs };
  });
  return { failures, cleanDays, endMs: START + options.days * DAY };
}

/** True when [from, to) overlaps a failure span of `system`, with `margin` before its onset. */
function nearFailure(planned: Planned, system: string, from: number, to: number, margin: number): boolean {
  return planned.failures.some((f) => f.system === system && from < f.untilMs && to > f.onsetMs - margin);
}

interface Deploy {
  system: SystemName;
  ms: number;
  field: 'model' | 'prompt' | 'policy';
  version: string;
  note: string;
  latency: number;
  confidence: number;
  decision: number;
}

const FIELDS: Record<SystemName, Array<'model' | 'prompt' | 'policy'>> = {
  'fraud-risk': ['model', 'policy'],
  'support-copilot': ['model', 'prompt', 'policy'],
  'rag-search': ['prompt', 'model', 'policy'],
  'hiring-screen': ['model', 'policy'],
};

/** Two benign deploys a day across the systems, plus each failure's bad deploy and its rollback. */
function deploys(options: GenerateOptions, planned: Planned): Deploy[] {
  const random = mulberry32(options.seed * 7919 + 17);
  const list: Deploy[] = [];
  const counters = new Map<string, number>();
  const nextVersion = (system: string, field: string) => {
    const key = `${system}:${field}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${system.split('-')[0]}-${field}-r${n}`;
  };
  for (let day = 0; day < options.days; day++) {
    const slots: Array<[SystemName, number]> = [
      [SYSTEMS[day % 4]!, 10 * 60 + ((day * 3) % 5) * 60 + 17],
      [SYSTEMS[(day + 2) % 4]!, 16 * 60 + (day % 3) * 60 + 41],
    ];
    for (const [system, minuteOfDay] of slots) {
      const ms = START + day * DAY + minuteOfDay * MINUTE;
      const fields = FIELDS[system];
      const field = fields[day % fields.length]!;
      const latency = 0.9 + 0.2 * random();
      const confidence = -0.02 + 0.04 * random();
      const decision = -0.01 + 0.02 * random();
      if (nearFailure(planned, system, ms, ms + HOUR, 2 * HOUR)) continue;
      const note = `benign: latency ×${latency.toFixed(2)}, confidence ${confidence >= 0 ? '+' : ''}${confidence.toFixed(3)}`;
      list.push({ system, ms, field, version: nextVersion(system, field), note, latency, confidence, decision });
    }
  }
  for (const f of planned.failures) {
    const d = f.plan.deploy;
    if (!d) continue;
    const base = { system: f.plan.system, field: d.field, latency: 1, confidence: 0, decision: 0 };
    list.push({ ...base, ms: f.onsetMs, version: d.version, note: `bad: causes ${f.id}` });
    list.push({ ...base, ms: f.endMs, version: '(rollback)', note: `rollback of ${f.id}` });
  }
  return list.sort((a, b) => a.ms - b.ms);
}

/** What a system's events carry now: versions, and the small shifts benign deploys left behind. */
class Release {
  versions: Record<'model' | 'prompt' | 'policy', string>;
  private previous: Partial<Record<'model' | 'prompt' | 'policy', string>> = {};
  latency = 1;
  confidence = 0;
  decision = 0;
  private next = 0;
  constructor(
    initial: Record<'model' | 'prompt' | 'policy', string>,
    private readonly list: Deploy[],
  ) {
    this.versions = { ...initial };
  }
  advance(ms: number): void {
    while (this.next < this.list.length && this.list[this.next]!.ms <= ms) {
      const d = this.list[this.next++]!;
      if (d.version === '(rollback)') {
        this.versions[d.field] = this.previous[d.field] ?? this.versions[d.field];
        continue;
      }
      this.previous[d.field] = this.versions[d.field];
      this.versions[d.field] = d.version;
      this.latency *= d.latency;
      this.confidence += d.confidence;
      this.decision += d.decision;
    }
  }
}

/** One system's behaviour: the events of one minute starting at `t`. */
interface Sim {
  minute(t: number, emit: Emit): void;
}

interface SimContext {
  random: Random;
  scale: number;
  release: Release;
  /** Strength of failure `id` at `ms`: 0 outside it, 1 at full strength, a fraction on a ramp. */
  failing(id: string, ms: number): number;
  surge(ms: number): number;
}

/** Slowly wandering, over-dispersed multipliers (log-AR(1) per 15-minute block), one per key. */
class Wander {
  private values = new Map<string, number>();
  private block = -1;
  constructor(
    private readonly random: Random,
    private readonly keys: readonly string[],
    private readonly sd: number,
  ) {}
  at(ms: number, key: string): number {
    const block = Math.floor(ms / (15 * MINUTE));
    if (block !== this.block) {
      this.block = block;
      for (const k of this.keys) {
        const last = this.values.get(k) ?? 0;
        this.values.set(k, 0.8 * last + 0.6 * this.sd * gaussian(this.random));
      }
    }
    const x = this.values.get(key) ?? 0;
    return Math.exp(x - (this.sd * this.sd) / 2);
  }
}

function fraudRisk(ctx: SimContext): Sim {
  const { random } = ctx;
  const regions: Array<[string, number, number]> = [
    ['na', 0.45, 19],
    ['eu', 0.3, 13],
    ['latam', 0.15, 20],
    ['apac', 0.1, 4],
  ];
  const countries: Record<string, Array<[string, number]>> = {
    na: [
      ['US', 0.85],
      ['CA', 0.15],
    ],
    eu: [
      ['DE', 0.3],
      ['GB', 0.3],
      ['FR', 0.25],
      ['NL', 0.15],
    ],
    latam: [
      ['BR', 0.6],
      ['MX', 0.4],
    ],
    apac: [
      ['JP', 0.4],
      ['AU', 0.3],
      ['SG', 0.3],
    ],
  };
  const channels: Array<[string, number]> = [
    ['web', 0.55],
    ['app', 0.35],
    ['pos', 0.1],
  ];
  const others: Record<string, string[]> = {
    approve: ['decline', 'review'],
    decline: ['approve', 'review'],
    review: ['approve', 'decline'],
  };
  let n = 0;
  return {
    minute(t, emit) {
      const load = daily(t, 16) * weekly(t, 0.75);
      const count = poisson(random, 50 * ctx.scale * load * ctx.surge(t));
      const hour = (t % DAY) / HOUR;
      const regionMix = regions.map(
        ([r, w, peak]) => [r, w * (1 + 0.5 * Math.cos((2 * Math.PI * (hour - peak)) / 24))] as const,
      );
      for (let i = 0; i < count; i++) {
        const ms = t + Math.floor(random() * MINUTE);
        const region = pick(random, regionMix);
        const channel = pick(random, channels);
        const country = pick(random, countries[region]!);
        const amount = round(Math.exp(3.8 + (channel === 'pos' ? -0.5 : 0) + 1.1 * gaussian(random)), 2);
        const accountAge = Math.round(Math.exp(5 + 1.2 * gaussian(random)));
        const decline = 0.05 * (amount > 400 ? 2.2 : 1) * (accountAge < 30 ? 1.8 : 1) + ctx.release.decision;
        const u = random();
        const prediction = u < decline ? 'decline' : u < decline + 0.07 ? 'review' : 'approve';
        const mean = prediction === 'approve' ? 0.88 : prediction === 'decline' ? 0.82 : 0.62;
        let confidence = mean + ctx.release.confidence + 0.06 * gaussian(random);
        if (region === 'apac') confidence -= ctx.failing('F07-confidence-apac', ms) * (0.15 + 0.05 * gaussian(random));
        const id = `fr-${(++n).toString(36)}`;
        emit(ms, {
          system: 'fraud-risk',
          ts: iso(ms),
          id,
          kind: 'prediction',
          model: ctx.release.versions.model,
          policy: ctx.release.versions.policy,
          segment: { region, channel },
          features: { amount, country, account_age_days: accountAge },
          prediction,
          confidence: round(clip(confidence, 0.3, 0.999), 4),
          latency_ms: round(45 * (0.85 + 0.3 * load) * ctx.release.latency * Math.exp(0.35 * gaussian(random)), 1),
        });
        if (random() < 0.4) {
          const delay = random() < 0.6 ? (30 + 30 * random()) * MINUTE : (120 + 240 * random()) * MINUTE;
          const error = 0.06 + 0.07 * ctx.failing('F09-fraud-label-shift', ms);
          const label = random() < error ? others[prediction]![Math.floor(random() * 2)]! : prediction;
          const at = ms + Math.round(delay);
          emit(at, { system: 'fraud-risk', ts: iso(at), id, kind: 'label', label });
        }
      }
    },
  };
}

/** The GPU, request and token series an LLM system reports once a minute. */
function infraMetrics(
  system: string,
  random: Random,
  t: number,
  requests: number,
  gpu: { base: number; swing: number; extra: number },
  load: number,
): Event[] {
  const at = iso(t + 59_000);
  return [
    {
      system,
      ts: at,
      kind: 'metric',
      metric: 'gpu_memory_gb',
      value: round(clip(gpu.base + gpu.swing * load + gpu.extra + 0.7 * gaussian(random), 0, 80), 2),
    },
    { system, ts: at, kind: 'metric', metric: 'requests_per_min', value: requests },
    {
      system,
      ts: at,
      kind: 'metric',
      metric: 'tokens_per_s',
      value: round(Math.max(0, ((requests * 380) / 60) * (1 + 0.08 * gaussian(random))), 1),
    },
  ];
}

function supportCopilot(ctx: SimContext): Sim {
  const { random } = ctx;
  const tenants: Array<[string, number, number, number]> = [
    ['acme', 0.3, 17, 0.8],
    ['globex', 0.2, 11, 1.2],
    ['initech', 0.12, 3, 1],
    ['umbrella', 0.1, 14, 1.5],
    ...tail('t', 40, 0.28).map(
      ([name, w], i) => [name, w, 15, 0.8 + (i % 5) * 0.1] as [string, number, number, number],
    ),
  ];
  const flagRisk = new Map(tenants.map(([name, , , risk]) => [name, risk]));
  const languages: Array<[string, number]> = [
    ['en', 0.6],
    ['de', 0.12],
    ['fr', 0.1],
    ['es', 0.1],
    ['ja', 0.08],
  ];
  const flags = ['hallucination_suspected', 'refusal', 'policy_violation', 'toxicity'] as const;
  const base = { hallucination_suspected: 0.03, refusal: 0.02, policy_violation: 0.005, toxicity: 0.008 };
  const wander = new Wander(
    random,
    tenants.flatMap(([name]) => flags.map((f) => `${name}:${f}`)),
    0.35,
  );
  let n = 0;
  return {
    minute(t, emit) {
      const load = daily(t, 15) * weekly(t, 0.55);
      const hour = (t % DAY) / HOUR;
      const mix = tenants.map(
        ([name, w, peak]) => [name, w * (1 + 0.6 * Math.cos((2 * Math.PI * (hour - peak)) / 24))] as const,
      );
      const dayWander = 1 + 0.25 * Math.sin((2 * Math.PI * (hour - 9)) / 24);
      const count = poisson(random, 45 * ctx.scale * load * ctx.surge(t));
      for (let i = 0; i < count; i++) {
        const ms = t + Math.floor(random() * MINUTE);
        const tenant = pick(random, mix);
        const language = tenant === 'initech' && random() < 0.6 ? 'ja' : pick(random, languages);
        const risk = flagRisk.get(tenant)! * dayWander;
        const rates: Record<string, number> = {
          hallucination_suspected: base.hallucination_suspected + 0.04 * ctx.failing('F01-hallucination-prompt', ms),
          refusal: base.refusal + 0.025 * ctx.failing('F06-refusal-model-upgrade', ms),
          policy_violation: base.policy_violation,
          toxicity: base.toxicity + (tenant === 'umbrella' ? 0.024 * ctx.failing('F11-toxicity-umbrella', ms) : 0),
        };
        const flagged: Record<string, boolean> = {};
        for (const f of flags) flagged[f] = random() < clip(rates[f]! * risk * wander.at(ms, `${tenant}:${f}`), 0, 1);
        const event: Event = {
          system: 'support-copilot',
          ts: iso(ms),
          id: `sc-${(++n).toString(36)}`,
          kind: 'generation',
          model: ctx.release.versions.model,
          prompt: ctx.release.versions.prompt,
          policy: ctx.release.versions.policy,
          segment: { tenant, language },
          confidence: round(
            clip(0.82 - 0.05 * load + ctx.release.confidence + 0.07 * gaussian(random), 0.05, 0.999),
            4,
          ),
          latency_ms: round(1800 * (0.75 + 0.5 * load) * ctx.release.latency * Math.exp(0.4 * gaussian(random)), 0),
          flags: flagged,
        };
        if (random() < 0.15) {
          const negative = 0.08 + (flagged.hallucination_suspected ? 0.4 : 0) + (flagged.refusal ? 0.3 : 0);
          const u = random();
          event.feedback = u < negative ? -1 : u < negative + 0.3 ? 0 : 1;
        }
        emit(ms, event);
      }
      const leak = 16 * ctx.failing('F08-gpu-memory-leak', t);
      for (const m of infraMetrics(
        'support-copilot',
        random,
        t,
        count,
        { base: 44, swing: 16 * weekly(t, 0.7), extra: leak },
        daily(t, 15),
      ))
        emit(t + 59_000, m);
    },
  };
}

function ragSearch(ctx: SimContext): Sim {
  const { random } = ctx;
  const tenants: Array<[string, number, number]> = [
    ['hooli', 0.35, 16],
    ['globex', 0.12, 12],
    ['wonka', 0.15, 14],
    ['stark', 0.1, 18],
    ...tail('r', 30, 0.28).map(([name, w]) => [name, w, 14] as [string, number, number]),
  ];
  const languages: Array<[string, number]> = [
    ['en', 0.55],
    ['de', 0.14],
    ['fr', 0.11],
    ['es', 0.1],
    ['pt', 0.1],
  ];
  const wander = new Wander(
    random,
    tenants.flatMap(([name]) => [`${name}:ungrounded`, `${name}:injection`]),
    0.3,
  );
  let hitNoise = 0;
  let n = 0;
  return {
    minute(t, emit) {
      const load = daily(t, 14) * weekly(t, 0.6);
      const hour = (t % DAY) / HOUR;
      const mix = tenants.map(
        ([name, w, peak]) => [name, w * (1 + 0.5 * Math.cos((2 * Math.PI * (hour - peak)) / 24))] as const,
      );
      const count = poisson(random, 35 * ctx.scale * load * ctx.surge(t));
      const slow = 1 + 1.2 * ctx.failing('F10-latency-ramp', t);
      const stale = ctx.failing('F04-retrieval-hit-rate-drop', t);
      for (let i = 0; i < count; i++) {
        const ms = t + Math.floor(random() * MINUTE);
        const tenant = pick(random, mix);
        const language = pick(random, languages);
        const german = language === 'de' ? ctx.failing('F05-feedback-de', ms) : 0;
        const leak = tenant === 'globex' ? ctx.failing('F03-pii-leak-globex', ms) : 0;
        const ungrounded = (0.05 + 0.03 * stale + 0.07 * german) * wander.at(ms, `${tenant}:ungrounded`);
        const flags = {
          ungrounded: random() < ungrounded,
          pii: leak > 0 && random() < 0.03,
          secret: false,
          injection_suspected: random() < (0.003 + 0.05 * leak) * wander.at(ms, `${tenant}:injection`),
        };
        const event: Event = {
          system: 'rag-search',
          ts: iso(ms),
          id: `rs-${(++n).toString(36)}`,
          kind: 'generation',
          model: ctx.release.versions.model,
          prompt: ctx.release.versions.prompt,
          policy: ctx.release.versions.policy,
          segment: { tenant, language },
          confidence: round(
            clip(0.74 + ctx.release.confidence - 0.1 * stale + 0.08 * gaussian(random), 0.05, 0.999),
            4,
          ),
          latency_ms: round(
            2400 * (0.8 + 0.4 * load) * ctx.release.latency * slow * Math.exp(0.35 * gaussian(random)),
            0,
          ),
          flags,
        };
        if (random() < 0.35) {
          const negative = 0.12 + (language === 'de' ? 0.02 : 0) + 0.24 * german + (flags.ungrounded ? 0.2 : 0);
          const u = random();
          event.feedback = u < negative ? -1 : u < negative + 0.3 ? 0 : 1;
        }
        emit(ms, event);
      }
      const at = t + 59_000;
      hitNoise = 0.7 * hitNoise + 0.012 * gaussian(random);
      const sinceReindex = ((t % (6 * HOUR)) / MINUTE) * 0.8;
      emit(at, {
        system: 'rag-search',
        ts: iso(at),
        kind: 'metric',
        metric: 'retrieval_hit_rate',
        value: round(clip(0.85 - 0.03 * load - 0.11 * stale + hitNoise, 0, 1), 4),
      });
      emit(at, {
        system: 'rag-search',
        ts: iso(at),
        kind: 'metric',
        metric: 'index_lag_s',
        value: round(20 + sinceReindex + 10 * Math.abs(gaussian(random)), 1),
      });
      for (const m of infraMetrics('rag-search', random, t, count, { base: 28, swing: 10, extra: 0 }, daily(t, 14)))
        emit(at, m);
    },
  };
}

function hiringScreen(ctx: SimContext): Sim {
  const { random } = ctx;
  const groups: Array<[string, number]> = [
    ['A', 0.45],
    ['B', 0.3],
    ['C', 0.15],
    ['D', 0.1],
  ];
  const sites: Array<[string, number]> = [
    ['us', 0.6],
    ['eu', 0.4],
  ];
  const education: Array<[string, number]> = [
    ['high_school', 0.2],
    ['bachelor', 0.55],
    ['master', 0.2],
    ['phd', 0.05],
  ];
  const roles: Array<[string, number]> = [
    ['engineering', 0.4],
    ['sales', 0.25],
    ['operations', 0.2],
    ['support', 0.15],
  ];
  let n = 0;
  return {
    minute(t, emit) {
      const load = daily(t, 14) * weekly(t, 0.3);
      const count = poisson(random, 40 * ctx.scale * load * ctx.surge(t));
      for (let i = 0; i < count; i++) {
        const ms = t + Math.floor(random() * MINUTE);
        const group = pick(random, groups);
        const site = pick(random, sites);
        const years = Math.round(Math.abs(4 + 3 * gaussian(random)));
        const skills = round(clip(62 + 12 * gaussian(random), 0, 100), 1);
        const margin = (skills - 62) / 12 + (0.1 * (years - 4)) / 3 + 0.5 * gaussian(random) - ctx.release.decision * 5;
        const bar = 0.74 + (group === 'C' ? 0.55 * ctx.failing('F02-fairness-group-c', ms) : 0);
        const prediction = margin > bar ? 'advance' : 'reject';
        const id = `hs-${(++n).toString(36)}`;
        emit(ms, {
          system: 'hiring-screen',
          ts: iso(ms),
          id,
          kind: 'prediction',
          model: ctx.release.versions.model,
          policy: ctx.release.versions.policy,
          segment: { group, site },
          features: {
            years_experience: years,
            skills_score: skills,
            education: pick(random, education),
            role: pick(random, roles),
          },
          prediction,
          confidence: round(clip(0.55 + 0.3 * Math.abs(margin - bar) + ctx.release.confidence, 0.5, 0.999), 4),
          latency_ms: round(30 * ctx.release.latency * Math.exp(0.3 * gaussian(random)), 1),
        });
        if (random() < 0.03) {
          const at = ms + Math.round((12 + 24 * random()) * HOUR);
          const label = random() < 0.85 ? prediction : prediction === 'advance' ? 'reject' : 'advance';
          emit(at, { system: 'hiring-screen', ts: iso(at), id, kind: 'label', label });
        }
      }
    },
  };
}

const BUILDERS: Record<SystemName, (ctx: SimContext) => Sim> = {
  'fraud-risk': fraudRisk,
  'support-copilot': supportCopilot,
  'rag-search': ragSearch,
  'hiring-screen': hiringScreen,
};

const INITIAL: Record<SystemName, Record<'model' | 'prompt' | 'policy', string>> = {
  'fraud-risk': { model: 'fraud-gbm-2026.10.28', prompt: '', policy: 'fraud-policy-12' },
  'support-copilot': { model: 'copilot-llm-2026.10', prompt: 'support-p41', policy: 'copilot-policy-7' },
  'rag-search': { model: 'rag-llm-2026.09', prompt: 'rag-p18', policy: 'rag-policy-3' },
  'hiring-screen': { model: 'screen-xgb-2026.10.01', prompt: '', policy: 'screen-policy-2' },
};

/** The clean time of one system: [start, end) minus every failure's [onset, attributedUntil]. */
function cleanIntervals(planned: Planned, system: string): Interval[] {
  const spans = planned.failures
    .filter((f) => f.system === system)
    .map((f) => [f.onsetMs, Math.min(f.untilMs, planned.endMs)] as const)
    .sort((a, b) => a[0] - b[0]);
  const out: Interval[] = [];
  let from = START;
  for (const [a, b] of spans) {
    if (a > from) out.push({ start: iso(from), end: iso(a) });
    from = Math.max(from, b);
  }
  if (from < planned.endMs) out.push({ start: iso(from), end: iso(planned.endMs) });
  return out;
}

/**
 * Generates the telemetry into `dir` (telemetry.ndjson, manifest.json) and returns the manifest.
 * Minute by minute, every system's events of that minute are sorted by time and written; a
 * label lands in the minute it arrives in.
 */
export function generate(options: GenerateOptions, dir: string): Manifest {
  if (!Number.isInteger(options.days) || options.days < 1)
    throw new Error('--days: a whole number of days, at least 1');
  if (!(options.scale > 0)) throw new Error('--scale: a positive volume multiplier, such as 0.1 or 1');
  if (!Number.isInteger(options.seed)) throw new Error('--seed: a whole number');
  const planned = plan(options);
  const allDeploys = deploys(options, planned);
  const surges = SURGES.filter((s) => s.day < options.days)
    .map((s) => ({ system: s.system, start: START + s.day * DAY + s.hour * HOUR, end: 0 }))
    .map((s) => ({ ...s, end: s.start + 2 * HOUR }))
    .filter((s) => !nearFailure(planned, s.system, s.start, s.end, 2 * HOUR));
  const active = new Map(planned.failures.map((f) => [f.id, f]));
  const sims = SYSTEMS.map((system, index) => {
    const release = new Release(
      INITIAL[system],
      allDeploys.filter((d) => d.system === system),
    );
    const mySurges = surges.filter((s) => s.system === system);
    const ctx: SimContext = {
      random: mulberry32(options.seed * 1_000_003 + index * 7_919 + 1),
      scale: options.scale,
      release,
      failing(id, ms) {
        const f = active.get(id);
        if (!f || ms < f.onsetMs || ms >= f.endMs) return 0;
        const ramp = f.plan.rampMinutes;
        return ramp ? Math.min(1, (ms - f.onsetMs) / (ramp * MINUTE)) : 1;
      },
      surge: (ms) => (mySurges.some((s) => ms >= s.start && ms < s.end) ? 3 : 1),
    };
    return { system, release, sim: BUILDERS[system](ctx) };
  });

  mkdirSync(dir, { recursive: true });
  const fd = openSync(join(dir, 'telemetry.ndjson'), 'w');
  const buckets = new Map<number, Array<{ ms: number; seq: number; line: string }>>();
  const counts: Record<string, Record<string, number>> = Object.fromEntries(SYSTEMS.map((s) => [s, {}]));
  let seq = 0;
  let total = 0;
  const emit: Emit = (ms, event) => {
    if (ms >= planned.endMs) return;
    const minute = Math.floor(ms / MINUTE);
    let bucket = buckets.get(minute);
    if (!bucket) buckets.set(minute, (bucket = []));
    bucket.push({ ms, seq: seq++, line: JSON.stringify(event) });
    const kinds = counts[event.system as string]!;
    kinds[event.kind as string] = (kinds[event.kind as string] ?? 0) + 1;
    total++;
  };
  try {
    for (let t = START; t < planned.endMs; t += MINUTE) {
      for (const { release, sim } of sims) {
        release.advance(t);
        sim.minute(t, emit);
      }
      const minute = t / MINUTE;
      const bucket = buckets.get(minute) ?? [];
      buckets.delete(minute);
      bucket.sort((a, b) => a.ms - b.ms || a.seq - b.seq);
      if (bucket.length > 0) writeSync(fd, `${bucket.map((e) => e.line).join('\n')}\n`);
    }
  } finally {
    closeSync(fd);
  }

  const manifest: Manifest = {
    bench: 'production',
    seed: options.seed,
    scale: options.scale,
    days: options.days,
    cleanDays: planned.cleanDays,
    start: iso(START),
    end: iso(planned.endMs),
    systems: [...SYSTEMS],
    failures: planned.failures.map(({ plan: _plan, onsetMs: _o, endMs: _e, untilMs: _u, ...failure }) => failure),
    clean: Object.fromEntries(SYSTEMS.map((s) => [s, cleanIntervals(planned, s)])),
    deploys: allDeploys.map((d) => ({
      system: d.system,
      at: iso(d.ms),
      field: d.field,
      version: d.version,
      note: d.note,
    })),
    surges: surges.map((s) => ({ system: s.system, start: iso(s.start), end: iso(s.end), factor: 3 })),
    events: counts,
    total,
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      days: { type: 'string', default: '10' },
      scale: { type: 'string', default: '1' },
    },
  });
  if (!values.out) throw new Error('--out: the folder to write telemetry.ndjson and manifest.json into');
  const started = performance.now();
  const manifest = generate(
    { seed: Number(values.seed), days: Number(values.days), scale: Number(values.scale) },
    values.out,
  );
  process.stderr.write(
    `${manifest.total} events, ${manifest.failures.length} failures, written to ${values.out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
