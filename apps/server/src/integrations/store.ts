import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { integrationNumbers, integrations } from '../db/schema';
import { nextval } from '../db/sequence';

export type IntegrationRow = typeof integrations.$inferSelect;

export async function nextIntegrationId(tx: Tx): Promise<string> {
  return `INT-${await nextval(tx, integrationNumbers)}`;
}

export async function insertIntegration(tx: Tx, row: typeof integrations.$inferInsert): Promise<IntegrationRow> {
  const [inserted] = await tx.insert(integrations).values(row).returning();
  return inserted!;
}

/** The integration in use under this name, if any (a revoked one frees its name). */
export async function findLiveIntegrationByName(tx: Tx, name: string): Promise<IntegrationRow | undefined> {
  const [row] = await tx
    .select()
    .from(integrations)
    .where(and(eq(integrations.name, name), isNull(integrations.revokedAt)));
  return row;
}

export async function findIntegrationBySecretHash(tx: Tx, secretHash: string): Promise<IntegrationRow | undefined> {
  const [row] = await tx.select().from(integrations).where(eq(integrations.secretHash, secretHash));
  return row;
}

/** One integration, locked for a change when `forUpdate`. */
export async function findIntegration(
  tx: Tx,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<IntegrationRow | undefined> {
  const query = tx.select().from(integrations).where(eq(integrations.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function listIntegrations(tx: Tx): Promise<IntegrationRow[]> {
  return tx.select().from(integrations).orderBy(asc(integrations.createdAt), asc(integrations.id));
}

export async function updateIntegration(tx: Tx, id: string, patch: Partial<IntegrationRow>): Promise<IntegrationRow> {
  const [row] = await tx.update(integrations).set(patch).where(eq(integrations.id, id)).returning();
  return row!;
}
