import { DomainError } from '@firebreak/core';
import { and, asc, desc, eq, gt, inArray, isNotNull, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { approvalNumbers, controlApprovals, controlChanges, controls, obligations } from '../db/schema';
import { nextval } from '../db/sequence';
import { openIncidentsOnSystem } from '../incidents/store';

export type ControlRow = typeof controls.$inferSelect;
export type ControlChangeRow = typeof controlChanges.$inferSelect;
export type ApprovalRow = typeof controlApprovals.$inferSelect;

export async function findControl(tx: Tx, key: string): Promise<ControlRow | undefined> {
  const [row] = await tx.select().from(controls).where(eq(controls.key, key));
  return row;
}

/** Reads a control and locks it, so changes to one control apply one after another. */
export async function lockControl(tx: Tx, key: string): Promise<ControlRow> {
  const [row] = await tx.select().from(controls).where(eq(controls.key, key)).for('update');
  if (!row) throw await controlNotFound(tx, key);
  return row;
}

/** Not found, with the controls the system does have: under pressure a typo needs the right name. */
export async function controlNotFound(tx: Tx, key: string): Promise<DomainError> {
  const system = key.slice(0, key.lastIndexOf('.'));
  const names = (
    await tx
      .select({ name: controls.name })
      .from(controls)
      .where(eq(controls.system, system))
      .orderBy(asc(controls.name))
  ).map((row) => row.name);
  const known =
    names.length > 0
      ? `${system} has ${names.join(', ')}`
      : `${system} has no controls; declare them on its system card (firebreak.yaml controls:)`;
  return new DomainError('not_found', `control ${key} not found; ${known}`, { details: { key, controls: names } });
}

export async function listControlRows(
  tx: Tx,
  filter: { systems?: readonly string[]; afterSeq?: number } = {},
): Promise<ControlRow[]> {
  const where: SQL[] = [];
  if (filter.systems && filter.systems.length > 0) where.push(inArray(controls.system, [...filter.systems]));
  if (filter.afterSeq !== undefined) where.push(gt(controls.seq, filter.afterSeq));
  return tx
    .select()
    .from(controls)
    .where(and(...where))
    .orderBy(asc(controls.key));
}

export async function insertControl(tx: Tx, row: typeof controls.$inferInsert): Promise<void> {
  await tx.insert(controls).values(row);
}

export async function updateControl(tx: Tx, key: string, patch: Partial<typeof controls.$inferInsert>): Promise<void> {
  await tx.update(controls).set(patch).where(eq(controls.key, key));
}

/** Appends to the control's history and returns the entry's seq (the stream's event id). */
export async function appendChange(tx: Tx, row: Omit<typeof controlChanges.$inferInsert, 'seq'>): Promise<number> {
  const [inserted] = await tx.insert(controlChanges).values(row).returning({ seq: controlChanges.seq });
  return inserted!.seq;
}

export async function listChanges(tx: Tx, key: string, limit: number): Promise<ControlChangeRow[]> {
  return tx
    .select()
    .from(controlChanges)
    .where(eq(controlChanges.key, key))
    .orderBy(desc(controlChanges.seq))
    .limit(limit);
}

/** The newest seq of any change, for a stream to start from. */
export async function latestSeq(tx: Tx): Promise<number> {
  const [row] = await tx
    .select({ seq: controlChanges.seq })
    .from(controlChanges)
    .orderBy(desc(controlChanges.seq))
    .limit(1);
  return row?.seq ?? 0;
}

/** Temporary changes whose time is up, locked so only one sweeper reverts each. */
export async function lockExpired(tx: Tx, now: Date): Promise<ControlRow[]> {
  return tx
    .select()
    .from(controls)
    .where(and(isNotNull(controls.expiresAt), lte(controls.expiresAt, now)))
    .orderBy(asc(controls.expiresAt))
    .limit(100)
    .for('update', { skipLocked: true });
}

export async function nextExpiry(tx: Tx): Promise<Date | undefined> {
  const [row] = await tx
    .select({ at: controls.expiresAt })
    .from(controls)
    .where(isNotNull(controls.expiresAt))
    .orderBy(asc(controls.expiresAt))
    .limit(1);
  return row?.at ?? undefined;
}

export async function insertApproval(
  tx: Tx,
  row: Omit<typeof controlApprovals.$inferInsert, 'id'>,
): Promise<ApprovalRow> {
  const [inserted] = await tx
    .insert(controlApprovals)
    .values({ ...row, id: `APR-${await nextval(tx, approvalNumbers)}` })
    .returning();
  return inserted!;
}

export async function lockApproval(tx: Tx, id: string): Promise<ApprovalRow> {
  const [row] = await tx.select().from(controlApprovals).where(eq(controlApprovals.id, id)).for('update');
  if (!row) throw new DomainError('not_found', `approval ${id} not found`, { details: { id } });
  return row;
}

export async function updateApproval(
  tx: Tx,
  id: string,
  patch: Partial<typeof controlApprovals.$inferInsert>,
): Promise<void> {
  await tx.update(controlApprovals).set(patch).where(eq(controlApprovals.id, id));
}

export async function listApprovals(tx: Tx, filter: { status?: string; key?: string }): Promise<ApprovalRow[]> {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(controlApprovals.status, filter.status));
  if (filter.key) where.push(eq(controlApprovals.key, filter.key));
  return tx
    .select()
    .from(controlApprovals)
    .where(and(...where))
    .orderBy(desc(controlApprovals.requestedAt))
    .limit(500);
}

/** Marks a control's pending approvals superseded (but `except`): they were asked against another state. */
export async function supersedeApprovals(
  tx: Tx,
  key: string,
  except: string | null,
  at: Date,
  reason: string,
): Promise<void> {
  const where = [eq(controlApprovals.key, key), eq(controlApprovals.status, 'pending')];
  if (except) where.push(ne(controlApprovals.id, except));
  await tx
    .update(controlApprovals)
    .set({ status: 'superseded', decidedAt: at, decisionReason: reason })
    .where(and(...where));
}

/** Open SEV1 and SEV2 incidents on a system, as `INC-4 (SEV1)`: while any is open, risky changes need approval. */
export async function openSeriousIncidents(tx: Tx, system: string): Promise<string[]> {
  const rows = await openIncidentsOnSystem(tx, system, ['SEV1', 'SEV2']);
  return rows.map((row) => `${row.id} (${row.severity})`);
}

/** Open incidents (any severity) on a system: a change that names none still goes on their timelines. */
export async function openIncidentsOn(tx: Tx, system: string): Promise<string[]> {
  return (await openIncidentsOnSystem(tx, system)).map((row) => row.id);
}

/**
 * Moves what one incident holds of the controls to another (a merge): the controls its last
 * change named, and pending approvals that cite it. Returns the control keys and approval ids.
 */
export async function repointControls(
  tx: Tx,
  from: string,
  to: string,
): Promise<{ controls: string[]; approvals: string[] }> {
  const moved = await tx
    .update(controls)
    .set({ incidentId: to })
    .where(eq(controls.incidentId, from))
    .returning({ key: controls.key });
  const approvals = await tx
    .update(controlApprovals)
    .set({ change: sql`jsonb_set(${controlApprovals.change}, '{incident}', to_jsonb(${to}::text))` })
    .where(and(eq(controlApprovals.status, 'pending'), sql`${controlApprovals.change}->>'incident' = ${from}`))
    .returning({ id: controlApprovals.id });
  return { controls: moved.map((row) => row.key).sort(), approvals: approvals.map((row) => row.id).sort() };
}

/**
 * Rules whose obligation, while pending, holds the system's evidence: AI Act Art. 73(6) forbids
 * altering the system in a way that affects the evaluation of causes before the authority is
 * informed (the variants 73(2), (3) and (4) are one obligation, `eu.aia.73…`).
 */
export const EVIDENCE_HOLD_RULES = ['eu.aia.73'] as const;

/** Pending obligations on a system that hold its evidence, across its open incidents. */
export async function evidenceHolds(
  tx: Tx,
  system: string,
): Promise<Array<{ id: string; incidentId: string; regime: string; article: string; ruleId: string }>> {
  const rows = await tx
    .select({
      id: obligations.id,
      incidentId: obligations.incidentId,
      regime: obligations.regime,
      article: obligations.article,
      ruleId: obligations.ruleId,
    })
    .from(obligations)
    .where(and(eq(obligations.system, system), eq(obligations.state, 'pending')));
  return rows.filter((row) => EVIDENCE_HOLD_RULES.some((rule) => row.ruleId.startsWith(rule)));
}
