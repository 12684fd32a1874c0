import type { EditSectionRequest, Postmortem } from '@firebreak/contract';
import { POSTMORTEM_SECTIONS, type PostmortemSectionId } from '@firebreak/core';
import { FirebreakApiError } from '@firebreak/sdk';
import type { Command } from 'commander';
import { learningFor } from '../client';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit } from '../output';
import * as parse from '../validate';

interface EditOptions {
  section: PostmortemSectionId;
  body?: string;
  file?: string;
  editor?: boolean;
  reason?: string;
  factorsFile?: string;
  whysFile?: string;
  impactFile?: string;
}

/** Which structured file goes with which section. */
const STRUCTURED = [
  ['factorsFile', 'factors', '--factors-file'],
  ['whysFile', 'whys', '--whys-file'],
  ['impactFile', 'impact', '--impact-file'],
] as const;

/** Checks the flags fit together before anything is read or sent. */
export function checkEditOptions(options: EditOptions): void {
  const sources = [options.body, options.file, options.editor].filter(
    (value) => value !== undefined && value !== false,
  );
  if (sources.length > 1) throw new UsageError('give one of --body TEXT, --file FILE or --editor');
  const structured = STRUCTURED.filter(([key]) => options[key] !== undefined);
  for (const [, section, flag] of structured)
    if (options.section !== section) throw new UsageError(`${flag} goes with --section ${section}`);
  if (sources.length === 0 && structured.length === 0)
    throw new UsageError('nothing to change: give --body TEXT, --file FILE or --editor (or a structured file)');
}

/** `postmortem edit`: one section's prose (and its factors, whys or impact), against the version read. */
export function registerPostmortemEdit(postmortem: Command, io: CliIo): void {
  postmortem
    .command('edit')
    .description('Rewrite a section: its Markdown, and the factors, whys or impact it holds')
    .argument('<id>', 'incident id, e.g. INC-2', parse.incidentId)
    .requiredOption(
      '--section <section>',
      `section: ${POSTMORTEM_SECTIONS.join(', ')}`,
      parse.oneOf(POSTMORTEM_SECTIONS),
    )
    .option('--body <text>', 'the new Markdown of the section')
    .option('--file <path>', 'read the new Markdown from a file')
    .option('--editor', 'open $EDITOR on the section as it stands (needs a terminal)')
    .option('--reason <text>', 'why, for the timeline')
    .option('--factors-file <path>', 'with --section factors: YAML or JSON list of {category, description, citations}')
    .option(
      '--whys-file <path>',
      'with --section whys: YAML or JSON list of {problem, steps: [{why, because, citations}]}',
    )
    .option(
      '--impact-file <path>',
      'with --section impact: YAML or JSON {users, conversations, decisions, …, citations}',
    )
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      `
The edit is made against the version you read: if someone saved the postmortem since, nothing
is overwritten and the section is shown as it now stands, to merge by hand.

A factors file, in YAML (citations: timeline entry numbers or record ids):
  - category: prompt_guardrails        # data, model, prompt_guardrails, infrastructure, process, detection_gap
    description: Prompt v7 dropped the policy excerpt from the retrieval context
    citations: [{ kind: evidence, ref: EV-2 }, { kind: timeline, ref: "14" }]

Examples:
  $ firebreak postmortem edit INC-2 --section summary --editor
  $ firebreak postmortem edit INC-2 --section went_well --body "The kill switch held within a minute."
  $ firebreak postmortem edit INC-2 --section factors --factors-file factors.yaml --reason "from the review"
  $ firebreak postmortem edit INC-2 --section whys --whys-file whys.json`,
    )
    .action(async (id: string, options: EditOptions, cmd: Command) => {
      checkEditOptions(options);
      const api = learningFor(cmd, io);
      const current = await api.postmortem(id).catch(draftFirst(id));
      const section = current.sections.find((s) => s.id === options.section);
      if (!section)
        throw new UsageError(
          `--section: ${options.section} is not in this postmortem (template ${current.template}); it has ${current.sections.map((s) => s.id).join(', ')}`,
        );
      const edit: EditSectionRequest = { reason: options.reason, version: current.version };
      let draftFile: string | undefined;
      if (options.body !== undefined) edit.body = options.body;
      // Loaded only when editing: checking a factors, whys or impact file needs the contract's schemas (zod).
      const { editInEditor, parseStructured, readText } = await import('./postmortem-input');
      if (options.file !== undefined) edit.body = await readText(options.file);
      if (options.editor) {
        const edited = await editInEditor(io, `${id}-${options.section}`, section.body);
        if (edited.text === section.body && !STRUCTURED.some(([key]) => options[key] !== undefined)) {
          io.err(`No change to ${options.section}; nothing saved.\n`);
          return;
        }
        edit.body = edited.text;
        draftFile = edited.file;
      }
      if (options.factorsFile)
        edit.factors = parseStructured('factors', options.factorsFile, await readText(options.factorsFile));
      if (options.whysFile) edit.chains = parseStructured('whys', options.whysFile, await readText(options.whysFile));
      if (options.impactFile)
        edit.impact = parseStructured('impact', options.impactFile, await readText(options.impactFile));
      let saved: Postmortem;
      try {
        saved = await api.editSection(id, options.section, edit);
      } catch (error) {
        if (error instanceof FirebreakApiError && error.status === 409)
          throw await staleEdit(api, id, options.section, current.version, draftFile);
        throw error;
      }
      emit(io, cmd, saved, (pm) => {
        const lint = pm.lint.filter((f) => f.where.startsWith(`sections.${options.section}`));
        return [
          `Saved ${options.section} of the postmortem of ${pm.incidentId} (version ${pm.version})`,
          ...(lint.length > 0
            ? [`${lint.length} blameless lint finding(s) in it: firebreak postmortem lint ${pm.incidentId}`]
            : []),
        ];
      });
    });
}

/** Someone saved since we read: say so, and show the section as it now stands. */
async function staleEdit(
  api: ReturnType<typeof learningFor>,
  id: string,
  section: PostmortemSectionId,
  readVersion: number,
  draftFile: string | undefined,
): Promise<CliError> {
  const now = await api.postmortem(id);
  const theirs = now.sections.find((s) => s.id === section);
  const by = theirs?.editedBy ? ` (${section} last edited by ${theirs.editedBy})` : '';
  return new CliError(
    `someone else edited the postmortem of ${id} since you read it (version ${readVersion}, now ${now.version})${by}; nothing was saved`,
    {
      code: 'conflict',
      lines: [
        ...(draftFile ? [`your text is kept in ${draftFile}`] : []),
        `${section} as it now stands:`,
        ...(theirs?.body.trim() ? theirs.body.trim().split('\n') : ['(empty)']),
      ],
    },
  );
}

/** A 404 for the postmortem (not the incident) says how to draft one. */
export function draftFirst(id: string): (error: unknown) => never {
  return (error) => {
    if (error instanceof FirebreakApiError && error.status === 404 && /postmortem/i.test(error.message))
      throw new CliError(error.message, {
        code: error.code,
        details: error.details,
        lines: [`draft one: firebreak postmortem draft ${id}`],
      });
    throw error;
  };
}
