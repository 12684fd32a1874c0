import type { VerificationInput } from '@firebreak/contract';
import { durationMs, FILTER_LEVELS, parseIsoTimestamp, SIGNAL_PATTERN, SYSTEM_ID_PATTERN } from '@firebreak/core';
import { type Command, InvalidArgumentError } from 'commander';
import { UsageError } from '../errors';
import * as parse from '../validate';

// The flags `action add` and `action update` share: the due date and the verification.

/** `ACT-3`, `act-3` or `3`, as `ACT-3`. */
export function actionId(value: string): string {
  const match = /^(?:ACT-)?([1-9][0-9]*)$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected an action id such as ACT-3');
  return `ACT-${match[1]}`;
}

export const VERIFY_HELP = `
Verification (what the action must pass to close; one of):
  --verify-monitor SYSTEM:SIGNAL|MONITOR   a monitor watches this signal (or this monitor exists) today
  --verify-replay [--within 10m] [--level warn|page] [--monitor M] [--evidence EV-n] [--lookback 2d]
                                           the incident's telemetry, replayed through today's monitors,
                                           alerts within --within of the onset
  --verify-control KEY [--enabled true|false] [--active V] [--level L] [--min-share 0.2]
                                           the control exists, in this state
  --verify-attest URL --what TEXT          a link a second person vouches for`;

/** The `--verify-…` flags, shared by `action add` and `action update`. */
export function verifyOptions(command: Command): Command {
  return command
    .option('--verify-monitor <system:signal>', 'verify: a monitor on this system watches this signal or monitor id')
    .option('--verify-replay', "verify: replaying the incident's telemetry alerts in time")
    .option(
      '--within <duration>',
      'with --verify-replay: alert at most this long after onset (default 10m)',
      parse.duration,
    )
    .option('--level <level>', 'with --verify-replay: warn or page; with --verify-control: the filter level')
    .option('--evidence <id>', 'with --verify-replay: replay this telemetry sample instead', parse.evidenceIds)
    .option('--monitor <id>', 'with --verify-replay: only alerts of this monitor count')
    .option(
      '--lookback <duration>',
      'with --verify-replay: telemetry before the onset to learn from (default 2d)',
      parse.duration,
    )
    .option('--verify-control <key>', 'verify: this control (system.control) exists in the state given')
    .option('--enabled <bool>', 'with --verify-control: the kill switch is in this state (true or false)')
    .option('--active <version>', 'with --verify-control: the route serves this version')
    .option(
      '--min-share <share>',
      'with --verify-control: a review control holds at least this share',
      parse.number(0, 1),
    )
    .option('--verify-attest <url>', 'verify: a link (document, test run, change) a second person vouches for')
    .option('--what <text>', 'with --verify-attest: what the link shows done');
}

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
