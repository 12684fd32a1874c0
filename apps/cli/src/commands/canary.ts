import type { Command } from 'commander';
import { clientFor } from '../client';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit } from '../output';
import * as parse from '../validate';
import { describeCanaryRun } from './canary-report';

/**
 * `firebreak canary`: start, follow and cancel a canary of a route's candidate version, judged
 * step by step on harm flags (docs/adr/0028-canary-runs.md).
 */
export function registerCanary(program: Command, io: CliIo): void {
  const canary = program
    .command('canary')
    .description("Judge a route's candidate version on live traffic, step by step; abort it on harm")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak canary start support-copilot.prompt --version support-answer-v7 --reason "retry v7 on live traffic"\n  $ firebreak canary status support-copilot.prompt\n  $ firebreak canary cancel support-copilot.prompt --reason "release pulled"',
    );

  canary
    .command('start')
    .description(
      'Start a canary: the candidate gets the plan’s first share (1, 5, 25, 100% by default; with --segment-by, 1, 5, 10, 25, 100% and every segment must pass at 10%, for up to 12 hours)',
    )
    .argument('<control>', 'the route, <system>.<control>, e.g. support-copilot.model')
    .requiredOption('--version <version>', 'the candidate: one of the route’s versions')
    .option('--reason <text>', 'why (goes on the record and the incident’s timeline)')
    .option(
      '--incident <id>',
      'the incident this serves; each step lands on its timeline (during a SEV1/SEV2, naming it lets a canary starting at 5% or less start without a second person)',
      parse.incidentId,
    )
    .option('--signals <flags>', 'harm flags to judge, comma-separated (default: every standard flag and error)')
    .option(
      '--segment-by <key>',
      'also judge each value of this segment key, e.g. language; every value must pass before the candidate reaches 25%',
    )
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak canary start support-copilot.prompt --version support-answer-v7 --reason "retry v7 on live traffic"\n  $ firebreak canary start support-copilot.prompt --version support-answer-v7 --segment-by language --reason "retry v7, judged per language"',
    )
    .action(
      async (
        key: string,
        options: { version: string; reason?: string; incident?: string; signals?: string; segmentBy?: string },
        cmd: Command,
      ) => {
        if (!options.reason) throw new UsageError('--reason is required: it goes on the record');
        const signals = options.signals
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const run = await clientFor(cmd, io).startCanary(key, {
          version: options.version,
          reason: options.reason,
          ...(options.incident ? { incident: options.incident } : {}),
          ...(signals && signals.length > 0 ? { signals } : {}),
          ...(options.segmentBy ? { segmentBy: options.segmentBy } : {}),
        });
        emit(io, cmd, run, describeCanaryRun);
      },
    );

  canary
    .command('status')
    .description('The canary in progress (or the last one): each step’s share, counts, verdicts and decision')
    .argument('<control>', 'the route, <system>.<control>, e.g. support-copilot.model')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak canary status support-copilot.model\n  $ firebreak canary status support-copilot.model --json',
    )
    .action(async (key: string, _options: unknown, cmd: Command) => {
      const status = await clientFor(cmd, io).getCanary(key);
      emit(io, cmd, status, (value) =>
        value.run ? describeCanaryRun(value.run) : [`${key} has had no canary; start one with firebreak canary start`],
      );
    });

  canary
    .command('cancel')
    .description('Cancel the running canary: the route goes back to its active version alone')
    .argument('<control>', 'the route, <system>.<control>, e.g. support-copilot.model')
    .option('--reason <text>', 'why (goes on the record and the incident’s timeline)')
    .option('--json', "print the server's JSON response")
    .addHelpText('after', '\nExamples:\n  $ firebreak canary cancel support-copilot.model --reason "release pulled"')
    .action(async (key: string, options: { reason?: string }, cmd: Command) => {
      if (!options.reason) throw new UsageError('--reason is required: it goes on the record');
      const run = await clientFor(cmd, io).cancelCanary(key, options.reason);
      emit(io, cmd, run, describeCanaryRun);
    });
}
