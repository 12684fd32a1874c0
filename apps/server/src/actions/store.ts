import type { ActionListQuery } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import {
  and,
  arrayContains,
  asc,
  count,
  desc,
  eq,
  inArray,
  isNotNull,
  lt,
  lte,
  notInArray,
  type SQL,
} from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { actionFollowUps, actionNumbers, actions, actionVerifications, verificationNumbers } from '../db/schema';
import { nextval } from '../db/sequence';

export type ActionRow = typeof actions.$inferSelect;
export type VerificationRow = typeof actionVerifications.$inferSelect;
export type FollowUpRow = typeof actionFollowUps.$inferSelect;

const FINISHED = ['closed', 'cancelled'];

export async function nextActionNumber(tx: Tx): Promise<number> {
  return nextval(tx, actionNumbers);
}

export async function insertAction(tx: Tx, row: ActionRow): Promise<void> {
  await tx.insert(actions).values(row);
}

/** Reads an action and locks it for the rest of the transaction. */
export async function lockAction(tx: Tx, id: string): Promise<ActionRow> {
  const [row] = await tx.select().from(actions).where(eq(actions.id, id)).for('update');
  if (!row) throw actionNotFound(id);
  return row;
}

export async function findAction(tx: Tx, id: string): Promise<ActionRow> {
  const [row] = await tx.select().from(actions).where(eq(actions.id, id));
  if (!row) throw actionNotFound(id);
  return row;
}

function actionNotFound(id: string): DomainError {
  return new DomainError('not_found', `action ${id} not found`, { details: { id } });
}

export async function updateAction(tx: Tx, id: string, patch: Partial<ActionRow>): Promise<void> {
  await tx.update(actions).set(patch).where(eq(actions.id, id));
}

export interface ActionFilter extends Omit<ActionListQuery, 'owner'> {
  /** Person ids and names that count as the owner asked for. */
  owners?: readonly string[] | undefined;
  now: Date;
}

export async function listActions(tx: Tx, filter: ActionFilter): Promise<{ rows: ActionRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.owners) conditions.push(inArray(actions.owner, [...filter.owners]));
  if (filter.system) conditions.push(arrayContains(actions.systems, [filter.system]));
  if (filter.incident) conditions.push(eq(actions.incidentId, filter.incident));
  if (filter.status) conditions.push(eq(actions.status, filter.status));
  if (filter.open || filter.overdue) conditions.push(notInArray(actions.status, FINISHED));
  if (filter.overdue) conditions.push(isNotNull(actions.dueAt), lt(actions.dueAt, filter.now));
  const where = and(...conditions);
  const [total] = await tx.select({ total: count() }).from(actions).where(where);
  const rows = await tx
    .select()
    .from(actions)
    .where(where)
    .orderBy(asc(actions.dueAt), asc(actions.number))
    .limit(filter.limit)
    .offset(filter.offset);
  return { rows, total: total?.total ?? 0 };
}

export async function actionsOfIncidents(tx: Tx, incidentIds: readonly string[]): Promise<ActionRow[]> {
  if (incidentIds.length === 0) return [];
  return tx
    .select()
    .from(actions)
    .where(inArray(actions.incidentId, [...incidentIds]))
    .orderBy(asc(actions.number));
}

export async function nextVerificationId(tx: Tx): Promise<{ id: string; number: number }> {
  const number = await nextval(tx, verificationNumbers);
  return { id: `VER-${number}`, number };
}

export async function insertVerification(tx: Tx, row: VerificationRow): Promise<void> {
  await tx.insert(actionVerifications).values(row);
}

export async function verificationsOf(tx: Tx, actionId: string): Promise<VerificationRow[]> {
  return tx
    .select()
    .from(actionVerifications)
    .where(eq(actionVerifications.actionId, actionId))
    .orderBy(desc(actionVerifications.number));
}

/** The latest verification of each action. */
export async function lastVerifications(tx: Tx, actionIds: readonly string[]): Promise<Map<string, VerificationRow>> {
  const result = new Map<string, VerificationRow>();
  if (actionIds.length === 0) return result;
  const rows = await tx
    .select()
    .from(actionVerifications)
    .where(inArray(actionVerifications.actionId, [...actionIds]))
    .orderBy(asc(actionVerifications.number));
  for (const row of rows) result.set(row.actionId, row);
  return result;
}

export async function insertFollowUp(tx: Tx, row: FollowUpRow): Promise<boolean> {
  const inserted = await tx
    .insert(actionFollowUps)
    .values(row)
    .onConflictDoNothing()
    .returning({ day: actionFollowUps.day });
  return inserted.length > 0;
}

export async function followUpsOf(tx: Tx, actionIds: readonly string[]): Promise<Map<string, FollowUpRow[]>> {
  const result = new Map<string, FollowUpRow[]>();
  if (actionIds.length === 0) return result;
  const rows = await tx
    .select()
    .from(actionFollowUps)
    .where(inArray(actionFollowUps.actionId, [...actionIds]));
  for (const row of rows) result.set(row.actionId, [...(result.get(row.actionId) ?? []), row]);
  return result;
}

/** Actions with a follow-up day passed and not yet run: created before `now − 30 days`, not cancelled. */
export async function actionsDueForFollowUp(tx: Tx, createdBefore: Date): Promise<ActionRow[]> {
  return tx
    .select()
    .from(actions)
    .where(and(lte(actions.createdAt, createdBefore), notInArray(actions.status, ['cancelled'])))
    .orderBy(asc(actions.number))
    .limit(500);
}
