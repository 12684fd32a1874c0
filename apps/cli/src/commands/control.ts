import type { ChangeControlInput, ChangeControlResponse, Control, ReviewCondition } from '@firebreak/contract';
import { type ControlStateValue, describeState, FILTER_LEVELS } from '@firebreak/core';
import type { Command } from 'commander';
import { clientFor } from '../client';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit, fields, table, truncate } from '../output';
import { relativeTime, utcMinute } from '../time';
import * as parse from '../validate';
import { registerBundleCommands } from './control-bundles';

const JSON_HELP = "print the server's JSON response";
const state = (control: Control) => describeState(control.state as ControlStateValue);

/** What a change did: applied (apps obey it now) or waiting for a second person. */
export function describeOutcome(result: ChangeControlResponse): string[] {
  const { control, approval } = result;
  if (result.outcome === 'pending_approval' && approval) {
    return [
      `Not applied yet: ${approval.why}.`,
      `Ask someone else to run:  firebreak control approve ${approval.id}`,
      `${control.key} stays ${state(control)}.`,
    ];
  }
  if (control.state.kind === 'cache')
    return [
      `${control.key} flushed ${control.state.scope ? `scope ${control.state.scope}` : 'everything'}: apps drop what they cached (generation ${control.state.generation}).`,
    ];
  const expiry = control.expiresAt ? ` until ${utcMinute(control.expiresAt)}, then it reverts unless renewed` : '';
  return [`${control.key} is now ${state(control)}${expiry}. Apps obey it within a second.`];
}

interface ChangeOptions {
  reason?: string;
  incident?: string;
  for?: string;
}

function common(options: ChangeOptions, fallback: string): { reason: string; incident?: string; expiresIn?: string } {
  return {
    reason: options.reason ?? fallback,
    ...(options.incident ? { incident: options.incident } : {}),
    ...(options.for ? { expiresIn: options.for } : {}),
  };
}

function withChangeOptions(command: Command, reasonRequired = false): Command {
  const reason = ['--reason <text>', 'why (goes on the record and the incident’s timeline)'] as const;
  return (reasonRequired ? command.requiredOption(...reason) : command.option(...reason))
    .option('--incident <id>', 'the incident this serves', parse.incidentId)
    .option('--for <duration>', 'temporary: revert after this long (30m, 2h) unless renewed', parse.duration)
    .option('--json', JSON_HELP);
}

/** `firebreak control …`: the containment levers apps obey through the SDK. */
export function registerControl(program: Command, io: CliIo): void {
  const control = program
    .command('control')
    .description(
      'Containment controls apps obey: kill switches, routes, canaries, throttles, human review, output filters, queues, caches',
    )
    .addHelpText(
      'after',
      `
Controls are declared on system cards (firebreak.yaml, controls:) and named <system>.<control>.
Every change records who, when and why; with --incident it lands on that incident's timeline.
Re-enabling, resuming a queue or rolling forward during an open SEV1/SEV2 waits for a second person's approval.

Examples:
  $ firebreak control list support-copilot
  $ firebreak control kill support-copilot.auto-send --reason "PII leak" --incident INC-1
  $ firebreak control set fraud-model.model --canary fraud-v13 --percent 5 --reason "canary v13"
  $ firebreak control set support-copilot.review --share 1 --reason "review all answers" --for 2h
  $ firebreak control pause search.ingest --retry-after 30s --reason "poisoned documents" --incident INC-1
  $ firebreak control flush support-copilot.answers --scope tenant:acme --reason "stale answers"
  $ firebreak rollback fraud-model --reason "v13 declines too much"
  $ firebreak control bundles support-copilot.stack`,
    );

  control
    .command('list')
    .description('Controls and their state')
    .addHelpText('after', '\nExamples:\n  $ firebreak control list\n  $ firebreak control list support-copilot --json')
    .argument('[system]', 'only this AI system')
    .option('--json', JSON_HELP)
    .action(async (system: string | undefined, _options: unknown, cmd: Command) => {
      const list = await clientFor(cmd, io).listControls(system ? [system] : undefined);
      emit(io, cmd, list, ({ controls }) => {
        if (controls.length === 0)
          return `No controls${system ? ` for ${system}` : ''}. Declare them on the system card (controls:) and apply it.`;
        const now = io.now();
        const rows = controls.map((c) => [
          c.key,
          c.kind,
          state(c),
          c.expiresAt ? `reverts ${relativeTime(c.expiresAt, now)}` : '',
          `${c.updatedBy}, ${relativeTime(c.updatedAt, now)}`,
          c.incidentId ?? '',
        ]);
        return table(['CONTROL', 'KIND', 'STATE', 'TEMPORARY', 'LAST CHANGED', 'INCIDENT'], rows);
      });
    });

  control
    .command('show')
    .description('A control with its history')
    .addHelpText('after', '\nExamples:\n  $ firebreak control show support-copilot.auto-send')
    .argument('<key>', 'e.g. support-copilot.auto-send')
    .option('--json', JSON_HELP)
    .action(async (key: string, _options: unknown, cmd: Command) => {
      const found = await clientFor(cmd, io).getControl(key);
      emit(io, cmd, found, (c) => [
        `${c.key}  ${c.kind}  ${state(c)}`,
        ...fields([
          ['description', c.description],
          ['fails', c.failMode ? `${c.failMode} when an app has never heard from Firebreak` : null],
          ['versions', c.versions?.join(', ')],
          ['reverts', c.expiresAt ? `${utcMinute(c.expiresAt)} unless renewed` : null],
          ['incident', c.incidentId],
        ]),
        '',
        'History (newest first):',
        ...c.history.map(
          (h) =>
            `  ${utcMinute(h.at)}  ${h.actor.padEnd(16)} ${h.action.padEnd(11)} ${describeState(h.after as ControlStateValue)}${h.reason ? `  — ${h.reason}` : ''}${h.approvedBy ? ` (approved by ${h.approvedBy})` : ''}`,
        ),
      ]);
    });

  const change = (key: string, body: ChangeControlInput, cmd: Command) =>
    clientFor(cmd, io)
      .changeControl(key, body)
      .then((result) => emit(io, cmd, result, describeOutcome));

  withChangeOptions(
    control
      .command('kill')
      .description('Turn a capability off (kill switch)')
      .addHelpText(
        'after',
        '\nExamples:\n  $ firebreak control kill support-copilot.auto-send --reason "PII leak" --incident INC-1\n  $ firebreak control kill fraud-model.auto-decline --for 2h --reason "while we check drift"',
      )
      .argument('<key>', 'e.g. support-copilot.auto-send'),
  ).action((key: string, options: ChangeOptions, cmd: Command) =>
    change(key, { enabled: false, ...common(options, 'killed from the CLI (no reason given)') }, cmd),
  );
  withChangeOptions(
    control
      .command('enable')
      .description('Turn a killed capability back on')
      .addHelpText(
        'after',
        '\nExamples:\n  $ firebreak control enable support-copilot.auto-send --reason "fix verified" --incident INC-1',
      )
      .argument('<key>', 'e.g. support-copilot.auto-send'),
  ).action((key: string, options: ChangeOptions, cmd: Command) =>
    change(key, { enabled: true, ...common(options, 're-enabled from the CLI (no reason given)') }, cmd),
  );

  withChangeOptions(
    control
      .command('set')
      .description('Set a route, canary, throttle, review share or filter level')
      .addHelpText(
        'after',
        '\nExamples:\n  $ firebreak control set fraud-model.model --active fraud-v11 --reason "v12 misfires"\n  $ firebreak control set fraud-model.model --canary fraud-v13 --percent 5 --reason "canary"\n  $ firebreak control set support-copilot.rate --rate 100 --per 1m --by user --reason "abuse"\n  $ firebreak control set support-copilot.review --when flag:pii --when confidence<0.6 --reason "review risky answers"\n  $ firebreak control set support-copilot.filter --level strict --for 4h --reason "jailbreak wave"',
      )
      .argument('<key>', 'e.g. fraud-model.model')
      .option('--active <version>', 'route: the version to run')
      .option('--canary <version>', 'route: send a share of traffic to this version')
      .option('--percent <n>', 'route: the canary share, 0-100', parse.number(0, 100))
      .option('--sticky-by <attribute>', 'route: keep each user (or tenant…) on one version', 'user')
      .option('--no-canary', 'route: end the canary')
      .option('--rate <n>', 'throttle: calls allowed per period', parse.integer(0, 1_000_000_000))
      .option('--per <duration>', 'throttle: the period (1s, 1m)', parse.duration)
      .option('--by <attribute>', 'throttle: keep the limit per user, tenant…')
      .option('--unlimited', 'throttle: lift the limit')
      .option('--share <fraction>', 'review: share of all traffic to review, 0-1', parse.number(0, 1))
      .option(
        '--when <condition...>',
        'review: flag:pii, segment:region=EU, confidence<0.6 (repeatable; replaces the list)',
      )
      .option('--level <level>', `filter: ${FILTER_LEVELS.join(', ')}`, parse.oneOf(FILTER_LEVELS)),
  ).action((key: string, options: SetOptions & ChangeOptions, cmd: Command) =>
    change(key, { ...patchFrom(options), ...common(options, 'set from the CLI (no reason given)') }, cmd),
  );

  withChangeOptions(
    control
      .command('pause')
      .description('Pause a queue: workers asking for work are told to wait (back-pressure)')
      .addHelpText(
        'after',
        '\nExamples:\n  $ firebreak control pause search.ingest --reason "poisoned documents" --incident INC-1\n  $ firebreak control pause search.ingest --retry-after 30s --for 1h --reason "index rebuild"',
      )
      .argument('<key>', 'e.g. search.ingest')
      .option(
        '--retry-after <duration>',
        'how long a turned-away worker waits before asking again (30s, 5m)',
        parse.duration,
      ),
    true,
  ).action((key: string, options: ChangeOptions & { retryAfter?: string }, cmd: Command) =>
    change(
      key,
      { paused: true, ...(options.retryAfter ? { retryAfter: options.retryAfter } : {}), ...common(options, '') },
      cmd,
    ),
  );
  withChangeOptions(
    control
      .command('resume')
      .description('Resume a paused queue: workers take work again')
      .addHelpText(
        'after',
        '\nExamples:\n  $ firebreak control resume search.ingest --reason "documents cleaned" --incident INC-1',
      )
      .argument('<key>', 'e.g. search.ingest'),
    true,
  ).action((key: string, options: ChangeOptions, cmd: Command) =>
    change(key, { paused: false, ...common(options, '') }, cmd),
  );
  control
    .command('flush')
    .description('Flush a cache: apps drop what they cached (under a scope, when given) and fill it again')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak control flush support-copilot.answers --reason "poisoned answers" --incident INC-1\n  $ firebreak control flush support-copilot.answers --scope tenant:acme --reason "stale answers for acme"',
    )
    .argument('<key>', 'e.g. support-copilot.answers')
    .requiredOption('--reason <text>', 'why (goes on the record and the incident’s timeline)')
    .option('--scope <scope>', 'what to flush in the app’s terms (tenant:acme, answers/); everything without it')
    .option('--incident <id>', 'the incident this serves', parse.incidentId)
    .option('--json', JSON_HELP)
    .action((key: string, options: ChangeOptions & { scope?: string }, cmd: Command) =>
      change(key, { flush: options.scope ? { scope: options.scope } : {}, ...common(options, '') }, cmd),
    );

  control
    .command('renew')
    .description('Extend a temporary change before it reverts')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak control renew support-copilot.filter --for 2h --reason "still under attack"',
    )
    .argument('<key>')
    .requiredOption('--for <duration>', 'how long from now (30m, 2h)', parse.duration)
    .requiredOption('--reason <text>', 'why it is still needed')
    .option('--json', JSON_HELP)
    .action(
      async (
        key: string,
        { json: _json, ...options }: { for: string; reason: string; json?: boolean },
        cmd: Command,
      ) => {
        const renewed = await clientFor(cmd, io).renewControl(key, options);
        emit(io, cmd, renewed, (c) => `${c.key} stays ${state(c)} until ${utcMinute(c.expiresAt!)}.`);
      },
    );

  control
    .command('approvals')
    .description('Changes waiting for a second person')
    .addHelpText('after', '\nExamples:\n  $ firebreak control approvals\n  $ firebreak control approvals --all --json')
    .option('--all', 'decided ones too')
    .option('--json', JSON_HELP)
    .action(async (options: { all?: boolean }, cmd: Command) => {
      const list = await clientFor(cmd, io).listApprovals(options.all ? {} : { status: 'pending' });
      emit(io, cmd, list, ({ approvals }) =>
        approvals.length === 0
          ? 'Nothing waits for approval.'
          : table(
              ['ID', 'STATUS', 'CONTROL', 'CHANGE', 'ASKED BY', 'THEIR REASON', 'WHY IT WAITS'],
              approvals.map((a) => [
                a.id,
                a.status,
                a.key,
                truncate(changeText(a.change), 40),
                `${a.requestedBy}, ${relativeTime(a.requestedAt, io.now())}`,
                truncate(String(a.change.reason ?? ''), 40),
                truncate(a.why, 60),
              ]),
            ),
      );
    });
  control
    .command('approve')
    .description('Approve a pending change (you must not be the one who asked); it applies at once')
    .addHelpText('after', '\nExamples:\n  $ firebreak control approve APR-3 --reason "checked the fix"')
    .argument('<id>', 'e.g. APR-3')
    .option('--reason <text>', 'why you agree')
    .option('--json', JSON_HELP)
    .action(async (id: string, options: { reason?: string }, cmd: Command) => {
      const result = await clientFor(cmd, io).approveChange(id.toUpperCase(), options.reason);
      emit(io, cmd, result, describeOutcome);
    });
  control
    .command('reject')
    .description('Refuse a pending change, saying why')
    .addHelpText('after', '\nExamples:\n  $ firebreak control reject APR-3 --reason "evaluation not done"')
    .argument('<id>', 'e.g. APR-3')
    .requiredOption('--reason <text>', 'why not')
    .option('--json', JSON_HELP)
    .action(async (id: string, options: { reason: string }, cmd: Command) => {
      const result = await clientFor(cmd, io).rejectChange(id.toUpperCase(), options.reason);
      emit(io, cmd, result, (a) => `${a.id} rejected: ${a.key} stays as it is.`);
    });
  registerBundleCommands(control, io);
}

/** What an approval would do, in a few words: `enabled true`, `rollback to v11`, `level standard`. */
function changeText(change: Record<string, unknown>): string {
  if (change.type === 'rollback') return `rollback${change.to ? ` to ${String(change.to)}` : ''}`;
  if (change.type === 'revert') return 'revert the expired change';
  const skip = new Set(['type', 'reason', 'incident', 'expiresIn']);
  return Object.entries(change)
    .filter(([key]) => !skip.has(key))
    .map(([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
}

interface SetOptions {
  active?: string;
  canary?: string | false;
  percent?: number;
  stickyBy: string;
  rate?: number;
  per?: string;
  by?: string;
  unlimited?: boolean;
  share?: number;
  when?: string[];
  level?: 'off' | 'standard' | 'strict';
}

/** The fields of `control set` as the API takes them. */
export function patchFrom(options: SetOptions): Omit<ChangeControlInput, 'reason'> {
  const patch: Omit<ChangeControlInput, 'reason'> = {};
  if (options.active) patch.active = options.active;
  if (options.canary === false) patch.canary = null;
  else if (options.canary !== undefined) {
    if (options.percent === undefined) throw new UsageError('--canary needs --percent');
    patch.canary = { version: options.canary, percent: options.percent, stickyBy: options.stickyBy };
  }
  if (options.unlimited) patch.limit = null;
  else if (options.rate !== undefined)
    patch.limit = { rate: options.rate, per: options.per ?? '1s', ...(options.by ? { by: options.by } : {}) };
  if (options.share !== undefined) patch.share = options.share;
  if (options.when) patch.when = options.when.map(condition);
  if (options.level) patch.level = options.level;
  if (options.percent !== undefined && options.canary === undefined)
    throw new UsageError('--percent needs --canary <version>: the version that gets that share');
  if (Object.keys(patch).length === 0)
    throw new UsageError(
      'nothing to set: give --active, --canary with --percent, --no-canary, --rate with --per, --unlimited, --share, --when or --level',
    );
  return patch;
}

function condition(text: string): ReviewCondition {
  const flag = /^flag:([\w.-]+)$/.exec(text);
  if (flag) return { flag: flag[1]! };
  const segment = /^segment:([\w.-]+)=(.+)$/.exec(text);
  if (segment) return { segment: { [segment[1]!]: segment[2]! } };
  const confidence = /^confidence<(0(?:\.\d+)?|1(?:\.0+)?)$/.exec(text);
  if (confidence) return { confidenceBelow: Number(confidence[1]) };
  throw new UsageError(`--when "${text}": expected flag:<name>, segment:<key>=<value> or confidence<<0-1>`);
}
