import { durationMs } from '@firebreak/core';
import type { MonitorSpec } from './monitor';
import type { JudgeContext } from './window-detector';

// The statistics themselves live in ../stats; this file turns a monitor's settings into the
// per-window significance levels its tests run at (ADR 8).

/**
 * Per-window false-alarm probabilities from a monitor's budget: on average one page per
 * `pageEvery` (default 30 days) and one warning per `warnEvery` (default 1 day) of windows
 * when nothing is wrong. A test at level α per window has an expected run of 1/α windows
 * between false alarms, so α = window / budget.
 *
 * @example
 * alarmBudget({ ...spec, windowMs: 300_000, params: {} }); // { page: ≈3.47e-5, warn: ≈3.47e-3, pageEvery: '30d', warnEvery: '1d' }
 */
export function alarmBudget(
  spec: MonitorSpec,
  context?: JudgeContext,
): { page: number; warn: number; pageEvery: string; warnEvery: string } {
  const pageEvery = typeof spec.params.pageEvery === 'string' ? spec.params.pageEvery : '30d';
  const warnEvery = typeof spec.params.warnEvery === 'string' ? spec.params.warnEvery : '1d';
  // In the engine, the series' share of its system's budget (budget.ts), which already honours
  // a monitor's own pageEvery / warnEvery.
  if (context) return { ...context.alpha, pageEvery, warnEvery };
  return {
    page: Math.min(0.5, spec.windowMs / durationMs(pageEvery)),
    warn: Math.min(0.5, spec.windowMs / durationMs(warnEvery)),
    pageEvery,
    warnEvery,
  };
}

/** A numeric monitor parameter, or `fallback` when it is missing or not a finite number. */
export function numberParam(spec: MonitorSpec, name: string, fallback: number): number {
  const value = spec.params[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
