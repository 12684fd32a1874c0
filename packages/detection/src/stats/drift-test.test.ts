import { describe, expect, it } from 'vitest';
import { driftTest } from './drift-test';
import { ks2samp } from './ks-2samp';
import { synthetic } from './synthetic-sample';

const smooth = (seed: number, n: number, shift = 0, scale = 1) => synthetic({ kind: 'smooth', seed, n, shift, scale });
const categories = (counts: { readonly [value: string]: number | undefined }) =>
  Object.entries(counts).flatMap(([value, count]) => new Array<string>(count ?? 0).fill(value));

describe('driftTest levels', () => {
  // The smooth samples have standard deviation 0.577·scale.
  it.each([
    { name: 'no drift, 5,000 a side', reference: smooth(1, 5000), current: smooth(2, 5000), level: 'ok' },
    {
      name: 'shift of 0.1 sd: significant but too small to matter',
      reference: smooth(3, 50000),
      current: smooth(4, 50000, 0.06),
      level: 'ok',
    },
    { name: 'shift of 0.43 sd: warn', reference: smooth(5, 5000), current: smooth(6, 5000, 0.25), level: 'warn' },
    { name: 'shift of 1 sd: page', reference: smooth(7, 5000), current: smooth(8, 5000, 0.6), level: 'page' },
    { name: 'spread doubled: page', reference: smooth(9, 5000), current: smooth(10, 5000, 0, 2), level: 'page' },
    {
      name: '1M vs 1M with a trivial shift: ok',
      reference: smooth(11, 1_000_000),
      current: smooth(12, 1_000_000, 0.01),
      level: 'ok',
    },
    {
      name: '20 values a side with no drift: PSI is noisy, the test holds it back',
      reference: smooth(13, 20),
      current: smooth(14, 20),
      level: 'ok',
    },
  ] as const)('numeric: $name', ({ reference, current, level }) => {
    const result = driftTest(reference, current, { kind: 'numeric' });
    expect(result.level).toBe(level);
    expect(result.test).toBe('ks');
    expect(result.statistic).toBe(ks2samp(reference, current).statistic);
  });

  it.each([
    { name: 'same mix', reference: { a: 500, b: 300, c: 200 }, current: { a: 480, b: 310, c: 210 }, level: 'ok' },
    { name: 'mix moved', reference: { a: 500, b: 300, c: 200 }, current: { a: 250, b: 250, c: 500 }, level: 'page' },
    { name: 'a new class at 8%', reference: { a: 600, b: 400 }, current: { a: 550, b: 370, c: 80 }, level: 'page' },
    { name: 'a moderate move', reference: { a: 500, b: 500 }, current: { a: 700, b: 300 }, level: 'warn' },
    {
      name: 'a big move on 6 values: not significant',
      reference: { a: 3, b: 3 },
      current: { a: 1, b: 5 },
      level: 'ok',
    },
  ] as const)('categorical: $name', ({ reference, current, level }) => {
    const result = driftTest(categories(reference), categories(current), { kind: 'categorical' });
    expect(result.level).toBe(level);
    expect(result.test).toBe('chi-square');
  });

  it('reports every measure, Wasserstein for numbers only', () => {
    const numeric = driftTest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [2, 3, 4, 5, 6, 7, 8, 9, 10, 11], { kind: 'numeric' });
    expect(numeric).toMatchObject({ test: 'ks', statistic: 0.1, pValue: 1, wasserstein: 1, level: 'ok' });
    expect(numeric.psi).toBeGreaterThan(0);
    expect(numeric.jensenShannon).toBeGreaterThan(0);
    expect(driftTest(['a'], ['b'], { kind: 'categorical' })).not.toHaveProperty('wasserstein');
  });

  it('takes its thresholds from the options', () => {
    const reference = smooth(5, 5000);
    const current = smooth(6, 5000, 0.25);
    expect(driftTest(reference, current, { kind: 'numeric', psiPage: 0.15 }).level).toBe('page');
    expect(driftTest(reference, current, { kind: 'numeric', alpha: 1e-300 }).level).toBe('ok');
  });

  it('rejects empty windows and values that are not finite', () => {
    expect(() => driftTest([], [1], { kind: 'numeric' })).toThrow(RangeError);
    expect(() => driftTest(['a'], [], { kind: 'categorical' })).toThrow(RangeError);
    expect(() => driftTest([1, Number.POSITIVE_INFINITY], [1], { kind: 'numeric' })).toThrow(RangeError);
  });
});
