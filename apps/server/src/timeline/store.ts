import { type ChainedEntry, hashEntry, type TimelineKind } from '@firebreak/core';
import { and, asc, eq, inArray, max } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { incidents, timelineEvents } from '../db/schema';

export interface TimelineHead {
  id: string;
  timelineLength: number;
  timelineHead: string;
}

export interface NewTimelineEntry {
  at: Date;
  actor: string;
  kind: TimelineKind;
  payload: Record<string, unknown>;
}

/**
 * Appends one entry to an incident's hash chain and moves the head recorded on the incident.
 * The caller holds the incident row lock (see lockIncident), inside the transaction that makes
 * the change the entry records.
 */
export async function appendTimeline(
  tx: Tx,
  head: TimelineHead,
  entry: NewTimelineEntry,
): Promise<TimelineHead & { entry: ChainedEntry }> {
  const seq = head.timelineLength + 1;
  const fields = {
    incidentId: head.id,
    seq,
    at: entry.at.toISOString(),
    actor: entry.actor,
    kind: entry.kind,
    payload: entry.payload,
    prevHash: head.timelineHead,
  };
  const hash = await hashEntry(fields);
  await tx.insert(timelineEvents).values({ ...fields, at: entry.at, hash });
  await tx
    .update(incidents)
    .set({ timelineLength: seq, timelineHead: hash, updatedAt: entry.at })
    .where(eq(incidents.id, head.id));
  return { id: head.id, timelineLength: seq, timelineHead: hash, entry: { ...fields, hash } };
}

export async function readTimeline(tx: Tx, incidentId: string): Promise<ChainedEntry[]> {
  const rows = await tx
    .select()
    .from(timelineEvents)
    .where(eq(timelineEvents.incidentId, incidentId))
    .orderBy(asc(timelineEvents.seq));
  return rows.map((row) => ({
    incidentId: row.incidentId,
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor,
    kind: row.kind,
    payload: row.payload,
    prevHash: row.prevHash,
    hash: row.hash,
  }));
}

const METRIC_KINDS = ['declared', 'onset_estimated', 'acknowledged', 'cause_isolated', 'status_changed'];

/** The entries response metrics are derived from, for many incidents in one query. */
export async function readMetricEvents(
  tx: Tx,
  incidentIds: readonly string[],
): Promise<Map<string, Array<{ at: string; kind: string; payload: unknown }>>> {
  const byIncident = new Map<string, Array<{ at: string; kind: string; payload: unknown }>>();
  if (incidentIds.length === 0) return byIncident;
  const rows = await tx
    .select({
      incidentId: timelineEvents.incidentId,
      at: timelineEvents.at,
      kind: timelineEvents.kind,
      payload: timelineEvents.payload,
    })
    .from(timelineEvents)
    .where(and(inArray(timelineEvents.incidentId, [...incidentIds]), inArray(timelineEvents.kind, METRIC_KINDS)))
    .orderBy(asc(timelineEvents.incidentId), asc(timelineEvents.seq));
  for (const row of rows) {
    const list = byIncident.get(row.incidentId) ?? [];
    list.push({ at: row.at.toISOString(), kind: row.kind, payload: row.payload });
    byIncident.set(row.incidentId, list);
  }
  return byIncident;
}

/** When each incident's last status update was posted; incidents without one are absent. */
export async function lastStatusUpdates(tx: Tx, incidentIds: readonly string[]): Promise<Map<string, Date>> {
  const result = new Map<string, Date>();
  if (incidentIds.length === 0) return result;
  const rows = await tx
    .select({ incidentId: timelineEvents.incidentId, at: max(timelineEvents.at) })
    .from(timelineEvents)
    .where(and(inArray(timelineEvents.incidentId, [...incidentIds]), eq(timelineEvents.kind, 'status_update_posted')))
    .groupBy(timelineEvents.incidentId);
  for (const row of rows) if (row.at) result.set(row.incidentId, new Date(row.at));
  return result;
}
