import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FirebreakConfig } from '@firebreak/contract';
import type { OnCallRow } from '@firebreak/oncall';
import type { Command } from 'commander';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';
import { emit, table } from '../output';
import { registerOncallOverride } from './oncall-override';

const FILE_HELP = 'the firebreak.yaml with people, teams and schedules';
const JSON_HELP = 'print JSON';
const DAY = 86_400_000;

/**
 * `firebreak oncall`: who is on call, the shifts of a period and a schedule's iCal feed, read
 * from firebreak.yaml with @firebreak/oncall. No server needed, so a team can check a schedule
 * change before it merges it.
 */
export function registerOncall(program: Command, io: CliIo): void {
  const oncall = program
    .command('oncall')
    .description(
      'Who is on call now or at a time, from the schedules in firebreak.yaml (no server needed); overrides on the server',
    )
    .option('-f, --file <path>', FILE_HELP, 'firebreak.yaml')
    .option('--at <time>', 'an ISO-8601 instant (default: now)')
    .option('--schedule <id>', 'only this schedule')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
Each schedule's on-call person at the instant, the layer or override that decided it, and when
that shift ends. Without -f and without a firebreak.yaml here, the server named by FIREBREAK_URL
answers instead, from the directory it has in force (overrides added there included). Times are UTC; hand-offs follow each schedule's time zone, daylight saving
included. Exit status: 0 shown, 2 the file is invalid or names no schedules.
\`oncall override add | remove\` change the directory on the server instead, for a cover
arranged at 03:00 without a pull request.

Examples:
  $ firebreak oncall
  $ firebreak oncall -f examples/firebreak.yaml --at 2026-12-25T12:00:00Z
  $ firebreak oncall shifts talent-ai-oncall --from 2026-12-21 --to 2027-01-04 -f examples/firebreak.yaml
  $ firebreak oncall ical talent-ai-oncall -f examples/firebreak.yaml > talent-ai.ics
  $ firebreak oncall override add --schedule talent-ai-oncall --person priya-nair \\
      --from 2026-12-24T09:00:00Z --to 2026-12-27T09:00:00Z --reason "Jonas is ill"`,
    )
    .action(async (options: { file: string; at?: string; schedule?: string }, cmd: Command) => {
      const at = instant(options.at, '--at', io.now());
      let report: { at: string; revision?: number; onCall: OnCallRow[] };
      if (askServer(cmd, io, options.file)) {
        // No file here but a server to ask: what it has in force (the last apply, with overrides).
        const { clientFor } = await import('../client');
        const query = { at: new Date(at).toISOString(), ...(options.schedule ? { schedule: options.schedule } : {}) };
        report = await clientFor(cmd, io).onCall(query);
      } else {
        const { config, model } = await load(options.file);
        pick(config, options.schedule);
        report = {
          at: new Date(at).toISOString(),
          onCall: model.lib.onCallReport(config, new Date(at), options.schedule),
        };
      }
      emit(io, cmd, report, (value) => [
        value.revision === undefined
          ? `On call at ${value.at}`
          : `On call at ${value.at} (server, directory revision ${value.revision})`,
        table(
          ['SCHEDULE', 'TEAM', 'ON CALL', 'LAYER', 'OVERRIDE', 'UNTIL'],
          value.onCall.map((r) => [
            r.schedule,
            r.team ?? '',
            r.person ? `${r.name} (${r.person})` : 'nobody',
            r.layer ?? '',
            r.override ?? '',
            r.until ?? '',
          ]),
        ),
      ]);
    });

  oncall
    .command('shifts')
    .description("A schedule's shifts over a period: who is on call from when to when")
    .argument('<schedule>', 'schedule id')
    .option('--from <time>', 'start, an ISO-8601 date or instant (default: now)')
    .option('--to <time>', 'end, exclusive (default: 14 days after the start)')
    .option('--json', JSON_HELP)
    .addHelpText(
      'after',
      `
Each shift is a period with one person on call, decided by one layer or override; time nobody
covers is left out. -f goes before or after the subcommand.

Examples:
  $ firebreak oncall shifts talent-ai-oncall -f examples/firebreak.yaml --from 2026-12-21 --to 2027-01-04
  $ firebreak oncall shifts talent-ai-oncall --json`,
    )
    .action(async (id: string, options: { from?: string; to?: string }, cmd: Command) => {
      const { config, model } = await load(fileOf(cmd));
      pick(config, id);
      const { from, to } = period(options.from, options.to, io.now());
      const shifts = model.lib.shifts(model.schedule(id), new Date(from), new Date(to));
      emit(io, cmd, { schedule: id, from: iso(from), to: iso(to), shifts }, (value) =>
        value.shifts.length === 0
          ? `Nobody is on call on ${id} between ${value.from} and ${value.to}.`
          : table(
              ['FROM', 'TO', 'ON CALL', 'LAYER', 'OVERRIDE'],
              value.shifts.map((s) => [
                s.start,
                s.end,
                `${model.name(s.person)} (${s.person})`,
                s.layer ?? '',
                s.override ?? '',
              ]),
            ),
      );
    });

  oncall
    .command('ical')
    .description("A schedule's shifts (or one person's, across schedules) as an iCalendar feed, on stdout")
    .argument('[schedule]', 'schedule id (leave out with --person)')
    .option('--person <id>', "one person's shifts in every schedule")
    .option('--from <time>', 'start (default: now)')
    .option('--to <time>', 'end, exclusive (default: 14 days after the start)')
    .addHelpText(
      'after',
      `
An RFC 5545 calendar, one event per shift, times in UTC, events not marked busy.

Examples:
  $ firebreak oncall ical talent-ai-oncall -f examples/firebreak.yaml > talent-ai.ics
  $ firebreak oncall ical --person sam-ortiz --from 2026-12-01 --to 2027-01-01 -f examples/firebreak.yaml`,
    )
    .action(async (id: string | undefined, options: { person?: string; from?: string; to?: string }, cmd: Command) => {
      const file = fileOf(cmd);
      const { config, model } = await load(file);
      if ((id === undefined) === (options.person === undefined))
        throw new UsageError('name a schedule or --person <id>, not both and not neither');
      const { from, to } = period(options.from, options.to, io.now());
      const feed = { from: new Date(from), to: new Date(to), people: model.people, generatedAt: io.now() };
      if (options.person !== undefined) {
        if (!config.people?.some((p) => p.id === options.person))
          throw new UsageError(`unknown person ${options.person}: ${file} declares no such id under people`);
        const all = (config.schedules ?? []).map((s) => model.schedule(s.id));
        io.out(model.lib.personFeed(options.person, all, feed));
        return;
      }
      pick(config, id);
      io.out(model.lib.scheduleFeed(model.schedule(id!), feed));
    });

  registerOncallOverride(oncall, io);
}

/** The `-f` given to `firebreak oncall`, before or after the subcommand. */
/**
 * Whether `firebreak oncall` asks the server: when no `-f` was given, there is no
 * `firebreak.yaml` here, and a server is named (FIREBREAK_URL, FIREBREAK_TOKEN or --url).
 */
function askServer(cmd: Command, io: CliIo, file: string): boolean {
  if (cmd.getOptionValueSource('file') !== 'default') return false;
  if (existsSync(resolve(io.cwd(), file))) return false;
  const globals = cmd.optsWithGlobals<{ url?: string; token?: string }>();
  return Boolean(globals.url ?? globals.token ?? io.env.FIREBREAK_URL ?? io.env.FIREBREAK_TOKEN);
}

const fileOf = (cmd: Command): string => (cmd.optsWithGlobals() as { file: string }).file;

/** Reads and checks the file, then the on-call model over its schedules and overrides. */
async function load(file: string) {
  const { requireConfig } = await import('../config');
  const config = await requireConfig(file);
  if (!config.schedules?.length)
    throw new CliError(`${file} declares no schedules: add people and schedules to it (docs/oncall.md)`, {
      exitCode: 2,
      code: 'invalid_config',
    });
  // Loaded here: Temporal and the iCal writer are for this command only.
  const lib = await import('@firebreak/oncall');
  const people = (config.people ?? []).map((p) => ({ ...p }));
  const names = new Map(people.map((p) => [p.id, p.name]));
  return {
    config,
    model: {
      lib,
      people,
      name: (id: string) => names.get(id) ?? id,
      schedule: (id: string) => lib.scheduleOf(config, id)!,
    },
  };
}

function pick(config: FirebreakConfig, id: string | undefined) {
  const all = config.schedules ?? [];
  if (id === undefined) return all;
  const found = all.filter((s) => s.id === id);
  if (found.length === 0)
    throw new UsageError(`unknown schedule ${id}: the file has ${all.map((s) => s.id).join(', ') || 'none'}`);
  return found;
}

/** An ISO-8601 date (midnight UTC) or instant, as ms; `fallback` when none is given. */
function instant(text: string | undefined, option: string, fallback: Date): number {
  if (text === undefined) return fallback.getTime();
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  if (!Number.isFinite(ms) || !/^\d{4}-\d{2}-\d{2}/.test(text))
    throw new UsageError(`${option}: expected an ISO-8601 date or instant such as 2026-12-24T17:00:00Z, got ${text}`);
  return ms;
}

function period(fromText: string | undefined, toText: string | undefined, now: Date) {
  const from = instant(fromText, '--from', now);
  const to = toText === undefined ? from + 14 * DAY : instant(toText, '--to', now);
  if (to <= from) throw new UsageError('--to: must be after --from');
  if (to - from > 366 * DAY) throw new UsageError('--to: at most a year after --from');
  return { from, to };
}

const iso = (ms: number) => new Date(ms).toISOString();
