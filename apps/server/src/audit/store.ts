import { GENESIS_HASH, hashEntry } from '@firebreak/core';
import { asc, desc, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { LOCKS } from '../db/locks';
import { auditLog } from '../db/schema';

// Any fixed number: serialises appends to the one audit chain across connections and replicas.

export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  subject: string;
  payload: Record<string, unknown>;
}

/**
 * Appends to the audit log of changes that belong to no incident (catalog, tokens). Chained
 * like a timeline: the chain's name is `audit` where a timeline's is the incident id.
 */
export async function appendAudit(tx: Tx, entry: AuditEntry, options: { locked?: boolean } = {}): Promise<void> {
  if (!options.locked) await lockAudit(tx);
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const kind = `${entry.action}:${entry.subject}`;
  const hash = await hashEntry({
    incidentId: 'audit',
    seq,
    at: entry.at.toISOString(),
    actor: entry.actor,
    kind,
    payload: entry.payload,
    prevHash,
  });
  await tx.insert(auditLog).values({
    seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    payload: entry.payload,
    prevHash,
    hash,
  });
}

/**
 * Takes the audit chain's lock for the rest of the transaction (re-entrant). Changes that draw
 * a sequence number before appending to the audit log take it first, so their numbers commit
 * in order and a stream resuming "after n" never skips a change that committed late.
 */
export async function lockAudit(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCKS.audit})`);
}

export async function readAudit(tx: Tx) {
  return tx.select().from(auditLog).orderBy(asc(auditLog.seq));
}
