/**
 * Seeded traffic of a few AI systems for the canary benchmark (bench/canary-analysis.ts): per
 * minute, requests split by segment and between the baseline and the candidate, and flags per
 * harm signal at rates that wander (a daily swing and a slow random walk) for both versions alike.
 */
import { binomialDraw, gaussian, poissonDraw } from '@firebreak/detection';

export interface SegmentValue {
  value: string;
  /** Share of the system's traffic. */
  share: number;
  /** This value's rate of a signal relative to the system's (default 1). */
  multipliers?: Readonly<Record<string, number>>;
}

export interface AiSystem {
  name: string;
  /** Mean requests per minute; the day swings it by ±60%. */
  requestsPerMinute: number;
  /** Base rate of each harm signal. */
  signals: Readonly<Record<string, number>>;
  segmentKey: string;
  segments: readonly SegmentValue[];
}

export const SYSTEMS: readonly AiSystem[] = [
  {
    name: 'support-copilot',
    requestsPerMinute: 600,
    signals: { hallucination_suspected: 0.02, refusal: 0.05 },
    segmentKey: 'language',
    segments: [
      { value: 'en', share: 0.7 },
      { value: 'de', share: 0.2, multipliers: { hallucination_suspected: 1.5 } },
      { value: 'fr', share: 0.1, multipliers: { refusal: 1.3 } },
    ],
  },
  {
    name: 'rag-assistant',
    requestsPerMinute: 1200,
    signals: { pii: 0.0005, hallucination_suspected: 0.01 },
    segmentKey: 'tenant',
    segments: [
      { value: 'acme', share: 0.5 },
      { value: 'globex', share: 0.3, multipliers: { pii: 2 } },
      { value: 'initech', share: 0.2, multipliers: { hallucination_suspected: 1.4 } },
    ],
  },
  {
    name: 'ticket-classifier',
    requestsPerMinute: 120,
    signals: { error: 0.03 },
    segmentKey: 'region',
    segments: [
      { value: 'eu', share: 0.6 },
      { value: 'us', share: 0.4, multipliers: { error: 1.4 } },
    ],
  },
];

/** A harm regression of the candidate: one signal's rate times `ratio`, everywhere or in one segment value. */
export interface Regression {
  signal: string;
  ratio: number;
  segment?: string;
}

/** One series of a system: a signal overall (segment undefined) or in one segment value. */
export interface Series {
  signal: string;
  segment?: string;
}

export function seriesOf(system: AiSystem): Series[] {
  return Object.keys(system.signals).flatMap((signal) => [
    { signal },
    ...system.segments.map((s) => ({ signal, segment: s.value })),
  ]);
}

/** Counts of one minute per series, in the order of seriesOf(system). */
export interface MinuteCounts {
  candidateEvents: number;
  series: Array<{ n0: number; x0: number; n1: number; x1: number }>;
}

/**
 * Sticky assignment to a population of users who differ: each user sends a share of the traffic
 * (lognormal, σ `activitySpread`) and has their own rate of each signal (the system's times a
 * lognormal factor of mean 1, σ `rateSpread`), and is on the candidate while a fixed draw of
 * theirs is under the candidate's share, so raising the share only adds users. The candidate's
 * users are then a sample whose rates differ from the baseline's for the whole run.
 */
export interface Stickiness {
  /** Users of a system of 600 requests a minute; scaled by the system's traffic. */
  users: number;
  activitySpread: number;
  rateSpread: number;
}

interface SegmentUsers {
  /** Each user's draw, ascending: the users under `share` are the candidate's. */
  draw: Float64Array;
  activity: Float64Array;
  /** Per signal, each user's rate factor. */
  factor: Record<string, Float64Array>;
}

/** One segment's split at a share: the candidate's share of its traffic and each version's rate factor per signal. */
interface SegmentSplit {
  candidateShare: number;
  candidateFactor: Record<string, number>;
  baselineFactor: Record<string, number>;
}

/** The traffic of one canary run: its own rate wander and start time of day. */
export class Traffic {
  private readonly wander: Record<string, number> = {};
  private readonly phase: number;
  private readonly users?: SegmentUsers[];
  private splits = new Map<number, SegmentSplit[]>();

  constructor(
    private readonly system: AiSystem,
    private readonly random: () => number,
    private readonly regression?: Regression,
    sticky?: Stickiness,
  ) {
    this.phase = Math.floor(random() * 1440);
    for (const signal of Object.keys(system.signals)) this.wander[signal] = 0.2 * gaussian(random);
    if (sticky) this.users = system.segments.map((segment) => this.population(segment, sticky));
  }

  private population(segment: SegmentValue, sticky: Stickiness): SegmentUsers {
    const { random, system } = this;
    const n = Math.max(1, Math.round((sticky.users * segment.share * system.requestsPerMinute) / 600));
    const lognormal = (sigma: number) => Math.exp(sigma * gaussian(random) - (sigma * sigma) / 2);
    const draws = Array.from({ length: n }, () => random()).sort((a, b) => a - b);
    const activity = Float64Array.from({ length: n }, () => lognormal(sticky.activitySpread));
    const factor = Object.fromEntries(
      Object.keys(system.signals).map((signal) => [
        signal,
        Float64Array.from({ length: n }, () => lognormal(sticky.rateSpread)),
      ]),
    );
    return { draw: Float64Array.from(draws), activity, factor };
  }

  /** Each segment's split between the versions at `share`, from its users (cached per share). */
  private split(share: number): SegmentSplit[] | undefined {
    if (!this.users) return undefined;
    const cached = this.splits.get(share);
    if (cached) return cached;
    const signals = Object.keys(this.system.signals);
    const split = this.users.map((users) => {
      let a1 = 0;
      let a0 = 0;
      const w1: Record<string, number> = {};
      const w0: Record<string, number> = {};
      for (const signal of signals) {
        w1[signal] = 0;
        w0[signal] = 0;
      }
      users.draw.forEach((draw, u) => {
        const a = users.activity[u]!;
        const candidate = draw < share;
        if (candidate) a1 += a;
        else a0 += a;
        for (const signal of signals) {
          const weighted = a * users.factor[signal]![u]!;
          if (candidate) w1[signal]! += weighted;
          else w0[signal]! += weighted;
        }
      });
      const ratio = (w: Record<string, number>, a: number) =>
        Object.fromEntries(signals.map((signal) => [signal, a > 0 ? w[signal]! / a : 1]));
      return { candidateShare: a1 / (a1 + a0), candidateFactor: ratio(w1, a1), baselineFactor: ratio(w0, a0) };
    });
    this.splits.set(share, split);
    return split;
  }

  /** Draws minute `minute` of the run with the candidate serving `share` of requests. */
  minute(minute: number, share: number): MinuteCounts {
    const { system, random } = this;
    const day = Math.sin((2 * Math.PI * (minute + this.phase)) / 1440);
    const requests = poissonDraw(random, system.requestsPerMinute * (1 + 0.6 * day));
    const signals = Object.keys(system.signals);
    const rates: Record<string, number> = {};
    for (const signal of signals) {
      // A slow random walk on the log rate (stationary sd ≈ 0.2) and a daily swing of ±20%.
      this.wander[signal] = 0.99 * this.wander[signal]! + 0.028 * gaussian(random);
      rates[signal] = system.signals[signal]! * Math.exp(this.wander[signal]! + 0.2 * day);
    }
    const overall = signals.map(() => ({ n0: 0, x0: 0, n1: 0, x1: 0 }));
    const bySegment: Array<Array<{ n0: number; x0: number; n1: number; x1: number }>> = [];
    let left = requests;
    let shareLeft = 1;
    let candidateEvents = 0;
    const split = this.split(share);
    for (const [k, segment] of system.segments.entries()) {
      const n = shareLeft <= segment.share ? left : binomialDraw(random, left, segment.share / shareLeft);
      left -= n;
      shareLeft -= segment.share;
      const users = split?.[k];
      const n1 = binomialDraw(random, n, users ? users.candidateShare : share);
      const n0 = n - n1;
      candidateEvents += n1;
      bySegment.push(
        signals.map((signal, i) => {
          const rate = rates[signal]! * (segment.multipliers?.[signal] ?? 1);
          const r = this.regression;
          const hit = r && r.signal === signal && (r.segment === undefined || r.segment === segment.value);
          const f0 = users?.baselineFactor[signal] ?? 1;
          const f1 = users?.candidateFactor[signal] ?? 1;
          const counts = {
            n0,
            x0: binomialDraw(random, n0, Math.min(1, rate * f0)),
            n1,
            x1: binomialDraw(random, n1, Math.min(1, rate * f1 * (hit ? r.ratio : 1))),
          };
          const o = overall[i]!;
          o.n0 += counts.n0;
          o.x0 += counts.x0;
          o.n1 += counts.n1;
          o.x1 += counts.x1;
          return counts;
        }),
      );
    }
    const series = signals.flatMap((_, i) => [overall[i]!, ...bySegment.map((s) => s[i]!)]);
    return { candidateEvents, series };
  }
}
