import type { AiSystem } from '@firebreak/contract';
import type { Command } from 'commander';
import { clientFor } from '../client';
import { CliError } from '../errors';
import type { CliIo } from '../io';
import { emit, fields, table, truncate, wantsJson } from '../output';
import { when } from '../time';
import { renderMonitors } from './monitors';

const JSON_HELP = "print the server's JSON response";

/** `firebreak system …`: the catalog of AI systems and their cards. */
export function registerSystem(program: Command, io: CliIo): void {
  const system = program
    .command('system')
    .description('The catalog of AI systems: list, show, and apply firebreak.yaml')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak system list\n  $ firebreak system show support-copilot\n  $ firebreak system monitors support-copilot\n  $ firebreak system apply -f firebreak.yaml',
    );

  system
    .command('list')
    .description('List AI systems')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak system list\n  $ firebreak system list --json')
    .action(async (_options: unknown, cmd: Command) => {
      const list = await clientFor(cmd, io).listSystems();
      emit(io, cmd, list, ({ systems }) => {
        if (systems.length === 0)
          return 'No AI systems yet. Describe them in firebreak.yaml and run: firebreak system apply -f firebreak.yaml';
        const rows = systems.map((s) => [
          s.id,
          truncate(s.name, 32),
          truncate(s.owner, 24),
          s.riskTier,
          `${s.model.name}@${s.model.version}`,
          s.revision,
        ]);
        return table(['ID', 'NAME', 'OWNER', 'RISK', 'MODEL', 'REV'], rows);
      });
    });

  system
    .command('show')
    .description("Show an AI system's card")
    .argument('<id>', 'system id, e.g. support-copilot')
    .option('--json', JSON_HELP)
    .addHelpText('after', '\nExamples:\n  $ firebreak system show support-copilot')
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const card = await clientFor(cmd, io).getSystem(id);
      emit(io, cmd, card, (s) => renderSystem(s, io.now()));
    });

  system
    .command('monitors')
    .description("Where each of a system's monitors stands: learning, watching or firing, its tuning and budget share")
    .argument('<id>', 'system id, e.g. support-copilot')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak system monitors support-copilot\n  $ firebreak system monitors support-copilot --json',
    )
    .action(async (id: string, _options: unknown, cmd: Command) => {
      emit(io, cmd, await clientFor(cmd, io).systemMonitors(id), renderMonitors);
    });

  system
    .command('apply')
    .description('Create or update AI systems from a firebreak.yaml file')
    .requiredOption('-f, --file <path>', 'the YAML file (version: 1, systems: [...])')
    .option('--dry-run', 'only check the file; change nothing')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
The file is checked before anything is sent; each problem is printed as file:line:column.
Exit status: 0 applied (or valid, with --dry-run), 1 the server refused, 2 the file is invalid.

Example firebreak.yaml:
  version: 1
  systems:
    - id: support-copilot
      name: Support copilot
      owner: support-ai team
      model: { name: gpt-4.1, version: 2025-04-14, provider: openai }
      riskTier: limited

Examples:
  $ firebreak system apply -f firebreak.yaml --dry-run
  $ firebreak system apply -f firebreak.yaml`,
    )
    .action(async (options: { file: string; dryRun?: boolean }, cmd: Command) => {
      // Loaded here: the config schema pulls in zod, which other system commands need not pay for.
      const { requireConfig } = await import('../config');
      const config = await requireConfig(options.file, '; nothing was applied');
      const {
        systems,
        rules,
        people,
        teams,
        schedules,
        overrides,
        notifications,
        postmortems,
        controlAccess,
        recovery,
        statusPage,
      } = config;
      // The directory's sections travel together: any of them given replaces the server's directory whole.
      const directory =
        (people ??
        teams ??
        schedules ??
        overrides ??
        notifications ??
        postmortems ??
        controlAccess ??
        recovery ??
        statusPage)
          ? { people, teams, schedules, overrides, notifications, postmortems, controlAccess, recovery, statusPage }
          : undefined;
      if (options.dryRun) {
        const names = systems.map((s) => s.id).join(', ');
        if (wantsJson(cmd)) io.out(`${JSON.stringify({ valid: true, systems: systems.map((s) => s.id) }, null, 2)}\n`);
        else
          io.out(
            `${options.file} is valid: ${systems.length} system${systems.length === 1 ? '' : 's'}${names ? ` (${names})` : ''}\n`,
          );
        return;
      }
      if (systems.length === 0 && rules === undefined && directory === undefined) {
        throw new CliError(`${options.file} lists no systems, rules or people; nothing to apply`, {
          exitCode: 2,
          code: 'invalid_config',
        });
      }
      const applied = await clientFor(cmd, io).applySystems(systems, rules, directory);
      emit(io, cmd, applied, ({ results, rules: inForce, directory: people }) => [
        ...results.map((r) => `${r.outcome.padEnd(9)} ${r.id} (rev ${r.revision})`),
        ...(inForce === undefined ? [] : [`rules     ${inForce} triage rule${inForce === 1 ? '' : 's'} in force`]),
        ...(people === undefined
          ? []
          : [
              `directory revision ${people.revision}: ${people.people} ${people.people === 1 ? 'person' : 'people'}, ${people.schedules} schedule${people.schedules === 1 ? '' : 's'}`,
            ]),
      ]);
    });
}

/** A system card, as a responder reads it at 3 a.m. */
export function renderSystem(s: AiSystem, now: Date): string[] {
  const model = `${s.model.name}@${s.model.version}${s.model.provider ? ` (${s.model.provider})` : ''}`;
  const list = (items: readonly string[]) => (items.length > 0 ? items.join(', ') : undefined);
  const lines = [
    `${s.id}  ${s.name}`,
    ...fields([
      ['Owner', s.owner],
      ['On call', s.onCall],
      ['Risk tier', s.riskTier],
      ['Model', model],
      ['Prompt template', s.promptTemplateVersion],
      ['Safety policy', s.safetyPolicyVersion],
      ['Intended use', s.intendedUse],
      ['Description', s.description],
      ['Jurisdictions', list(s.jurisdictions)],
      [
        'Personal data',
        s.personalData.processed
          ? `yes${s.personalData.categories.length ? `: ${s.personalData.categories.join(', ')}` : ''}`
          : 'no',
      ],
      ['Tenants', list(s.blastRadius.tenants)],
      ['Regions', list(s.blastRadius.regions)],
      ['Users', s.blastRadius.users === undefined ? undefined : String(s.blastRadius.users)],
      ['Runbook', s.runbook],
      ['Alert budget', `a false page per ${s.alertBudget.page}, a false warning per ${s.alertBudget.warn}`],
      ['Tags', list(s.tags)],
      ['Revision', `${s.revision}, updated ${when(s.updatedAt, now)} by ${s.updatedBy}`],
    ]),
  ];
  if (s.dependencies.length > 0) {
    lines.push('', 'Dependencies');
    for (const d of s.dependencies) {
      const extra = [d.version, d.vendor].filter(Boolean).join(', ');
      lines.push(`  ${d.name} (${d.kind}${extra ? `, ${extra}` : ''})`);
    }
  }
  if (s.knownLimits.length > 0) lines.push('', 'Known limits', ...s.knownLimits.map((limit) => `  - ${limit}`));
  if (s.dashboards.length > 0) lines.push('', 'Dashboards', ...s.dashboards.map((d) => `  ${d.name}: ${d.url}`));
  return lines;
}
