import { type DirectoryView, OnCallDirectory, type OnCallQuery, type OnCallResponse } from '@firebreak/contract';
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
