import type { Incident, TimelineEntry } from '@firebreak/contract';
import { isFinished, isOpen, type Status } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { fields, truncate } from '../output';
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
    ...[containLine(incident, now)].filter((line) => line !== undefined).map((line) => `  ${line}`),
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

const text = (payload: Record<string, unknown>, key: string): string => {
  const value = payload[key];
  return value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
};
const because = (payload: Record<string, unknown>): string =>
  text(payload, 'reason') ? `: ${text(payload, 'reason')}` : '';

/** One line saying what a timeline entry recorded. */
export function summarizeEntry(entry: Pick<TimelineEntry, 'kind' | 'payload'>): string {
  const p = entry.payload;
  switch (entry.kind) {
    case 'declared':
      return `${text(p, 'severity')} ${text(p, 'type')} "${text(p, 'title')}" on ${(p.systems as string[] | undefined)?.join(', ') ?? '?'}`;
    case 'acknowledged':
      return text(p, 'note') ? `acknowledged: ${text(p, 'note')}` : 'acknowledged';
    case 'status_changed': {
      const warnings = (p.warnings as string[] | undefined) ?? [];
      return `${text(p, 'from')} → ${text(p, 'to')}${because(p)}${warnings.map((w) => ` (warning: ${w})`).join('')}`;
    }
    case 'severity_changed':
      return `${text(p, 'from')} → ${text(p, 'to')}${because(p)}`;
    case 'type_changed': {
      const from = (p.from ?? {}) as Record<string, unknown>;
      const to = (p.to ?? {}) as Record<string, unknown>;
      return `${text(from, 'type')} → ${text(to, 'type')} (${text(to, 'category')} / ${text(to, 'driver')})${because(p)}`;
    }
    case 'details_edited':
      return `edited ${Object.keys((p.changes ?? {}) as object).join(', ')}${because(p)}`;
    case 'onset_estimated':
      return `onset ${utcMinute(text(p, 'onsetAt'))}${because(p)}`;
    case 'role_assigned':
      return `${text(p, 'role')}: ${text(p, 'person')}${text(p, 'previous') ? ` (was ${text(p, 'previous')})` : ''}${because(p)}`;
    case 'role_relieved':
      return `${text(p, 'role')}: ${text(p, 'person')} relieved, now vacant${because(p)}`;
    case 'decision_logged':
      return `${text(p, 'id')}: ${text(p, 'decision')}`;
    case 'evidence_added':
      return `${text(p, 'id')} ${text(p, 'kind')} "${text(p, 'title')}"`;
    case 'status_update_posted':
      return `${text(p, 'id')} to ${text(p, 'audience')}: ${text(p, 'currentStatus')}`;
    case 'alert_linked':
      return `${text(p, 'alertId')} ${text(p, 'level')} ${text(p, 'monitor')} (${text(p, 'signal')} ${text(p, 'value')} vs ${text(p, 'threshold')}), onset ${utcMinute(text(p, 'onset'))}`;
    case 'control_changed':
      return `${text(p, 'summary')}${because(p)}${text(p, 'approvedBy') ? ` (approved by ${text(p, 'approvedBy')})` : ''}`;
    case 'approval_rejected':
      return `${text(p, 'approval')} rejected: ${text(p, 'summary')}, asked by ${text(p, 'requestedBy')}${because(p)}`;
    case 'alert_dismissed':
      return `${text(p, 'alertId')} dismissed as a false positive${because(p)}`;
    case 'merged_into':
      return `merged into ${text(p, 'into')}${because(p)}`;
    case 'duplicate_merged':
      return `${text(p, 'from')} merged in as a duplicate${because(p)}`;
    case 'rule_applied': {
      const actions = (p.actions as Array<{ action: string; due: string }> | undefined) ?? [];
      const todo = actions.map((a) => `${a.action} by ${utcMinute(a.due)}`).join('; ');
      const notify = (p.notify as string[] | undefined) ?? [];
      return `rule ${text(p, 'rule')}${todo ? `: ${todo}` : ''}${notify.length > 0 ? `; notify ${notify.join(', ')}` : ''}`;
    }
    default:
      return JSON.stringify(p);
  }
}
