import { describe, expect, it } from 'vitest';
import { covering, coverSingle, fMeasure, partitionFromChangePoints, truePositives } from './tcpd-metrics';

// The cases marked "TCPDBench" are the doctests of its analysis/scripts/metrics.py; the others
// are worked by hand in the comments.
describe('TCPDBench metrics', () => {
  it.each([
    // TCPDBench
    [[1, 10, 20, 23], [3, 8, 20], 3],
    [[1, 10, 20, 23], [1, 3, 8, 20], 3],
    [[1, 10, 20, 23], [1, 3, 5, 8, 20], 3],
    [[], [1, 2, 3], 0],
    [[1, 2, 3], [], 0],
    // a distance of exactly the margin counts, one more does not
    [[10], [15], 1],
    [[10], [4, 16], 0],
    // one prediction serves one true point: 50 takes 51, so 52 is left with nothing in reach
    [[50, 52], [51], 1],
    // the nearest wins, and of two equally near the earlier
    [[50, 52], [51, 53], 2],
  ])('true positives of %j against %j: %i', (truth, predictions, expected) => {
    expect(truePositives(truth, predictions)).toBe(expected);
  });

  it.each([
    // TCPDBench
    [{ 1: [10, 20], 2: [11, 20], 3: [10], 4: [0, 5] }, [10, 20], 1.0],
    [{ 1: [], 2: [10], 3: [50] }, [10], 0.9090909090909091],
    [{ 1: [], 2: [10], 3: [50] }, [], 0.8],
    // X = {0, 4, 16, 17}: only 0 is matched (10 is 6 from both 4 and 16), so P = 1/4, R = 1/2, F = 1/3
    [{ a: [10] }, [4, 16, 17], 1 / 3],
  ])('F1 of %j against %j is %d', (annotations, predictions, expected) => {
    expect(fMeasure(annotations, predictions).f).toBeCloseTo(expected, 15);
  });

  it('counts index 0 for every annotator, so predicting nothing scores precision 1', () => {
    // Annotator a marks 30 and b marks nothing: R = (1/2 + 1/1) / 2, P = 1/1.
    expect(fMeasure({ a: [30], b: [] }, [])).toEqual({
      precision: 1,
      recall: 0.75,
      f: (0.75 * 1) / (0.5 * 0.75 + 0.5),
    });
  });

  it.each([
    // TCPDBench (as half-open ranges)
    [[], 5, [[0, 5]]],
    [
      [3, 5],
      8,
      [
        [0, 3],
        [3, 5],
        [5, 8],
      ],
    ],
    [
      [1, 2, 7],
      8,
      [
        [0, 1],
        [1, 2],
        [2, 7],
        [7, 8],
      ],
    ],
    [
      [0, 4],
      6,
      [
        [0, 4],
        [4, 6],
      ],
    ],
    // duplicates and points past the end start nothing
    [
      [4, 4, 9, 12],
      9,
      [
        [0, 4],
        [4, 9],
      ],
    ],
  ])('partition of %j over %i', (cps, n, expected) => {
    expect(partitionFromChangePoints(cps, n)).toEqual(expected);
  });

  it.each([
    // TCPDBench, its sets {1, 2, 3} written as the range [1, 4)
    [
      [
        [1, 4],
        [4, 6],
        [6, 7],
      ],
      [
        [1, 4],
        [4, 7],
      ],
      0.8333333333333334,
    ],
    [
      [
        [1, 5],
        [5, 7],
      ],
      [[1, 7]],
      0.6666666666666666,
    ],
    [
      [
        [1, 3],
        [3, 5],
        [5, 7],
      ],
      [
        [1, 4],
        [4, 7],
      ],
      0.6666666666666666,
    ],
    [
      [[1, 7]],
      [
        [1, 2],
        [2, 3],
        [3, 4],
        [4, 7],
      ],
      0.3333333333333333,
    ],
  ] as const)('cover of %j over %j', (predicted, truth, expected) => {
    expect(coverSingle(predicted, truth)).toBeCloseTo(expected, 15);
  });

  it.each([
    // TCPDBench
    [{ 1: [10, 20], 2: [10], 3: [0, 5] }, [10, 20], 45, 0.7962962962962963],
    [{ 1: [], 2: [10], 3: [40] }, [10], 45, 0.7954144620811286],
    [{ 1: [], 2: [10], 3: [40] }, [], 45, 0.8189300411522634],
    // truth [0,5) [5,10): predicting nothing covers each half by 5/10
    [{ a: [5] }, [], 10, 0.5],
    [{ a: [5] }, [5], 10, 1],
    // predicted [0,3) [3,10): [0,5) is best covered by [0,3) (3/5), [5,10) by [3,10) (5/7)
    [{ a: [5] }, [3], 10, (5 * 0.6 + 5 * (5 / 7)) / 10],
  ])('covering of %j by %j over %i', (annotations, predictions, n, expected) => {
    expect(covering(annotations, predictions, n)).toBeCloseTo(expected, 15);
  });
});
