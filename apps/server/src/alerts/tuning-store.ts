import { and, asc, desc, eq, gt, gte, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { LOCKS } from '../db/locks';
import { alerts, alertTunings } from '../db/schema';

export type TuningRow = typeof alertTunings.$inferSelect;

// Any fixed number: serialises tuning changes, so two dismissals of one series count two steps.

/** Takes the tuning log's lock for the rest of the transaction. */
export async function lockTunings(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCKS.tuning})`);
}

export async function appendTuning(tx: Tx, row: Omit<typeof alertTunings.$inferInsert, 'seq'>): Promise<TuningRow> {
  const [inserted] = await tx.insert(alertTunings).values(row).returning();
  return inserted!;
}

/** A series' tuning log, oldest first. */
export async function tuningsOf(tx: Tx, fingerprint: string): Promise<TuningRow[]> {
  return tx.select().from(alertTunings).where(eq(alertTunings.fingerprint, fingerprint)).orderBy(asc(alertTunings.seq));
}

/** Entries after `seq`, oldest first: what a running engine has not applied yet. */
export async function tuningsAfter(tx: Tx, seq: number): Promise<TuningRow[]> {
  return tx.select().from(alertTunings).where(gt(alertTunings.seq, seq)).orderBy(asc(alertTunings.seq));
}

/** The whole log, oldest first (it grows by one row per dismissal or revert). */
export async function allTunings(tx: Tx): Promise<TuningRow[]> {
  return tx.select().from(alertTunings).orderBy(asc(alertTunings.seq));
}

/** The latest entry of every series: the steps an engine must hold. */
export async function latestTunings(tx: Tx): Promise<TuningRow[]> {
  return tx
    .selectDistinctOn([alertTunings.fingerprint])
    .from(alertTunings)
    .orderBy(alertTunings.fingerprint, desc(alertTunings.seq));
}

/**
 * Alerts and dismissals per system and monitor since a time, for monitor status and hygiene.
 * Across systems (hygiene) drills' alerts are left out: a drill never counts in real metrics.
 */
export async function alertCounts(
  tx: Tx,
  since: Date,
  system?: string,
): Promise<
  Array<{ system: string; monitor: string; signal: string; owner: string; alerts: number; dismissed: number }>
> {
  const rows = await tx
    .select({
      system: alerts.system,
      monitor: alerts.monitor,
      signal: sql<string>`max(${alerts.signal})`,
      owner: sql<string>`max(${alerts.owner})`,
      alerts: sql<number>`count(*)::int`,
      dismissed: sql<number>`(count(*) filter (where ${alerts.status} = 'dismissed'))::int`,
    })
    .from(alerts)
    .where(
      and(gte(alerts.openedAt, since), system === undefined ? isNull(alerts.exerciseId) : eq(alerts.system, system)),
    )
    .groupBy(alerts.system, alerts.monitor);
  return rows.map((row) => ({ ...row, alerts: Number(row.alerts), dismissed: Number(row.dismissed) }));
}
