import type { AlertEvidence, AlertSeries } from '@firebreak/contract';
import { formatMeasured, formatNumber, formatShare } from './alert-text';

type Series = NonNullable<AlertEvidence['series']>;
type Distribution = NonNullable<AlertEvidence['distribution']>;
type Selection = NonNullable<AlertEvidence['selection']>;
export type ChartLevel = Series['history'][number]['level'];
export type ChartLine = Series['lines'][number];
export interface ChartPoint {
  at: number;
  value: number;
  level: ChartLevel;
  /** Closed after the deciding window. */
  after: boolean;
}

export interface ControlChartModel {
  measure: string;
  points: ChartPoint[];
  lines: ChartLine[];
  /** The window that decided: ringed on the chart. */
  decided: ChartPoint;
  /** Where the windows after the alert begin (half a window past the deciding one), when any has closed. */
  afterFrom: number | undefined;
  /** What the windows since the deciding one say: still happening, or back within limits. */
  since: string | undefined;
  /** Window starts: from the first window's start to the last window's end. */
  x: [number, number];
  y: [number, number];
  /** The estimated onset, when it falls on the chart. */
  onset: number | undefined;
  /** Window starts to label on the time axis: every k-th, so at most `maxTicks` of them. */
  xTicks(maxTicks: number): number[];
  /** Whole-number ticks for counts (hits per window); undefined lets the scale choose. */
  yTicks: number[] | undefined;
  /** For screen readers: what the chart shows, where it crossed, and what happened since. */
  summary: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * One sentence on the windows after the deciding one, so a responder sees at a glance whether
 * the failure goes on: judged by the latest window, counted over all of them.
 *
 * @example
 * sinceText(['page', 'page', 'ok', 'page']); // 'Still happening: 3 of the 4 windows since reached the page line.'
 * sinceText(['page', 'ok', 'ok']);           // 'Back within limits for the last 2 windows (1 of the 3 since alerted).'
 */
export function sinceText(levels: readonly ChartLevel[]): string {
  if (levels.length === 0) return 'No window has closed since the deciding one yet.';
  const n = levels.length;
  const pages = levels.filter((level) => level === 'page').length;
  const warns = levels.filter((level) => level === 'warn').length;
  const of = (count: number) => (n === 1 ? 'the window since' : `${count} of the ${n} windows since`);
  if (levels.at(-1) !== 'ok') {
    if (pages === 0) return `Still happening: ${of(warns)} reached the warn line.`;
    return `Still happening: ${of(pages)} reached the page line${warns > 0 ? `, ${warns} more the warn line` : ''}.`;
  }
  let quiet = 0;
  while (quiet < n && levels[n - 1 - quiet] === 'ok') quiet += 1;
  const alerted = pages + warns;
  return `Back within limits for the last ${quiet === 1 ? 'window' : plural(quiet, 'window')}${
    alerted > 0 ? ` (${of(alerted)} alerted)` : ''
  }.`;
}

/**
 * What the control chart draws from an alert's evidence: its windows, its lines, and the
 * onset; undefined for alerts raised before evidence carried a series. With `live` (from
 * `GET /alerts/{id}/series`) the windows closed since the deciding one follow it, marked.
 */
export function controlChartModel(
  evidence: AlertEvidence,
  onset: string,
  live?: AlertSeries | undefined,
): ControlChartModel | undefined {
  const series: Series | undefined = live ?? evidence.series;
  if (!series || series.history.length === 0) return undefined;
  const points: ChartPoint[] = (live?.history ?? series.history.map((point) => ({ ...point, after: false }))).map(
    (point) => ({ at: Date.parse(point.at), value: point.value, level: point.level, after: point.after }),
  );
  const first = points[0]!;
  const last = points.at(-1)!;
  const decided = points.findLast((point) => !point.after) ?? last;
  const later = points.filter((point) => point.after);
  const x: [number, number] = [first.at, last.at + series.windowMs];
  const values = [...points.map((point) => point.value), ...series.lines.map((line) => line.value)];
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = high === low ? Math.max(Math.abs(high) * 0.1, 1) : (high - low) * 0.08;
  const onsetAt = Date.parse(onset);
  const alerting = points.filter((point) => !point.after && point.level !== 'ok').length;
  const since = live?.live ? sinceText(later.map((point) => point.level)) : undefined;
  const before = points.length - later.length;
  const summary =
    `${series.measure} over ${before} windows; the deciding window reads ${formatMeasured(decided.value, series.measure)} (${decided.level}); ` +
    `${alerting} window${alerting === 1 ? '' : 's'} alerting. ` +
    series.lines.map((line) => `${line.label} at ${formatMeasured(line.value, series.measure)}`).join(', ') +
    '.' +
    (since ? ` Since the alert: ${plural(later.length, 'window')}. ${since}` : '');
  const whole = values.every(Number.isInteger) && high - low <= 10;
  return {
    measure: series.measure,
    points,
    lines: series.lines,
    decided,
    afterFrom: later.length > 0 ? decided.at + series.windowMs / 2 : undefined,
    since,
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
