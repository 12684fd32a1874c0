import type { TimelineEntry } from '@firebreak/contract';

// Timeline entries in words, as a postmortem's reader wants them: a sentence each, with who did
// what and why, and no identifiers a reader must look up (the citation carries those).

type Payload = Record<string, unknown>;

function text(payload: Payload, name: string): string {
  const value = payload[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function because(payload: Payload): string {
  const reason = text(payload, 'reason');
  return reason ? `: ${reason}` : '';
}

/** hh:mm UTC of an ISO instant. */
export function utcTime(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}

/** A timeline entry as one sentence. */
export function describeEntry(entry: Pick<TimelineEntry, 'kind' | 'payload' | 'actor'>): string {
  const p = entry.payload as Payload;
  const who = entry.actor;
  switch (entry.kind) {
    case 'declared':
      return `${who} declared a ${text(p, 'severity')} ${text(p, 'type').replaceAll('_', ' ')}: "${text(p, 'title')}"`;
    case 'acknowledged':
      return `${who} acknowledged the incident${text(p, 'note') ? `: ${text(p, 'note')}` : ''}`;
    case 'status_changed':
      return `${who} moved it from ${text(p, 'from')} to ${text(p, 'to')}${because(p)}`;
    case 'severity_changed':
      return `${who} changed the severity from ${text(p, 'from')} to ${text(p, 'to')}${because(p)}`;
    case 'type_changed':
      return `${who} reclassified the incident${because(p)}`;
    case 'details_edited':
      return `${who} edited ${Object.keys((p.changes ?? {}) as object).join(', ')}${because(p)}`;
    case 'onset_estimated':
      return `Onset estimated at ${utcTime(text(p, 'onsetAt'))}${because(p)}`;
    case 'role_assigned':
      return `${text(p, 'person')} took the ${text(p, 'role').replaceAll('_', ' ')} role`;
    case 'role_relieved':
      return `${text(p, 'person')} handed over the ${text(p, 'role').replaceAll('_', ' ')} role`;
    case 'decision_logged':
      return `Decision ${text(p, 'id')}: ${text(p, 'decision')}`;
    case 'evidence_added':
      return `${who} added evidence ${text(p, 'id')}: ${text(p, 'title')}`;
    case 'status_update_posted':
      return `Status update ${text(p, 'id')} to ${text(p, 'audience')}: ${text(p, 'currentStatus')}`;
    case 'status_update_published':
      return `Status update ${text(p, 'updateId')} published on the status page as "${text(p, 'title')}"`;
    case 'note_added':
      return `${who} noted: ${text(p, 'note') || text(p, 'text')}`;
    case 'alert_linked': {
      const segment = p.segment && typeof p.segment === 'object' ? ` in ${Object.values(p.segment).join('/')}` : '';
      return `Alert ${text(p, 'alertId')} (${text(p, 'level')}): ${text(p, 'monitor')} on ${text(p, 'signal')}${segment}, ${text(p, 'value')} against ${text(p, 'threshold')}`;
    }
    case 'rule_applied':
      return `Triage rule ${text(p, 'rule')} applied`;
    case 'control_changed':
      return `${who}: ${text(p, 'summary')}${because(p)}`;
    case 'approval_rejected':
      return `${who} rejected a control change: ${text(p, 'summary')}${because(p)}`;
    case 'report_linked':
      return `External report ${text(p, 'reference')} (${text(p, 'kind').replaceAll('_', ' ')}): ${text(p, 'summary')}`;
    case 'alert_dismissed':
      return `${who} dismissed alert ${text(p, 'alertId')} as a false positive${because(p)}`;
    case 'merged_into':
      return `Merged into ${text(p, 'into')} as a duplicate${because(p)}`;
    case 'duplicate_merged':
      return `${text(p, 'from')} merged in as a duplicate${because(p)}`;
    case 'notification_delivered':
      return `Notified ${text(p, 'recipientName') || text(p, 'recipient')} by ${text(p, 'channel')}`;
    case 'notification_failed':
      return `Notifying ${text(p, 'recipientName') || text(p, 'recipient')} by ${text(p, 'channel')} failed`;
    case 'escalated': {
      const why =
        p.reason === 'acknowledge_deadline_missed'
          ? 'the acknowledgement deadline passed'
          : p.reason === 'contain_deadline_missed'
            ? 'the containment target passed'
            : `step ${text(p, 'step')} of ${text(p, 'policy')}`;
      const reached = ((p.recipients as string[] | undefined) ?? []).join(', ');
      return `Escalated (${why})${reached ? ` to ${reached}` : ''}`;
    }
    case 'key_moment_marked':
      return `${who} ${p.key === false ? 'unstarred' : 'starred'} entry ${text(p, 'seq')}`;
    case 'cause_isolated':
      return `${who} identified the cause: ${text(p, 'cause')}`;
    case 'postmortem_drafted':
      return `${who} drafted the postmortem`;
    case 'postmortem_edited':
      return `${who} edited the postmortem${text(p, 'section') ? ` (${text(p, 'section')})` : ''}${because(p)}`;
    case 'postmortem_status_changed':
      return `${who} moved the postmortem from ${text(p, 'from')} to ${text(p, 'to')}${because(p)}`;
    case 'residual_risk_accepted':
      return `${text(p, 'acceptedByName') || text(p, 'acceptedBy')} accepted the residual risk: ${text(p, 'risk')}`;
    case 'close_requirement_waived':
      return `${who} waived ${((p.waive as string[] | undefined) ?? []).join(' and ')} for closing${because(p)}`;
    case 'action_added':
      return `${who} added action ${text(p, 'id')}: ${text(p, 'title')}`;
    case 'action_updated':
      return `${who} updated action ${text(p, 'id')}${because(p)}`;
    case 'action_verified':
      return `Action ${text(p, 'id')} verification ${p.passed === true ? 'passed' : 'failed'}: ${text(p, 'summary')}`;
    case 'action_closed':
      return `${who} closed action ${text(p, 'id')}${because(p)}`;
    case 'action_reopened':
      return `Action ${text(p, 'id')} reopened${because(p)}`;
    case 'canary_started':
      return `${who} started a canary of ${text(p, 'candidate')} on ${text(p, 'percent')}% of ${text(p, 'key')}, against ${text(p, 'baseline')}${because(p)}`;
    case 'canary_advanced':
      return `The canary of ${text(p, 'candidate')} on ${text(p, 'key')} moved from ${text(p, 'from')}% to ${text(p, 'to')}%`;
    case 'canary_completed':
      return `The canary of ${text(p, 'candidate')} completed: it is now the active version of ${text(p, 'key')}`;
    case 'canary_aborted':
      return `The canary of ${text(p, 'candidate')} aborted at ${text(p, 'percent')}%, ${text(p, 'key')} back to ${text(p, 'baseline')}${because(p)}`;
    case 'shadow_regressed':
      return `The shadow of ${text(p, 'candidate')} on ${text(p, 'key')} did more harm than ${text(p, 'baseline')} and was stopped${because(p)}`;
    case 'canary_held':
      return `The canary of ${text(p, 'candidate')} on ${text(p, 'key')} was held at ${text(p, 'percent')}% past its segment gate by ${((p.series as string[] | undefined) ?? []).join(', ')}`;
    case 'canary_risk_accepted':
      return `${who} accepted the residual risk of the canary of ${text(p, 'candidate')} on ${text(p, 'key')} at ${text(p, 'percent')}% (${((p.series as string[] | undefined) ?? []).join(', ')})${because(p)}`;
    case 'canary_cancelled':
      return `${who} cancelled the canary of ${text(p, 'candidate')} on ${text(p, 'key')} at ${text(p, 'percent')}%${because(p)}`;
    default:
      return `${who}: ${String(entry.kind).replaceAll('_', ' ')}`;
  }
}

/** Kinds that belong in a postmortem's timeline: what happened in the response, not its paperwork. */
export const RESPONSE_KINDS = new Set<string>([
  'declared',
  'acknowledged',
  'status_changed',
  'severity_changed',
  'type_changed',
  'onset_estimated',
  'role_assigned',
  'decision_logged',
  'evidence_added',
  'status_update_posted',
  'status_update_published',
  'note_added',
  'alert_linked',
  'report_linked',
  'rule_applied',
  'control_changed',
  'approval_rejected',
  'merged_into',
  'duplicate_merged',
  'escalated',
  'cause_isolated',
  'residual_risk_accepted',
  'canary_started',
  'canary_completed',
  'canary_aborted',
  'canary_cancelled',
  'canary_risk_accepted',
  'canary_held',
]);
