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

/** The traffic of one canary run: its own rate wander and start time of day. */
export class Traffic {
  private readonly wander: Record<string, number> = {};
  private readonly phase: number;

  constructor(
    private readonly system: AiSystem,
    private readonly random: () => number,
    private readonly regression?: Regression,
  ) {
    this.phase = Math.floor(random() * 1440);
    for (const signal of Object.keys(system.signals)) this.wander[signal] = 0.2 * gaussian(random);
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
    for (const segment of system.segments) {
      const n = shareLeft <= segment.share ? left : binomialDraw(random, left, segment.share / shareLeft);
      left -= n;
      shareLeft -= segment.share;
      const n1 = binomialDraw(random, n, share);
      const n0 = n - n1;
      candidateEvents += n1;
      bySegment.push(
        signals.map((signal, i) => {
          const rate = rates[signal]! * (segment.multipliers?.[signal] ?? 1);
          const r = this.regression;
          const hit = r && r.signal === signal && (r.segment === undefined || r.segment === segment.value);
          const counts = {
            n0,
            x0: binomialDraw(random, n0, Math.min(1, rate)),
            n1,
            x1: binomialDraw(random, n1, Math.min(1, rate * (hit ? r.ratio : 1))),
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
