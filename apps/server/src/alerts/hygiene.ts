import type { AlertHygiene, HygieneRow } from '@firebreak/contract';
import type { MonitorStatus } from '@firebreak/detection';
import type { Ctx } from '../context';
import { findAlert } from './store';
import { presentTuning, teachingAlerts } from './tuning';
import { alertCounts, allTunings } from './tuning-store';

/** The period alert hygiene and monitor status count alerts over. */
export const HYGIENE_DAYS = 30;
const DAY_MS = 86_400_000;

export const hygieneSince = (now: Date) => new Date(now.getTime() - HYGIENE_DAYS * DAY_MS);

/** Where each monitor of a system stands (the engine's `monitorStatus`, live or from its snapshot). */
export interface MonitorStatusOf {
  of(system: string): MonitorStatus[];
}

export type MonitorCounts = Awaited<ReturnType<typeof alertCounts>>[number];

/** Alerts and dismissals per monitor over the last 30 days (one system, or all). */
export async function monitorAlertCounts(ctx: Ctx, system?: string): Promise<MonitorCounts[]> {
  return alertCounts(ctx.db, hygieneSince(ctx.now()), system);
}

/**
 * Monitors across systems, noisiest first: by false-positive rate (dismissed ÷ alerts over 30
 * days), with their tuning and the dismissals teaching them now, each revertable. A monitor
 * with no alerts in the period but a tuning in force is listed too, so no tuning is out of sight.
 */
export async function alertHygieneView({ ctx, status }: { ctx: Ctx; status: MonitorStatusOf }): Promise<AlertHygiene> {
  const counts = await monitorAlertCounts(ctx);
  const log = await allTunings(ctx.db);
  const monitors = hygieneRows(counts, log, status);
  // A monitor listed for its tuning alone takes its owner from the alert that taught it.
  for (const row of monitors) {
    const taught = row.owner ? undefined : row.teaching[0];
    if (taught) row.owner = (await findAlert(ctx.db, taught.alertId))?.owner ?? '';
  }
  return { since: hygieneSince(ctx.now()).toISOString(), monitors };
}

/** Shapes the counts and the tuning log into rows, sorted noisiest first (pure: tested on its own). */
export function hygieneRows(
  counts: readonly MonitorCounts[],
  log: Parameters<typeof teachingAlerts>[0],
  status: MonitorStatusOf,
): HygieneRow[] {
  const key = (system: string, monitor: string) => `${system}\u0000${monitor}`;
  const rows = new Map<string, HygieneRow>();
  for (const c of counts)
    rows.set(key(c.system, c.monitor), {
      system: c.system,
      monitor: c.monitor,
      signal: c.signal,
      owner: c.owner,
      alerts: c.alerts,
      dismissed: c.dismissed,
      falsePositiveRate: c.alerts > 0 ? c.dismissed / c.alerts : 0,
      tuning: 0,
      state: null,
      teaching: [],
    });
  // Steps per series from the latest entry of each; a monitor shows its most-tuned series.
  const latest = new Map<string, (typeof log)[number]>();
  for (const entry of log) latest.set(entry.fingerprint, entry);
  for (const entry of latest.values()) {
    const row = rows.get(key(entry.system, entry.monitor));
    if (row) row.tuning = Math.max(row.tuning, entry.steps);
  }
  for (const entry of teachingAlerts(log).values()) {
    const id = key(entry.system, entry.monitor);
    let row = rows.get(id);
    if (!row) {
      row = {
        system: entry.system,
        monitor: entry.monitor,
        signal: '',
        owner: '',
        alerts: 0,
        dismissed: 0,
        falsePositiveRate: 0,
        tuning: latest.get(entry.fingerprint)?.steps ?? 0,
        state: null,
        teaching: [],
      };
      rows.set(id, row);
    }
    row.teaching.push(presentTuning(entry));
  }
  const statuses = new Map<string, MonitorStatus[]>();
  for (const row of rows.values()) {
    if (!statuses.has(row.system)) statuses.set(row.system, status.of(row.system));
    const found = statuses.get(row.system)!.find((s) => s.monitor === row.monitor);
    if (found) {
      row.state = found.state;
      if (!row.signal) row.signal = found.signal;
    }
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.falsePositiveRate - a.falsePositiveRate ||
      b.dismissed - a.dismissed ||
      b.alerts - a.alerts ||
      a.system.localeCompare(b.system) ||
      a.monitor.localeCompare(b.monitor),
  );
}
