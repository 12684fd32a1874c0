import type { Alert, AlertHygiene, AlertTuning, MonitorStatusView } from '@firebreak/contract';

/** What each monitor state means, for its badge's tooltip and the legend under the table. */
export const MONITOR_STATE_HINT: Record<MonitorStatusView['state'], string> = {
  learning:
    'Learning what is normal for this system (its warm-up, or what each hour of the day looks like, over two days). Until it has, it pages only on zero-tolerance signals such as PII or secrets.',
  watching: 'Knows what is normal and judges every window against it.',
  firing: 'An alert of this monitor is open now.',
};

/**
 * What dismissing an alert as a false positive does to its monitor, said before the click: a
 * zero-tolerance monitor is never tuned; any other becomes ten times less sensitive for the
 * alert's series and takes the level it alerted at as normal.
 *
 * @example
 * dismissLesson({ monitor: 'toxicity', detector: 'rate', segment: { tenant: 'globex' } });
 * // 'Dismissing this as a false positive makes toxicity ten times less sensitive for this series (tenant=globex); it re-learns its level.'
 */
export function dismissLesson(alert: Pick<Alert, 'monitor' | 'detector' | 'segment'>): string {
  if (alert.detector === 'zero_tolerance')
    return `${alert.monitor} is zero-tolerance: any hit is the incident, so dismissing this does not make it less sensitive.`;
  const segment = alert.segment
    ? Object.entries(alert.segment)
        .map(([key, value]) => `${key}=${value}`)
        .join(', ')
    : '';
  return `Dismissing this as a false positive makes ${alert.monitor} ten times less sensitive for this series${segment ? ` (${segment})` : ''}; it re-learns its level.`;
}

/** Tuning steps as people read them: each is a tenfold cut of a series' false-alarm probability. */
export function stepsText(steps: number): string {
  if (steps <= 0) return 'not tuned';
  return `${steps} step${steps === 1 ? '' : 's'}: ${(10 ** steps).toLocaleString('en-US')} times less sensitive`;
}

/** Where an alert's dismissal stands, one sentence. */
export function tuningState(tuning: AlertTuning): string {
  if (!tuning.tunable) return 'Zero-tolerance monitors are not tuned by dismissals.';
  if (tuning.thisAlert === 'teaching')
    return `This dismissal teaches ${tuning.monitor}: the series is tuned ${stepsText(tuning.steps)}.`;
  if (tuning.thisAlert === 'reverted')
    return `The tuning from this dismissal was taken back; the series is ${stepsText(tuning.steps)}.`;
  return tuning.steps > 0
    ? `Earlier dismissals tuned this series: ${stepsText(tuning.steps)}.`
    : 'No dismissal has tuned this series.';
}

/** A share of the budget, or a false-positive rate, as a percentage that keeps small values visible. */
export function percentText(fraction: number): string {
  if (fraction === 0) return '0%';
  if (fraction < 0.01) return `${(fraction * 100).toFixed(2)}%`;
  return `${Math.round(fraction * 100)}%`;
}

export interface HygieneLine {
  key: string;
  system: string;
  monitor: string;
  state: MonitorStatusView['state'] | null;
  owner: string;
  alerts: number;
  dismissed: number;
  rate: string;
  tuning: string;
  /** Alerts whose dismissal tunes it now: each page has the revert. */
  teaching: string[];
}

/** The hygiene API's rows as the page shows them, in the server's order (noisiest first). */
export function hygieneLines(hygiene: AlertHygiene): HygieneLine[] {
  return hygiene.monitors.map((row) => ({
    key: `${row.system}/${row.monitor}`,
    system: row.system,
    monitor: row.monitor,
    state: row.state,
    owner: row.owner || 'unknown',
    alerts: row.alerts,
    dismissed: row.dismissed,
    rate: row.alerts > 0 ? percentText(row.falsePositiveRate) : 'no alerts in 30 days',
    tuning: stepsText(row.tuning),
    teaching: row.teaching.map((entry) => entry.alertId),
  }));
}
