import { Command, CommanderError } from 'commander';
import { type CliIo, processIo } from './io';

export const VERSION = '0.1.0';

type Register = (program: Command, io: CliIo) => void;

/**
 * Each top-level command's module, imported only when that command runs (or for the full help),
 * so `firebreak --version` loads no command and `incident list` no server, PGlite or detection
 * engine (ADR 12). The order is the order of the help.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  incident: async () => (await import('./commands/incident')).registerIncident,
  system: async () => (await import('./commands/system')).registerSystem,
  token: async () => (await import('./commands/token')).registerToken,
  integration: async () => (await import('./commands/integration')).registerIntegration,
  whoami: async () => (await import('./commands/whoami')).registerWhoami,
  taxonomy: async () => (await import('./commands/taxonomy')).registerTaxonomy,
  alert: async () => (await import('./commands/alert')).registerAlert,
  triage: async () => (await import('./commands/triage')).registerTriage,
  control: async () => (await import('./commands/control')).registerControl,
  rollback: async () => (await import('./commands/rollback')).registerRollback,
  preset: async () => (await import('./commands/preset')).registerPreset,
  recovery: async () => (await import('./commands/recovery')).registerRecovery,
  regulatory: async () => (await import('./commands/regulatory')).registerRegulatory,
  status: async () => (await import('./commands/status')).registerStatus,
  canary: async () => (await import('./commands/canary')).registerCanary,
  shadow: async () => (await import('./commands/shadow')).registerShadow,
  review: async () => (await import('./commands/review')).registerReview,
  reports: async () => (await import('./commands/reports')).registerReports,
  verify: async () => (await import('./commands/verify')).registerVerify,
  detect: async () => (await import('./commands/detect')).registerDetect,
  oncall: async () => (await import('./commands/oncall')).registerOncall,
  notify: async () => (await import('./commands/notify')).registerNotify,
  postmortem: async () => (await import('./commands/postmortem')).registerPostmortem,
  action: async () => (await import('./commands/action')).registerAction,
  drill: async () => (await import('./commands/drill')).registerDrill,
  plan: async () => (await import('./commands/plan')).registerPlan,
  readiness: async () => (await import('./commands/readiness')).registerReadiness,
  serve: async () => (await import('./commands/serve')).registerServe,
  worker: async () => (await import('./commands/worker')).registerWorker,
};
/** Global options that take a value: the word after them is not the command. */
const VALUE_OPTIONS = new Set(['--url', '--token']);

/**
 * The `firebreak` program writing through `io`, with every command registered, or with only
 * those `argv` needs (its command, or none for `--version`).
 *
 * @example
 * (await buildProgram(processIo())).parseAsync(['incident', 'list'], { from: 'user' });
 */
export async function buildProgram(io: CliIo, argv?: readonly string[]): Promise<Command> {
  const program = new Command('firebreak')
    .description('Respond to incidents in AI systems: declare, run, contain and record them.')
    // After a command, --version is that command's own option (`canary start --version m-13`).
    .version(VERSION, argv && commandBeforeVersion(argv) ? '-V' : '-V, --version')
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

  const names = argv ? commandsFor(argv) : Object.keys(COMMANDS);
  const registers = await Promise.all(names.map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program, io);
  return program;
}

/** The commands a command line needs: the one it names, none for a bare --version, else all (help, typos). */
function commandsFor(argv: readonly string[]): string[] {
  let version = false;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') break;
    if (VALUE_OPTIONS.has(arg)) index++;
    else if (arg === '-V' || arg === '--version') version = true;
    else if (arg === '-h' || arg === '--help') return Object.keys(COMMANDS);
    else if (!arg.startsWith('-')) return Object.hasOwn(COMMANDS, arg) ? [arg] : Object.keys(COMMANDS);
  }
  return version ? [] : Object.keys(COMMANDS);
}

/** Whether a command word comes before any --version (then --version belongs to the command). */
function commandBeforeVersion(argv: readonly string[]): boolean {
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--' || arg === '--version') return false;
    if (VALUE_OPTIONS.has(arg)) index++;
    else if (!arg.startsWith('-')) return true;
  }
  return false;
}

/**
 * Runs the CLI on `argv` (the arguments after `firebreak`) and returns the exit code:
 * 0 done, 1 failed (server, connection, or a check like a broken timeline), 2 usage or config error.
 */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = await buildProgram(io, argv);
  let json = false;
  // Loaded here, not at the top: `--version` needs neither the output nor the error module.
  program.hook('preAction', async (_root, action) => {
    json = (await import('./output')).wantsJson(action);
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its message (help, version or a usage error).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return (await import('./errors')).reportError(error, io, json);
  }
}
