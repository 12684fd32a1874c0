import type { Command } from 'commander';
import { ExitStatus } from '../errors';
import type { CliIo } from '../io';
import { table, wantsJson } from '../output';
import { registerDrillRun } from './drill-run';

/**
 * `firebreak drill`: drill scenarios (issue 15). `validate` and `list` need no server; the
 * scenario schema (zod) is loaded only when a verb runs. Each verb is registered by its own
 * function, so more verbs are one more `register…(drill, io)` line.
 */
export function registerDrill(program: Command, io: CliIo): void {
  const drill = program
    .command('drill')
    .description('Drills: check scenario files, list the library, run a drill in its exercise space')
    .addHelpText(
      'after',
      '\nA scenario file describes a drill: background, roles, injects, expected actions and the failure as\nsynthetic telemetry (docs/drills.md). A drill runs in its own exercise space: its incidents, alerts,\ncontrols and notifications are marked DRILL and never touch the real system or its channels.\n\nExamples:\n  $ firebreak drill list\n  $ firebreak drill validate drills/*.yaml\n  $ firebreak drill new copilot-retrieval-pii-leak --team support-ai --start\n  $ firebreak drill status DRL-1',
    );
  registerValidate(drill, io);
  registerList(drill, io);
  registerDrillRun(drill, io);
}

function registerValidate(drill: Command, io: CliIo): void {
  drill
    .command('validate')
    .description('Check drill scenario files; print file:line: field: message for each mistake')
    .argument('<file...>', 'scenario files (YAML)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nNeeds no server. Exits 1 when any file is not valid.\n\nExamples:\n  $ firebreak drill validate drills/pii-leak.yaml\n  $ firebreak drill validate drills/*.yaml --json',
    )
    .action(async (files: string[], _options: unknown, cmd: Command) => {
      const { checkScenarioFile, formatScenarioError } = await import('../scenarios');
      const checked = await Promise.all(files.map((file) => checkScenarioFile(file)));
      const bad = checked.filter((one) => one.errors.length > 0);
      if (wantsJson(cmd)) {
        const rows = checked.map((one) => ({
          file: one.file,
          valid: one.errors.length === 0,
          ...(one.scenario ? { id: one.scenario.id } : {}),
          errors: one.errors,
        }));
        io.out(`${JSON.stringify({ valid: bad.length === 0, files: rows }, null, 2)}\n`);
      } else {
        for (const one of checked) {
          if (one.scenario) io.out(`${one.file}: valid (${one.scenario.id})\n`);
          for (const error of one.errors) io.err(`${formatScenarioError(error)}\n`);
        }
      }
      if (bad.length > 0) throw new ExitStatus(1);
    });
}

function registerList(drill: Command, io: CliIo): void {
  drill
    .command('list')
    .description('List the built-in drill scenarios')
    .option('--json', 'print them as JSON')
    .addHelpText(
      'after',
      '\nNeeds no server.\n\nExamples:\n  $ firebreak drill list\n  $ firebreak drill list --json | jq ".[].id"',
    )
    .action(async (_options: unknown, cmd: Command) => {
      const { loadBuiltinScenarios } = await import('../scenarios');
      const scenarios = loadBuiltinScenarios().map(({ id, title, kind, system }) => ({ id, title, kind, system }));
      if (wantsJson(cmd)) {
        io.out(`${JSON.stringify(scenarios, null, 2)}\n`);
        return;
      }
      io.out(
        `${table(
          ['ID', 'KIND', 'SYSTEM', 'TITLE'],
          scenarios.map((s) => [s.id, s.kind, s.system, s.title]),
        )}\n`,
      );
    });
}
