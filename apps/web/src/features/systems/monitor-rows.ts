import type { AiSystem, Alert } from '@firebreak/contract';

export interface MonitorRow {
  id: string;
  signal: string;
  detector: string;
  window?: string;
  segmentBy?: string;
  owner: string;
  runbook?: string;
  /** Why the row is here when it is not a configured monitor. */
  note?: string;
  /** Its alerts, latest first. */
  alerts: Alert[];
}

/**
 * A system's monitors with their alerts: the configured ones in card order; with none
 * configured, the default monitors that have raised alerts (the API lists only configured
 * ones); and monitors since removed from the card whose alerts remain.
 *
 * @example
 * monitorRows(system, alerts)[0]; // { id: 'pii-in-answers', signal: 'flag:pii', alerts: [...] }
 */
export function monitorRows(system: Pick<AiSystem, 'monitors' | 'owner'>, alerts: readonly Alert[]): MonitorRow[] {
  // Cards stored before monitors existed (and the demo's) come back without the field.
  const monitors = system.monitors ?? [];
  const byMonitor = new Map<string, Alert[]>();
  for (const alert of [...alerts].sort((a, b) => Date.parse(b.openedAt) - Date.parse(a.openedAt))) {
    const list = byMonitor.get(alert.monitor) ?? [];
    list.push(alert);
    byMonitor.set(alert.monitor, list);
  }
  const rows: MonitorRow[] = monitors.map((monitor) => {
    const raised = byMonitor.get(monitor.id) ?? [];
    const row: MonitorRow = {
      id: monitor.id,
      signal: monitor.signal,
      detector: monitor.detector ?? raised[0]?.detector ?? 'the usual detector for the signal',
      window: monitor.window ?? '5m',
      owner: monitor.owner ?? system.owner,
      alerts: raised,
    };
    if (monitor.segmentBy) row.segmentBy = monitor.segmentBy;
    const runbook = monitor.runbook ?? raised[0]?.runbook ?? undefined;
    if (runbook) row.runbook = runbook;
    return row;
  });
  const configured = new Set(monitors.map((monitor) => monitor.id));
  for (const [id, raised] of byMonitor) {
    if (configured.has(id)) continue;
    const latest = raised[0]!;
    const row: MonitorRow = {
      id,
      signal: latest.signal,
      detector: latest.detector,
      owner: latest.owner,
      note:
        monitors.length === 0
          ? 'default monitor, chosen from the telemetry'
          : 'no longer in the card; its alerts remain',
      alerts: raised,
    };
    if (latest.runbook) row.runbook = latest.runbook;
    rows.push(row);
  }
  return rows;
}
