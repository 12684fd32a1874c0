import {
  type AddOverrideRequest,
  type DirectoryView,
  OnCallDirectory,
  type OnCallQuery,
  type OnCallResponse,
  toFieldIssues,
} from '@firebreak/contract';
import { DomainError, invalid } from '@firebreak/core';
import { onCallReport, scheduleFeed, scheduleOf } from '@firebreak/oncall';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { insertDirectory, latestDirectory } from './store';

const DAY = 86_400_000;
const EMPTY: OnCallDirectory = OnCallDirectory.parse({});

/** Replaces the directory with a new revision, audited, in the caller's transaction. */
export async function replaceDirectory(
  tx: Tx,
  ctx: Ctx,
  directory: OnCallDirectory,
  at: Date,
  /** What changed and why, when it was not a whole apply (an override added at 03:00). */
  change?: string,
): Promise<{ revision: number; people: number; schedules: number }> {
  const revision = await insertDirectory(tx, directory, at, ctx.actor.name);
  await appendAudit(tx, {
    at,
    actor: ctx.actor.name,
    action: 'directory.replaced',
    subject: `directory/${revision}`,
    payload: {
      revision,
      people: directory.people.map((person) => person.id),
      teams: directory.teams.map((team) => team.id),
      schedules: directory.schedules.map((schedule) => schedule.id),
      overrides: directory.overrides.map((override) => override.id),
      ...(change ? { change } : {}),
    },
  });
  return { revision, people: directory.people.length, schedules: directory.schedules.length };
}

/** The directory in force, revision 0 (empty) before any was applied. */
export async function getDirectory({ ctx }: { ctx: Ctx }): Promise<DirectoryView> {
  const row = await latestDirectory(ctx.db);
  if (!row) return { revision: 0, appliedAt: null, appliedBy: null, directory: EMPTY };
  return { revision: row.revision, appliedAt: row.at.toISOString(), appliedBy: row.actor, directory: row.document };
}

/** Who is on call at an instant (default now) on every schedule, or one. */
export async function getOnCall({ ctx, query }: { ctx: Ctx; query: OnCallQuery }): Promise<OnCallResponse> {
  const { revision, directory } = await getDirectory({ ctx });
  if (query.schedule !== undefined && !scheduleOf(directory, query.schedule))
    throw new DomainError('not_found', `schedule ${query.schedule} not found`, { details: { id: query.schedule } });
  const at = query.at ?? ctx.now().toISOString();
  return { at, revision, onCall: onCallReport(directory, at, query.schedule) };
}

/** A schedule's shifts as an iCalendar feed, from a week ago to eight weeks ahead unless asked otherwise. */
export async function getCalendar({
  ctx,
  id,
  from,
  to,
}: {
  ctx: Ctx;
  id: string;
  from?: string | undefined;
  to?: string | undefined;
}): Promise<string> {
  const { directory } = await getDirectory({ ctx });
  const schedule = scheduleOf(directory, id);
  if (!schedule) throw new DomainError('not_found', `schedule ${id} not found`, { details: { id } });
  const start = from ? Date.parse(from) : ctx.now().getTime() - 7 * DAY;
  const end = to ? Date.parse(to) : start + 56 * DAY;
  if (end <= start) throw invalid('to', 'must be after from');
  if (end - start > 366 * DAY) throw invalid('to', 'at most a year after from');
  return scheduleFeed(schedule, {
    from: new Date(start),
    to: new Date(end),
    people: directory.people,
    generatedAt: ctx.now(),
  });
}

/**
 * Adds an override to the directory in force, as a new revision, audited: someone takes a
 * schedule's pager at 03:00 without a pull request. The whole directory is checked again (the
 * schedule and people must exist), so what is stored is always a directory `apply` would accept.
 */
export async function addOverride(ctx: Ctx, override: AddOverrideRequest): Promise<DirectoryView> {
  const why = override.reason ? `: ${override.reason}` : '';
  return changeOverrides(ctx, `override ${override.id} added${why}`, (overrides) => {
    if (overrides.some((held) => held.id === override.id))
      throw new DomainError(
        'conflict',
        `id: override ${override.id} exists already; remove it first or pick another id`,
        {
          details: { id: override.id },
        },
      );
    return [...overrides, override];
  });
}

/** Removes an override from the directory in force, as a new revision, audited. */
export async function removeOverride(ctx: Ctx, id: string): Promise<DirectoryView> {
  return changeOverrides(ctx, `override ${id} removed`, (overrides) => {
    if (!overrides.some((held) => held.id === id))
      throw new DomainError('not_found', `override ${id} not found`, { details: { id } });
    return overrides.filter((held) => held.id !== id);
  });
}

async function changeOverrides(
  ctx: Ctx,
  what: string,
  change: (overrides: OnCallDirectory['overrides']) => OnCallDirectory['overrides'],
): Promise<DirectoryView> {
  await ctx.db.transaction(async (tx) => {
    const row = await latestDirectory(tx);
    const current = row ? row.document : EMPTY;
    const parsed = OnCallDirectory.safeParse({ ...current, overrides: change(current.overrides) });
    if (!parsed.success) {
      const issue = toFieldIssues(parsed.error)[0];
      throw invalid(issue?.path ?? 'overrides', issue?.message ?? 'not a valid directory');
    }
    ctx.log.info({ change: what }, 'directory overrides changed');
    await replaceDirectory(tx, ctx, parsed.data, ctx.now(), what);
  });
  return getDirectory({ ctx });
}
