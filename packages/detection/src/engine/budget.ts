import { durationMs } from '@firebreak/core';
import type { MonitorSpec } from './monitor';

/**
 * A system's false-alarm budget, stated once for all its monitors (ADR 21): on average at most
 * one false page per `page` and one false warning per `warn` of event time when nothing is
 * wrong. A warning is a ticket; a page is a notification.
 */
export interface Budget {
  page: string;
  warn: string;
}

export const DEFAULT_BUDGET: Budget = { page: '30d', warn: '7d' };

/**
 * How much of the system's budget a series may spend, as a weight (weighted Bonferroni): each
 * system-wide series counts one; the per-value series of a default segment monitor share one
 * between them (segments.ts gives each value 1/(values + 1)); zero tolerance spends nothing
 * (any hit is the incident, not a false alarm).
 */
export function seriesWeight(monitor: MonitorSpec): number {
  if (monitor.detector === 'zero_tolerance') return 0;
  if (monitor.segmentBy && monitor.default) return SEGMENT_SHARE;
  return 1;
}

/** The top values of a segment key plus "other" split one series' weight between them. */
export const SEGMENT_VALUES = 5;
const SEGMENT_SHARE = 1 / (SEGMENT_VALUES + 1);

/**
 * Per-window false-alarm probabilities for one series: the system's budget per window (window
 * ÷ budget period: a test at level α per window alarms falsely every 1/α windows on average),
 * times the series' share of the system's total weight, divided by ten per dismissal (`steps`).
 * The union bound keeps the system within its budget however many series it has. A monitor
 * that states its own `pageEvery` / `warnEvery` keeps that budget for itself (ADR 8).
 *
 * @example
 * // A system with 40 series of weight 1: each may page falsely once in 40 months.
 * seriesAlpha(spec, 1, 40, DEFAULT_BUDGET, 0); // { page: ≈2.9e-6, warn: ≈1.2e-5 }
 */
export function seriesAlpha(
  monitor: MonitorSpec,
  weight: number,
  totalWeight: number,
  budget: Budget,
  steps: number,
): { page: number; warn: number } {
  const share = totalWeight > 0 && weight > 0 ? Math.min(1, weight / totalWeight) : 1;
  const tuned = 10 ** -Math.max(0, steps);
  const own = (name: 'pageEvery' | 'warnEvery') =>
    typeof monitor.params[name] === 'string' ? durationMs(monitor.params[name] as string) : undefined;
  const pageEvery = own('pageEvery');
  const warnEvery = own('warnEvery');
  const page = pageEvery ? monitor.windowMs / pageEvery : (monitor.windowMs / durationMs(budget.page)) * share;
  const warn = warnEvery ? monitor.windowMs / warnEvery : (monitor.windowMs / durationMs(budget.warn)) * share;
  return { page: Math.min(0.5, page * tuned), warn: Math.min(0.5, Math.max(warn, page) * tuned) };
}
