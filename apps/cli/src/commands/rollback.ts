import { ROUTE_TARGETS } from '@firebreak/core';
import type { Command } from 'commander';
import { clientFor } from '../client';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit } from '../output';
import * as parse from '../validate';
import { describeOutcome } from './control';

/**
 * `firebreak rollback <system>`: the one command to run when a new model, prompt or policy
 * misbehaves. It finds the system's route (the model route unless --target says otherwise)
 * and moves it to the last known-good version.
 */
export function registerRollback(program: Command, io: CliIo): void {
  program
    .command('rollback')
    .description('Roll a system’s model (or prompt, or policy) back to its last known-good version')
    .argument('<system>', 'the AI system, e.g. fraud-model')
    .option('--to <version>', 'a version to go back to, instead of the last known-good one')
    .option('--target <what>', `which route: ${ROUTE_TARGETS.join(', ')}`, parse.oneOf(ROUTE_TARGETS), 'model')
    .option('--reason <text>', 'why (goes on the record and the incident’s timeline)')
    .option('--incident <id>', 'the incident this serves', parse.incidentId)
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak rollback fraud-model --reason "v12 declines good customers" --incident INC-4\n  $ firebreak rollback support-copilot --target prompt --to tmpl-6 --incident INC-4 --reason "tmpl-7 leaks"',
    )
    .action(
      async (
        system: string,
        options: { to?: string; target: string; reason?: string; incident?: string },
        cmd: Command,
      ) => {
        const client = clientFor(cmd, io);
        const { controls } = await client.listControls([system]);
        const routes = controls.filter((c) => c.kind === 'route' && c.target === options.target);
        if (routes.length === 0) {
          const others = controls.filter((c) => c.kind === 'route').map((c) => `${c.key} (${c.target})`);
          throw new UsageError(
            `${system} has no ${options.target} route${others.length > 0 ? `; its routes: ${others.join(', ')}` : '; declare one on its system card (controls: kind route)'}`,
          );
        }
        if (routes.length > 1)
          throw new UsageError(
            `${system} has several ${options.target} routes (${routes.map((r) => r.key).join(', ')}): use firebreak control set <key> --active <version>`,
          );
        const result = await client.rollbackControl(routes[0]!.key, {
          reason: options.reason ?? 'rolled back from the CLI (no reason given)',
          ...(options.to ? { to: options.to } : {}),
          ...(options.incident ? { incident: options.incident } : {}),
        });
        emit(io, cmd, result, describeOutcome);
      },
    );
}
