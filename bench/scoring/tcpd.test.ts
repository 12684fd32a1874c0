import { describe, expect, it } from 'vitest';
import { detectWithGaps, meanScore, PUBLISHED_TABLE_SERIES, publishedMeans, scoreSeries, zero } from './tcpd';

describe('TCPD aggregation', () => {
  it("recomputes TCPDBench's published default table from its per-series scores", () => {
    expect(PUBLISHED_TABLE_SERIES).toHaveLength(32);
    const table = publishedMeans(PUBLISHED_TABLE_SERIES);
    // aggregate_scores_wide.tex, default, univariate (F1 / cover)
    expect(table.binseg.f1).toBeCloseTo(0.698, 3);
    expect(table.binseg.cover).toBeCloseTo(0.672, 3);
    expect(table.bocpd.f1).toBeCloseTo(0.662, 3);
    expect(table.bocpd.cover).toBeCloseTo(0.594, 3);
    expect(table.pelt.f1).toBeCloseTo(0.674, 3);
    expect(table.pelt.cover).toBeCloseTo(0.652, 3);
    expect(table.zero.f1).toBeCloseTo(0.645, 3);
    expect(table.zero.cover).toBeCloseTo(0.566, 3);
  });

  it('places changes found among the values present at their original indices', () => {
    const values = [0, 0, NaN, 0, 0, 0, 0, 0, 0, 0, 9, NaN, 9, 9, 9, 9, 9, 9, 9, 9];
    expect(detectWithGaps()(values)).toEqual([10]);
    const shifted = [0, 0, 0, 0, 0, 0, 0, 0, 0, NaN, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9];
    expect(detectWithGaps()(shifted)).toEqual([10]);
  });

  it('scores a series and averages scores', () => {
    const series = {
      name: 's',
      dims: 1,
      values: Array.from({ length: 45 }, () => 0),
      annotations: { 1: [], 2: [10], 3: [40] },
    };
    // TCPDBench's doctests for the same annotations: F1 0.8 and covering 0.8189300411522634.
    expect(scoreSeries(series, zero(series.values))).toEqual({ f1: 0.8, cover: 0.8189300411522634 });
    expect(
      meanScore([
        { f1: 1, cover: 0.5 },
        { f1: 0, cover: 0.25 },
      ]),
    ).toEqual({ f1: 0.5, cover: 0.375 });
  });
});
