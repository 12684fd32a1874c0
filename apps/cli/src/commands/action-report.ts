import type { Action, ActionList, Verification, VerificationInput, VerificationResult } from '@firebreak/contract';
import { SIGNAL_PATTERN } from '@firebreak/contract';
import { durationMs, FILTER_LEVELS, parseIsoTimestamp, SYSTEM_ID_PATTERN } from '@firebreak/core';
import { InvalidArgumentError } from 'commander';
import { UsageError } from '../errors';
import { fields, table, truncate } from '../output';
import { relativeTime, utcMinute, when } from '../time';

const RELATIVE = /^\+([1-9][0-9]{0,3})([hdw])$/;
const UNIT: Record<string, string> = { h: 'h', d: 'd', w: 'd' };

/** A due date as typed: ISO-8601, or `+14d`, `+2w`, `+48h` from now (checked now, resolved at run time). */
export function dueInput(value: string): string {
  const trimmed = value.trim();
  if (RELATIVE.test(trimmed) || parseIsoTimestamp(trimmed) !== undefined) return trimmed;
  throw new InvalidArgumentError('expected an ISO-8601 time such as 2026-12-18T16:00:00Z, or +14d, +2w, +48h from now');
}

/**
 * The due date as the server takes it.
 *
 * @example
 * resolveDue('+14d', new Date('2026-12-06T10:00:00Z')); // '2026-12-20T10:00:00.000Z'
 */
export function resolveDue(value: string, now: Date): string {
  const match = RELATIVE.exec(value);
  if (!match) return parseIsoTimestamp(value) ?? value;
  const amount = Number(match[1]) * (match[2] === 'w' ? 7 : 1);
  return new Date(now.getTime() + durationMs(`${amount}${UNIT[match[2]!]}`)).toISOString();
}

export interface VerifyOptions {
  verifyMonitor?: string;
  verifyReplay?: boolean;
  verifyControl?: string;
  verifyAttest?: string;
  within?: string;
  level?: string;
  evidence?: string[];
  monitor?: string;
  lookback?: string;
  enabled?: string;
  active?: string;
  minShare?: number;
  what?: string;
}

/** The verification the `--verify-…` flags describe, or undefined without one; flags of another kind are refused. */
export function verificationFrom(options: VerifyOptions): VerificationInput | undefined {
  const kinds = [
    options.verifyMonitor !== undefined && '--verify-monitor',
    options.verifyReplay === true && '--verify-replay',
    options.verifyControl !== undefined && '--verify-control',
    options.verifyAttest !== undefined && '--verify-attest',
  ].filter((kind): kind is string => kind !== false);
  if (kinds.length > 1) throw new UsageError(`give one verification, not ${kinds.join(' and ')}`);
  const kind = kinds[0];
  refuseStray(options, kind);
  if (options.verifyMonitor !== undefined) return monitorSpec(options.verifyMonitor);
  if (options.verifyReplay) {
    if (options.level !== undefined && options.level !== 'warn' && options.level !== 'page')
      throw new UsageError('--level: with --verify-replay, expected warn or page');
    if ((options.evidence?.length ?? 0) > 1) throw new UsageError('--evidence: one telemetry sample, such as EV-4');
    return {
      kind: 'replay',
      within: options.within,
      level: options.level as 'warn' | 'page' | undefined,
      monitor: options.monitor,
      evidence: options.evidence?.[0],
      lookback: options.lookback,
    };
  }
  if (options.verifyControl !== undefined) {
    if (options.level !== undefined && !(FILTER_LEVELS as readonly string[]).includes(options.level))
      throw new UsageError(`--level: with --verify-control, expected one of ${FILTER_LEVELS.join(', ')}`);
    if (options.enabled !== undefined && options.enabled !== 'true' && options.enabled !== 'false')
      throw new UsageError('--enabled: expected true or false');
    return {
      kind: 'control',
      control: options.verifyControl,
      enabled: options.enabled === undefined ? undefined : options.enabled === 'true',
      active: options.active,
      level: options.level as (typeof FILTER_LEVELS)[number] | undefined,
      minShare: options.minShare,
    };
  }
  if (options.verifyAttest !== undefined) {
    if (!options.what) throw new UsageError('--verify-attest needs --what TEXT: what the link shows done');
    return { kind: 'attestation', url: options.verifyAttest, what: options.what };
  }
  return undefined;
}

const BELONGS: Record<string, readonly (keyof VerifyOptions)[]> = {
  '--verify-replay': ['within', 'level', 'evidence', 'monitor', 'lookback'],
  '--verify-control': ['enabled', 'active', 'level', 'minShare'],
  '--verify-attest': ['what'],
};
const FLAG: Partial<Record<keyof VerifyOptions, string>> = {
  within: '--within',
  level: '--level',
  evidence: '--evidence',
  monitor: '--monitor',
  lookback: '--lookback',
  enabled: '--enabled',
  active: '--active',
  minShare: '--min-share',
  what: '--what',
};

/** A flag of one verification given with another (or none) is a mistake, not something to drop. */
function refuseStray(options: VerifyOptions, kind: string | undefined): void {
  for (const [key, flag] of Object.entries(FLAG) as Array<[keyof VerifyOptions, string]>) {
    if (options[key] === undefined) continue;
    if (kind !== undefined && BELONGS[kind]?.includes(key)) continue;
    const owners = Object.entries(BELONGS)
      .filter(([, keys]) => keys.includes(key))
      .map(([owner]) => owner);
    throw new UsageError(`${flag} goes with ${owners.join(' or ')}`);
  }
}

/** `support-copilot:flag:policy_contradiction` (a signal) or `support-copilot:pii-in-answers` (a monitor). */
export function monitorSpec(value: string): VerificationInput {
  const at = value.indexOf(':');
  const system = at < 0 ? value : value.slice(0, at);
  const rest = at < 0 ? '' : value.slice(at + 1);
  if (!SYSTEM_ID_PATTERN.test(system) || rest === '')
    throw new UsageError(
      '--verify-monitor: expected SYSTEM:SIGNAL or SYSTEM:MONITOR, such as support-copilot:flag:pii or support-copilot:pii-in-answers',
    );
  return SIGNAL_PATTERN.test(rest)
    ? { kind: 'monitor', system, signal: rest }
    : { kind: 'monitor', system, monitor: rest };
}

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
