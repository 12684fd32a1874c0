import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomialDraw, gaussian, mulberry32 } from '../random';
import { analyseCanary, type SignalDecision, type SignalObservation } from './analyse';
import type { RateCounts } from './sprt';

const counts = (n0: number, x0: number, n1: number, x1: number): RateCounts => ({
  baselineEvents: n0,
  baselineFlagged: x0,
  candidateEvents: n1,
  candidateFlagged: x1,
});
const one = (signal: string, ...periods: RateCounts[]): SignalObservation[] => [{ signal, periods }];

/**
 * One seeded canary of a single signal: 200 requests a minute, 5% to the candidate for an hour
 * and 25% after, a 5% harm rate that wanders for both versions alike (a daily swing and a slow
 * random walk), the candidate's rate `ratio` times the baseline's. Looks every five minutes for
 * ten hours, never stopping (steps carry the evidence on), and says which decisions it ever saw.
 */
function simulate(seed: number, ratio: number, alpha: number, beta: number): Set<SignalDecision> {
  const random = mulberry32(seed);
  const periods = [counts(0, 0, 0, 0), counts(0, 0, 0, 0)];
  const seen = new Set<SignalDecision>();
  let wander = 0;
  for (let minute = 0; minute < 600; minute++) {
    wander = 0.98 * wander + 0.05 * gaussian(random);
    const rate = 0.05 * Math.exp(0.4 * Math.sin((2 * Math.PI * minute) / 1440) + wander);
    const period = periods[minute < 60 ? 0 : 1]!;
    const share = minute < 60 ? 0.05 : 0.25;
    const n1 = binomialDraw(random, 200, share);
    const n0 = binomialDraw(random, 200, 1) - n1;
    period.baselineEvents += n0;
    period.baselineFlagged += binomialDraw(random, n0, rate);
    period.candidateEvents += n1;
    period.candidateFlagged += binomialDraw(random, n1, Math.min(1, rate * ratio));
    if (minute % 5 === 4) {
      const [verdict] = analyseCanary(one('refusal', ...periods), { alpha, beta });
      seen.add(verdict!.decision);
    }
  }
  return seen;
}

describe('operating characteristics, by simulation on seeded streams', () => {
  const runs = 1000;
  const alpha = 0.05;
  const beta = 0.05;

  it('aborts a healthy candidate (same rates, shared wander) at any look in at most α of canaries', () => {
    const outcomes = Array.from({ length: runs }, (_, seed) => simulate(seed + 1, 1, alpha, beta));
    const aborts = outcomes.filter((seen) => seen.has('abort')).length;
    // Ville's bound is α; the test overshoots its limit, so the real rate is well under it.
    expect(aborts / runs).toBeLessThanOrEqual(alpha * 0.8);
    expect(outcomes.filter((seen) => seen.has('pass')).length / runs).toBeGreaterThan(0.9);
  });

  it('passes a candidate whose harm doubled at any look in at most β of canaries, and aborts nearly all', () => {
    const outcomes = Array.from({ length: runs }, (_, seed) => simulate(seed + 10_001, 2, alpha, beta));
    expect(outcomes.filter((seen) => seen.has('pass')).length / runs).toBeLessThanOrEqual(beta * 0.8);
    expect(outcomes.filter((seen) => seen.has('abort')).length / runs).toBeGreaterThan(0.95);
  });
});

describe('edge cases', () => {
  it('passes a signal that neither side flags once the candidate has served ln(1/β)/floor events', () => {
    const before = analyseCanary(one('secret', counts(900_000, 0, 46_000, 0)))[0]!;
    expect(before.decision).toBe('continue');
    const after = analyseCanary(one('secret', counts(900_000, 0, 46_100, 0)))[0]!;
    expect([after.decision, after.reason]).toEqual(['pass', 'below_floor']);
  });

  it('aborts on candidate flags where the baseline has none, by the ratio test for a plain flag', () => {
    const verdict = analyseCanary(one('refusal', counts(95_000, 0, 5_000, 15)))[0]!;
    expect([verdict.decision, verdict.reason, verdict.ratio]).toEqual(['abort', 'harm_ratio', null]);
  });

  it('aborts a zero-tolerance flag on three candidate occurrences at 1% share, not on the first', () => {
    const options = { tests: 1 };
    expect(analyseCanary(one('pii', counts(99_000, 0, 1_000, 1)), options)[0]!.decision).toBe('continue');
    expect(analyseCanary(one('pii', counts(99_000, 0, 1_000, 2)), options)[0]!.decision).toBe('continue');
    const third = analyseCanary(one('pii', counts(99_000, 0, 1_000, 3)), options)[0]!;
    expect([third.decision, third.reason]).toEqual(['abort', 'zero_tolerance']);
    // The same three as a plain flag are not enough for the ratio test.
    expect(analyseCanary(one('refusal', counts(99_000, 0, 1_000, 3)), options)[0]!.decision).toBe('continue');
  });

  it('stops the zero-tolerance arm once the baseline shows the flag too', () => {
    const verdict = analyseCanary(one('pii', counts(99_000, 1, 1_000, 3)), { tests: 1 })[0]!;
    expect(verdict.decision).toBe('continue');
    expect(verdict.zeroToleranceLogLikelihoodRatio).toBe(Number.NEGATIVE_INFINITY);
  });

  it('continues, with no ratio, while the candidate has served nothing or very little', () => {
    expect(analyseCanary(one('error', counts(5_000, 150, 0, 0)))[0]).toMatchObject({
      decision: 'continue',
      ratio: null,
    });
    expect(analyseCanary(one('error', counts(5_000, 150, 3, 1)))[0]!.decision).toBe('continue');
  });

  it('passes a healthy candidate on a common flag and reports the rate ratio', () => {
    const verdict = analyseCanary(one('refusal', counts(19_000, 950, 1_000, 48)))[0]!;
    expect([verdict.decision, verdict.reason]).toEqual(['pass', 'ratio_below']);
    expect(verdict.ratio).toBeCloseTo(0.048 / 0.05, 10);
  });

  it('lets an overall signal gate steps and a segment only abort, unless segments gate too', () => {
    const verdictsInput = [
      { signal: 'refusal', periods: [counts(100, 5, 10, 0)] },
      { signal: 'refusal', segment: { language: 'de' }, periods: [counts(20, 1, 2, 0)] },
    ];
    const verdicts = analyseCanary(verdictsInput);
    expect(verdicts.map((v) => v.gates)).toEqual([true, false]);
    expect(verdicts[1]!.segment).toEqual({ language: 'de' });
    expect(analyseCanary(verdictsInput, { gateSegments: true }).map((v) => v.gates)).toEqual([true, true]);
  });

  it('splits α across the declared tests (Bonferroni)', () => {
    const [single] = analyseCanary(one('refusal', counts(100, 5, 10, 0)), { alpha: 1e-3 });
    const [many] = analyseCanary(one('refusal', counts(100, 5, 10, 0)), { alpha: 1e-3, tests: 50 });
    expect(many!.abortAt - single!.abortAt).toBeCloseTo(Math.log(50), 12);
  });
});

describe('bad input', () => {
  it.each([
    [one('error', counts(Number.NaN, 0, 1, 0)), 'observations[0].periods[0].baselineEvents'],
    [one('error', counts(10, -1, 1, 0)), 'observations[0].periods[0].baselineFlagged'],
    [one('error', counts(10, 0, 1.5, 0)), 'observations[0].periods[0].candidateEvents'],
    [one('error', counts(10, 0, 1, 0), counts(10, 0, 1, 2)), 'observations[0].periods[1].candidateFlagged'],
    [one('error', counts(10, 11, 1, 0)), 'observations[0].periods[0].baselineFlagged: cannot exceed'],
  ])('names the field: %o → %s', (observations, field) => {
    expect(() => analyseCanary(observations)).toThrow(RangeError);
    expect(() => analyseCanary(observations)).toThrow(field);
  });

  it.each([
    [{ alpha: 0 }, 'alpha'],
    [{ beta: Number.NaN }, 'beta'],
    [{ tests: 0 }, 'tests'],
    [{ defaults: { r1: 1 } }, 'r1 of error'],
    [{ signals: { error: { r0: -1 } } }, 'r0 of error'],
    [{ defaults: { rateFloor: 0 } }, 'rateFloor of error'],
  ])('names the option: %o', (options, field) => {
    expect(() => analyseCanary(one('error', counts(10, 0, 1, 0)), options)).toThrow(field);
  });

  it('refuses more series than the tests declared at the start', () => {
    const two = [...one('error', counts(10, 0, 1, 0)), ...one('pii', counts(10, 0, 1, 0))];
    expect(() => analyseCanary(two, { tests: 1 })).toThrow('observations: 2 series exceed tests (1)');
  });
});

describe('properties', () => {
  const rank: Record<SignalDecision, number> = { pass: 0, continue: 1, abort: 2 };

  it('never decides more leniently when the candidate has more flags', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('refusal', 'pii'),
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 50_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (signal, n0, rawX0, n1, u1, u2) => {
          const x0 = Math.min(n0, rawX0);
          const low = Math.floor(n1 * u1 * u2);
          const high = Math.floor(n1 * u1);
          const decision = (x1: number) =>
            analyseCanary(one(signal, counts(n0, x0, n1, x1)), { tests: 10 })[0]!.decision;
          expect(rank[decision(low)]).toBeLessThanOrEqual(rank[decision(high)]);
        },
      ),
      { numRuns: 500 },
    );
  });
});
