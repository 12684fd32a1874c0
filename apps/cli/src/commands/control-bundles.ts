import type { BundleChange, BundleContents, BundleList } from '@firebreak/contract';
import { describeBundle } from '@firebreak/core';
import type { Command } from 'commander';
import { clientFor } from '../client';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit, table, truncate } from '../output';
import { relativeTime } from '../time';
import * as parse from '../validate';

const JSON_HELP = "print the server's JSON response";

interface BundleOptions {
  model?: string;
  prompt?: string;
  policy?: string;
  index?: string;
  tool?: string[];
  noTools?: boolean;
}

/** The contents `bundle-add` registers, from its options; at least one part. */
export function bundleFrom(options: BundleOptions): BundleContents {
  const contents: BundleContents = {};
  if (options.model !== undefined) contents.model = options.model;
  if (options.prompt !== undefined) contents.prompt = options.prompt;
  if (options.policy !== undefined) contents.policy = options.policy;
  if (options.index !== undefined) contents.index = options.index;
  if (options.tool !== undefined) contents.tools = options.tool;
  else if (options.noTools) contents.tools = [];
  if (Object.keys(contents).length === 0)
    throw new UsageError('a bundle needs at least one part: give --model, --prompt, --policy, --index or --tool');
  return contents;
}

/** The bundles of a route as a table: version, status, contents, who registered it. */
export function bundleTable(list: BundleList, now: Date): string {
  if (list.bundles.length === 0) return `${list.key} has no bundles.`;
  return table(
    ['VERSION', 'STATUS', 'CONTENTS', 'REGISTERED', 'WHY'],
    list.bundles.map((b) => [
      b.version,
      b.status,
      truncate(describeBundle(b.contents), 70),
      `${b.registeredBy}, ${relativeTime(b.registeredAt, now)}`,
      truncate(b.status === 'retired' ? `retired: ${b.retireReason ?? ''}` : b.reason, 40),
    ]),
  );
}

function changed(verb: string) {
  return (result: BundleChange): string[] => [
    `${result.control.key}: bundle ${result.bundle.version} ${verb} (${describeBundle(result.bundle.contents)}).`,
    ...(result.pruned.length > 0
      ? [
          `Retention retired the oldest unused bundle${result.pruned.length > 1 ? 's' : ''}: ${result.pruned.join(', ')}.`,
        ]
      : []),
    `Deployable now: ${(result.control.versions ?? []).join(', ')}.`,
  ];
}

/** `firebreak control bundles|bundle-add|bundle-delete`: a bundle route's immutable versions. */
export function registerBundleCommands(control: Command, io: CliIo): void {
  control
    .command('bundles')
    .description("A bundle route's bundles (model, prompt, policy, index, tools) and their status")
    .addHelpText(
      'after',
      '\nStatus: active, canary, known-good (a rollback target), available, retired (deleted or pruned).\n\nExamples:\n  $ firebreak control bundles support-copilot.stack\n  $ firebreak control bundles support-copilot.stack --json',
    )
    .argument('<key>', 'e.g. support-copilot.stack')
    .option('--json', JSON_HELP)
    .action(async (key: string, _options: unknown, cmd: Command) => {
      const list = await clientFor(cmd, io).listBundles(key);
      emit(io, cmd, list, (value) => bundleTable(value, io.now()));
    });

  control
    .command('bundle-add')
    .description('Register an immutable bundle version on a bundle route (a deploy); it does not make it active')
    .addHelpText(
      'after',
      `
A version's contents never change: the same version with the same contents again changes
nothing; with other contents it is refused. Beyond 20 bundles the oldest unused ones retire.

Examples:
  $ firebreak control bundle-add support-copilot.stack v42 --model gpt-4.1 --prompt answer-v7 --tool search --tool refund --reason "release 42"
  $ firebreak control bundle-add support-copilot.stack v43 --model gpt-4.1 --prompt answer-v7 --policy safety-4 --index kb-2026-12 --no-tools --reason "release 43"`,
    )
    .argument('<key>', 'e.g. support-copilot.stack')
    .argument('<version>', 'the new version, e.g. v42')
    .option('--model <version>', 'the model the bundle runs')
    .option('--prompt <version>', 'the prompt template')
    .option('--policy <version>', 'the safety policy')
    .option('--index <version>', 'the retrieval index (or its snapshot)')
    .option('--tool <name...>', 'a tool the model may call (repeatable)')
    .option('--no-tools', 'the bundle has no tools at all')
    .requiredOption('--reason <text>', 'why (goes on the record)')
    .option('--incident <id>', 'the incident this serves (its timeline gets the entry)', parse.incidentId)
    .option('--json', JSON_HELP)
    .action(
      async (
        key: string,
        version: string,
        options: BundleOptions & { tools?: boolean; reason: string; incident?: string },
        cmd: Command,
      ) => {
        const contents = bundleFrom({ ...options, noTools: options.tools === false });
        const result = await clientFor(cmd, io).registerBundle(key, {
          version,
          contents,
          reason: options.reason,
          ...(options.incident ? { incident: options.incident } : {}),
        });
        emit(io, cmd, result, changed('registered'));
      },
    );

  control
    .command('bundle-delete')
    .description('Retire a bundle (refused for the active one, the canary’s, and the known-good ones a rollback needs)')
    .addHelpText(
      'after',
      '\nExamples:\n  $ firebreak control bundle-delete support-copilot.stack v38 --reason "leaks the old system prompt"\n  $ firebreak control bundle-delete support-copilot.stack v39 --reason "bad index" --incident INC-4',
    )
    .argument('<key>', 'e.g. support-copilot.stack')
    .argument('<version>', 'the bundle to retire')
    .requiredOption('--reason <text>', 'why (goes on the record)')
    .option('--incident <id>', 'the incident this serves (its timeline gets the entry)', parse.incidentId)
    .option('--json', JSON_HELP)
    .action(async (key: string, version: string, options: { reason: string; incident?: string }, cmd: Command) => {
      const result = await clientFor(cmd, io).deleteBundle(key, version, {
        reason: options.reason,
        ...(options.incident ? { incident: options.incident } : {}),
      });
      emit(io, cmd, result, changed('retired'));
    });
}
