import { writeFile } from 'node:fs/promises';
import type { LintFindingView } from '@firebreak/contract';
import { EXPORT_FORMATS, POSTMORTEM_SECTIONS, POSTMORTEM_STATUSES } from '@firebreak/core';
import { FirebreakApiError } from '@firebreak/sdk';
import type { Command } from 'commander';
import { learningFor } from '../client';
import { CliError, ExitStatus, UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit } from '../output';
import * as parse from '../validate';
import { draftFirst, registerPostmortemEdit } from './postmortem-edit';
import { dueLine, lintLine, renderDraft, renderPostmortem, renderPostmortemList } from './postmortem-report';

const JSON_HELP = "print the server's JSON response";
const ID = ['<id>', 'incident id, e.g. INC-2', parse.incidentId] as const;

/** `firebreak postmortem …`: the blameless postmortem drafted from an incident's timeline. */
export function registerPostmortem(program: Command, io: CliIo): void {
  const postmortem = program
    .command('postmortem')
    .description('Draft, edit, lint, review and publish the blameless postmortem of an incident')
    .addHelpText(
      'after',
      `
Firebreak drafts the postmortem from the incident's timeline, records and response figures;
you write what only people know (factors, whys, what went well), then publish it. A SEV1 or
SEV2 cannot close until its postmortem is published (docs/postmortems.md).

Examples:
  $ firebreak postmortem draft INC-2 --owner dana-reyes
  $ firebreak postmortem show INC-2
  $ firebreak postmortem edit INC-2 --section factors --factors-file factors.yaml
  $ firebreak postmortem lint INC-2
  $ firebreak postmortem publish INC-2`,
    );

  postmortem
    .command('draft')
    .description("Draft the postmortem from the incident's timeline and records")
    .argument(...ID)
    .option('--owner <person>', 'who owns it, a person of the directory (default: the commander)')
    .option('--due <time>', 'when it is due, ISO-8601 (default: business days after resolution)', parse.isoTime)
    .option('--template <name>', 'template from firebreak.yaml (default: the first that matches)')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
Sections Firebreak can fill (impact, timeline, detection, response) are drafted; the rest carry
the template's prompts. Star the key moments first (firebreak incident key INC-n SEQ) and the
timeline leads with them.

Examples:
  $ firebreak postmortem draft INC-2
  $ firebreak postmortem draft INC-2 --owner "Dana Reyes" --due 2026-12-18T16:00:00Z`,
    )
    .action(async (id: string, options: { owner?: string; due?: string; template?: string }, cmd: Command) => {
      const drafted = await learningFor(cmd, io).draftPostmortem(id, {
        owner: options.owner,
        dueAt: options.due,
        template: options.template,
      });
      emit(io, cmd, drafted, (pm) => renderDraft(pm, io.now()));
    });

  postmortem
    .command('show')
    .description('Show the postmortem: status, owner, response figures, every section and the lint findings')
    .argument(...ID)
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak postmortem show INC-2\n  $ firebreak postmortem show 2 --json')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const pm = await learningFor(cmd, io).postmortem(id).catch(draftFirst(id));
      emit(io, cmd, pm, (p) => renderPostmortem(p, io.now()));
    });

  registerPostmortemEdit(postmortem, io);

  postmortem
    .command('owner')
    .description('Give the postmortem to another owner, or move its due date')
    .argument(...ID)
    .option('--owner <person>', 'the new owner, a person of the directory')
    .option('--due <time>', 'the new due date, ISO-8601', parse.isoTime)
    .option('--reason <text>', 'why, for the timeline')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak postmortem owner INC-2 --owner sam-ortiz --reason "Dana is on leave"\n  $ firebreak postmortem owner INC-2 --due 2026-12-22T16:00:00Z',
    )
    .action(async (id: string, options: { owner?: string; due?: string; reason?: string }, cmd: Command) => {
      if (options.owner === undefined && options.due === undefined) throw new UsageError('give --owner or --due');
      const pm = await learningFor(cmd, io).editPostmortem(id, {
        owner: options.owner,
        dueAt: options.due,
        reason: options.reason,
      });
      emit(
        io,
        cmd,
        pm,
        (p) =>
          `Postmortem of ${p.incidentId}: owner ${p.ownerName ?? p.owner ?? 'nobody'}, due ${dueLine(p.dueAt, p.overdue, io.now())}`,
      );
    });

  postmortem
    .command('regenerate')
    .description("Draft a section again from the incident's data, replacing what was written")
    .argument(...ID)
    .requiredOption(
      '--section <section>',
      `section: ${POSTMORTEM_SECTIONS.join(', ')}`,
      parse.oneOf(POSTMORTEM_SECTIONS),
    )
    .option('--reason <text>', 'why, for the timeline')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nUseful after more happened on the incident (a late update, a new starred moment).\n\nExamples:\n  $ firebreak postmortem regenerate INC-2 --section timeline --reason "starred the rollback"',
    )
    .action(async (id: string, options: { section: string; reason?: string }, cmd: Command) => {
      const pm = await learningFor(cmd, io).regenerateSection(id, options.section, { reason: options.reason });
      emit(
        io,
        cmd,
        pm,
        (p) => `Drafted ${options.section} of the postmortem of ${p.incidentId} again (version ${p.version})`,
      );
    });

  registerLint(postmortem, io);

  for (const [verb, status, description] of [
    ['review', 'in_review', 'Send the postmortem for review'],
    ['publish', 'published', 'Publish the postmortem (blameless lint findings must be fixed or accepted)'],
  ] as const) {
    postmortem
      .command(verb)
      .description(description)
      .argument(...ID)
      .option('--reason <text>', 'why, for the timeline (required with --accept-findings)')
      .option('--accept-findings', 'publish despite blameless lint findings; the reason is recorded')
      .option('--json', JSON_HELP)
      .addHelpText(
        'after',
        `\nExamples:\n  $ firebreak postmortem ${verb} INC-2\n  $ firebreak postmortem ${verb} INC-2 --accept-findings --reason "quotes from the chat log, kept verbatim"`,
      )
      .action(async (id: string, options: { reason?: string; acceptFindings?: boolean }, cmd: Command) => {
        if (options.acceptFindings && !options.reason)
          throw new UsageError('--accept-findings needs --reason: why the findings stay');
        const pm = await learningFor(cmd, io)
          .transitionPostmortem(id, { status, reason: options.reason, acceptFindings: options.acceptFindings ?? false })
          .catch((error: unknown) => {
            throw blockedByFindings(error, id, verb);
          });
        emit(io, cmd, pm, (p) => `Postmortem of ${p.incidentId} is now ${p.status.replace('_', ' ')}`);
      });
  }

  postmortem
    .command('reopen')
    .description('Take the postmortem back to draft to amend it')
    .argument(...ID)
    .requiredOption('--reason <text>', 'why it is reopened')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak postmortem reopen INC-2 --reason "the 60-day follow-up found a second cause"',
    )
    .action(async (id: string, options: { reason: string }, cmd: Command) => {
      const pm = await learningFor(cmd, io).transitionPostmortem(id, { status: 'draft', reason: options.reason });
      emit(io, cmd, pm, (p) => `Postmortem of ${p.incidentId} is a draft again`);
    });

  registerExport(postmortem, io);

  postmortem
    .command('list')
    .description('List postmortems: status, owner and due date')
    .option(
      '--status <status>',
      `only this status: ${POSTMORTEM_STATUSES.join(', ')}`,
      parse.oneOf(POSTMORTEM_STATUSES),
    )
    .option('--owner <person>', 'only this owner')
    .option('--overdue', 'only those past their due date and not published')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak postmortem list --overdue\n  $ firebreak postmortem list --owner dana-reyes --status draft',
    )
    .action(async (options: { status?: string; owner?: string; overdue?: boolean }, cmd: Command) => {
      const list = await learningFor(cmd, io).listPostmortems({
        status: options.status,
        owner: options.owner,
        overdue: options.overdue,
      });
      emit(io, cmd, list, (l) => renderPostmortemList(l, io.now()));
    });
}

function registerLint(postmortem: Command, io: CliIo): void {
  postmortem
    .command('lint')
    .description('Blameless lint: the stored postmortem, or any Markdown file (exit 1 when it finds something)')
    .argument('[id]', 'incident id whose postmortem to lint, e.g. INC-2', parse.incidentId)
    .option('--file <path>', 'lint this Markdown file instead')
    .option('--incident <id>', "with --file: the incident whose people's names count as people", parse.incidentId)
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
Finds wording that blames a person (a name as the cause, "should have", "careless"), actions
that only ask for more vigilance, and actions without an owner or a due date. Each line reads
WHERE:LINE:COLUMN RULE: MESSAGE — SUGGESTION. Exit status: 0 clean, 1 findings.

Examples:
  $ firebreak postmortem lint INC-2
  $ firebreak postmortem lint --file draft.md --incident INC-2`,
    )
    .action(async (id: string | undefined, options: { file?: string; incident?: string }, cmd: Command) => {
      if ((id === undefined) === (options.file === undefined))
        throw new UsageError('give an incident id (its stored postmortem) or --file PATH, not both');
      const api = learningFor(cmd, io);
      let findings: LintFindingView[];
      let where: (finding: LintFindingView) => string;
      if (options.file !== undefined) {
        const { readText } = await import('./postmortem-input');
        const text = await readText(options.file);
        findings = (await api.lint({ text, incident: options.incident ?? id })).findings;
        where = () => options.file!;
      } else {
        findings = (await api.postmortem(id!).catch(draftFirst(id!))).lint;
        where = (finding) => finding.where;
      }
      emit(io, cmd, { findings }, () =>
        findings.length === 0 ? 'Blameless lint: no findings' : findings.map((f) => lintLine(f, where(f))),
      );
      if (findings.length > 0) throw new ExitStatus(1);
    });
}

function registerExport(postmortem: Command, io: CliIo): void {
  postmortem
    .command('export')
    .description('The postmortem as a document: Markdown, HTML or PDF')
    .argument(...ID)
    .option(
      '--format <format>',
      `document format: ${EXPORT_FORMATS.join(', ')}`,
      parse.oneOf(EXPORT_FORMATS),
      'markdown',
    )
    .option(
      '--timeline <which>',
      'key: the starred moments (all while none is); all: every entry',
      parse.oneOf(['key', 'all'] as const),
      'key',
    )
    .option('-o, --output <file>', 'write to this file (needed for PDF on a terminal)')
    .addHelpText(
      'after',
      `
Examples:
  $ firebreak postmortem export INC-2 > INC-2-postmortem.md
  $ firebreak postmortem export INC-2 --format html --timeline all -o INC-2.html
  $ firebreak postmortem export INC-2 --format pdf -o INC-2.pdf`,
    )
    .action(async (id: string, options: { format: string; timeline: string; output?: string }, cmd: Command) => {
      const { format, timeline, output } = options;
      if (format === 'pdf' && output === undefined && (io.tty?.stdout || !io.bytes))
        throw new UsageError('a PDF is binary: write it to a file with -o FILE (or redirect stdout)');
      const document = await learningFor(cmd, io).exportPostmortem(id, { format, timeline });
      if (output !== undefined) {
        await writeFile(output, document.bytes);
        io.err(`Wrote ${output} (${document.bytes.length} bytes, ${document.contentType || format})\n`);
      } else if (format === 'pdf') io.bytes!(document.bytes);
      else io.out(new TextDecoder().decode(document.bytes));
    });
}

/**
 * A refusal that lists blameless findings becomes the findings and how to publish anyway. Read
 * from `details.findings`, not the status (a validation_failed 400 today).
 */
function blockedByFindings(error: unknown, id: string, verb: string): unknown {
  if (!(error instanceof FirebreakApiError)) return error;
  const findings = (error.details?.findings ?? []) as LintFindingView[];
  if (!Array.isArray(findings) || findings.length === 0) return error;
  return new CliError(error.message, {
    code: error.code,
    details: error.details,
    listing: findings.map((f) => lintLine(f)),
    lines: [
      'fix them (firebreak postmortem edit …), or accept them with a reason:',
      `firebreak postmortem ${verb} ${id} --accept-findings --reason "…"`,
    ],
  });
}
