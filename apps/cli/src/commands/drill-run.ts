import { readFile, writeFile } from 'node:fs/promises';
import type { HotwashFinding } from '@firebreak/contract';
import type { Command } from 'commander';
import { clientFor } from '../client';
import { ExitStatus, UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit, wantsJson } from '../output';
import * as parse from '../validate';
import { describeExercise, exerciseRows } from './drill-report';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const speed = parse.number(0.1, 60);

/**
 * The drill's run verbs: `new`, `clock`, `status`, `inject`, `hotwash`, `report`
 * (docs/adr/0037-exercise-space.md). Each talks to the server; the drill lives in its exercise
 * space there.
 */
export function registerDrillRun(drill: Command, io: CliIo): void {
  drill
    .command('new')
    .description('Set up a drill in its own exercise space: a library scenario, a scenario file, or a replay')
    .argument('[scenario]', 'a library scenario id (firebreak drill list)')
    .option('--file <file>', 'a scenario file of your own (checked first: file:line: field: message)')
    .option('--replay <incident>', 'replay a past incident as a drill from its recorded telemetry', parse.incidentId)
    .option(
      '--mode <mode>',
      'live_fire (telemetry through the real monitors) or tabletop (injects only)',
      parse.oneOf(['live_fire', 'tabletop'] as const),
      'live_fire',
    )
    .option('--team <team>', 'the team drilled (default: the system’s owner)')
    .option('--speed <n>', 'drill minutes per real minute, 0.1 to 60', speed)
    .option('--channel <url>', 'a drill channel webhook; without one drill notifications are held, never sent')
    .option('--start', 'start the clock at once')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nThe drill gets a copy of the system and its controls (its exercise space); the real system is never\ntouched. Start the clock with `firebreak drill clock DRL-n start` when the team is briefed.\n\nExamples:\n  $ firebreak drill new copilot-retrieval-pii-leak --team support-ai\n  $ firebreak drill new --file drills/holiday-outage.yaml --mode tabletop\n  $ firebreak drill new --replay INC-4 --speed 10 --start',
    )
    .action(
      async (
        scenario: string | undefined,
        options: {
          file?: string;
          replay?: string;
          mode: 'live_fire' | 'tabletop';
          team?: string;
          speed?: number;
          channel?: string;
          start?: boolean;
        },
        cmd: Command,
      ) => {
        const sources = [scenario, options.file, options.replay].filter((s) => s !== undefined);
        if (sources.length !== 1) throw new UsageError('give exactly one of <scenario>, --file or --replay');
        let scenarioYaml: string | undefined;
        if (options.file !== undefined) {
          const { checkScenarioFile, formatScenarioError } = await import('../scenarios');
          const checked = await checkScenarioFile(options.file);
          for (const error of checked.errors) io.err(`${formatScenarioError(error)}\n`);
          if (checked.errors.length > 0) throw new ExitStatus(1);
          scenarioYaml = await readFile(options.file, 'utf8');
        }
        const client = clientFor(cmd, io);
        let exercise = await client.createExercise({
          ...(scenario !== undefined ? { scenario } : {}),
          ...(scenarioYaml !== undefined ? { scenarioYaml } : {}),
          ...(options.replay !== undefined ? { replayOf: options.replay } : {}),
          mode: options.mode,
          ...(options.team !== undefined ? { team: options.team } : {}),
          ...(options.speed !== undefined ? { speed: options.speed } : {}),
          ...(options.channel !== undefined ? { channel: options.channel } : {}),
        });
        if (options.start) exercise = await client.exerciseClock(exercise.id, { action: 'start' });
        emit(io, cmd, exercise, describeExercise);
      },
    );

  drill
    .command('clock')
    .description('The facilitator’s clock: start, pause, resume, change speed, or end the drill')
    .argument('<drill>', 'the drill, e.g. DRL-1', parse.exerciseId)
    .argument(
      '<action>',
      'start, pause, resume, speed or end',
      parse.oneOf(['start', 'pause', 'resume', 'speed', 'end'] as const),
    )
    .option('--speed <n>', 'drill minutes per real minute, 0.1 to 60 (needed with speed)', speed)
    .option('--reason <text>', 'why (goes on the audit chain)')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nEnding a drill freezes its scorecard. Pausing freezes the drill clock: no telemetry, no injects.\n\nExamples:\n  $ firebreak drill clock DRL-1 start\n  $ firebreak drill clock DRL-1 speed --speed 10 --reason "skip the quiet hour"\n  $ firebreak drill clock DRL-1 end --reason "objectives met"',
    )
    .action(
      async (
        id: string,
        action: 'start' | 'pause' | 'resume' | 'speed' | 'end',
        options: { speed?: number; reason?: string },
        cmd: Command,
      ) => {
        if (action === 'speed' && options.speed === undefined) throw new UsageError('--speed is required with speed');
        const exercise = await clientFor(cmd, io).exerciseClock(id, {
          action,
          ...(options.speed !== undefined ? { speed: options.speed } : {}),
          ...(options.reason !== undefined ? { reason: options.reason } : {}),
        });
        emit(io, cmd, exercise, describeExercise);
      },
    );

  drill
    .command('status')
    .description('A drill’s clock, scorecard so far and injects; without an id, the drills newest first')
    .argument('[drill]', 'the drill, e.g. DRL-1', parse.exerciseId)
    .option('--team <team>', 'only this team’s drills (without an id)')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak drill status\n  $ firebreak drill status DRL-1\n  $ firebreak drill status --team support-ai --json',
    )
    .action(async (id: string | undefined, options: { team?: string }, cmd: Command) => {
      const client = clientFor(cmd, io);
      if (id === undefined) {
        const list = await client.listExercises(options.team !== undefined ? { team: options.team } : {});
        emit(io, cmd, list, (value) =>
          value.exercises.length === 0
            ? 'No drills yet: firebreak drill new <scenario>'
            : exerciseRows(value.exercises),
        );
        return;
      }
      emit(io, cmd, await client.getExercise(id), describeExercise);
    });

  drill
    .command('inject')
    .description('Release an inject now: early, or one the scenario leaves to the facilitator')
    .argument('<drill>', 'the drill, e.g. DRL-1', parse.exerciseId)
    .argument('<inject>', 'the inject id (firebreak drill status DRL-1 lists them)')
    .option('--note <text>', 'a note for the record')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak drill inject DRL-1 exec-asks-for-eta\n  $ firebreak drill inject DRL-1 logs-missing --note "released early: team is ahead"',
    )
    .action(async (id: string, inject: string, options: { note?: string }, cmd: Command) => {
      const exercise = await clientFor(cmd, io).releaseInject(
        id,
        inject,
        options.note !== undefined ? { note: options.note } : {},
      );
      emit(io, cmd, exercise, describeExercise);
    });

  drill
    .command('hotwash')
    .description('Record the hotwash: strengths and improvements; an improvement with `::` becomes a corrective action')
    .argument('<drill>', 'the drill, e.g. DRL-1', parse.exerciseId)
    .option('--strength <text>', 'what went well (repeatable)', collect)
    .option(
      '--improve <text>',
      'what to improve; "observation :: action title" also opens an action (repeatable)',
      collect,
    )
    .option('--owner <person>', 'owner of the actions opened')
    .option('--due <date>', 'due date of the actions opened (ISO 8601)', parse.isoTime)
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nActions are tracked and verified like any incident’s (firebreak action list).\n\nExamples:\n  $ firebreak drill hotwash DRL-1 --strength "kill switch within 4 minutes" \\\n      --improve "nobody owned comms :: name a comms lead in the on-call rota" --owner dana-reyes --due 2027-01-15',
    )
    .action(
      async (
        id: string,
        options: { strength?: string[]; improve?: string[]; owner?: string; due?: string },
        cmd: Command,
      ) => {
        const findings: HotwashFinding[] = [
          ...(options.strength ?? []).map((observation) => ({ kind: 'strength' as const, observation })),
          ...(options.improve ?? []).map((text) => {
            const [observation = '', title] = text.split('::').map((part) => part.trim());
            return {
              kind: 'improvement' as const,
              observation,
              ...(title
                ? {
                    action: {
                      title,
                      ...(options.owner ? { owner: options.owner } : {}),
                      ...(options.due ? { dueAt: options.due } : {}),
                    },
                  }
                : {}),
            };
          }),
        ];
        if (findings.length === 0) throw new UsageError('give at least one --strength or --improve');
        const exercise = await clientFor(cmd, io).hotwash(id, { findings });
        emit(io, cmd, exercise, describeExercise);
      },
    );

  drill
    .command('report')
    .description('The drill report in Markdown: after-action report and improvement plan')
    .argument('<drill>', 'the drill, e.g. DRL-1', parse.exerciseId)
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--json', "print the server's JSON response")
    .addHelpText('after', '\nExamples:\n  $ firebreak drill report DRL-1\n  $ firebreak drill report DRL-1 -o drl-1.md')
    .action(async (id: string, options: { output?: string }, cmd: Command) => {
      const report = await clientFor(cmd, io).exerciseReport(id);
      if (wantsJson(cmd)) {
        io.out(`${JSON.stringify(report, null, 2)}\n`);
      } else if (options.output !== undefined) {
        await writeFile(options.output, report.markdown);
        io.err(`Wrote ${options.output}\n`);
      } else {
        io.out(report.markdown.endsWith('\n') ? report.markdown : `${report.markdown}\n`);
      }
    });
}
