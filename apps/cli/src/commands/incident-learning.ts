import type { CloseCheck, RelatedIncidents } from '@firebreak/contract';
import { FirebreakApiError } from '@firebreak/sdk';
import type { Command } from 'commander';
import { type LearningApi, learningFor } from '../client';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit, fields, table, truncate } from '../output';
import { utcMinute } from '../time';
import * as parse from '../validate';

const JSON_HELP = "print the server's JSON response";
const ID = ['<id>', 'incident id, e.g. INC-2', parse.incidentId] as const;

/** What to run for each requirement closing can miss. */
const REMEDY: Record<string, (id: string) => string> = {
  postmortem: (id) => `firebreak postmortem publish ${id} (or draft it first: firebreak postmortem draft ${id})`,
  residual_risk: (id) => `firebreak incident accept-risk ${id} --by PERSON --risk "what risk remains"`,
};

/** Each missing requirement with the command that meets it. */
export function missingLines(id: string, missing: ReadonlyArray<{ requirement: string; message: string }>): string[] {
  return missing.flatMap((gap) => [
    `${gap.requirement}: ${gap.message}`,
    ...(REMEDY[gap.requirement] ? [`  → ${REMEDY[gap.requirement]!(id)}`] : []),
  ]);
}

/** `close-check`: what closing the incident needs, and what it still misses. */
export function renderCloseCheck(check: CloseCheck): string[] {
  const id = check.incidentId;
  const head = check.ready
    ? `${id} is ready to close: firebreak incident transition ${id} closed`
    : `${id} (${check.status}) is not ready to close`;
  const risk = check.residualRisk
    ? `accepted by ${check.residualRisk.acceptedBy} ${utcMinute(check.residualRisk.at)}: ${check.residualRisk.risk}`
    : check.required
      ? 'not accepted yet'
      : 'not needed';
  const lines = [
    head,
    ...fields([
      [
        'postmortem',
        check.postmortem ? check.postmortem.replace('_', ' ') : check.required ? 'none drafted' : 'none (not required)',
      ],
      ['residual risk', risk],
      ...check.waived.map((w): [string, string] => [
        `waived ${w.requirement}`,
        `by ${w.by} ${utcMinute(w.at)}: ${w.reason}`,
      ]),
      [
        'open actions',
        check.openActions > 0
          ? `${check.openActions} (they do not stop closing: firebreak action list --incident ${id} --open)`
          : 'none',
      ],
    ]),
  ];
  if (!check.ready && check.status !== 'resolved' && check.status !== 'closed')
    lines.push(`Resolve it first: firebreak incident transition ${id} resolved`);
  if (check.missing.length > 0) lines.push('Missing:', ...missingLines(id, check.missing).map((line) => `  ${line}`));
  return lines;
}

/** `related`: earlier incidents like this one, what they taught and what is still open. */
export function renderRelated(related: RelatedIncidents): string[] {
  if (related.related.length === 0)
    return [`No earlier incidents like ${related.incidentId} (same system and type or factor).`];
  return related.related.flatMap((r) => [
    `${r.incidentId} · ${r.severity} ${r.type} · ${r.status} · declared ${utcMinute(r.declaredAt).slice(0, 10)} · ${truncate(r.title, 60)}`,
    ...fields([
      [
        'alike',
        [r.sameType ? 'same type' : null, r.factors.length > 0 ? `factors ${r.factors.join(', ')}` : null]
          .filter(Boolean)
          .join('; '),
      ],
      ['postmortem', r.postmortem ? `${r.postmortem.status}: ${truncate(r.postmortem.summary, 200)}` : 'none'],
    ]),
    ...(r.openActions.length > 0
      ? table(
          ['OPEN ACTION', 'TITLE', 'OWNER', 'DUE'],
          r.openActions.map((a) => [
            a.id,
            truncate(a.title, 50),
            a.owner ?? '—',
            a.dueAt ? `${a.overdue ? 'OVERDUE ' : ''}${utcMinute(a.dueAt).slice(0, 10)}` : '—',
          ]),
        )
          .split('\n')
          .map((line) => `  ${line}`)
      : []),
    '',
  ]);
}

/**
 * Stars the timeline entry a record just created: the entry of `kind` whose payload carries the
 * record's id. Returns its sequence number.
 */
export async function starRecord(
  api: LearningApi,
  timeline: (
    id: string,
  ) => Promise<{ entries: Array<{ seq: number; kind: string; payload: Record<string, unknown> }> }>,
  incidentId: string,
  kind: string,
  recordId: string,
): Promise<number> {
  const { entries } = await timeline(incidentId);
  const entry = entries.findLast((e) => e.kind === kind && e.payload.id === recordId);
  if (!entry) throw new CliError(`${recordId} was saved, but its timeline entry was not found to star`);
  await api.markKey(incidentId, entry.seq, { key: true });
  return entry.seq;
}

/** `incident key | isolated | accept-risk | waive | close-check | related`: learning from an incident. */
export function registerIncidentLearning(incident: Command, io: CliIo): void {
  incident
    .command('key')
    .description('Star a timeline entry as a key moment (the postmortem leads with these)')
    .argument(...ID)
    .argument('<seq>', 'the entry, by its SEQ in: firebreak incident timeline INC-n', parse.integer(1, 1_000_000_000))
    .option('--unset', 'take the star off')
    .option('--reason <text>', 'why it matters, for the timeline')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak incident key INC-2 14 --reason "first report from a customer"\n  $ firebreak incident key INC-2 14 --unset',
    )
    .action(async (id: string, seq: number, options: { unset?: boolean; reason?: string }, cmd: Command) => {
      const marked = await learningFor(cmd, io).markKey(id, seq, { key: !options.unset, reason: options.reason });
      emit(io, cmd, marked, (m) =>
        m.key ? `★ ${id} entry ${m.seq} is a key moment` : `${id} entry ${m.seq} is no longer a key moment`,
      );
    });

  incident
    .command('isolated')
    .description('Mark the cause identified: the "isolated" moment of the response figures')
    .argument(...ID)
    .requiredOption('--cause <text>', 'what the cause is')
    .option('--at <time>', 'when it was identified, ISO-8601 (default: now)', parse.isoTime)
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak incident isolated INC-2 --cause "Prompt v7 dropped the policy excerpt from the context"',
    )
    .action(async (id: string, options: { cause: string; at?: string }, cmd: Command) => {
      const updated = await learningFor(cmd, io).isolated(id, { cause: options.cause, at: options.at });
      emit(
        io,
        cmd,
        updated,
        (i) => `${i.id}: cause isolated at ${utcMinute(i.metrics.isolatedAt ?? options.at ?? io.now().toISOString())}`,
      );
    });

  incident
    .command('accept-risk')
    .description('Record who accepts the risk that remains (a SEV1/SEV2 needs it to close)')
    .argument(...ID)
    .requiredOption('--by <person>', 'the person accepting it, a directory id or name')
    .requiredOption('--risk <text>', 'what risk remains')
    .option('--reason <text>', 'why it is acceptable, for the timeline')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `\nExamples:\n  $ firebreak incident accept-risk INC-2 --by dana-reyes \\\n      --risk "v7's fix is unproven; refund answers stay on review until it is"`,
    )
    .action(async (id: string, options: { by: string; risk: string; reason?: string }, cmd: Command) => {
      const check = await learningFor(cmd, io).acceptRisk(id, {
        acceptedBy: options.by,
        risk: options.risk,
        reason: options.reason,
      });
      emit(io, cmd, check, (c) => [
        `Residual risk of ${id} accepted by ${c.residualRisk?.acceptedBy ?? options.by}`,
        ...renderCloseCheck(c),
      ]);
    });

  incident
    .command('waive')
    .description('Waive what closing needs (admin): the postmortem and/or the residual-risk acceptance')
    .argument(...ID)
    .option('--postmortem', 'waive the published postmortem')
    .option('--residual-risk', 'waive the residual-risk acceptance')
    .requiredOption('--reason <text>', 'why, for the timeline')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak incident waive INC-5 --postmortem --reason "duplicate of INC-2, reviewed there"',
    )
    .action(
      async (id: string, options: { postmortem?: boolean; residualRisk?: boolean; reason: string }, cmd: Command) => {
        const waive = [options.postmortem && 'postmortem', options.residualRisk && 'residual_risk'].filter(
          (w): w is 'postmortem' | 'residual_risk' => typeof w === 'string',
        );
        if (waive.length === 0) throw new UsageError('give --postmortem and/or --residual-risk');
        const check = await learningFor(cmd, io).waive(id, { waive, reason: options.reason });
        emit(io, cmd, check, (c) => [`Waived ${waive.join(' and ')} for ${id}`, ...renderCloseCheck(c)]);
      },
    );

  incident
    .command('close-check')
    .description('What closing the incident needs, and what it still misses')
    .argument(...ID)
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak incident close-check INC-2')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      emit(io, cmd, await learningFor(cmd, io).closeCheck(id), renderCloseCheck);
    });

  incident
    .command('related')
    .description('Earlier incidents on the same system with the same type or factors: what they taught, what is open')
    .argument(...ID)
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak incident related INC-2')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      emit(io, cmd, await learningFor(cmd, io).related(id), renderRelated);
    });
}

/** A refused close becomes what is missing and the command for each. */
export function closeRefused(error: unknown, id: string): unknown {
  if (!(error instanceof FirebreakApiError) || error.status !== 409) return error;
  const gaps = error.issues
    .map((issue) => ({ ...issue, path: issue.path.replace(/^body\./, '') }))
    .filter((issue) => issue.path in REMEDY);
  if (gaps.length === 0) return error;
  return new CliError(`${id} cannot close yet`, {
    code: error.code,
    details: error.details,
    lines: [
      ...missingLines(
        id,
        gaps.map((g) => ({ requirement: g.path, message: g.message })),
      ),
      `(see: firebreak incident close-check ${id})`,
    ],
  });
}
