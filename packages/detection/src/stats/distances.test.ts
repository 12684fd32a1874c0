import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectAgreement } from './agreement';
import { binCounts, quantileEdges, quantileEdgesSorted } from './binning';
import { chiSquareContingency } from './chi-square';
import type { DistanceFixtures } from './fixture-types';
import json from './fixtures/distances.json';
import { jensenShannonDistance } from './jensen-shannon';
import { categoricalPsi, numericPsi, psiFromCounts } from './psi';
import { materialise } from './synthetic-sample';
import { wasserstein } from './wasserstein';

const fixtures = json as unknown as DistanceFixtures;

describe('PSI and Jensen–Shannon agree with the numpy / scipy reference', () => {
  it.each(fixtures.numericPsi)(
    'numeric: $name',
    ({ reference, current, bins, psi, edges, referenceCounts, currentCounts, jensenShannon }) => {
      const result = numericPsi(materialise(reference), materialise(current), { bins });
      expect(Array.from(result.edges)).toEqual(edges);
      expect(Array.from(result.reference)).toEqual(referenceCounts);
      expect(Array.from(result.current)).toEqual(currentCounts);
      expectAgreement(result.psi, psi, { label: 'psi' });
      expectAgreement(jensenShannonDistance(result.reference, result.current), jensenShannon, {
        label: 'jensen-shannon',
      });
    },
  );

  it.each(fixtures.categorical)(
    'categorical: $name',
    ({ reference, current, psi, jensenShannon, chiSquare, pValue, dof }) => {
      const result = categoricalPsi(reference, current);
      expectAgreement(result.psi, psi, { label: 'psi' });
      expectAgreement(jensenShannonDistance(result.reference, result.current), jensenShannon, {
        label: 'jensen-shannon',
      });
      const test = chiSquareContingency([result.reference, result.current]);
      expect(test.dof).toBe(dof);
      expectAgreement(test.statistic, chiSquare, { label: 'chi-square' });
      expectAgreement(test.pValue, pValue, { label: 'p-value' });
    },
  );

  it.each(fixtures.jensenshannon.map((c, i) => ({ ...c, i })))('jensenshannon case $i', ({ p, q, distance }) => {
    expectAgreement(jensenShannonDistance(p, q), distance);
  });
});

describe('Wasserstein agrees with scipy.stats.wasserstein_distance', () => {
  it.each(fixtures.wasserstein)('$name', ({ u, v, distance }) => {
    expectAgreement(wasserstein(materialise(u), materialise(v)), distance);
  });
});

describe('distance properties', () => {
  const counts = fc.array(fc.nat({ max: 1000 }), { minLength: 2, maxLength: 12 });
  const values = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 60 });

  it('keeps PSI non-negative and 0 for equal proportions', () => {
    fc.assert(fc.property(counts, counts, (p, q) => psiFromCounts(p, q.slice(0, p.length)) >= 0));
    fc.assert(
      fc.property(
        counts,
        fc.integer({ min: 1, max: 9 }),
        (p, k) =>
          Math.abs(
            psiFromCounts(
              p,
              p.map((c) => c * k),
            ),
          ) < 1e-12,
      ),
    );
  });

  it('keeps Jensen–Shannon symmetric and in [0, 1]', () => {
    fc.assert(
      fc.property(counts, counts, (p0, q0) => {
        const p = p0.map((c, i) => c + (i === 0 ? 1 : 0));
        const q = q0
          .slice(0, p.length)
          .concat(new Array(Math.max(0, p.length - q0.length)).fill(0))
          .map((c, i) => c + (i === p.length - 1 ? 1 : 0));
        const d = jensenShannonDistance(p, q);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(1);
        expect(jensenShannonDistance(q, p)).toBeCloseTo(d, 12);
      }),
    );
  });

  it('measures a shift as the shift, symmetrically', () => {
    fc.assert(
      fc.property(values, fc.double({ min: -100, max: 100, noNaN: true }), (u, shift) => {
        const distance = wasserstein(
          u,
          u.map((x) => x + shift),
        );
        expect(distance).toBeCloseTo(Math.abs(shift), 6);
      }),
    );
    fc.assert(
      fc.property(values, values, (u, v) => {
        expect(wasserstein(u, v)).toBeCloseTo(wasserstein(v, u), 9);
      }),
    );
  });

  it('finds the same quantile edges on large samples, ties and outliers included', () => {
    const value = fc.oneof(
      fc.integer({ min: -30, max: 30 }),
      fc.double({ min: -5, max: 5, noNaN: true }),
      fc.constantFrom(1e9, -1e12, 0.5),
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 20_000, maxLength: 30_000 }),
        fc.integer({ min: 2, max: 20 }),
        (raw, bins) => {
          // −0 and 0 are one value to selection but two to toEqual; the data holds +0 only.
          const xs = raw.map((x) => x + 0);
          expect(Array.from(quantileEdges(xs, bins))).toEqual(
            Array.from(quantileEdgesSorted(Float64Array.from(xs).sort(), bins)),
          );
        },
      ),
      { numRuns: 20, endOnFailure: true }, // shrinking 20,000-value arrays would take minutes
    );
  });

  it('bins by table lookup exactly as a binary search over the edges does', () => {
    const search = (x: number, edges: number[]) => edges.filter((e) => e <= x).length;
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.double({ min: -12, max: 12, noNaN: true }), { maxLength: 400 }),
        (raw, xs) => {
          const edges = [...new Set(raw)].sort((a, b) => a - b);
          const expected = new Array<number>(edges.length + 1).fill(0);
          for (const x of [...xs, ...edges]) expected[search(x, edges)]! += 1;
          expect(Array.from(binCounts([...xs, ...edges], Float64Array.from(edges)))).toEqual(expected);
        },
      ),
    );
  });

  it('finds the same quantile edges by selection as by sorting', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 2, max: 20 }),
        (xs, bins) => {
          expect(Array.from(quantileEdges(xs, bins))).toEqual(
            Array.from(quantileEdgesSorted(Float64Array.from(xs).sort(), bins)),
          );
        },
      ),
    );
  });
});
