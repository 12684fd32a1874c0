import { ACTION_CATEGORIES, ACTION_PRIORITIES, ACTION_STATUSES, ACTION_TYPES } from '@firebreak/core';
import type { Command } from 'commander';
import { learningFor } from '../client';
import { ExitStatus, UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit } from '../output';
import { when } from '../time';
import * as parse from '../validate';
import {
  actionId,
  dueInput,
  resolveDue,
  VERIFY_HELP,
  type VerifyOptions,
  verificationFrom,
  verifyOptions,
} from './action-flags';
import { describeVerification, renderAction, renderActionList, renderResult } from './action-report';

const JSON_HELP = "print the server's JSON response";
const UPDATABLE = ['open', 'in_progress', 'blocked', 'cancelled'] as const;

/** `firebreak action …`: corrective and preventive actions, and the verification each must pass to close. */
export function registerAction(program: Command, io: CliIo): void {
  const action = program
    .command('action')
    .description('Corrective and preventive actions: who does what by when, and the check that proves it done')
    .addHelpText(
      'after',
      `
An action closes only when its verification passes: Firebreak checks monitors, replays and
controls itself; an attestation is vouched for by a second person. Closed actions are checked
again at 30, 60 and 90 days.

Examples:
  $ firebreak action add INC-2 --title "Rate monitor on policy contradictions" --category monitoring \\
      --owner dana-reyes --due +14d --verify-replay --within 10m
  $ firebreak action list --mine --open
  $ firebreak action verify ACT-1
  $ firebreak action close ACT-1`,
    );

  action
    .command('list')
    .description('List actions: owner, due date, status and the last verification')
    .option('--mine', 'only actions I own')
    .option('--owner <person>', 'only actions this person owns')
    .option('--system <id>', 'only actions on this AI system')
    .option('--incident <id>', 'only actions of this incident', parse.incidentId)
    .option('--status <status>', `only this status: ${ACTION_STATUSES.join(', ')}`, parse.oneOf(ACTION_STATUSES))
    .option('--open', 'only actions neither closed nor cancelled')
    .option('--overdue', 'only actions past their due date')
    .option('--limit <n>', 'at most this many (1..500, default 100)', parse.integer(1, 500))
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
DUE shows OVERDUE with how long ago it was due; VERIFICATION the kind and the last result.

Examples:
  $ firebreak action list --mine --open
  $ firebreak action list --incident INC-2
  $ firebreak action list --system support-copilot --overdue --json`,
    )
    .action(async (options: ListOptions, cmd: Command) => {
      if (options.mine && options.owner) throw new UsageError('give --mine or --owner, not both');
      const list = await learningFor(cmd, io).listActions({
        owner: options.mine ? 'me' : options.owner,
        system: options.system,
        incident: options.incident,
        status: options.status,
        open: options.open,
        overdue: options.overdue,
        limit: options.limit,
      });
      emit(io, cmd, list, (l) => renderActionList(l, io.now()));
    });

  verifyOptions(
    action
      .command('add')
      .description('Add a corrective or preventive action to an incident')
      .argument('<id>', 'incident id, e.g. INC-2', parse.incidentId)
      .requiredOption('--title <title>', 'what will be done, in a line')
      .requiredOption(
        '--category <category>',
        `category: ${ACTION_CATEGORIES.join(', ')}`,
        parse.oneOf(ACTION_CATEGORIES),
      )
      .option('--type <type>', `${ACTION_TYPES.join(' or ')} (default corrective)`, parse.oneOf(ACTION_TYPES))
      .option(
        '--priority <priority>',
        `${ACTION_PRIORITIES.join(', ')} (default medium)`,
        parse.oneOf(ACTION_PRIORITIES),
      )
      .option('--description <text>', 'more about it')
      .option('--owner <person>', 'who does it, a person of the directory')
      .option('--due <time>', 'when it is due: ISO-8601, or +14d, +2w, +48h from now', dueInput)
      .option('--system <id>', 'the systems it is about (default: the incident’s)', parse.systemIds)
      .option('--tracker <url>', 'the issue that tracks the work (GitHub, Jira, Linear…)'),
  )
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `${VERIFY_HELP}

Examples:
  $ firebreak action add INC-2 --title "Rate monitor on policy contradictions" --category monitoring \\
      --owner dana-reyes --due +14d --verify-replay --within 10m --level page
  $ firebreak action add INC-2 --title "Refund-policy eval in the prompt release gate" \\
      --category evaluation_gates --type preventive --owner sam-ortiz --due 2026-12-20T17:00:00Z \\
      --verify-attest https://github.com/acme/copilot/pull/412 --what "eval gate merged"`,
    )
    .action(async (id: string, options: AddOptions, cmd: Command) => {
      const added = await learningFor(cmd, io).addAction(id, {
        title: options.title,
        description: options.description,
        type: options.type,
        category: options.category,
        priority: options.priority,
        owner: options.owner,
        dueAt: options.due === undefined ? undefined : resolveDue(options.due, io.now()),
        systems: options.system,
        tracker: options.tracker,
        verification: verificationFrom(options),
      });
      emit(io, cmd, added, (a) => [
        `Added ${a.id} to ${a.incidentId}: ${a.title}`,
        `  owner ${a.ownerName ?? a.owner ?? 'nobody yet'}, due ${a.dueAt ? when(a.dueAt, io.now()) : 'not set'}; verification: ${describeVerification(a.verification)}`,
      ]);
    });

  action
    .command('show')
    .description('Show an action with its verification history and follow-ups')
    .argument('<action>', 'action id, e.g. ACT-3', actionId)
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak action show ACT-3\n  $ firebreak action show 3 --json')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const api = learningFor(cmd, io);
      const [found, history] = await Promise.all([api.action(id), api.verifications(id)]);
      emit(io, cmd, { ...found, verifications: history.verifications }, () =>
        renderAction(found, history.verifications, io.now()),
      );
    });

  verifyOptions(
    action
      .command('update')
      .description("Change an action's title, owner, due date, status, tracker or verification")
      .argument('<action>', 'action id, e.g. ACT-3', actionId)
      .option('--title <title>', 'new title')
      .option('--description <text>', 'new description')
      .option('--category <category>', `category: ${ACTION_CATEGORIES.join(', ')}`, parse.oneOf(ACTION_CATEGORIES))
      .option('--priority <priority>', ACTION_PRIORITIES.join(', '), parse.oneOf(ACTION_PRIORITIES))
      .option('--owner <person>', 'new owner')
      .option('--due <time>', 'new due date: ISO-8601, or +14d from now', dueInput)
      .option(
        '--status <status>',
        `${UPDATABLE.join(', ')} (closing is: firebreak action close)`,
        parse.oneOf(UPDATABLE),
      )
      .option('--tracker <url>', 'the issue that tracks the work')
      .option('--reason <text>', 'why, for the timeline (required to cancel)'),
  )
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `${VERIFY_HELP}

Examples:
  $ firebreak action update ACT-3 --status in_progress
  $ firebreak action update ACT-3 --owner sam-ortiz --due +7d --reason "Dana is on leave"
  $ firebreak action update ACT-3 --verify-control support-copilot.refund-answers --enabled false`,
    )
    .action(async (id: string, options: UpdateOptions, cmd: Command) => {
      const verification = verificationFrom(options);
      const { title, description, category, priority, owner, status, tracker, reason } = options;
      const change = { title, description, category, priority, owner, status, tracker, verification };
      if (Object.values(change).every((value) => value === undefined) && options.due === undefined)
        throw new UsageError(
          'nothing to change: give --title, --owner, --due, --status, --tracker or a --verify-… flag',
        );
      if (status === 'cancelled' && !reason) throw new UsageError('--status cancelled needs --reason');
      const dueAt = options.due === undefined ? undefined : resolveDue(options.due, io.now());
      const updated = await learningFor(cmd, io).updateAction(id, { ...change, dueAt, reason });
      emit(
        io,
        cmd,
        updated,
        (a) =>
          `${a.id} updated: ${a.status}, owner ${a.ownerName ?? a.owner ?? 'nobody'}, due ${a.dueAt ? when(a.dueAt, io.now()) : 'not set'}`,
      );
    });

  action
    .command('verify')
    .description("Run the action's verification now (exit 1 when it fails)")
    .argument('<action>', 'action id, e.g. ACT-3', actionId)
    .option('--note <text>', 'a note kept with the result')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
Monitor, replay and control verifications run on the server now; an attestation passes when
someone other than the owner (and whoever set the link) runs this. Exit status: 0 passed, 1 failed.

Examples:
  $ firebreak action verify ACT-3
  $ firebreak action verify ACT-4 --note "read the PR and the eval run"`,
    )
    .action(async (id: string, options: { note?: string }, cmd: Command) => {
      const verified = await learningFor(cmd, io).verifyAction(id, { note: options.note });
      emit(io, cmd, verified, (v) => [
        ...renderResult(v.result),
        ...(v.result.passed && v.action.status !== 'closed' ? [`Close it: firebreak action close ${v.action.id}`] : []),
      ]);
      if (!verified.result.passed) throw new ExitStatus(1);
    });

  action
    .command('close')
    .description('Close an action; it needs a passing verification')
    .argument('<action>', 'action id, e.g. ACT-3', actionId)
    .option('--reason <text>', 'a note for the timeline')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak action close ACT-3\n  $ firebreak action close ACT-3 --reason "monitor live in production"',
    )
    .action(async (id: string, options: { reason?: string }, cmd: Command) => {
      const closed = await learningFor(cmd, io).closeAction(id, { reason: options.reason });
      emit(io, cmd, closed, (a) => {
        const last = a.lastVerification
          ? ` (${a.lastVerification.id} passed ${a.lastVerification.at.slice(0, 10)})`
          : '';
        return `Closed ${a.id}${last}; checked again at 30, 60 and 90 days`;
      });
    });
}

interface ListOptions {
  mine?: boolean;
  owner?: string;
  system?: string;
  incident?: string;
  status?: (typeof ACTION_STATUSES)[number];
  open?: boolean;
  overdue?: boolean;
  limit?: number;
}

interface AddOptions extends VerifyOptions {
  title: string;
  category: (typeof ACTION_CATEGORIES)[number];
  type?: (typeof ACTION_TYPES)[number];
  priority?: (typeof ACTION_PRIORITIES)[number];
  description?: string;
  owner?: string;
  due?: string;
  system?: string[];
  tracker?: string;
}

interface UpdateOptions extends VerifyOptions {
  title?: string;
  description?: string;
  category?: (typeof ACTION_CATEGORIES)[number];
  priority?: (typeof ACTION_PRIORITIES)[number];
  owner?: string;
  due?: string;
  status?: (typeof UPDATABLE)[number];
  tracker?: string;
  reason?: string;
}
