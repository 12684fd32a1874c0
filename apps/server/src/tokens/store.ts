import { asc, count, eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { LOCKS } from '../db/locks';
import { apiTokens, tokenNumbers } from '../db/schema';
import { nextval } from '../db/sequence';

export type TokenRow = typeof apiTokens.$inferSelect;

export async function nextTokenId(tx: Tx): Promise<string> {
  return `TOK-${await nextval(tx, tokenNumbers)}`;
}

/**
 * Serialises first starts: replicas started together on an empty store would each count no token
 * and each create an admin, two admins with different secrets (or one failing on the id).
 */
export async function lockTokenBootstrap(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCKS.tokenBootstrap})`);
}

export async function countTokens(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(apiTokens);
  return Number(row?.n ?? 0);
}

export async function insertToken(tx: Tx, row: typeof apiTokens.$inferInsert): Promise<TokenRow> {
  const [inserted] = await tx.insert(apiTokens).values(row).returning();
  return inserted!;
}

export async function findTokenByHash(tx: Tx, tokenHash: string): Promise<TokenRow | undefined> {
  const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash));
  return row;
}

export async function findToken(tx: Tx, id: string): Promise<TokenRow | undefined> {
  const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for('update');
  return row;
}

export async function listTokens(tx: Tx): Promise<TokenRow[]> {
  return tx.select().from(apiTokens).orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
}

export async function updateToken(tx: Tx, id: string, patch: Partial<TokenRow>): Promise<TokenRow> {
  const [row] = await tx.update(apiTokens).set(patch).where(eq(apiTokens.id, id)).returning();
  return row!;
}
