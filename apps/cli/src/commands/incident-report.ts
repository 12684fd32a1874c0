import type { Incident } from '@firebreak/contract';
import { isFinished, isOpen, type Status } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { fields, table, truncate } from '../output';
import { clockTime, formatDuration, relativeTime, utcMinute, when } from '../time';

/** The ACK column: `OVERDUE`, `late`, `ok`, or the time left to acknowledge. */
export function ackState(incident: Incident, now: Date): string {
  if (incident.response.overdue) return 'OVERDUE';
  if (incident.response.late) return 'late';
  if (incident.response.acknowledgedAt) return 'ok';
  if (isFinished(incident.status as Status)) return '—';
  const left = relativeTime(incident.response.deadline, now);
  return left.startsWith('in ') ? `${left.slice(3)} left` : left;
}

/** `acknowledge by 2026-11-24T10:15Z (in 15m)`, or how it was acknowledged. */
export function responseLine(incident: Incident, now: Date): string {
  const { response } = incident;
  if (response.acknowledgedAt) {
    const late = response.late ? ', late' : '';
    return `acknowledged ${when(response.acknowledgedAt, now)} by ${response.acknowledgedBy ?? '?'}${late}`;
  }
  if (isFinished(incident.status as Status)) return `not acknowledged (${incident.status}: no clock runs)`;
  const overdue = response.overdue ? 'OVERDUE: ' : '';
  return `${overdue}acknowledge by ${clockTime(response.deadline, now)} (${relativeTime(response.deadline, now)})`;
}

/** `contain by 11:00 UTC (in 1h)` while the incident is worked and not yet contained. */
export function containLine(incident: Incident, now: Date): string | undefined {
  const { containedAt } = incident.metrics;
  if (containedAt) return `contained ${when(containedAt, now)}`;
  if (!isOpen(incident.status)) return undefined;
  const { containDeadline, containOverdue } = incident.response;
  return `${containOverdue ? 'OVERDUE: ' : ''}contain by ${clockTime(containDeadline, now)} (${relativeTime(containDeadline, now)})`;
}

/**
 * The UPDATE column: time left until the next status update is owed (`in 12m`), how far past it
 * is (`overdue 8m`), or `—` once the incident is no longer worked.
 */
export function updateState(incident: Incident, now: Date): string {
  const { updates } = incident;
  if (updates === null) return '—';
  if (updates.overdue) return `overdue ${formatDuration(updates.overdueBy)}`;
  const left = relativeTime(updates.dueAt, now);
  return left.startsWith('in ') ? left : 'due now';
}

/** `next update due 10:30 UTC (in 12m)`, or `OVERDUE by 8m: next update was due 10:30 UTC`. */
export function updateLine(incident: Incident, now: Date): string | undefined {
  const { updates } = incident;
  if (updates === null) return undefined;
  const last = updates.lastUpdateAt ? `last posted ${when(updates.lastUpdateAt, now)}` : 'none posted yet';
  const due = clockTime(updates.dueAt, now);
  if (updates.overdue) return `OVERDUE by ${formatDuration(updates.overdueBy)}: next update was due ${due} (${last})`;
  return `next update due ${due} (${relativeTime(updates.dueAt, now)}; ${last})`;
}

const LIST_WIDTH = 100;
const LIST_HEAD = ['ID', 'SEV', 'STATUS', 'TYPE', 'TITLE', 'SYSTEMS', 'AGE', 'ACK', 'UPDATE'];
const [TITLE, SYSTEMS] = [LIST_HEAD.indexOf('TITLE'), LIST_HEAD.indexOf('SYSTEMS')];

/**
 * The `incident list` table. Title and systems share what the other columns leave of 100
 * columns (the systems at most 40% of it, the title at most 48 characters), so the list fits a
 * terminal; only the longest types with many systems push it a few columns past.
 */
export function incidentTable(incidents: readonly Incident[], now: Date): string {
  // The regulatory column shows only when some listed incident has a clock running.
  const reporting = incidents.some((i) => (i.regulatory?.pending ?? 0) > 0);
  const head = reporting ? [...LIST_HEAD, 'REPORT'] : LIST_HEAD;
  const rows = incidents.map((i) => [
    i.id,
    i.severity,
    i.status,
    i.type,
    `${i.nearMiss ? '(near miss) ' : ''}${i.title}`,
    i.systems.join(','),
    relativeTime(i.declaredAt, now).replace(/ ago$/, ''),
    ackState(i, now),
    updateState(i, now),
    ...(reporting ? [reportState(i, now)] : []),
  ]);
  const widest = (column: number) => Math.max(head[column]!.length, ...rows.map((row) => row[column]!.length));
  const fixed = head.reduce(
    (sum, _, column) => (column === TITLE || column === SYSTEMS ? sum : sum + widest(column)),
    0,
  );
  const room = LIST_WIDTH - fixed - 2 * (head.length - 1);
  const systemsWidth = Math.min(widest(SYSTEMS), Math.max(10, Math.floor(room * 0.4)));
  const titleWidth = Math.min(48, Math.max(16, room - systemsWidth));
  for (const row of rows) {
    row[TITLE] = truncate(row[TITLE]!, titleWidth);
    row[SYSTEMS] = truncate(row[SYSTEMS]!, systemsWidth);
  }
  return table(head, rows);
}

/** The soonest regulatory deadline in the list: `in 71h`, `OVERDUE 2h`, or `—`. */
export function reportState(incident: Incident, now: Date): string {
  const clock = incident.regulatory;
  if (!clock?.nextDue) return '—';
  if (clock.overdue > 0) return `OVERDUE ${relativeTime(clock.nextDue, now).replace(/ ago$/, '')}`;
  return relativeTime(clock.nextDue, now);
}

/** `2 regulatory obligations pending: next OB-1 GDPR Art. 33(1) due 2026-12-10T09:00Z (in 71h)`. */
export function regulatoryLine(incident: Incident, now: Date): string | undefined {
  const clock = incident.regulatory;
  if (!clock || clock.pending === 0 || !clock.nextDue) return undefined;
  const count = `${clock.pending} regulatory obligation${clock.pending === 1 ? '' : 's'} pending`;
  const overdue = clock.overdue > 0 ? ` (${clock.overdue} OVERDUE)` : '';
  return `${count}${overdue}: next ${clock.next} due ${when(clock.nextDue, now)}; firebreak regulatory status ${incident.id}`;
}

/** The readable report `incident show` prints. */
export function renderIncident(incident: IncidentDetail, now: Date): string[] {
  const classification = `${incident.type} (${incident.category} / ${incident.driver})`;
  const lines = [
    `${incident.id}  ${incident.title}`,
    `  ${incident.severity} · ${incident.status} · ${classification}${incident.nearMiss ? ' · near miss' : ''}`,
    ...fields([
      ['Systems', incident.systems.join(', ')],
      ['Declared', `${when(incident.declaredAt, now)} by ${incident.declaredBy}`],
      ['Summary', incident.summary],
      ['Merged into', incident.mergedInto],
      ['Duplicates', incident.duplicates?.join(', ')],
    ]),
    '',
    'Response',
    `  ${responseLine(incident, now)}`,
    ...[containLine(incident, now), updateLine(incident, now), regulatoryLine(incident, now)]
      .filter((line) => line !== undefined)
      .map((line) => `  ${line}`),
    ...rulesLines(incident, now),
    '',
    'Roles',
    ...(incident.roles.length === 0
      ? [`  (none assigned: firebreak incident assign ${incident.id} --role incident_commander --person NAME)`]
      : fields(incident.roles.map((role) => [role.role, `${role.person} (since ${utcMinute(role.since)})`]))),
    '',
    'Metrics',
    ...fields([
      ['Time to detect', formatDuration(incident.metrics.timeToDetect)],
      ['Time to acknowledge', formatDuration(incident.metrics.timeToAcknowledge)],
      ['Time to contain', formatDuration(incident.metrics.timeToContain)],
      ['Time to resolve', formatDuration(incident.metrics.timeToResolve)],
    ]),
  ];
  lines.push('', `Decisions (${incident.decisions.length})`);
  for (const d of incident.decisions) {
    lines.push(`  ${d.id}  ${utcMinute(d.decidedAt)} by ${d.decidedBy}`);
    lines.push(
      ...fields(
        [
          ['Observation', d.observation],
          ['Hypothesis', d.hypothesis],
          ['Test', d.test],
          ['Decision', d.decision],
          ['Rationale', d.rationale],
          ['Evidence', d.evidence.join(', ')],
        ],
        '    ',
      ),
    );
  }
  lines.push('', `Evidence (${incident.evidence.length})`);
  for (const e of incident.evidence) {
    const size = e.size === null ? (e.uri ?? 'external') : formatBytes(e.size);
    lines.push(`  ${e.id}  ${e.kind}  ${truncate(e.title, 60)}  sha256 ${e.sha256.slice(0, 12)}…  ${size}`);
  }
  lines.push('', `Status updates (${incident.statusUpdates.length})`);
  for (const u of incident.statusUpdates) {
    lines.push(
      `  ${u.id}  ${u.audience}  ${utcMinute(u.postedAt)} by ${u.postedBy}  (${u.severity}, ${u.incidentStatus})`,
    );
    lines.push(
      ...fields(
        [
          ['What happened', u.whatHappened],
          ['Impact', u.impact],
          ['Status', u.currentStatus],
          ['Next steps', u.nextSteps],
          ['Asks', u.asks],
        ],
        '    ',
      ),
    );
    if (u.nextUpdateAt && isOpen(incident.status as Status))
      lines.push(`    next update ${clockTime(u.nextUpdateAt, now)} (${relativeTime(u.nextUpdateAt, now)})`);
  }
  const entries = incident.timeline.length;
  lines.push(
    '',
    `Timeline: ${entries} ${entries === 1 ? 'entry' : 'entries'} (firebreak incident timeline ${incident.id})`,
  );
  return lines;
}

/** Each triage rule's required actions (with their deadlines while the incident is worked) and whom it says to tell. */
function rulesLines(incident: IncidentDetail, now: Date): string[] {
  const open = isOpen(incident.status as Status);
  const lines: string[] = [];
  for (const rule of incident.rulesApplied ?? []) {
    lines.push('', `Required by rule ${rule.rule}${rule.description ? ` (${rule.description})` : ''}`);
    for (const a of rule.actions) {
      const due = open ? `${clockTime(a.due, now)} (${relativeTime(a.due, now)})` : utcMinute(a.due);
      lines.push(`  ${a.action}${a.role ? ` (${a.role})` : ''} by ${due}`);
    }
    if (rule.notify.length > 0) lines.push(`  Notify: ${rule.notify.join(', ')}`);
  }
  return lines;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
