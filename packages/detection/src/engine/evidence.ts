import type { Level, Verdict } from '../detector';
import type { Aggregate } from './aggregate';
import { type DriftHistogram, type DriftState, driftHistogram } from './drift-detector';
import { type FairnessState, type SelectionRates, selectionRates } from './fairness-detector';
import type { MonitorSpec } from './monitor';

/** One closed window of a series as the engine keeps it (see `HistoryPoint` in engine.ts). */
interface Point {
  at: number;
  value: number;
  statistic: number;
  level: Level;
}

export interface ChartLine {
  role: 'centre' | 'warn' | 'page';
  value: number;
  label: string;
}

/** The monitor's recent windows and the lines they were judged against: a control chart. */
export interface SeriesEvidence {
  /** What `value` is, in words a responder reads on the chart's axis. */
  measure: string;
  windowMs: number;
  /** Oldest first; the last is the window that decided. */
  history: Array<{ at: string; value: number; level: Level }>;
  lines: ChartLine[];
}

/** What an alert carries as proof. Plain data, bounded in size, the same for the same events. */
export interface AlertEventEvidence {
  window: { start: string; end: string; observed: number; summary: Record<string, unknown> };
  detail: Record<string, number>;
  sampleEventIds: string[];
  /** The shape the onset was estimated under (also on the alert itself). */
  onsetModel?: 'abrupt' | 'gradual';
  series: SeriesEvidence;
  /** Drift alerts: reference against current, per bin or category. */
  distribution?: DriftHistogram;
  /** Fairness alerts: each group's selection rate, and the line a ratio below which is adverse. */
  selection?: SelectionRates & { line: number };
}

/** Windows a chart shows: ten hours of 5-minute windows, more when the onset is further back. */
export const CHART_WINDOWS = 120;
/** Windows shown before the estimated onset, so the chart shows what normal looked like. */
const BEFORE_ONSET = 6;

/**
 * The chart part of an alert's evidence, from the series' history (which already holds the
 * deciding window), the verdict's detail and the detector's state after judging.
 */
export function chartEvidence(input: {
  history: readonly Point[];
  monitor: MonitorSpec;
  verdict: Verdict;
  window: Aggregate;
  detectorState: unknown;
  onset: number;
}): Pick<AlertEventEvidence, 'series' | 'distribution' | 'selection'> {
  const { history, monitor, verdict, window, detectorState, onset } = input;
  const view = seriesView(monitor.detector, verdict);
  const onsetIndex = history.findIndex((point) => point.at >= onset);
  const from = Math.max(
    0,
    Math.min(history.length - CHART_WINDOWS, (onsetIndex < 0 ? history.length : onsetIndex) - BEFORE_ONSET),
  );
  const series: SeriesEvidence = {
    measure: view.measure,
    windowMs: monitor.windowMs,
    history: history.slice(from).map((point) => ({
      at: new Date(point.at).toISOString(),
      value: view.statistic ? point.statistic : point.value,
      level: point.level,
    })),
    lines: view.lines.filter((line) => Number.isFinite(line.value)),
  };
  if (monitor.detector === 'drift')
    return { series, distribution: driftHistogram(detectorState as DriftState, window) };
  if (monitor.detector === 'fairness') {
    const rates = selectionRates(detectorState as FairnessState, window, monitor);
    return rates ? { series, selection: { ...rates, line: verdict.threshold } } : { series };
  }
  return { series };
}

/** Per detector: which of a window's numbers the chart plots, and the lines that judge it. */
function seriesView(
  detector: MonitorSpec['detector'],
  verdict: Verdict,
): { measure: string; statistic: boolean; lines: ChartLine[] } {
  const d = verdict.detail ?? {};
  const n = (key: string) => d[key] ?? Number.NaN;
  switch (detector) {
    case 'zero_tolerance':
      return {
        measure: 'hits per window',
        statistic: true,
        lines: [{ role: 'page', value: 1, label: 'any hit pages' }],
      };
    case 'rate':
      return {
        measure: 'rate per window',
        statistic: false,
        lines: [
          { role: 'centre', value: n('baselineRate'), label: 'baseline rate' },
          {
            role: verdict.level === 'page' ? 'page' : 'warn',
            value: verdict.threshold,
            label: 'alerting rate at the deciding window’s volume',
          },
        ],
      };
    case 'seasonal':
      return {
        measure: 'window value against what is normal for the hour',
        statistic: false,
        lines: [
          { role: 'centre', value: n('expected'), label: 'normal for this hour' },
          {
            role: verdict.level === 'page' ? 'page' : 'warn',
            value: verdict.threshold,
            label: verdict.level === 'page' ? 'page line for this window' : 'warn line for this window',
          },
        ],
      };
    case 'shewhart': {
      const mean = n('baselineMean');
      const sd = n('baselineSd');
      return {
        measure: 'window mean',
        statistic: false,
        lines: [
          { role: 'centre', value: mean, label: 'baseline mean' },
          { role: 'warn', value: mean + n('warnSigma') * sd, label: `warn +${n('warnSigma')}σ` },
          { role: 'warn', value: mean - n('warnSigma') * sd, label: `warn −${n('warnSigma')}σ` },
          { role: 'page', value: mean + n('pageSigma') * sd, label: `page +${n('pageSigma')}σ` },
          { role: 'page', value: mean - n('pageSigma') * sd, label: `page −${n('pageSigma')}σ` },
        ],
      };
    }
    case 'ewma':
      return {
        measure: 'EWMA of the window mean, in σ',
        statistic: true,
        lines: [
          { role: 'centre', value: 0, label: 'baseline' },
          { role: 'warn', value: n('warnL'), label: 'warn' },
          { role: 'warn', value: -n('warnL'), label: 'warn' },
          { role: 'page', value: n('pageL'), label: 'page' },
          { role: 'page', value: -n('pageL'), label: 'page' },
        ],
      };
    case 'cusum':
      return {
        measure: 'CUSUM of the window mean, in σ',
        statistic: true,
        lines: [
          { role: 'centre', value: 0, label: 'baseline' },
          { role: 'warn', value: n('warnH'), label: 'warn' },
          { role: 'page', value: n('pageH'), label: 'page' },
        ],
      };
    case 'drift':
      // The statistic, not the value: a numeric signal's history keeps its window mean there.
      return {
        measure: 'PSI against the reference period',
        statistic: true,
        lines: [
          { role: 'centre', value: 0, label: 'no drift' },
          { role: 'warn', value: n('psiWarn'), label: 'warn' },
          { role: 'page', value: n('psiPage'), label: 'page' },
        ],
      };
    case 'fairness':
      return {
        measure: 'disparate impact (lowest ÷ highest selection rate)',
        statistic: false,
        lines: [
          { role: 'centre', value: 1, label: 'parity' },
          { role: 'page', value: verdict.threshold, label: 'four-fifths line' },
        ],
      };
  }
}
