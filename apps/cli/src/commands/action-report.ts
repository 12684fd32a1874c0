import type { Action, ActionList, Verification, VerificationResult } from '@firebreak/contract';
import { fields, table, truncate } from '../output';
import { relativeTime, utcMinute, when } from '../time';

/** What a verification checks, in a line. */
export function describeVerification(spec: Verification | null): string {
  if (!spec) return 'none: the action cannot close until one is set';
  switch (spec.kind) {
    case 'monitor':
      return `monitor on ${spec.system}: ${spec.monitor ? `monitor ${spec.monitor}` : `a monitor on ${spec.signal}`} exists`;
    case 'replay':
      return `replay${spec.system ? ` on ${spec.system}` : ''}: a ${spec.level} alert${spec.monitor ? ` of ${spec.monitor}` : ''} within ${spec.within} of the onset${spec.evidence ? `, replaying ${spec.evidence}` : ''}`;
    case 'control': {
      const state = [
        spec.enabled === undefined ? null : spec.enabled ? 'enabled' : 'disabled',
        spec.active ? `serving ${spec.active}` : null,
        spec.level ? `at ${spec.level}` : null,
        spec.minShare === undefined ? null : `holding ≥ ${spec.minShare * 100}%`,
      ].filter(Boolean);
      return `control ${spec.control}${state.length > 0 ? ` ${state.join(', ')}` : ' exists'}`;
    }
    case 'attestation':
      return `attestation: ${spec.what} (${spec.url}), vouched for by a second person`;
  }
}

/** `replay: passed 2026-12-06T10:00Z`, `replay: not run`, or `—`. */
export function verificationCell(action: Pick<Action, 'verification' | 'lastVerification'>): string {
  if (!action.verification) return '—';
  const last = action.lastVerification;
  return `${action.verification.kind}: ${last ? `${last.passed ? 'passed' : 'FAILED'} ${utcMinute(last.at).slice(0, 10)}` : 'not run'}`;
}

const dueCell = (a: Action, now: Date): string =>
  a.dueAt ? (a.overdue ? `OVERDUE ${relativeTime(a.dueAt, now)}` : utcMinute(a.dueAt).slice(0, 10)) : '—';

/** The table of `action list`. */
export function renderActionList(list: ActionList, now: Date): string {
  if (list.actions.length === 0) return 'No actions match.';
  const out = table(
    ['ID', 'INCIDENT', 'TITLE', 'OWNER', 'DUE', 'STATUS', 'VERIFICATION'],
    list.actions.map((a) => [
      a.id,
      a.incidentId,
      truncate(a.title, 40),
      truncate(a.ownerName ?? a.owner ?? '—', 18),
      dueCell(a, now),
      a.status,
      verificationCell(a),
    ]),
  );
  return list.total > list.actions.length ? `${out}\n${list.actions.length} of ${list.total} shown` : out;
}

/** `PASSED` or `FAILED` with what was checked and the figures behind it. */
export function renderResult(result: VerificationResult): string[] {
  const details = Object.entries(result.details)
    .filter(([, value]) => value !== null && typeof value !== 'object')
    .slice(0, 8)
    .map(([key, value]) => [key, String(value)] as [string, string]);
  return [
    `${result.actionId} ${result.passed ? 'PASSED' : 'FAILED'} (${result.kind}): ${result.summary}`,
    ...fields(details),
  ];
}

/** `action show`: the action, its verification and its history, and the follow-ups. */
export function renderAction(action: Action, history: readonly VerificationResult[], now: Date): string[] {
  const lines = [
    `${action.id} · ${action.incidentId} · ${action.type} ${action.category} · ${action.priority} priority · ${action.status}`,
    `  ${action.title}`,
    ...fields([
      ['description', action.description],
      [
        'owner',
        action.ownerName && action.ownerName !== action.owner ? `${action.ownerName} (${action.owner})` : action.owner,
      ],
      ['due', action.dueAt ? `${action.overdue ? 'OVERDUE: ' : ''}${when(action.dueAt, now)}` : null],
      ['systems', action.systems.join(', ')],
      ['tracker', action.tracker],
      ['verification', describeVerification(action.verification)],
      ['closed', action.closedAt ? `${utcMinute(action.closedAt)} by ${action.closedBy ?? '?'}` : null],
      ['created', `${utcMinute(action.createdAt)} by ${action.createdBy}`],
    ]),
  ];
  lines.push('', 'Verifications:');
  if (history.length === 0) lines.push(`  none yet: firebreak action verify ${action.id}`);
  else
    lines.push(
      ...table(
        ['ID', 'AT (UTC)', 'BY', 'TRIGGER', 'RESULT', 'SUMMARY'],
        history.map((r) => [
          r.id,
          utcMinute(r.at),
          truncate(r.by, 16),
          r.trigger,
          r.passed ? 'passed' : 'FAILED',
          truncate(r.summary, 50),
        ]),
      )
        .split('\n')
        .map((line) => `  ${line}`),
    );
  if (action.followUps.length > 0) {
    lines.push('', 'Follow-ups:');
    lines.push(
      ...table(
        ['DAY', 'DUE', 'DONE', 'OUTCOME'],
        action.followUps.map((f) => [
          f.day,
          utcMinute(f.dueAt).slice(0, 10),
          f.doneAt ? utcMinute(f.doneAt) : '—',
          f.outcome ?? '—',
        ]),
      )
        .split('\n')
        .map((line) => `  ${line}`),
    );
  }
  return lines;
}
