import type { TimelineEntry } from '@firebreak/contract';
import { describeRegulatoryEntry } from '@firebreak/core';
import { utcMinute } from '../time';
import { summarizeCanary } from './summarize-canary';

const text = (payload: Record<string, unknown>, key: string): string => {
  const value = payload[key];
  return value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
};
const because = (payload: Record<string, unknown>): string =>
  text(payload, 'reason') ? `: ${text(payload, 'reason')}` : '';
/** The reason after a line that has colons of its own. */
const dash = (payload: Record<string, unknown>): string =>
  text(payload, 'reason') ? ` — ${text(payload, 'reason')}` : '';

/** `page to Dana Reyes (on_call) by pagerduty`: which message went to whom. */
const message = (p: Record<string, unknown>): string => {
  const who = text(p, 'recipientName') || text(p, 'recipient');
  const audience = text(p, 'audience') ? ` (${text(p, 'audience')})` : '';
  return `${text(p, 'kind') || 'notification'} to ${who}${audience} by ${text(p, 'channel')}`;
};

const ESCALATION_REASONS: Record<string, string> = {
  acknowledge_deadline_missed: 'acknowledge deadline missed',
  contain_deadline_missed: 'contain deadline missed',
};

/** `talent-ai-default step 2: still not acknowledged → team talent-ai; reached Dana Reyes, Sam Ortiz`. */
function escalation(p: Record<string, unknown>): string {
  const step = Number(p.step) + 1;
  const pass = Number(p.pass);
  const where = `${text(p, 'policy')} step ${Number.isFinite(step) ? step : '?'}${pass > 0 ? ` (repeat ${pass})` : ''}`;
  const reason =
    text(p, 'reason') === 'step'
      ? step === 1 && pass === 0
        ? 'first step'
        : 'still not acknowledged'
      : (ESCALATION_REASONS[text(p, 'reason')] ?? text(p, 'reason'));
  const targets = ((p.targets as Array<Record<string, unknown>> | undefined) ?? []).map((target) =>
    Object.entries(target)
      .map(([kind, id]) => `${kind} ${String(id)}`)
      .join(' '),
  );
  if (p.leadership === true) targets.push('leadership');
  const recipients = (p.recipients as string[] | undefined) ?? [];
  const reached = recipients.length > 0 ? `reached ${recipients.join(', ')}` : 'reached nobody';
  return `${where}: ${reason} → ${targets.join(', ') || 'no targets'}; ${reached}`;
}

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
    case 'status_update_published':
      return `${text(p, 'updateId')} on the status page as "${text(p, 'title')}" (approved as ${text(p, 'approvedAs').replaceAll('_', ' ')})`;
    case 'alert_linked':
      return `${text(p, 'alertId')} ${text(p, 'level')} ${text(p, 'monitor')} (${text(p, 'signal')} ${text(p, 'value')} vs ${text(p, 'threshold')}), onset ${utcMinute(text(p, 'onset'))}`;
    case 'control_changed':
      return `${text(p, 'summary')}${because(p)}${text(p, 'approvedBy') ? ` (approved by ${text(p, 'approvedBy')})` : ''}`;
    case 'preset_applied': {
      const controls = (p.controls as Array<{ summary: string }> | undefined) ?? [];
      return `${text(p, 'preset')} applied (${text(p, 'application')}): ${controls.map((c) => c.summary).join('; ')}${dash(p)}`;
    }
    case 'recovery_checked':
      return `recovery gate ${text(p, 'item')} ${p.passed === true ? 'passed' : 'failed'}: ${text(p, 'summary')}${dash(p)}`;
    case 'preset_reverted':
      return `${text(p, 'preset')} reverted (${text(p, 'application')}): ${list(p.controls)}${dash(p)}`;
    case 'approval_rejected':
      return `${text(p, 'approval')} rejected: ${text(p, 'summary')}, asked by ${text(p, 'requestedBy')}${because(p)}`;
    case 'report_linked':
      return `${text(p, 'reference')} ${text(p, 'kind')} "${text(p, 'summary')}"${dash(p)}`;
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
    case 'notification_delivered': {
      const attempts = Number(p.attempts);
      return `${message(p)} delivered${attempts > 1 ? ` on attempt ${attempts}` : ''}`;
    }
    case 'notification_failed': {
      const next = p.final === true ? 'gave up' : text(p, 'retryAt') ? `retry ${utcMinute(text(p, 'retryAt'))}` : '';
      return `${message(p)} failed: ${text(p, 'error') || 'no reason given'}${next ? `; ${next}` : ''}`;
    }
    case 'escalated':
      return escalation(p);
    case 'note_added':
      return text(p, 'text');
    default:
      return (
        summarizeLearning(entry.kind, p) ??
        summarizeCanary(entry.kind, p) ??
        regulatory(entry.kind, p) ??
        JSON.stringify(p)
      );
  }
}

const list = (value: unknown): string => (Array.isArray(value) ? value.map(String).join(', ') : '');
const day = (iso: string): string => (iso ? utcMinute(iso).slice(0, 10) : '');

/**
 * `section factors edited (factors)`, `section impact drafted again`, or for the owner and due
 * date `owner → sam-ortiz, dueAt → 2026-12-21`.
 */
function postmortemEdit(p: Record<string, unknown>): string {
  const section = text(p, 'section');
  if (section && p.regenerated === true) return `section ${section} drafted again`;
  if (section) {
    const parts = Object.keys((p.content ?? {}) as object);
    return `section ${section} edited${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
  }
  const changes = Object.entries((p.changes ?? {}) as Record<string, { to?: unknown } | null>).map(
    ([field, change]) => {
      const to = change?.to;
      const shown = typeof to === 'string' && field === 'dueAt' ? day(to) : String(to ?? '—');
      return `${field} → ${shown}`;
    },
  );
  return changes.length > 0 ? changes.join(', ') : `${list(p.fields) || 'details'} edited`;
}

/** The timeline kinds of the postmortem, the actions and the close gate (issue 12). */
function summarizeLearning(kind: TimelineEntry['kind'], p: Record<string, unknown>): string | undefined {
  switch (kind) {
    case 'key_moment_marked':
      return p.key === false
        ? `entry ${text(p, 'seq')} no longer a key moment${because(p)}`
        : `★ entry ${text(p, 'seq')} marked a key moment${because(p)}`;
    case 'cause_isolated':
      return `cause isolated ${utcMinute(text(p, 'isolatedAt'))}: ${text(p, 'cause')}`;
    case 'postmortem_drafted':
      return `postmortem drafted (template ${text(p, 'template') || 'default'}), owner ${text(p, 'owner') || 'nobody yet'}${text(p, 'dueAt') ? `, due ${day(text(p, 'dueAt'))}` : ''}`;
    case 'postmortem_edited':
      return `postmortem ${postmortemEdit(p)}${because(p)}`;
    case 'postmortem_status_changed':
      return `postmortem ${text(p, 'from')} → ${text(p, 'to')}${because(p)}`;
    case 'residual_risk_accepted':
      return `residual risk accepted by ${text(p, 'acceptedByName') || text(p, 'acceptedBy')}: ${text(p, 'risk')}${text(p, 'reason') ? ` (${text(p, 'reason')})` : ''}`;
    case 'close_requirement_waived':
      return `closing without ${list(p.waive).replace('residual_risk', 'residual-risk acceptance') || '?'} (waived)${because(p)}`;
    case 'action_added': {
      const verification = (p.verification ?? null) as { kind?: string } | null;
      const due = text(p, 'dueAt') ? `, due ${day(text(p, 'dueAt'))}` : '';
      const check = verification?.kind ? `; verified by ${verification.kind}` : '; no verification yet';
      return `${text(p, 'id')} "${text(p, 'title')}" for ${text(p, 'owner') || 'nobody yet'}${due}${check}`;
    }
    case 'action_updated':
      return `${text(p, 'id')} changed ${Object.keys((p.changes ?? {}) as object).join(', ') || 'nothing'}${because(p)}`;
    case 'action_verified': {
      const trigger = text(p, 'trigger') && text(p, 'trigger') !== 'manual' ? ` (${text(p, 'trigger')})` : '';
      return `${text(p, 'id')} ${text(p, 'kind')} verification ${p.passed === true ? 'PASSED' : 'FAILED'}${trigger}: ${text(p, 'summary')}`;
    }
    case 'action_closed':
      return `${text(p, 'id')} closed${because(p)}`;
    case 'action_reopened':
      return `${text(p, 'id')} reopened${because(p)}`;
    default:
      return undefined;
  }
}

/** Regulatory entries read the same in the CLI as in the war room. */
function regulatory(kind: string, p: Record<string, unknown>): string | undefined {
  const described = describeRegulatoryEntry(kind, p);
  return described ? `${described.title}${described.detail ? ` — ${described.detail}` : ''}` : undefined;
}
