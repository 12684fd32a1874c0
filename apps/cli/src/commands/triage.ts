import type { Command } from 'commander';
import { clientFor } from '../client';
import type { CliIo } from '../io';
import { emit, table } from '../output';
import { relativeTime } from '../time';
import * as parse from '../validate';

const JSON_HELP = "print the server's JSON response";
const STATUSES = ['open', 'accepted', 'rejected'] as const;

/** `firebreak triage …` and `firebreak rules`: what the triage rules decided or propose. */
export function registerTriage(program: Command, io: CliIo): void {
  const triage = program
    .command('triage')
    .description('Triage proposals from rules: accept (declares the incident) or reject with a reason')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak triage list\n  $ firebreak triage accept TRI-3\n  $ firebreak triage reject TRI-4 --reason "known test traffic"',
    );

  triage
    .command('list')
    .description('List proposals (open ones unless --status says otherwise)')
    .option('--status <status>', `${STATUSES.join(', ')} (default open)`, parse.oneOf(STATUSES), 'open' as const)
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak triage list\n  $ firebreak triage list --status rejected')
    .action(async (options: { status: (typeof STATUSES)[number] }, cmd: Command) => {
      const list = await clientFor(cmd, io).listProposals(options.status);
      emit(io, cmd, list, ({ proposals }) => {
        if (proposals.length === 0) return `No ${options.status} proposals.`;
        const now = io.now();
        return table(
          ['ID', 'RULE', 'PROPOSES', 'ALERT', 'CREATED', 'STATUS'],
          proposals.map((p) => [
            p.id,
            p.rule,
            `${p.decision.severity} ${p.decision.type}`,
            p.alertId,
            relativeTime(p.createdAt, now),
            p.incidentId ? `${p.status} → ${p.incidentId}` : p.status,
          ]),
        );
      });
    });

  triage
    .command('accept')
    .description('Accept a proposal: declares the incident it proposes, with the alert and actions on its timeline')
    .argument('<id>', 'proposal id, e.g. TRI-3')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak triage accept TRI-3')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const incident = await clientFor(cmd, io).acceptProposal(id.toUpperCase());
      emit(io, cmd, incident, (i) => `Declared ${i.id} (${i.severity} ${i.type}) from ${id.toUpperCase()}`);
    });

  triage
    .command('reject')
    .description('Reject a proposal, saying why')
    .argument('<id>', 'proposal id')
    .requiredOption('--reason <text>', 'why no incident is needed')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak triage reject TRI-4 --reason "known test traffic"')
    .action(async (id: string, options: { reason: string }, cmd: Command) => {
      const proposal = await clientFor(cmd, io).rejectProposal(id.toUpperCase(), options.reason);
      emit(io, cmd, proposal, (p) => `${p.id} rejected`);
    });

  program
    .command('rules')
    .description('List the triage rules in force, in the order they are tried')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nRules are set with firebreak system apply -f firebreak.yaml (its rules: section).\n\nExamples:\n  $ firebreak rules',
    )
    .action(async (_options: unknown, cmd: Command) => {
      const list = await clientFor(cmd, io).listRules();
      emit(io, cmd, list, ({ rules }) => {
        if (rules.length === 0) return 'No triage rules. Add a rules: section to firebreak.yaml and apply it.';
        return table(
          ['RULE', 'WHEN', 'THEN', 'MODE'],
          rules.map((r) => {
            const when = r.when.atLeast
              ? `${r.when.atLeast} of ${r.when.of?.join(', ')} within ${r.when.within}`
              : Object.entries(r.when)
                  .map(([k, v]) => `${k}=${String(v)}`)
                  .join(' ') || 'any alert';
            return [r.id, when, `${r.then.severity} ${r.then.type}`, r.then.declare ? 'declare' : 'propose'];
          }),
        );
      });
    });
}
