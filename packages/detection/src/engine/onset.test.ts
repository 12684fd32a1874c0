import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateOnsetIndex } from './onset';

describe('onset estimation', () => {
  it.each([
    [[1, 1, 1, 1, 1, 5, 5, 5], 7, 5],
    [[0.02, 0.021, 0.019, 0.02, 0.08, 0.09], 5, 4],
    [[10, 10, 10, 4, 4], 4, 3],
  ])('finds the shift in %j', (values, latest, expected) => {
    expect(estimateOnsetIndex(values, latest)).toBe(expected);
  });

  it('never places the onset after the first alerting window', () => {
    expect(estimateOnsetIndex([1, 1, 1, 1, 1, 1, 9, 9], 3)).toBe(3);
  });

  it('finds a large step within one window of where it is, in noise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 5, max: 60 }), fc.integer({ min: 5, max: 40 }), fc.integer({ min: 1, max: 1000 }), (before, after, seed) => {
        let a = seed;
        const noise = () => ((a = (a * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 0.5;
        const values = [...Array.from({ length: before }, () => noise()), ...Array.from({ length: after }, () => 5 + noise())];
        expect(Math.abs(estimateOnsetIndex(values, values.length - 1) - before)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
