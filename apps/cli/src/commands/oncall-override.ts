import type { AddOverrideRequest, DirectoryView } from '@firebreak/contract';
import { SYSTEM_ID_PATTERN } from '@firebreak/core';
import { type Command, InvalidArgumentError } from 'commander';
import { clientFor } from '../client';
import { UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit } from '../output';
import { utcMinute } from '../time';
import * as parse from '../validate';

const JSON_HELP = "print the server's JSON response (the directory in force)";

/** What the server takes as an override id in a URL, so every override added can be removed. */
const OVERRIDE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** The reminder both verbs print: the server's overrides last until the file is applied again. */
export const APPLY_REPLACES =
  "Note: `firebreak system apply` replaces the server's overrides with the file's; add it there too.";

/**
 * The id an override gets when none is given: the person and the day it starts, as a slug.
 *
 * @example
 * overrideId('dana.reyes', '2026-12-24T09:00:00.000Z'); // 'dana-reyes-2026-12-24'
 */
export function overrideId(person: string, from: string): string {
  const slug = `${person}-${from.slice(0, 10)}`
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+/, '');
  return slug.slice(0, 63).replace(/-+$/, '');
}

/** An override id as `--id` or `override remove` takes it. */
export function parseOverrideId(value: string): string {
  const id = value.trim();
  if (!OVERRIDE_ID.test(id))
    throw new InvalidArgumentError('expected an override id such as dana-holiday (a-z, 0-9 and -, at most 63)');
  return id;
}

/** A person or schedule id (`--person`, `--replacing`). */
function slug(value: string): string {
  const id = value.trim();
  if (!SYSTEM_ID_PATTERN.test(id))
    throw new InvalidArgumentError('expected a lower-case id such as dana-reyes (a-z, 0-9, . _ -)');
  return id;
}

interface AddOptions {
  schedule?: string;
  person: string;
  from: string;
  to: string;
  replacing?: string;
  reason?: string;
  id?: string;
}

/**
 * The override `override add` sends, checked as far as can be without the server: the schedule
 * given and a slug, the period not empty.
 */
export function overrideRequest(options: AddOptions): AddOverrideRequest {
  if (options.schedule === undefined)
    throw new UsageError("required option '--schedule <id>' not specified: the schedule the override is on");
  const schedule = options.schedule.trim();
  if (!SYSTEM_ID_PATTERN.test(schedule))
    throw new UsageError(`--schedule: expected a schedule id such as talent-ai-oncall, got ${options.schedule}`);
  if (Date.parse(options.to) <= Date.parse(options.from))
    throw new UsageError(`--to: must be after --from (${options.from})`);
  if (options.replacing === options.person)
    throw new UsageError('--replacing: name the person being covered, not the one taking the pager');
  return {
    id: options.id ?? overrideId(options.person, options.from),
    schedule,
    person: options.person,
    from: options.from,
    to: options.to,
    ...(options.replacing === undefined ? {} : { replacing: options.replacing }),
    ...(options.reason === undefined ? {} : { reason: options.reason }),
  };
}

/** The override as a firebreak.yaml entry, to paste under `overrides:`. */
export function overrideYaml(override: AddOverrideRequest): string[] {
  return [
    `  - id: ${override.id}`,
    `    schedule: ${override.schedule}`,
    `    person: ${override.person}`,
    ...(override.replacing ? [`    replacing: ${override.replacing}`] : []),
    `    from: ${JSON.stringify(override.from)}`,
    `    to: ${JSON.stringify(override.to)}`,
    ...(override.reason ? [`    reason: ${JSON.stringify(override.reason)}`] : []),
  ];
}

/** `firebreak oncall override add | remove`: change who holds a pager now, on the server. */
export function registerOncallOverride(oncall: Command, io: CliIo): void {
  const override = oncall
    .command('override')
    .description("Add or remove an override in the server's directory (someone takes the pager for a while)")
    .addHelpText(
      'after',
      `
${APPLY_REPLACES}

Examples:
  $ firebreak oncall override add --schedule talent-ai-oncall --person priya-nair \\
      --from 2026-12-24T09:00:00Z --to 2026-12-27T09:00:00Z --replacing jonas-becker --reason "Jonas is ill"
  $ firebreak oncall override remove priya-nair-2026-12-24`,
    );

  override
    .command('add')
    .description('Put someone on call for a schedule for a period, for everyone or in place of one person')
    .option('--schedule <id>', 'the schedule (required)')
    .requiredOption('--person <id>', 'who takes the pager', slug)
    .requiredOption('--from <time>', 'start, ISO-8601 such as 2026-12-24T09:00:00Z', parse.isoTime)
    .requiredOption('--to <time>', 'end, exclusive, ISO-8601', parse.isoTime)
    .option('--replacing <id>', 'only while this person would have been on call', slug)
    .option('--reason <text>', 'why, for the people who read the schedule')
    .option('--id <id>', 'the override id (default: the person and the start date)', parseOverrideId)
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
The server adds the override to the directory in force, as a new revision; the pages sent from
then on follow it. The override is printed as firebreak.yaml has it, to paste under overrides:.
${APPLY_REPLACES}

Examples:
  $ firebreak oncall override add --schedule talent-ai-oncall --person priya-nair \\
      --from 2026-12-24T09:00:00Z --to 2026-12-27T09:00:00Z
  $ firebreak oncall override add --schedule talent-ai-oncall --person amara-okafor --replacing jonas-becker \\
      --from 2026-11-03T08:00:00Z --to 2026-11-05T17:00:00Z --reason "Jonas speaks at a conference" --id jonas-conference`,
    )
    .action(async (_options: unknown, cmd: Command) => {
      // `oncall` has a --schedule of its own, which commander fills wherever it stands: read both levels.
      const request = overrideRequest(cmd.optsWithGlobals<AddOptions>());
      const view = await clientFor(cmd, io).addOverride(request);
      emit(io, cmd, view, (v) => [
        `Override ${request.id} added (directory revision ${v.revision}): ${request.person} on ${request.schedule} from ${utcMinute(request.from)} to ${utcMinute(request.to)}${request.replacing ? ` in place of ${request.replacing}` : ''}`,
        '',
        APPLY_REPLACES,
        'overrides:',
        ...overrideYaml(request),
      ]);
    });

  override
    .command('remove')
    .description("Remove an override from the server's directory")
    .argument('<id>', 'the override id, e.g. jonas-conference', parseOverrideId)
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
${APPLY_REPLACES.replace('add it there', 'remove it there')}

Examples:
  $ firebreak oncall override remove jonas-conference
  $ firebreak oncall override remove jonas-conference --json`,
    )
    .action(async (id: string, _options: unknown, cmd: Command) => {
      const view: DirectoryView = await clientFor(cmd, io).removeOverride(id);
      emit(io, cmd, view, (v) => [
        `Override ${id} removed (directory revision ${v.revision}).`,
        APPLY_REPLACES.replace('add it there', 'remove it there'),
      ]);
    });
}
