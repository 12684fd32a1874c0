import type { Command } from 'commander';
import { clientFor, serverUrl } from '../client';
import type { CliIo } from '../io';
import { emit } from '../output';

/** `firebreak whoami`: which token this is, and what it may do. */
export function registerWhoami(program: Command, io: CliIo): void {
  program
    .command('whoami')
    .description('Show who the API token belongs to and its role')
    .option('--json', "print the server's JSON response")
    .addHelpText('after', '\nExamples:\n  $ firebreak whoami\n  $ FIREBREAK_TOKEN=fbk_… firebreak whoami --json')
    .action(async (_options: unknown, cmd: Command) => {
      const me = await clientFor(cmd, io).whoami();
      emit(io, cmd, me, (m) => `${m.name} (${m.role}, token ${m.tokenId}) at ${serverUrl(cmd, io)}`);
    });
}
