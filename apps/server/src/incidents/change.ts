import type { Incident } from '@firebreak/contract';
import type { ChainedEntry, TimelineKind } from '@firebreak/core';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { enqueueNotifications, type NewNotification } from '../notifications/enqueue';
import { pagerDutyFollowUp, planIncident } from '../notifications/plan';
import { appendTimeline, type TimelineHead } from '../timeline/store';
import { loadIncident } from './load';
import { type IncidentRow, lockIncident } from './store';

const FINISHED = new Set(['resolved', 'closed', 'dismissed']);

export interface ChangeScope {
  tx: Tx;
  /** The incident as it was when locked. */
  incident: IncidentRow;
  /** One instant for the whole change: the row, its timeline entries and the response agree. */
  at: Date;
  /** Appends a timeline entry in the same transaction as the change. */
  record(kind: TimelineKind, payload: { [key: string]: unknown }): Promise<void>;
  /** The incident as the API shows it, changes included. */
  reload(): Promise<Incident>;
  /**
   * Queues notifications about this change in its transaction (the outbox, ADR 22): they are
   * delivered only if the change commits. Who is told is the caller's decision.
   */
  notify(notifications: readonly NewNotification[]): Promise<void>;
}

/**
 * Runs one change to an incident: in a transaction, with the incident row locked so changes to
 * one incident apply one after another, and every timeline entry appended before commit.
 */
export async function changeIncident<T>(ctx: Ctx, id: string, change: (scope: ChangeScope) => Promise<T>): Promise<T> {
  const appended: ChainedEntry[] = [];
  const result = await ctx.db.transaction(async (tx) => {
    const incident = await lockIncident(tx, id);
    const at = ctx.now();
    let head: TimelineHead = incident;
    const outcome = await change({
      tx,
      incident,
      at,
      record: async (kind, payload) => {
        const next = await appendTimeline(tx, head, { at, actor: ctx.actor.name, kind, payload });
        appended.push(next.entry);
        head = next;
      },
      reload: () => loadIncident(tx, id, at),
      notify: async (notifications) => {
        await enqueueNotifications(tx, notifications, at);
      },
    });
    // A new severity (or a near miss that became a real incident) reads another row of the
    // matrix: its people are told now, in this transaction. The keys name the row, so the
    // people told of the old severity are told again only where the new row says so.
    if (ctx.notify && appended.some((entry) => entry.kind === 'severity_changed' || entry.kind === 'details_edited')) {
      const now = await loadIncident(tx, id, at);
      if (now.severity !== incident.severity || now.nearMiss !== incident.nearMiss)
        await enqueueNotifications(tx, (await planIncident(tx, ctx.notify, now, at)).rows, at);
    }
    // A pager that was woken hears that someone took it, and that it is over.
    if (ctx.notify) {
      const acknowledged = incident.acknowledgedAt === null && appended.some((entry) => entry.kind === 'acknowledged');
      const finished = appended.some(
        (entry) => entry.kind === 'status_changed' && FINISHED.has(String((entry.payload as { to?: unknown }).to)),
      );
      if (acknowledged || finished) {
        const now = await loadIncident(tx, id, at);
        for (const event of [
          ...(acknowledged ? ['acknowledged' as const] : []),
          ...(finished ? ['resolved' as const] : []),
        ])
          await enqueueNotifications(tx, await pagerDutyFollowUp(tx, ctx.notify, now, event, at), at);
      }
    }
    return outcome;
  });
  announce(ctx, appended);
  return result;
}

/** Tells subscribers about timeline entries, once their transaction has committed. */
export function announce(ctx: Ctx, entries: readonly ChainedEntry[]): void {
  for (const { incidentId, ...entry } of entries) {
    ctx.events.publish({
      type: 'timeline',
      incidentId,
      entry: { ...entry, kind: entry.kind as TimelineKind, payload: entry.payload as Record<string, unknown> },
    });
  }
}
