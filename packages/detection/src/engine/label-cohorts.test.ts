import { describe, expect, it } from 'vitest';
import { mulberry32 as uniformFrom } from '../random';
import { COHORT_MS, emptyLabelCohorts, type LabelCohorts, noteLabel, retire, scan, taint } from './label-cohorts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface Stream {
  /** Predictions a minute. */
  perMinute: number;
  /** The chance a prediction made at `t` is wrong, given how late its label comes. */
  wrong: (t: number, quick: boolean) => number;
}

/**
 * Replays `hours` of predictions whose labels come quickly (30–60 min, 60%) or slowly (2–6 h),
 * as the production suite's fraud model's do, scanning every five minutes of label time. Returns
 * every scan's result by the time it ran.
 */
function replay(state: LabelCohorts, stream: Stream, hours: number, seed: number) {
  const random = uniformFrom(seed);
  const labels: Array<{ at: number; madeAt: number; correct: boolean }> = [];
  for (let t = 0; t < hours * HOUR; t += MINUTE) {
    for (let i = 0; i < stream.perMinute; i++) {
      const madeAt = t + random() * MINUTE;
      const quick = random() < 0.6;
      const delay = quick ? (30 + 30 * random()) * MINUTE : (2 + 4 * random()) * HOUR;
      labels.push({ at: madeAt + delay, madeAt, correct: random() >= stream.wrong(madeAt, quick) });
    }
  }
  labels.sort((a, b) => a.at - b.at);
  const scans: Array<{ at: number; result: ReturnType<typeof scan> }> = [];
  let next = 5 * MINUTE;
  for (const label of labels) {
    while (label.at >= next) {
      retire(state, next);
      scans.push({ at: next, result: scan(state, next) });
      next += 5 * MINUTE;
    }
    noteLabel(state, label.madeAt, label.at, label.correct);
  }
  return scans;
}

describe('label cohorts', () => {
  it('holds young cohorts to what quick labels usually say, when quick labels are wrong more often', () => {
    // Quick labels are wrong 15% of the time and slow ones 2% (confirmed fraud is reported
    // fast): a young cohort, which has only its quick labels, looks bad against the overall
    // rate but is normal for its labels' delays.
    const state = emptyLabelCohorts();
    const scans = replay(state, { perMinute: 20, wrong: (_t, quick) => (quick ? 0.15 : 0.02) }, 96, 1);
    const judged = scans.filter((s) => s.result !== null);
    expect(judged.length).toBeGreaterThan(500);
    const smallest = Math.min(...judged.map((s) => s.result!.pValue));
    expect(smallest).toBeGreaterThan(1e-3);
  });

  it('stays quiet on three days of a stationary rate that wanders from one quarter hour to the next', () => {
    // Each quarter hour's predictions are wrong at their own rate, 6% ± 1.5%: the scan must
    // charge that spread, not only the binomial sampling.
    const random = uniformFrom(99);
    const rates = new Map<number, number>();
    const wrong = (t: number) => {
      const cohort = Math.floor(t / COHORT_MS);
      let rate = rates.get(cohort);
      if (rate === undefined) rates.set(cohort, (rate = Math.max(0, 0.06 + 0.015 * Math.sqrt(12) * (random() - 0.5))));
      return rate;
    };
    const scans = replay(emptyLabelCohorts(), { perMinute: 30, wrong }, 96, 2);
    const judged = scans.filter((s) => s.result !== null);
    expect(judged.length).toBeGreaterThan(500);
    // A warning a week at one test in four of a series' share is far below 1e-4 a window; the
    // scans here are not independent, so this asks only that none comes near it.
    expect(Math.min(...judged.map((s) => s.result!.pValue))).toBeGreaterThan(1e-4);
  });

  it('finds a doubled error rate by prediction time within ninety minutes, dated to its first cohort', () => {
    const onset = 60 * HOUR;
    const state = emptyLabelCohorts();
    const scans = replay(state, { perMinute: 20, wrong: (t) => (t >= onset ? 0.13 : 0.06) }, 64, 3);
    const found = scans.find((s) => s.at > onset && s.result !== null && s.result.pValue < 1e-6);
    expect(found).toBeDefined();
    expect(found!.at - onset).toBeLessThanOrEqual(90 * MINUTE);
    expect(Math.abs(found!.result!.start - onset)).toBeLessThanOrEqual(COHORT_MS);
    expect(found!.result!.ratio).toBeGreaterThan(1.5);
    // Nothing before the change came near.
    const before = scans.filter((s) => s.at <= onset && s.result !== null);
    expect(Math.min(...before.map((s) => s.result!.pValue))).toBeGreaterThan(1e-4);
  });

  it('does not learn from cohorts an alert tainted', () => {
    const state = emptyLabelCohorts();
    for (let c = 0; c < 4; c++)
      for (let i = 0; i < 10; i++) noteLabel(state, c * COHORT_MS, c * COHORT_MS + HOUR, i > 0);
    taint(state, 2 * COHORT_MS);
    retire(state, 24 * HOUR);
    expect(Object.keys(state.open)).toEqual([]);
    expect(state.cohorts).toBeCloseTo(2 * (1 - 1 / 384) + 1 - (1 - 1 / 384), 6);
    expect(state.base.reduce((sum, v, i) => (i % 2 === 0 ? sum + v : sum), 0)).toBeCloseTo(20, 0);
  });

  it('ignores labels that come after the cohort matured, and is plain data', () => {
    const state = emptyLabelCohorts();
    noteLabel(state, 0, 13 * HOUR, false);
    expect(state.open).toEqual({});
    noteLabel(state, 0, HOUR, false);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
