import type { Aggregate } from './aggregate';
import type { DetectorName, MonitorSpec } from './monitor';
import { detectorFor } from './window-detectors';

export interface SeriesPoint {
  timestamp: string;
  value: number;
}

export interface ScoredPoint extends SeriesPoint {
  /** In [0, 1]; 0 while the baseline is still being learnt. */
  score: number;
}

export const SERIES_DETECTORS = ['shewhart', 'ewma', 'cusum'] as const satisfies readonly DetectorName[];

/**
 * Runs one control chart over a plain time series, each point a window of one value, and
 * scores every point: the format NAB evaluates (`timestamp,value,anomaly_score`).
 */
export function scoreSeries(
  points: readonly SeriesPoint[],
  detector: (typeof SERIES_DETECTORS)[number],
  options: { baselinePoints?: number } = {},
): ScoredPoint[] {
  const spec: MonitorSpec = {
    id: 'series',
    system: 'series',
    signal: 'metric:value',
    detector,
    params: {},
    windowMs: 300_000,
    baselineWindows: options.baselinePoints ?? Math.max(2, Math.floor(points.length * 0.15)),
    owner: 'series',
  };
  const chart = detectorFor(detector);
  let state = chart.create(spec);
  return points.map((point) => {
    const window: Aggregate = {
      kind: 'numeric',
      count: 1,
      sum: point.value,
      sumSquares: point.value * point.value,
      values: [],
      sampleIds: [],
    };
    const result = chart.judge(state, window, spec);
    state = result.state;
    return { ...point, score: result.verdict?.score ?? 0 };
  });
}
