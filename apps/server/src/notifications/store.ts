import { and, asc, eq, inArray, isNotNull, like, lte, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { alerts, exercises, incidents, notifications } from '../db/schema';

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationStatus = 'pending' | 'delivering' | 'delivered' | 'failed' | 'held';

/** One message to queue: who, on which channel, about what, and the key a receiver de-duplicates on. */
export interface NewNotification {
  idempotencyKey: string;
  incidentId?: string | null;
  channel: string;
  recipient: string;
  payload: Record<string, unknown>;
  /** Not sent before this (a `within` of the matrix, a digest); at once when absent. */
  dueAt?: Date | undefined;
}

/**
 * Queues notifications on the transaction the caller is in, so they commit or roll back with the
 * change that caused them. A key already queued is skipped: enqueueing is idempotent. Returns the
 * number of rows actually queued.
 */
export async function insertNotifications(tx: Tx, rows: readonly NewNotification[], at: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const drills = await drillsOf(tx, rows);
  const inserted = await tx
    .insert(notifications)
    .values(
      rows.map((row) => ({
        idempotencyKey: row.idempotencyKey,
        incidentId: row.incidentId ?? null,
        ...addressed(row, drills.get(row)),
        status: drills.has(row) && !drills.get(row)?.channel ? 'held' : 'pending',
        nextAttemptAt: row.dueAt && row.dueAt > at ? row.dueAt : at,
        createdAt: at,
        updatedAt: at,
      })),
    )
    .onConflictDoNothing({ target: notifications.idempotencyKey })
    .returning({ id: notifications.id });
  return inserted.length;
}

interface Drill {
  exerciseId: string;
  channel: string | null;
}

/**
 * Which rows are a drill's (ADR 37): about a drill's incident or an alert of its exercise space.
 * They never reach a real channel: held (recorded, never sent) or, when the drill names a drill
 * channel (a webhook), re-addressed to it and marked as a drill.
 */
async function drillsOf(tx: Tx, rows: readonly NewNotification[]): Promise<Map<NewNotification, Drill>> {
  const incidentIds = [...new Set(rows.map((row) => row.incidentId).filter((id): id is string => Boolean(id)))];
  const alertIds = [
    ...new Set(rows.map((row) => row.payload.alertId).filter((id): id is string => typeof id === 'string')),
  ];
  const byIncident = new Map<string, string>();
  const byAlert = new Map<string, string>();
  if (incidentIds.length > 0)
    for (const row of await tx
      .select({ id: incidents.id, exerciseId: incidents.exerciseId })
      .from(incidents)
      .where(and(inArray(incidents.id, incidentIds), isNotNull(incidents.exerciseId))))
      byIncident.set(row.id, row.exerciseId!);
  if (alertIds.length > 0)
    for (const row of await tx
      .select({ id: alerts.id, exerciseId: alerts.exerciseId })
      .from(alerts)
      .where(and(inArray(alerts.id, alertIds), isNotNull(alerts.exerciseId))))
      byAlert.set(row.id, row.exerciseId!);
  const found = new Map<NewNotification, Drill>();
  if (byIncident.size === 0 && byAlert.size === 0) return found;
  const exerciseIds = [...new Set([...byIncident.values(), ...byAlert.values()])];
  const channels = new Map(
    (
      await tx
        .select({ id: exercises.id, channel: exercises.channel })
        .from(exercises)
        .where(inArray(exercises.id, exerciseIds))
    ).map((row) => [row.id, row.channel]),
  );
  for (const row of rows) {
    const exerciseId =
      (row.incidentId ? byIncident.get(row.incidentId) : undefined) ??
      (typeof row.payload.alertId === 'string' ? byAlert.get(row.payload.alertId) : undefined);
    if (exerciseId) found.set(row, { exerciseId, channel: channels.get(exerciseId) ?? null });
  }
  return found;
}

/** Where a row goes: as planned, or, for a drill with a drill channel, to that webhook, marked. */
function addressed(row: NewNotification, drill: Drill | undefined) {
  if (!drill) return { channel: row.channel, recipient: row.recipient, payload: row.payload, exerciseId: null };
  const payload = { ...row.payload, drill: drill.exerciseId, plannedChannel: row.channel };
  if (!drill.channel) return { channel: row.channel, recipient: row.recipient, payload, exerciseId: drill.exerciseId };
  return { channel: 'webhook', recipient: drill.channel, payload, exerciseId: drill.exerciseId };
}

/**
 * Claims up to `limit` due rows for delivery: pending rows whose time has come, and rows left
 * `delivering` by a worker whose lease ran out (it crashed or hung). Each claimed row counts an
 * attempt and holds a lease until `leaseUntil`. SKIP LOCKED lets workers on several replicas
 * claim side by side on PostgreSQL; PGlite's one connection makes claims serial anyway.
 */
export async function claimDue(tx: Tx, now: Date, leaseUntil: Date, limit: number): Promise<NotificationRow[]> {
  const due = tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(inArray(notifications.status, ['pending', 'delivering']), lte(notifications.nextAttemptAt, now)))
    .orderBy(asc(notifications.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return tx
    .update(notifications)
    .set({
      status: 'delivering',
      attempts: sql`${notifications.attempts} + 1`,
      nextAttemptAt: leaseUntil,
      updatedAt: now,
    })
    .where(inArray(notifications.id, due))
    .returning();
}

/**
 * Records a delivery. Applied even when the lease had run out and another worker reclaimed the
 * row: the receiver has the message either way.
 */
export async function markDelivered(tx: Tx, id: number, at: Date): Promise<boolean> {
  const updated = await tx
    .update(notifications)
    .set({ status: 'delivered', deliveredAt: at, updatedAt: at, lastError: null })
    .where(and(eq(notifications.id, id), inArray(notifications.status, ['pending', 'delivering'])))
    .returning({ id: notifications.id });
  // False when another claim had recorded the delivery already.
  return updated.length > 0;
}

/**
 * Records a failed attempt: back to pending until `retryAt`, or failed for good when `retryAt`
 * is null. Only the claim that made the attempt may record it (same attempt count, still
 * delivering), so a late answer cannot undo a newer claim's outcome.
 */
export async function markAttemptFailed(
  tx: Tx,
  claim: { id: number; attempts: number },
  error: string,
  at: Date,
  retryAt: Date | null,
): Promise<void> {
  await tx
    .update(notifications)
    .set({
      status: retryAt ? 'pending' : 'failed',
      nextAttemptAt: retryAt ?? at,
      lastError: error,
      updatedAt: at,
    })
    .where(
      and(
        eq(notifications.id, claim.id),
        eq(notifications.attempts, claim.attempts),
        eq(notifications.status, 'delivering'),
      ),
    );
}

/** The notifications about one incident, oldest first (the war room's panel reads these). */
export async function listIncidentNotifications(tx: Tx, incidentId: string): Promise<NotificationRow[]> {
  return tx.select().from(notifications).where(eq(notifications.incidentId, incidentId)).orderBy(asc(notifications.id));
}

/**
 * The notifications about one alert no incident held, oldest first: their keys start with the
 * alert's id (`ALR-41:alert_page:…`). `_` and `%` cannot occur in an alert id, so the prefix is
 * matched literally.
 */
export async function alertNotificationRows(tx: Tx, alertId: string): Promise<NotificationRow[]> {
  return tx
    .select()
    .from(notifications)
    .where(like(notifications.idempotencyKey, `${alertId}:%`))
    .orderBy(asc(notifications.id));
}

/** How many rows are in each status: what a health check or a benchmark waits on. */
export async function countByStatus(tx: Tx): Promise<Record<NotificationStatus, number>> {
  const rows = await tx
    .select({ status: notifications.status, n: sql<number>`count(*)::int` })
    .from(notifications)
    .groupBy(notifications.status);
  const counts: Record<NotificationStatus, number> = { pending: 0, delivering: 0, delivered: 0, failed: 0, held: 0 };
  for (const row of rows) counts[row.status as NotificationStatus] = Number(row.n);
  return counts;
}

/** The idempotency keys already queued for an incident: what a preview marks as on its way. */
export async function queuedKeys(tx: Tx, incidentId: string): Promise<Set<string>> {
  const rows = await tx
    .select({ key: notifications.idempotencyKey })
    .from(notifications)
    .where(eq(notifications.incidentId, incidentId));
  return new Set(rows.map((row) => row.key));
}

/** One notification of an incident, or undefined. */
export async function findIncidentNotification(
  tx: Tx,
  incidentId: string,
  id: number,
): Promise<NotificationRow | undefined> {
  const [row] = await tx
    .select()
    .from(notifications)
    .where(and(eq(notifications.incidentId, incidentId), eq(notifications.id, id)));
  return row;
}

/**
 * Sends a failed notification again: pending now, with a fresh set of attempts. Only a failed
 * row is requeued (one pending or delivered is left alone); returns the row as it is after.
 */
export async function requeueFailed(tx: Tx, id: number, at: Date): Promise<NotificationRow | undefined> {
  const [row] = await tx
    .update(notifications)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: at, updatedAt: at })
    .where(and(eq(notifications.id, id), eq(notifications.status, 'failed')))
    .returning();
  return row;
}

/** Whether anything about an incident was queued on a channel (a page to PagerDuty, say). */
export async function hasNotificationsOn(tx: Tx, incidentId: string, channel: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.incidentId, incidentId), eq(notifications.channel, channel)))
    .limit(1);
  return row !== undefined;
}
