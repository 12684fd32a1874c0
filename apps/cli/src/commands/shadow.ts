import type { ShadowRun, ShadowStatus } from '@firebreak/contract';
import { seriesName } from '@firebreak/core';
import type { Command } from 'commander';
import { clientFor } from '../client';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit, fields, table } from '../output';
import { utcMinute } from '../time';
import * as parse from '../validate';
import { describeOutcome } from './control';

const JSON_HELP = "print the server's JSON response";
const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(2)}%`);

/** A shadow and its comparison for a person: the run, its verdict overall and per series. */
export function describeShadow(key: string, status: ShadowStatus): string[] {
  const { shadow, run } = status;
  const now = shadow
    ? `${key} copies ${shadow.percent}% of requests (by ${shadow.stickyBy}) to ${shadow.version}; users never see its output.`
    : `${key} has no shadow running.`;
  if (!run) return [now, 'No shadow comparison yet; start one with firebreak shadow start'];
  return [now, '', ...describeShadowRun(run)];
}

function describeShadowRun(run: ShadowRun): string[] {
  const lines = fields([
    ['Run', `${run.id} (${run.state})`],
    ['Compares', `${run.candidate} (shadow, ${run.percent}%) against ${run.baseline} (active), by ${run.target}`],
    ['Verdict', run.verdict],
    ['Events', `${run.candidateEvents} shadow, ${run.baselineEvents} active`],
    ['Started', `${utcMinute(run.startedAt)} by ${run.startedBy}${run.reason ? `: ${run.reason}` : ''}`],
    ...(run.endedAt
      ? [['Ended', `${utcMinute(run.endedAt)} by ${run.endedBy ?? '?'}: ${run.endReason ?? ''}`] as [string, string]]
      : []),
  ]);
  const rows = run.verdicts.map((v) => [
    seriesName(v),
    v.verdict,
    pct(v.candidateRate),
    pct(v.baselineRate),
    v.ratio === null ? '—' : `×${v.ratio.toFixed(2)}`,
  ]);
  return [...lines, '', table(['SERIES', 'VERDICT', 'SHADOW', 'ACTIVE', 'RATIO'], rows)];
}

/**
 * `firebreak shadow`: copy a share of a route's requests to a version nobody sees, and compare
 * its harm flags with the active version's (docs/adr/0032-shadow-traffic.md).
 */
export function registerShadow(program: Command, io: CliIo): void {
  const shadow = program
    .command('shadow')
    .description(
      "Run a route's candidate version on a copy of some requests, unseen, and compare it with the active one",
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak shadow start support-copilot.model m-13 --percent 10 --reason "try m-13 unseen"\n  $ firebreak shadow status support-copilot.model\n  $ firebreak shadow stop support-copilot.model --reason "seen enough"',
    );

  shadow
    .command('start')
    .description(
      'Copy a share of requests to a version whose output users never see (no approval needed: nothing widens)',
    )
    .argument('<control>', 'the route, <system>.<control>, e.g. support-copilot.model')
    .argument('<version>', 'the shadow: one of the route’s versions, not the active one')
    .requiredOption('--percent <n>', 'share of requests copied, above 0 and at most 100', parse.number(0, 100))
    .option('--reason <text>', 'why (goes on the record and the incident’s timeline)')
    .option('--incident <id>', 'the incident this serves; a regression lands on its timeline', parse.incidentId)
    .option('--sticky-by <attribute>', 'the evaluation-context attribute the copied share sticks to (default user)')
    .option('--segment-by <key>', 'also compare each value of this segment key, e.g. language')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak shadow start support-copilot.model m-13 --percent 10 --reason "try m-13 unseen"\n  $ firebreak shadow start support-copilot.prompt tmpl-8 --percent 25 --segment-by language --incident INC-4 --reason "fix for the German refusals"',
    )
    .action(
      async (
        key: string,
        version: string,
        options: { percent: number; reason?: string; incident?: string; stickyBy?: string; segmentBy?: string },
        cmd: Command,
      ) => {
        if (!options.reason) throw new UsageError('--reason is required: it goes on the record');
        const result = await clientFor(cmd, io).changeControl(key, {
          reason: options.reason,
          ...(options.incident ? { incident: options.incident } : {}),
          shadow: {
            version,
            percent: options.percent,
            ...(options.stickyBy ? { stickyBy: options.stickyBy } : {}),
            ...(options.segmentBy ? { segmentBy: options.segmentBy } : {}),
          },
        });
        emit(io, cmd, result, (r) => [
          ...describeOutcome(r),
          `Follow the comparison: firebreak shadow status ${key}. Never show ${version}'s output to users.`,
        ]);
      },
    );

  shadow
    .command('status')
    .description('The shadow now and its comparison with the active version: a verdict per harm signal and segment')
    .argument('<control>', 'the route, <system>.<control>, e.g. support-copilot.model')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak shadow status support-copilot.model\n  $ firebreak shadow status support-copilot.model --json',
    )
    .action(async (key: string, _options: unknown, cmd: Command) => {
      const status = await clientFor(cmd, io).getShadow(key);
      emit(io, cmd, status, (value) => describeShadow(key, value));
    });

  shadow
    .command('stop')
    .description('Stop copying requests to the shadow version; its comparison ends')
    .argument('<control>', 'the route, <system>.<control>, e.g. support-copilot.model')
    .option('--reason <text>', 'why (goes on the record and the incident’s timeline)')
    .option('--incident <id>', 'the incident this serves', parse.incidentId)
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak shadow stop support-copilot.model --reason "seen enough"')
    .action(async (key: string, options: { reason?: string; incident?: string }, cmd: Command) => {
      if (!options.reason) throw new UsageError('--reason is required: it goes on the record');
      const result = await clientFor(cmd, io).changeControl(key, {
        reason: options.reason,
        ...(options.incident ? { incident: options.incident } : {}),
        shadow: null,
      });
      emit(io, cmd, result, describeOutcome);
    });
}
