import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ReviewDecisionRequest, ReviewItem } from '@firebreak/contract';
import { REFUSAL_MESSAGE_IDS, REFUSAL_MESSAGES } from '@firebreak/core';
import type { Command } from 'commander';
import { clientFor } from '../client';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit, fields, table, truncate } from '../output';
import { relativeTime, utcMinute } from '../time';
import * as parse from '../validate';

const JSON_HELP = "print the server's JSON response";
const STATUSES = ['pending', 'approved', 'edited', 'refused', 'escalated'] as const;

function render(item: ReviewItem): string[] {
  return [
    `${item.id}  ${item.status}  ${item.system}${item.incidentId ? `  (${item.incidentId})` : ''}`,
    ...fields([
      ['routed', item.routedBecause],
      ['by', `${item.submittedBy} at ${utcMinute(item.createdAt)}`],
      ['event', item.eventId],
      ['decided', item.decidedBy ? `${item.decidedBy} at ${utcMinute(item.decidedAt!)}` : null],
      ['message', item.decision?.message?.text],
      ['to', item.decision?.to],
      ['note', item.decision?.note],
    ]),
    '',
    JSON.stringify(item.decision?.edited ?? item.content, null, 2),
  ];
}

/** `firebreak review …`: the queue of items a human-review control held back. */
export function registerReview(program: Command, io: CliIo): void {
  const review = program
    .command('review')
    .description('The human-review queue: approve, edit, refuse with a standard message, or escalate')
    .addHelpText(
      'after',
      `\nStandard refusals (--message):\n${REFUSAL_MESSAGE_IDS.map((id) => `  ${id.padEnd(15)} ${REFUSAL_MESSAGES[id]}`).join('\n')}\n\nExamples:\n  $ firebreak review list\n  $ firebreak review refuse REV-4 --message privacy\n  $ firebreak review stats --incident INC-2`,
    );

  review
    .command('list')
    .description('Pending items, oldest first (or decided ones with --status)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak review list\n  $ firebreak review list --status refused --incident INC-2',
    )
    .option('--status <status>', STATUSES.join(', '), parse.oneOf(STATUSES), 'pending')
    .option('--system <id>', 'only this AI system')
    .option('--incident <id>', 'only this incident', parse.incidentId)
    .option('--json', JSON_HELP)
    .action(
      async (
        {
          json: _json,
          ...options
        }: { status: (typeof STATUSES)[number]; system?: string; incident?: string; json?: boolean },
        cmd: Command,
      ) => {
        const list = await clientFor(cmd, io).listReview(options);
        emit(io, cmd, list, ({ items }) =>
          items.length === 0
            ? `No ${options.status} items.`
            : table(
                ['ID', 'SYSTEM', 'INCIDENT', 'WHY', 'QUEUED', 'CONTENT'],
                items.map((i) => [
                  i.id,
                  i.system,
                  i.incidentId ?? '',
                  i.routedBecause ?? '',
                  relativeTime(i.createdAt, io.now()),
                  truncate(JSON.stringify(i.content), 50),
                ]),
              ),
        );
      },
    );
  review
    .command('show')
    .description('One item with its content and decision')
    .argument('<id>', 'e.g. REV-4')
    .addHelpText('after', '\nExamples:\n  $ firebreak review show REV-4')
    .option('--json', JSON_HELP)
    .action(async (id: string, _options: unknown, cmd: Command) =>
      emit(io, cmd, await clientFor(cmd, io).getReviewItem(id.toUpperCase()), render),
    );

  const decide = async (id: string, body: ReviewDecisionRequest, cmd: Command) => {
    const item = await clientFor(cmd, io).decideReview(id.toUpperCase(), body);
    emit(
      io,
      cmd,
      item,
      (i) =>
        `${i.id} ${i.status}${i.decision?.message ? `: the user sees "${i.decision.message.text}"` : ''}${i.decision?.to ? ` to ${i.decision.to}` : ''}.`,
    );
  };
  const note = (options: { note?: string }) => (options.note ? { note: options.note } : {});
  review
    .command('approve')
    .description('Let the item go out as it is')
    .addHelpText('after', '\nExamples:\n  $ firebreak review approve REV-4')
    .argument('<id>')
    .option('--note <text>')
    .option('--json', JSON_HELP)
    .action((id: string, o: { note?: string }, cmd: Command) => decide(id, { outcome: 'approved', ...note(o) }, cmd));
  review
    .command('edit')
    .description('Send an edited version instead (JSON, like the item’s content)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak review edit REV-4 --content \'{"answer":"Your order ships today"}\'\n  $ firebreak review edit REV-4 --file edited.json',
    )
    .argument('<id>')
    .option('--content <json>', 'the edited content as JSON')
    .option('--file <path>', 'read the edited content from a JSON file')
    .option('--note <text>')
    .option('--json', JSON_HELP)
    .action(async (id: string, o: { content?: string; file?: string; note?: string }, cmd: Command) => {
      const text = o.file ? await readFile(resolve(io.cwd(), o.file), 'utf8') : o.content;
      if (text === undefined) throw new UsageError('give the edited content with --content <json> or --file <path>');
      let edited: unknown;
      try {
        edited = JSON.parse(text);
      } catch {
        throw new UsageError(`${o.file ? o.file : '--content'}: not JSON`);
      }
      if (typeof edited !== 'object' || edited === null || Array.isArray(edited))
        throw new UsageError('the edited content must be a JSON object, like the item’s content');
      await decide(id, { outcome: 'edited', edited: edited as Record<string, unknown>, ...note(o) }, cmd);
    });
  review
    .command('refuse')
    .description('Refuse it; the user sees a standard message')
    .addHelpText('after', '\nExamples:\n  $ firebreak review refuse REV-4 --message privacy')
    .argument('<id>')
    .requiredOption('--message <id>', REFUSAL_MESSAGE_IDS.join(', '), parse.oneOf(REFUSAL_MESSAGE_IDS))
    .option('--note <text>')
    .option('--json', JSON_HELP)
    .action((id: string, o: { message: string; note?: string }, cmd: Command) =>
      decide(id, { outcome: 'refused', message: o.message, ...note(o) }, cmd),
    );
  review
    .command('escalate')
    .description('Pass it to someone who can decide')
    .addHelpText('after', '\nExamples:\n  $ firebreak review escalate REV-4 --to "privacy lead"')
    .argument('<id>')
    .requiredOption('--to <who>', 'who takes it from here')
    .option('--note <text>')
    .option('--json', JSON_HELP)
    .action((id: string, o: { to: string; note?: string }, cmd: Command) =>
      decide(id, { outcome: 'escalated', to: o.to, ...note(o) }, cmd),
    );
  review
    .command('stats')
    .description('Outcomes counted, for a system or an incident')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak review stats --incident INC-2\n  $ firebreak review stats --system support-copilot',
    )
    .option('--system <id>')
    .option('--incident <id>', 'an incident', parse.incidentId)
    .option('--json', JSON_HELP)
    .action(async ({ json: _json, ...o }: { system?: string; incident?: string; json?: boolean }, cmd: Command) => {
      const stats = await clientFor(cmd, io).reviewStats(o);
      emit(
        io,
        cmd,
        stats,
        (s) =>
          `${s.total} items${s.incident ? ` on ${s.incident}` : s.system ? ` for ${s.system}` : ''}: ${s.pending} pending, ${s.approved} approved, ${s.edited} edited, ${s.refused} refused, ${s.escalated} escalated`,
      );
    });
}
