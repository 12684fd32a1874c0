import type { SignedCheckpoint } from '@firebreak/core';
import { asc, desc, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { LOCKS } from '../db/locks';
import {
  auditLog,
  blobs,
  checkpoints,
  decisions,
  evidence,
  incidents,
  roleAssignments,
  statusUpdates,
} from '../db/schema';

/** A chained row as stored, with what a JavaScript Date or number would silently round away. */
export interface RawChainRow {
  chain: string;
  seq: number;
  at: Date;
  actor: string;
  kind: string;
  payload: Record<string, unknown>;
  /** The payload as PostgreSQL holds it (numbers exact). */
  payloadText: string;
  /** True when the stored time has digits below the millisecond the hash covers. */
  subMillisecond: boolean;
  prevHash: string;
  hash: string;
}

interface RawRow {
  chain: string;
  seq: number;
  at: string | Date;
  actor: string;
  kind: string;
  payload: Record<string, unknown> | string;
  payload_text: string;
  sub_ms: boolean;
  prev_hash: string;
  hash: string;
}

function toChainRow(row: RawRow): RawChainRow {
  return {
    chain: row.chain,
    seq: Number(row.seq),
    at: new Date(row.at),
    actor: row.actor,
    kind: row.kind,
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    payloadText: row.payload_text,
    subMillisecond: row.sub_ms,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

async function rows(tx: Tx, query: ReturnType<typeof sql>): Promise<RawRow[]> {
  const result = (await tx.execute(query)) as unknown as { rows: RawRow[] };
  return result.rows;
}

/** Every timeline entry, grouped by incident in sequence order. */
export async function readAllTimelines(tx: Tx): Promise<Map<string, RawChainRow[]>> {
  const found = await rows(
    tx,
    sql`select incident_id as chain, seq, at, actor, kind, payload, payload::text as payload_text,
      date_trunc('milliseconds', at) <> at as sub_ms, prev_hash, hash
      from timeline_events order by incident_id, seq`,
  );
  const byIncident = new Map<string, RawChainRow[]>();
  for (const row of found) {
    const list = byIncident.get(row.chain) ?? [];
    list.push(toChainRow(row));
    byIncident.set(row.chain, list);
  }
  return byIncident;
}

/** The audit log as a chain named `audit` (its kind is `action:subject`, as it was hashed). */
export async function readAuditChain(tx: Tx): Promise<RawChainRow[]> {
  const found = await rows(
    tx,
    sql`select 'audit' as chain, seq, at, actor, action || ':' || subject as kind, payload,
      payload::text as payload_text, date_trunc('milliseconds', at) <> at as sub_ms, prev_hash, hash
      from audit_log order by seq`,
  );
  return found.map(toChainRow);
}

export async function readIncidentRows(tx: Tx) {
  return tx.select().from(incidents).orderBy(asc(incidents.id));
}

/** The heads a checkpoint signs, read in one snapshot. */
export async function readHeads(tx: Tx) {
  const incidentHeads = await tx
    .select({ id: incidents.id, length: incidents.timelineLength, head: incidents.timelineHead })
    .from(incidents)
    .orderBy(asc(incidents.id));
  const [audit] = await tx
    .select({ length: auditLog.seq, head: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return { incidents: incidentHeads, audit: audit ?? null };
}

export async function readRecords(tx: Tx) {
  const [roles, decisionRows, evidenceRows, updates] = await Promise.all([
    tx.select().from(roleAssignments).orderBy(asc(roleAssignments.id)),
    tx.select().from(decisions).orderBy(asc(decisions.id)),
    tx.select().from(evidence).orderBy(asc(evidence.id)),
    tx.select().from(statusUpdates).orderBy(asc(statusUpdates.id)),
  ]);
  return { roles, decisions: decisionRows, evidence: evidenceRows, statusUpdates: updates };
}

export async function readBlob(tx: Tx, sha256: string): Promise<Uint8Array | undefined> {
  const [row] = await tx.select({ content: blobs.content }).from(blobs).where(sql`${blobs.sha256} = ${sha256}`);
  return row?.content;
}

export async function readCheckpoints(tx: Tx): Promise<SignedCheckpoint[]> {
  const found = await tx.select().from(checkpoints).orderBy(asc(checkpoints.seq));
  return found.map((row) => ({ ...row, at: row.at.toISOString() }));
}

export async function insertCheckpoint(tx: Tx, checkpoint: SignedCheckpoint): Promise<void> {
  await tx.insert(checkpoints).values({ ...checkpoint, at: new Date(checkpoint.at) });
}

/** Serialises checkpoint writers across connections and replicas (any fixed number). */
export async function lockCheckpoints(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCKS.checkpoint})`);
}
