import type { Readiness, ReadinessQuery } from '@firebreak/contract';
import {
  type ActionStatus,
  computeReadiness,
  deriveResponseMetrics,
  type ReadinessAlert,
  type ReadinessIncident,
  type Severity,
  type Status,
} from '@firebreak/core';
import type { Ctx } from '../context';
import type { StatusReader } from '../detection/status';
import { readMetricEvents } from '../timeline/store';
import { actionsOf, endedDrills, periodAlerts, periodIncidents, postmortemsOf, realSystems } from './store';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** The period asked for: `to` defaults to now, `from` to three calendar months before `to`. */
export function periodOf(query: ReadinessQuery, now: Date): { from: Date; to: Date } {
  const to = query.to === undefined ? now : new Date(query.to);
  if (query.from !== undefined) return { from: new Date(query.from), to };
  const from = new Date(to);
  from.setUTCMonth(from.getUTCMonth() - 3);
  return { from, to };
}

/**
 * Readiness over a period: reads the real records of the period and computes every figure from
 * them (core's computeReadiness). Monitors come from the system cards, the detection engine's
 * state (default monitors) and the alerts of the period, so a monitor that alerted is never missing.
 */
export async function readiness({
  ctx,
  query,
  status,
}: {
  ctx: Ctx;
  query: ReadinessQuery;
  status: Pick<StatusReader, 'of'>;
}): Promise<Readiness> {
  const now = ctx.now();
  const period = periodOf(query, now);
  const rows = await periodIncidents(ctx.db, period);
  const ids = rows.map((r) => r.id);
  // One after another: on PGlite, and in a transaction, the store is one connection.
  const timelines = await readMetricEvents(ctx.db, ids);
  const reviews = await postmortemsOf(ctx.db, ids);
  const actions = await actionsOf(ctx.db, ids);
  const alerts = await periodAlerts(ctx.db, period);
  const systems = await realSystems(ctx.db);
  const drills = await endedDrills(ctx.db, period);
  const reviewOf = new Map(reviews.map((r) => [r.incidentId, r]));
  const incidents = rows.map((row): ReadinessIncident => {
    const m = deriveResponseMetrics(timelines.get(row.id) ?? []);
    const review = reviewOf.get(row.id);
    return {
      id: row.id,
      type: row.type,
      severity: row.severity as Severity,
      systems: row.systems,
      status: row.status as Status,
      nearMiss: row.nearMiss,
      declaredAt: row.declaredAt.toISOString(),
      resolvedAt: m.resolvedAt,
      times: {
        mttd: m.timeToDetect,
        mtta: m.timeToAcknowledge,
        mtti: m.timeToIsolate,
        mttc: m.timeToContain,
        mttr: m.timeToResolve,
      },
      postmortem: review ? { status: review.status, publishedAt: iso(review.publishedAt) } : null,
    };
  });
  const monitorsOf = (id: string, configured: ReadonlyArray<{ id: string; signal: string }>) => {
    const all = new Map<string, string>();
    for (const m of configured) all.set(m.id, m.signal);
    for (const m of status.of(id)) all.set(m.monitor, m.signal);
    for (const a of alerts) if (a.system === id) all.set(a.monitor, a.signal);
    return [...all].map(([monitor, signal]) => ({ id: monitor, signal }));
  };
  return computeReadiness({
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    now: now.toISOString(),
    incidents,
    actions: actions.map((a) => ({
      id: a.id,
      incidentId: a.incidentId,
      status: a.status as ActionStatus,
      dueAt: iso(a.dueAt),
      closedAt: iso(a.closedAt),
      verified: a.verified,
    })),
    alerts: alerts.map((a) => ({
      system: a.system,
      monitor: a.monitor,
      signal: a.signal,
      status: a.status as ReadinessAlert['status'],
      incidentId: a.incidentId,
      acknowledgedAt: iso(a.acknowledgedAt),
    })),
    systems: systems.map((s) => ({ id: s.id, monitors: monitorsOf(s.id, s.monitors) })),
    drills: drills.map((d) => ({ id: d.id, team: d.team, passed: d.passed })),
  });
}
