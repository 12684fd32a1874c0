import { UTCDate } from '@date-fns/utc';
import { addMonths, addWeeks, startOfISOWeek, startOfMonth } from 'date-fns';
import { mean, median } from 'simple-statistics';
import { type ActionStatus, DEFAULT_POSTMORTEM_POLICY, postmortemDueAt, postmortemRequired } from './learning';
import type { Status } from './lifecycle';
import { type SystemCoverage, taxonomyCoverage } from './readiness-coverage';
import type { Severity } from './severity';

/** The five response times, each in seconds (docs/readiness.md gives their timestamps). */
export const READINESS_TIMES = ['mttd', 'mtta', 'mtti', 'mttc', 'mttr'] as const;
export type ReadinessTime = (typeof READINESS_TIMES)[number];

/** One real incident (never a drill's) declared in the period, with its derived response times. */
export interface ReadinessIncident {
  id: string;
  type: string;
  severity: Severity;
  systems: readonly string[];
  status: Status;
  nearMiss: boolean;
  declaredAt: string;
  resolvedAt: string | null;
  /** Seconds per response time, null when the moment it ends at has not happened (or onset is unknown). */
  times: Record<ReadinessTime, number | null>;
  postmortem: { status: string; publishedAt: string | null } | null;
}

export interface ReadinessAction {
  id: string;
  incidentId: string;
  status: ActionStatus;
  dueAt: string | null;
  closedAt: string | null;
  /** A verification of it passed. */
  verified: boolean;
}

export interface ReadinessAlert {
  system: string;
  monitor: string;
  signal: string;
  status: 'firing' | 'resolved' | 'dismissed';
  incidentId: string | null;
  acknowledgedAt: string | null;
}

export interface ReadinessDrill {
  id: string;
  team: string;
  passed: boolean | null;
}

export interface ReadinessInput {
  from: string;
  to: string;
  now: string;
  incidents: readonly ReadinessIncident[];
  actions: readonly ReadinessAction[];
  alerts: readonly ReadinessAlert[];
  /** Every real system with the monitors known for it (card, engine). */
  systems: ReadonlyArray<{ id: string; monitors: ReadonlyArray<{ id: string; signal: string }> }>;
  drills: readonly ReadinessDrill[];
}

/** A distribution of one response time: how many incidents have it, their mean and median. */
export interface TimeSummary {
  count: number;
  mean: number | null;
  median: number | null;
}

export interface ReadinessGroup {
  key: string;
  incidents: number;
  times: Record<ReadinessTime, TimeSummary>;
}

export interface ReadinessTrendPoint {
  start: string;
  incidents: number;
  /** Mean seconds per response time in the bucket, null when none had it. */
  means: Record<ReadinessTime, number | null>;
}

export interface PostmortemTimeliness {
  incidentId: string;
  dueAt: string;
  publishedAt: string | null;
  outcome: 'on_time' | 'late' | 'pending';
}

export interface MonitorPrecision {
  system: string;
  monitor: string;
  alerts: number;
  actedOn: number;
  dismissed: number;
  /** Neither acted on nor dismissed: left out of precision. */
  unreviewed: number;
  /** actedOn ÷ (actedOn + dismissed); null when nothing was reviewed. */
  precision: number | null;
}

export interface TeamDrills {
  team: string;
  run: number;
  passed: number;
  failed: number;
  passRate: number | null;
}

export interface Readiness {
  from: string;
  to: string;
  bucket: 'week' | 'month';
  incidents: { declared: number; counted: number; dismissed: number; nearMisses: number };
  response: {
    overall: Record<ReadinessTime, TimeSummary>;
    bySeverity: ReadinessGroup[];
    byType: ReadinessGroup[];
    bySystem: ReadinessGroup[];
    trend: ReadinessTrendPoint[];
  };
  postmortems: {
    dueBusinessDays: number;
    considered: number;
    onTime: number;
    late: number;
    pending: number;
    share: number | null;
    items: PostmortemTimeliness[];
  };
  actions: {
    total: number;
    onTime: number;
    late: number;
    pending: number;
    noDueDate: number;
    closed: number;
    verified: number;
    onTimeShare: number | null;
    verifiedShare: number | null;
  };
  alerts: { total: number; actedOn: number; dismissed: number; precision: number | null; monitors: MonitorPrecision[] };
  coverage: SystemCoverage[];
  drills: { run: number; passed: number; passRate: number | null; teams: TeamDrills[] };
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function summarise(values: readonly number[]): TimeSummary {
  if (values.length === 0) return { count: 0, mean: null, median: null };
  return { count: values.length, mean: mean([...values]), median: median([...values]) };
}

function timesOf(incidents: readonly ReadinessIncident[]): Record<ReadinessTime, TimeSummary> {
  const pick = (time: ReadinessTime) =>
    incidents.map((i) => i.times[time]).filter((value): value is number => value !== null);
  return Object.fromEntries(READINESS_TIMES.map((time) => [time, summarise(pick(time))])) as Record<
    ReadinessTime,
    TimeSummary
  >;
}

function groupBy(incidents: readonly ReadinessIncident[], keys: (i: ReadinessIncident) => readonly string[]) {
  const groups = new Map<string, ReadinessIncident[]>();
  for (const incident of incidents)
    for (const key of keys(incident)) groups.set(key, [...(groups.get(key) ?? []), incident]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, members]): ReadinessGroup => ({ key, incidents: members.length, times: timesOf(members) }));
}

/** Weeks (ISO, from Monday) for a period up to a quarter, months beyond. */
export function readinessBucket(from: string, to: string): 'week' | 'month' {
  return Date.parse(to) - Date.parse(from) <= 93 * 86_400_000 ? 'week' : 'month';
}

function trendOf(incidents: readonly ReadinessIncident[], from: string, to: string, bucket: 'week' | 'month') {
  const first = bucket === 'week' ? startOfISOWeek(new UTCDate(from)) : startOfMonth(new UTCDate(from));
  const next = (d: UTCDate): UTCDate => (bucket === 'week' ? addWeeks(d, 1) : addMonths(d, 1));
  const points: ReadinessTrendPoint[] = [];
  for (let start: UTCDate = first; start.getTime() < Date.parse(to); start = next(start)) {
    const end = next(start).getTime();
    const members = incidents.filter(
      (i) => Date.parse(i.declaredAt) >= start.getTime() && Date.parse(i.declaredAt) < end,
    );
    const times = timesOf(members);
    points.push({
      start: new Date(start.getTime()).toISOString(),
      incidents: members.length,
      means: Object.fromEntries(READINESS_TIMES.map((t) => [t, times[t].mean])) as Record<ReadinessTime, number | null>,
    });
  }
  return points;
}

function postmortemsOf(incidents: readonly ReadinessIncident[], now: number) {
  const items: PostmortemTimeliness[] = [];
  for (const incident of incidents) {
    const needed = incident.postmortem !== null || postmortemRequired(incident);
    if (!needed || incident.resolvedAt === null || incident.status === 'dismissed') continue;
    const due = postmortemDueAt(new Date(incident.resolvedAt), DEFAULT_POSTMORTEM_POLICY.dueBusinessDays);
    const published = incident.postmortem?.status === 'published' ? incident.postmortem.publishedAt : null;
    const outcome =
      published !== null
        ? Date.parse(published) <= due.getTime()
          ? 'on_time'
          : 'late'
        : now > due.getTime()
          ? 'late'
          : 'pending';
    items.push({ incidentId: incident.id, dueAt: due.toISOString(), publishedAt: published, outcome });
  }
  const count = (outcome: PostmortemTimeliness['outcome']) => items.filter((i) => i.outcome === outcome).length;
  const onTime = count('on_time');
  const late = count('late');
  return {
    dueBusinessDays: DEFAULT_POSTMORTEM_POLICY.dueBusinessDays,
    considered: items.length,
    onTime,
    late,
    pending: count('pending'),
    share: ratio(onTime, onTime + late),
    items,
  };
}

function actionsOf(actions: readonly ReadinessAction[], now: number): Readiness['actions'] {
  const live = actions.filter((a) => a.status !== 'cancelled');
  let onTime = 0;
  let late = 0;
  let pending = 0;
  let noDueDate = 0;
  for (const action of live) {
    const done = action.status === 'closed' && action.closedAt !== null;
    if (action.dueAt === null) noDueDate += 1;
    else if (done) Date.parse(action.closedAt!) <= Date.parse(action.dueAt) ? (onTime += 1) : (late += 1);
    else if (now > Date.parse(action.dueAt)) late += 1;
    else pending += 1;
  }
  const closed = live.filter((a) => a.status === 'closed');
  const verified = closed.filter((a) => a.verified).length;
  return {
    total: live.length,
    onTime,
    late,
    pending,
    noDueDate,
    closed: closed.length,
    verified,
    onTimeShare: ratio(onTime, onTime + late),
    verifiedShare: ratio(verified, closed.length),
  };
}

function alertsOf(alerts: readonly ReadinessAlert[]): Readiness['alerts'] {
  const rows = new Map<string, MonitorPrecision>();
  for (const alert of alerts) {
    const key = `${alert.system}\u0000${alert.monitor}`;
    const row = rows.get(key) ?? {
      system: alert.system,
      monitor: alert.monitor,
      alerts: 0,
      actedOn: 0,
      dismissed: 0,
      unreviewed: 0,
      precision: null,
    };
    row.alerts += 1;
    if (alert.status === 'dismissed') row.dismissed += 1;
    else if (alert.incidentId !== null || alert.acknowledgedAt !== null) row.actedOn += 1;
    else row.unreviewed += 1;
    rows.set(key, row);
  }
  const monitors = [...rows.values()]
    .map((row) => ({ ...row, precision: ratio(row.actedOn, row.actedOn + row.dismissed) }))
    .sort((a, b) => a.system.localeCompare(b.system) || a.monitor.localeCompare(b.monitor));
  const actedOn = monitors.reduce((sum, m) => sum + m.actedOn, 0);
  const dismissed = monitors.reduce((sum, m) => sum + m.dismissed, 0);
  return { total: alerts.length, actedOn, dismissed, precision: ratio(actedOn, actedOn + dismissed), monitors };
}

function drillsOf(drills: readonly ReadinessDrill[]): Readiness['drills'] {
  const teams = new Map<string, TeamDrills>();
  for (const drill of drills) {
    const team = teams.get(drill.team) ?? { team: drill.team, run: 0, passed: 0, failed: 0, passRate: null };
    team.run += 1;
    if (drill.passed === true) team.passed += 1;
    else team.failed += 1;
    teams.set(drill.team, team);
  }
  const rows = [...teams.values()]
    .map((t) => ({ ...t, passRate: ratio(t.passed, t.run) }))
    .sort((a, b) => a.team.localeCompare(b.team));
  const passed = drills.filter((d) => d.passed === true).length;
  return { run: drills.length, passed, passRate: ratio(passed, drills.length), teams: rows };
}

/**
 * Readiness across the incidents, actions, alerts and drills of a period. The caller passes only
 * real records (no drill's incidents, alerts or actions) and only those of the period: incidents
 * and alerts by when they were declared or opened, actions of those incidents, drills by when
 * they ended. Dismissed incidents (false positives) count as declared but not in response times.
 *
 * @example
 * computeReadiness({ from, to, now, incidents, actions, alerts, systems, drills }).response.overall.mttc.median;
 */
export function computeReadiness(input: ReadinessInput): Readiness {
  const counted = input.incidents.filter((i) => i.status !== 'dismissed');
  const bucket = readinessBucket(input.from, input.to);
  const now = Date.parse(input.now);
  return {
    from: input.from,
    to: input.to,
    bucket,
    incidents: {
      declared: input.incidents.length,
      counted: counted.length,
      dismissed: input.incidents.length - counted.length,
      nearMisses: counted.filter((i) => i.nearMiss).length,
    },
    response: {
      overall: timesOf(counted),
      bySeverity: groupBy(counted, (i) => [i.severity]),
      byType: groupBy(counted, (i) => [i.type]),
      bySystem: groupBy(counted, (i) => i.systems),
      trend: trendOf(counted, input.from, input.to, bucket),
    },
    postmortems: postmortemsOf(input.incidents, now),
    actions: actionsOf(input.actions, now),
    alerts: alertsOf(input.alerts),
    coverage: input.systems
      .map((system) => taxonomyCoverage(system.id, system.monitors))
      .sort((a, b) => a.system.localeCompare(b.system)),
    drills: drillsOf(input.drills),
  };
}
