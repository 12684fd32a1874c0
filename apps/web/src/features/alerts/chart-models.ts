import type { AlertEvidence } from '@firebreak/contract';
import { formatMeasured, formatNumber, formatShare } from './alert-text';

type Series = NonNullable<AlertEvidence['series']>;
type Distribution = NonNullable<AlertEvidence['distribution']>;
type Selection = NonNullable<AlertEvidence['selection']>;
export type ChartLevel = Series['history'][number]['level'];
export type ChartLine = Series['lines'][number];

export interface ControlChartModel {
  measure: string;
  points: Array<{ at: number; value: number; level: ChartLevel }>;
  lines: ChartLine[];
  /** Window starts: from the first window's start to the last window's end. */
  x: [number, number];
  y: [number, number];
  /** The estimated onset, when it falls on the chart. */
  onset: number | undefined;
  /** Window starts to label on the time axis: every k-th, so at most `maxTicks` of them. */
  xTicks(maxTicks: number): number[];
  /** Whole-number ticks for counts (hits per window); undefined lets the scale choose. */
  yTicks: number[] | undefined;
  /** One sentence for screen readers: what the chart shows and where it crossed. */
  summary: string;
}

/**
 * What the control chart draws from an alert's evidence: its windows, its lines, and the
 * onset; undefined for alerts raised before evidence carried a series.
 */
export function controlChartModel(evidence: AlertEvidence, onset: string): ControlChartModel | undefined {
  const series = evidence.series;
  if (!series || series.history.length === 0) return undefined;
  const points = series.history.map((point) => ({ at: Date.parse(point.at), value: point.value, level: point.level }));
  const first = points[0]!;
  const last = points.at(-1)!;
  const x: [number, number] = [first.at, last.at + series.windowMs];
  const values = [...points.map((point) => point.value), ...series.lines.map((line) => line.value)];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = high === low ? Math.max(Math.abs(high) * 0.1, 1) : (high - low) * 0.08;
  const onsetAt = Date.parse(onset);
  const alerting = points.filter((point) => point.level !== 'ok').length;
  const summary =
    `${series.measure} over ${points.length} windows; the deciding window reads ${formatMeasured(last.value, series.measure)} (${last.level}); ` +
    `${alerting} window${alerting === 1 ? '' : 's'} alerting. ` +
    series.lines.map((line) => `${line.label} at ${formatMeasured(line.value, series.measure)}`).join(', ') +
    '.';
  const whole = values.every(Number.isInteger) && high - low <= 10;
  return {
    measure: series.measure,
    points,
    lines: series.lines,
    xTicks: (maxTicks) => {
      const every = Math.max(1, Math.ceil(points.length / Math.max(1, maxTicks)));
      return points.filter((_, index) => (points.length - 1 - index) % every === 0).map((point) => point.at);
    },
    yTicks: whole
      ? Array.from(
          { length: Math.floor(high + pad) - Math.ceil(Math.max(0, low - pad)) + 1 },
          (_, i) => Math.ceil(Math.max(0, low - pad)) + i,
        )
      : undefined,
    x,
    // Never below zero for a measure that cannot be negative (rates, counts, PSI).
    y: [low >= 0 ? Math.max(0, low - pad) : low - pad, high + pad],
    onset: Number.isFinite(onsetAt) && onsetAt >= x[0] && onsetAt <= x[1] ? onsetAt : undefined,
    summary,
  };
}

export interface HistogramModel {
  binned: boolean;
  /** Each bin's share of the reference period and of the deciding window, with the counts. */
  bins: Array<{
    key: string;
    label: string;
    reference: number;
    current: number;
    referenceCount: number;
    currentCount: number;
  }>;
  referenceTotal: number;
  currentTotal: number;
  summary: string;
}

/**
 * A bin's range as text: `< 0.71`, `0.71–0.75`, `≥ 0.93`; a category as itself.
 *
 * @example
 * binLabel({ key: 'b01', from: 0.71, to: 0.75 }); // '0.71–0.75'
 */
export function binLabel(bin: Pick<Distribution['bins'][number], 'key' | 'from' | 'to'>): string {
  if (bin.from === null && bin.to === null) return bin.key;
  if (bin.from === null) return `< ${formatNumber(bin.to!)}`;
  if (bin.to === null) return `≥ ${formatNumber(bin.from)}`;
  return `${formatNumber(bin.from)}–${formatNumber(bin.to)}`;
}

/** Reference against current as shares of their totals, so periods of any length compare. */
export function histogramModel(evidence: AlertEvidence): HistogramModel | undefined {
  const distribution = evidence.distribution;
  if (!distribution || distribution.bins.length === 0) return undefined;
  const referenceTotal = distribution.bins.reduce((sum, bin) => sum + bin.reference, 0);
  const currentTotal = distribution.bins.reduce((sum, bin) => sum + bin.current, 0);
  const share = (count: number, total: number) => (total === 0 ? 0 : count / total);
  const bins = distribution.bins.map((bin) => ({
    key: bin.key,
    label: binLabel(bin),
    reference: share(bin.reference, referenceTotal),
    current: share(bin.current, currentTotal),
    referenceCount: bin.reference,
    currentCount: bin.current,
  }));
  const moved = [...bins].sort((a, b) => Math.abs(b.current - b.reference) - Math.abs(a.current - a.reference))[0]!;
  const summary = `${bins.length} ${distribution.binned ? 'bins' : 'categories'}, ${referenceTotal} reference values against ${currentTotal} in the deciding window; the largest move is ${moved.label}: ${formatShare(moved.reference)} → ${formatShare(moved.current)}.`;
  return { binned: distribution.binned, bins, referenceTotal, currentTotal, summary };
}

export interface SelectionModel {
  positive: string;
  groups: Array<Selection['groups'][number] & { below: boolean }>;
  highest: number;
  /** Four-fifths of the highest rate: a group under it is adversely selected. */
  threshold: number;
  line: number;
  summary: string;
}

/** Each group's selection rate against the four-fifths line (the line × the highest rate). */
export function selectionModel(evidence: AlertEvidence): SelectionModel | undefined {
  const selection = evidence.selection;
  if (!selection || selection.groups.length === 0) return undefined;
  const highest = Math.max(...selection.groups.map((group) => group.rate));
  const threshold = selection.line * highest;
  const groups = selection.groups.map((group) => ({ ...group, below: group.rate < threshold }));
  const below = groups.filter((group) => group.below).map((group) => group.group);
  const summary =
    `Selection rate of "${selection.positive}" per group: ${groups.map((group) => `${group.group} ${formatShare(group.rate)}`).join(', ')}. ` +
    `${formatNumber(selection.line)} of the highest rate is ${formatShare(threshold)}; ${below.length > 0 ? `below it: ${below.join(', ')}` : 'no group is below it'}.`;
  return { positive: selection.positive, groups, highest, threshold, line: selection.line, summary };
}
