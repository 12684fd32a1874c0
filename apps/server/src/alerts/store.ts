import { DomainError } from '@firebreak/core';
import type { AlertEvent } from '@firebreak/detection';
import { and, desc, eq, gte, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { alertNumbers, alertSuppressions, alerts } from '../db/schema';
import { nextval } from '../db/sequence';

export type AlertRow = typeof alerts.$inferSelect;

/**
 * Records an alert that opened. Returns the row, or undefined when this episode was recorded
 * before (a replay after a restart): the (fingerprint, opened at) pair makes it idempotent.
 */
export async function insertOpenedAlert(
  tx: Tx,
  event: AlertEvent,
  suppressedUntil: Date | null,
  exerciseId: string | null = null,
): Promise<AlertRow | undefined> {
  const [existing] = await tx
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.fingerprint, event.fingerprint), eq(alerts.openedAt, new Date(event.at))));
  if (existing) return undefined;
  const [row] = await tx
    .insert(alerts)
    .values({
      id: `ALR-${await nextval(tx, alertNumbers)}`,
      fingerprint: event.fingerprint,
      system: event.system,
      monitor: event.monitor,
      signal: event.signal,
      detector: event.detector,
      segment: event.segment ?? null,
      level: event.level,
      status: 'firing',
      openedAt: new Date(event.at),
      onset: new Date(event.onset),
      lastAt: new Date(event.at),
      value: event.value,
      threshold: event.threshold,
      score: event.score,
      owner: event.owner,
      runbook: event.runbook ?? null,
      exerciseId,
      // A copy: the engine's interface has no index signature, the stored shape (the contract's) does.
      evidence: { ...event.evidence },
      suppressedUntil,
    })
    .returning();
  return row;
}

/** The firing alert of a fingerprint, if any. */
export async function firingAlert(tx: Tx, fingerprint: string): Promise<AlertRow | undefined> {
  const [row] = await tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.fingerprint, fingerprint), eq(alerts.status, 'firing')))
    .orderBy(desc(alerts.openedAt))
    .limit(1);
  return row;
}

export async function updateAlert(tx: Tx, id: string, patch: Partial<AlertRow>): Promise<AlertRow> {
  const [row] = await tx.update(alerts).set(patch).where(eq(alerts.id, id)).returning();
  return row!;
}

/** Records who acknowledged an alert, unless someone already did: undefined then, the first stays. */
export async function markAcknowledged(tx: Tx, id: string, by: string, at: Date): Promise<AlertRow | undefined> {
  const [row] = await tx
    .update(alerts)
    .set({ acknowledgedBy: by, acknowledgedAt: at })
    .where(and(eq(alerts.id, id), isNull(alerts.acknowledgedAt)))
    .returning();
  return row;
}

export async function findAlert(tx: Tx, id: string): Promise<AlertRow | undefined> {
  const [row] = await tx.select().from(alerts).where(eq(alerts.id, id));
  return row;
}

/** An alert that must exist: its row, or a 404 naming the id. */
export async function requireAlert(tx: Tx, id: string): Promise<AlertRow> {
  const row = await findAlert(tx, id);
  if (!row) throw new DomainError('not_found', `alert ${id} not found`, { details: { id } });
  return row;
}

export async function listAlerts(
  tx: Tx,
  filter: { status?: string; system?: string; incident?: string; limit: number },
): Promise<AlertRow[]> {
  const conditions: SQL[] = [];
  if (filter.status) conditions.push(eq(alerts.status, filter.status));
  if (filter.system) conditions.push(eq(alerts.system, filter.system));
  if (filter.incident) conditions.push(eq(alerts.incidentId, filter.incident));
  return tx
    .select()
    .from(alerts)
    .where(and(...conditions))
    .orderBy(desc(alerts.openedAt))
    .limit(filter.limit);
}

/** Alerts of a system opened since `since`, for composite triggers. */
export async function recentAlerts(tx: Tx, system: string, since: Date): Promise<AlertRow[]> {
  return tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.system, system), gte(alerts.openedAt, since), inArray(alerts.status, ['firing', 'resolved'])));
}

export async function activeSuppression(tx: Tx, fingerprint: string, at: Date): Promise<Date | null> {
  const [row] = await tx.select().from(alertSuppressions).where(eq(alertSuppressions.fingerprint, fingerprint));
  return row && row.until > at ? row.until : null;
}

export async function upsertSuppression(tx: Tx, row: typeof alertSuppressions.$inferInsert): Promise<void> {
  await tx
    .insert(alertSuppressions)
    .values(row)
    .onConflictDoUpdate({
      target: alertSuppressions.fingerprint,
      set: { until: row.until, reason: row.reason, createdBy: row.createdBy, createdAt: row.createdAt },
    });
}

/** Moves every alert of one incident to another (a merge); returns the ids moved. */
export async function repointAlerts(tx: Tx, from: string, to: string): Promise<string[]> {
  const rows = await tx
    .update(alerts)
    .set({ incidentId: to })
    .where(eq(alerts.incidentId, from))
    .returning({ id: alerts.id });
  return rows.map((row) => row.id).sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
}

/**
 * Page-level alerts still firing that no incident holds and nobody has acknowledged: the ones
 * whose pages escalate. Oldest first.
 */
export async function unansweredPageAlerts(tx: Tx): Promise<AlertRow[]> {
  return tx
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.level, 'page'),
        eq(alerts.status, 'firing'),
        isNull(alerts.incidentId),
        isNull(alerts.acknowledgedAt),
      ),
    )
    .orderBy(alerts.openedAt)
    .limit(500);
}

/** The alerts of these fingerprints that are firing now or opened since `since`: is a monitor that fired quiet again? */
export async function alertsOfFingerprintsSince(
  tx: Tx,
  fingerprints: readonly string[],
  since: Date,
): Promise<AlertRow[]> {
  if (fingerprints.length === 0) return [];
  return tx
    .select()
    .from(alerts)
    .where(
      and(
        inArray(alerts.fingerprint, [...fingerprints]),
        or(eq(alerts.status, 'firing'), gte(alerts.openedAt, since)),
        ne(alerts.status, 'dismissed'),
      ),
    )
    .orderBy(alerts.openedAt);
}

/**
 * Records an alert a source outside Firebreak raised (docs/adr/0040). Returns the row, or
 * undefined when its episode (fingerprint, opened at) is recorded already: a retry, or the same
 * batch sent concurrently, which waits here for the first one's commit and then adds nothing.
 */
export async function insertExternalAlert(
  tx: Tx,
  values: Omit<typeof alerts.$inferInsert, 'id'>,
): Promise<AlertRow | undefined> {
  const [row] = await tx
    .insert(alerts)
    .values({ id: `ALR-${await nextval(tx, alertNumbers)}`, ...values })
    .onConflictDoNothing({ target: [alerts.fingerprint, alerts.openedAt] })
    .returning();
  return row;
}

/** The alert of one episode of a fingerprint (the one that opened at `openedAt`), if recorded. */
export async function findEpisode(tx: Tx, fingerprint: string, openedAt: Date): Promise<AlertRow | undefined> {
  const [row] = await tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.fingerprint, fingerprint), eq(alerts.openedAt, openedAt)));
  return row;
}

/**
 * Holds these fingerprints until the transaction ends, in one order so two writers cannot
 * deadlock: a source's retries of one alert are then applied one after the other.
 */
export async function lockFingerprints(tx: Tx, fingerprints: readonly string[]): Promise<void> {
  for (const fingerprint of [...new Set(fingerprints)].sort())
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`alert:${fingerprint}`}, 0))`);
}
