import type { TimelineEntry } from '@firebreak/contract';
import { describeRegulatoryEntry } from '@firebreak/core';
import { label, words } from '../../lib/labels';
import { utcMinute } from '../../lib/time';
import { describeCanary } from './describe-canary';
import { describeLearning } from './describe-learning';
import { describeDelivered, describeEscalated, describeFailed } from './describe-notification';

export interface EntryText {
  /** One line: what happened. */
  title: string;
  /** The reason, note or text that came with it. */
  detail?: string;
  /** Decision, evidence or update id the entry made, to link to it. */
  ref?: string;
}

type Payload = Record<string, unknown>;

function str(payload: Payload, key: string): string | undefined {
  const value = payload[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function withDetail(title: string, detail: string | undefined, ref?: string): EntryText {
  const text: EntryText = { title };
  if (detail !== undefined) text.detail = detail;
  if (ref !== undefined) text.ref = ref;
  return text;
}

function typeOf(value: unknown): string {
  if (value && typeof value === 'object' && 'type' in value && typeof value.type === 'string') return words(value.type);
  return '?';
}

/**
 * What a timeline entry says, as a responder reads it in the war room.
 *
 * @example
 * describeEntry({ kind: 'status_changed', payload: { from: 'active', to: 'contained', reason: 'Rolled back' } } as TimelineEntry);
 * // { title: 'Status active → contained', detail: 'Rolled back' }
 */
export function describeEntry(entry: Pick<TimelineEntry, 'kind' | 'payload'>): EntryText {
  const p = entry.payload;
  const reason = str(p, 'reason');
  switch (entry.kind) {
    case 'declared':
      return withDetail(
        `Declared ${str(p, 'severity') ?? ''} ${words(str(p, 'type') ?? 'incident')}${p.nearMiss === true ? ' (near miss)' : ''}`.replace(
          /\s+/g,
          ' ',
        ),
        str(p, 'title'),
      );
    case 'acknowledged':
      return withDetail(p.first === false ? 'Acknowledged again' : 'Acknowledged', str(p, 'note'));
    case 'status_changed':
      return withDetail(`Status ${str(p, 'from') ?? '?'} → ${str(p, 'to') ?? '?'}`, reason);
    case 'severity_changed':
      return withDetail(`Severity ${str(p, 'from') ?? '?'} → ${str(p, 'to') ?? '?'}`, reason);
    case 'type_changed':
      return withDetail(`Type ${typeOf(p.from)} → ${typeOf(p.to)}`, reason);
    case 'details_edited': {
      const changes = p.changes && typeof p.changes === 'object' ? Object.keys(p.changes) : [];
      return withDetail(`Edited ${changes.length > 0 ? changes.map(words).join(', ') : 'details'}`, reason);
    }
    case 'onset_estimated':
      return withDetail(`Onset estimated at ${str(p, 'onsetAt') ?? '?'}`, reason);
    case 'role_assigned': {
      const previous = str(p, 'previous');
      const role = label(str(p, 'role') ?? 'role');
      return withDetail(`${role}: ${str(p, 'person') ?? '?'}${previous ? ` (was ${previous})` : ''}`, reason);
    }
    case 'role_relieved':
      return withDetail(`${label(str(p, 'role') ?? 'role')} vacated (was ${str(p, 'person') ?? '?'})`, reason);
    case 'decision_logged':
      return withDetail(
        `Decision ${str(p, 'id') ?? ''}: ${str(p, 'decision') ?? ''}`.trim(),
        str(p, 'observation'),
        str(p, 'id'),
      );
    case 'evidence_added':
      return withDetail(
        `Evidence ${str(p, 'id') ?? ''} added (${words(str(p, 'kind') ?? 'other')})`,
        str(p, 'title'),
        str(p, 'id'),
      );
    case 'status_update_posted':
      return withDetail(
        `Status update ${str(p, 'id') ?? ''} to ${str(p, 'audience') ?? '?'}`,
        str(p, 'currentStatus'),
        str(p, 'id'),
      );
    case 'status_update_published':
      return withDetail(
        `Status update ${str(p, 'updateId') ?? ''} published on the status page (approved as ${words(str(p, 'approvedAs') ?? 'comms_lead')})`,
        str(p, 'title'),
        str(p, 'updateId'),
      );
    case 'note_added':
      return withDetail('Note', str(p, 'text') ?? str(p, 'note'));
    case 'report_linked':
      return withDetail(
        `External report ${str(p, 'reference') ?? ''} linked (${words(str(p, 'kind') ?? 'other')})`,
        str(p, 'summary'),
      );
    case 'alert_linked':
      return withDetail(
        `Alert ${str(p, 'alertId') ?? ''} linked (${str(p, 'level') ?? '?'}: ${str(p, 'system') ?? '?'} / ${str(p, 'signal') ?? '?'})`,
        str(p, 'monitor'),
      );
    case 'rule_applied': {
      // The rule's required actions and who to notify: at 3 a.m. this is the "what to do".
      const actions = Array.isArray(p.actions)
        ? (p.actions as Array<{ action?: unknown; due?: unknown; role?: unknown }>)
        : [];
      const todo = actions.map(
        (a) =>
          `${String(a.action)}${typeof a.role === 'string' ? ` (${label(a.role)})` : ''}${typeof a.due === 'string' ? ` by ${utcMinute(a.due)}` : ''}`,
      );
      const notify =
        Array.isArray(p.notify) && p.notify.length > 0
          ? `notify ${(p.notify as unknown[]).map(String).join(', ')}`
          : undefined;
      const detail = [str(p, 'description'), todo.length > 0 ? `Required: ${todo.join('; ')}` : undefined, notify]
        .filter(Boolean)
        .join(' · ');
      return withDetail(`Triage rule ${str(p, 'rule') ?? '?'} applied`, detail || undefined);
    }
    case 'control_changed': {
      const approved = str(p, 'approvedBy');
      const verb =
        str(p, 'action') === 'expired'
          ? 'Control reverted'
          : str(p, 'action') === 'renewed'
            ? 'Control renewed'
            : (queueOrCacheVerb(p) ?? 'Control');
      return withDetail(
        `${verb}: ${str(p, 'summary') ?? str(p, 'key') ?? '?'}`,
        [reason, approved ? `approved by ${approved}` : undefined].filter(Boolean).join(' · ') || undefined,
      );
    }
    case 'preset_applied': {
      const controls = (p.controls as Array<{ summary?: string }> | undefined) ?? [];
      return withDetail(
        `Preset ${str(p, 'preset') ?? '?'} applied: ${controls.length} control${controls.length === 1 ? '' : 's'} at once`,
        [reason, ...controls.map((control) => control.summary)].filter(Boolean).join(' · ') || undefined,
      );
    }
    case 'recovery_checked':
      return withDetail(
        `Recovery gate: ${str(p, 'item') ?? '?'} ${p.passed === true ? 'passed' : 'failed'}`,
        [str(p, 'summary'), reason].filter(Boolean).join(' · ') || undefined,
      );
    case 'preset_reverted': {
      const controls = Array.isArray(p.controls) ? p.controls.map(String) : [];
      return withDetail(
        `Preset ${str(p, 'preset') ?? '?'} reverted: ${controls.length} control${controls.length === 1 ? '' : 's'} restored`,
        [reason, ...controls].filter(Boolean).join(' · ') || undefined,
      );
    }
    case 'notification_delivered':
      return describeDelivered(p);
    case 'notification_failed':
      return describeFailed(p);
    case 'escalated':
      return describeEscalated(p);
    default:
      return (
        describeLearning(entry.kind, p) ??
        describeCanary(entry.kind, p) ??
        describeRegulatoryEntry(entry.kind, p) ?? { title: words(entry.kind) }
      );
  }
}

/** A queue paused or resumed, a cache flushed: the change in one word, from the states it records. */
function queueOrCacheVerb(p: Record<string, unknown>): string | undefined {
  const before = p.before as { kind?: string; paused?: boolean; generation?: number } | null | undefined;
  const after = p.after as { kind?: string; paused?: boolean; generation?: number } | null | undefined;
  if (!before || !after || before.kind !== after.kind) return undefined;
  if (after.kind === 'queue' && before.paused !== after.paused) return after.paused ? 'Queue paused' : 'Queue resumed';
  if (after.kind === 'cache' && before.generation !== after.generation) return 'Cache flushed';
  return undefined;
}
