import { Command, CommanderError } from 'commander';
import { registerAlert } from './commands/alert';
import { registerControl } from './commands/control';
import { registerDetect } from './commands/detect';
import { registerIncident } from './commands/incident';
import { registerReview } from './commands/review';
import { registerRollback } from './commands/rollback';
import { registerServe } from './commands/serve';
import { registerSystem } from './commands/system';
import { registerTaxonomy } from './commands/taxonomy';
import { registerToken } from './commands/token';
import { registerTriage } from './commands/triage';
import { registerWhoami } from './commands/whoami';
import { reportError } from './errors';
import { type CliIo, processIo } from './io';
import { wantsJson } from './output';

export const VERSION = '0.1.0';

/**
 * The `firebreak` program with every command registered, writing through `io`.
 *
 * @example
 * await buildProgram(processIo()).parseAsync(['incident', 'list'], { from: 'user' });
 */
export function buildProgram(io: CliIo): Command {
  const program = new Command('firebreak')
    .description('Respond to incidents in AI systems: declare, run, contain and record them.')
    .version(VERSION, '-V, --version')
    .option('--url <url>', 'Firebreak server URL (env FIREBREAK_URL, default http://127.0.0.1:7311)')
    .option('--token <token>', 'API token (env FIREBREAK_TOKEN)')
    .showHelpAfterError('(add --help for usage)')
    // Set before any subcommand is added: commander copies these settings into each of them.
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) });

  program.addHelpText(
    'after',
    `
Examples:
  $ firebreak serve --demo                  start a local server (prints an admin token once)
  $ export FIREBREAK_TOKEN=fbk_…
  $ firebreak incident declare --title "PII in answers" --type privacy_leak --severity SEV1 --system support-copilot
  $ firebreak incident list --open
  $ firebreak taxonomy                      types, severities and statuses, no server needed`,
  );

  registerIncident(program, io);
  registerSystem(program, io);
  registerToken(program, io);
  registerWhoami(program, io);
  registerTaxonomy(program, io);
  registerAlert(program, io);
  registerTriage(program, io);
  registerControl(program, io);
  registerRollback(program, io);
  registerReview(program, io);
  registerDetect(program, io);
  registerServe(program, io);
  return program;
}

/**
 * Runs the CLI on `argv` (the arguments after `firebreak`) and returns the exit code:
 * 0 done, 1 failed (server, connection, or a check like a broken timeline), 2 usage or config error.
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  let json = false;
  program.hook('preAction', (_root, action) => {
    json = wantsJson(action);
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its message (help, version or a usage error).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error, io, json);
  }
}
