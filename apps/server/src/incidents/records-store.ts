import { and, asc, eq, inArray } from 'drizzle-orm';
import type { PgSequence } from 'drizzle-orm/pg-core';
import type { Tx } from '../db/connect';
import {
  blobs,
  decisionNumbers,
  decisions,
  evidence,
  evidenceNumbers,
  statusUpdateNumbers,
  statusUpdates,
} from '../db/schema';
import { nextval } from '../db/sequence';

export type DecisionRow = typeof decisions.$inferSelect;
export type EvidenceRow = typeof evidence.$inferSelect;
export type StatusUpdateRow = typeof statusUpdates.$inferSelect;

async function nextId(tx: Tx, sequence: PgSequence, prefix: string): Promise<string> {
  return `${prefix}-${await nextval(tx, sequence)}`;
}

export const nextDecisionId = (tx: Tx) => nextId(tx, decisionNumbers, 'DEC');
export const nextEvidenceId = (tx: Tx) => nextId(tx, evidenceNumbers, 'EV');
export const nextStatusUpdateId = (tx: Tx) => nextId(tx, statusUpdateNumbers, 'UPD');

export async function insertDecision(tx: Tx, row: DecisionRow): Promise<void> {
  await tx.insert(decisions).values(row);
}

export async function listDecisions(tx: Tx, incidentId: string): Promise<DecisionRow[]> {
  return tx
    .select()
    .from(decisions)
    .where(eq(decisions.incidentId, incidentId))
    .orderBy(asc(decisions.decidedAt), asc(decisions.id));
}

export async function insertEvidence(tx: Tx, row: EvidenceRow): Promise<void> {
  await tx.insert(evidence).values(row);
}

export async function listEvidence(tx: Tx, incidentId: string): Promise<EvidenceRow[]> {
  return tx
    .select()
    .from(evidence)
    .where(eq(evidence.incidentId, incidentId))
    .orderBy(asc(evidence.addedAt), asc(evidence.id));
}

export async function findEvidence(tx: Tx, incidentId: string, evidenceId: string): Promise<EvidenceRow | undefined> {
  const [row] = await tx
    .select()
    .from(evidence)
    .where(and(eq(evidence.incidentId, incidentId), eq(evidence.id, evidenceId)));
  return row;
}

/** Which of these evidence ids exist on the incident. */
export async function existingEvidenceIds(tx: Tx, incidentId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: evidence.id })
    .from(evidence)
    .where(and(eq(evidence.incidentId, incidentId), inArray(evidence.id, [...ids])));
  return new Set(rows.map((row) => row.id));
}

/** Stores content once by its SHA-256; the same bytes added twice are kept once. */
export async function putBlob(tx: Tx, sha256: string, content: Uint8Array, at: Date): Promise<void> {
  await tx.insert(blobs).values({ sha256, content, size: content.byteLength, createdAt: at }).onConflictDoNothing();
}

export async function getBlob(tx: Tx, sha256: string): Promise<Uint8Array | undefined> {
  const [row] = await tx.select({ content: blobs.content }).from(blobs).where(eq(blobs.sha256, sha256));
  return row?.content;
}

export async function insertStatusUpdate(tx: Tx, row: StatusUpdateRow): Promise<void> {
  await tx.insert(statusUpdates).values(row);
}

export async function listStatusUpdates(tx: Tx, incidentId: string): Promise<StatusUpdateRow[]> {
  return tx
    .select()
    .from(statusUpdates)
    .where(eq(statusUpdates.incidentId, incidentId))
    .orderBy(asc(statusUpdates.postedAt), asc(statusUpdates.id));
}
