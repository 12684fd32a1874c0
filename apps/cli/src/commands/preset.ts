import type { PresetApplication, PresetList } from '@firebreak/contract';
import { describePatch, SEVERITIES } from '@firebreak/core';
import type { Command } from 'commander';
import { clientFor } from '../client';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit } from '../output';
import * as parse from '../validate';

const API = '/api/v1';
const enc = encodeURIComponent;

/**
 * `firebreak preset`: a system's presets (its safe mode among them), applied and reverted as
 * one change each (docs/adr/0027-presets-and-safe-mode.md).
 */
export function registerPreset(program: Command, io: CliIo): void {
  const preset = program
    .command('preset')
    .description("A system's presets (safe mode, guardrail tiers): several controls changed as one")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak preset list support-copilot\n  $ firebreak preset apply support-copilot safe-mode --incident INC-4 --reason "PII in answers"\n  $ firebreak preset apply support-copilot --tier SEV1 --incident INC-4 --reason "PII in answers"\n  $ firebreak preset revert support-copilot safe-mode --reason "filter fixed, replay quiet"',
    );

  preset
    .command('list')
    .description("A system's presets, what each changes, its guardrail tiers, and what is in force")
    .argument('<system>', 'the AI system, e.g. support-copilot')
    .option('--json', "print the server's JSON response")
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak preset list support-copilot\n  $ firebreak preset list hiring-screener --json',
    )
    .action(async (system: string, _options: unknown, cmd: Command) => {
      const list: PresetList = await clientFor(cmd, io).request('GET', `${API}/systems/${enc(system)}/presets`);
      emit(io, cmd, list, (value) => describeList(system, value));
    });

  for (const action of ['apply', 'revert'] as const) {
    preset
      .command(action)
      .description(
        action === 'apply'
          ? 'Apply a preset: all its control changes at once, in one audited change'
          : 'Revert the preset in force as one change',
      )
      .argument('<system>', 'the AI system, e.g. support-copilot')
      .argument('[preset]', 'the preset, e.g. safe-mode (or give --tier)')
      .option(
        '--tier <severity>',
        `the preset the system's tiers name for a severity (${SEVERITIES.join(', ')}, or P0..P3)`,
        parse.severity,
      )
      .option('--reason <text>', 'why (goes on the record and the incident’s timeline)')
      .option('--incident <id>', 'the incident this serves', parse.incidentId)
      .option('--json', "print the server's JSON response")
      .addHelpText(
        'after',
        action === 'apply'
          ? '\nExamples:\n  $ firebreak preset apply support-copilot safe-mode --incident INC-4 --reason "PII in answers"\n  $ firebreak preset apply support-copilot --tier SEV1 --incident INC-4 --reason "PII in answers"'
          : '\nExamples:\n  $ firebreak preset revert support-copilot safe-mode --reason "filter fixed, replay quiet"',
      )
      .action(
        async (
          system: string,
          name: string | undefined,
          options: { tier?: string; reason?: string; incident?: string },
          cmd: Command,
        ) => {
          const client = clientFor(cmd, io);
          let id = name;
          if (options.tier) {
            if (name) throw new UsageError('give a preset or --tier, not both');
            const list: PresetList = await client.request('GET', `${API}/systems/${enc(system)}/presets`);
            id = list.tiers[options.tier as keyof PresetList['tiers']];
            if (!id) {
              const tiers = Object.entries(list.tiers).map(([severity, preset]) => `${severity}: ${preset}`);
              throw new UsageError(
                `${system} names no preset for ${options.tier}${tiers.length > 0 ? ` (its tiers: ${tiers.join(', ')})` : '; add tiers: to its system card'}`,
              );
            }
          }
          if (!id) throw new UsageError('name the preset (e.g. safe-mode), or give --tier SEV1');
          if (!options.reason) throw new UsageError('--reason is required: it goes on the record');
          const result: PresetApplication = await client.request(
            'POST',
            `${API}/systems/${enc(system)}/presets/${enc(id)}/${action}`,
            { reason: options.reason, ...(options.incident ? { incident: options.incident } : {}) },
          );
          emit(io, cmd, result, describeApplication);
        },
      );
  }
}

function describeList(system: string, list: PresetList): string[] {
  if (list.presets.length === 0)
    return [`${system} has no presets: declare them under presets: on its system card (e.g. safe-mode)`];
  const lines: string[] = [];
  for (const preset of list.presets) {
    const tiers = Object.entries(list.tiers)
      .filter(([, id]) => id === preset.id)
      .map(([severity]) => severity);
    const state = preset.applied
      ? `IN FORCE since ${preset.applied.appliedAt} (${preset.applied.id}, by ${preset.applied.appliedBy})`
      : 'not applied';
    lines.push(`${preset.id}${tiers.length > 0 ? ` [${tiers.join(', ')}]` : ''}  ${state}`);
    if (preset.description) lines.push(`  ${preset.description}`);
    for (const { control, ...patch } of preset.changes) lines.push(`  ${control} → ${describePatch(patch)}`);
  }
  return lines;
}

function describeApplication(application: PresetApplication): string[] {
  const verb = application.status === 'applied' ? 'applied' : 'reverted';
  return [
    `${application.preset} ${verb} on ${application.system} (${application.id}${application.incidentId ? `, ${application.incidentId}` : ''}): ${application.changes.length} control${application.changes.length === 1 ? '' : 's'}`,
    ...application.changes.map((change) => `  ${change.key}`),
  ];
}
