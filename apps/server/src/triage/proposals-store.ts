import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { proposalNumbers, triageProposals } from '../db/schema';
import { nextval } from '../db/sequence';

export type ProposalRow = typeof triageProposals.$inferSelect;

/** Opens a proposal; a second one for the same alert and rule is ignored. */
export async function insertProposal(
  tx: Tx,
  row: Omit<typeof triageProposals.$inferInsert, 'id' | 'status'>,
): Promise<void> {
  await tx
    .insert(triageProposals)
    .values({ id: `TRI-${await nextval(tx, proposalNumbers)}`, ...row, status: 'open' })
    .onConflictDoNothing();
}

/** Proposals, oldest first, of one status or all. */
export async function listProposalRows(tx: Tx, status?: string): Promise<ProposalRow[]> {
  return tx
    .select()
    .from(triageProposals)
    .where(status ? eq(triageProposals.status, status) : undefined)
    .orderBy(asc(triageProposals.createdAt));
}

/** The proposal, locked for the decision about it. */
export async function lockProposal(tx: Tx, id: string): Promise<ProposalRow | undefined> {
  const [row] = await tx.select().from(triageProposals).where(eq(triageProposals.id, id)).for('update');
  return row;
}

export async function updateProposal(
  tx: Tx,
  id: string,
  patch: Partial<typeof triageProposals.$inferInsert>,
): Promise<ProposalRow> {
  const [row] = await tx.update(triageProposals).set(patch).where(eq(triageProposals.id, id)).returning();
  return row!;
}
