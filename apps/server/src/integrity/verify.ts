import { createHash } from 'node:crypto';
import {
  type CheckpointBody,
  type CheckpointExport,
  GENESIS_HASH,
  verifyChain,
  verifyCheckpointExport,
} from '@firebreak/core';
import type { Tx } from '../db/connect';
import { inexactNumbers } from './exact-numbers';
import type { CheckpointKey } from './key';
import { compareIncident, compareRecords, deriveIncident } from './projection';
import {
  type RawChainRow,
  readAllTimelines,
  readAuditChain,
  readBlob,
  readCheckpoints,
  readIncidentRows,
  readRecords,
} from './store';

export interface IntegrityProblem {
  /** An incident id, `audit`, `checkpoints` or `store`. */
  scope: string;
  check: 'chain' | 'precision' | 'checkpoint' | 'projection' | 'evidence' | 'deleted' | 'signature';
  message: string;
}

export interface IntegrityReport {
  intact: boolean;
  checkedAt: string;
  incidents: number;
  timelineEntries: number;
  auditEntries: number;
  checkpoints: number;
  evidenceFiles: number;
  problems: IntegrityProblem[];
}

/** What a checkpoint's heads say about one chain: at `length`, the entry's hash was `head`. */
function checkAgainst(scope: string, rows: readonly RawChainRow[], heads: Array<[number, number, string]>) {
  const problems: IntegrityProblem[] = [];
  for (const [checkpoint, length, head] of heads) {
    const hash = length === 0 ? GENESIS_HASH : rows[length - 1]?.hash;
    if (hash === undefined || rows[length - 1]?.seq !== length)
      problems.push({
        scope,
        check: 'checkpoint',
        message: `checkpoint ${checkpoint} signed ${length} entries but only ${rows.length} remain`,
      });
    else if (hash !== head)
      problems.push({
        scope,
        check: 'checkpoint',
        message: `entry ${length} differs from the head checkpoint ${checkpoint} signed (the chain was rewritten)`,
      });
  }
  return problems;
}

/** The chain itself: hashes, links, the stored head, and values the hash could not see change. */
async function checkChain(scope: string, rows: readonly RawChainRow[], head?: { length: number; hash: string }) {
  const problems: IntegrityProblem[] = [];
  const entries = rows.map((r) => ({ ...r, incidentId: r.chain, at: r.at.toISOString() }));
  const last = entries.at(-1);
  const verdict = await verifyChain(entries, head ?? { length: entries.length, hash: last?.hash ?? GENESIS_HASH });
  if (!verdict.intact && verdict.firstBreak)
    problems.push({ scope, check: 'chain', message: verdict.firstBreak.reason });
  for (const row of rows) {
    if (row.subMillisecond)
      problems.push({
        scope,
        check: 'precision',
        message: `entry ${row.seq}: its time was changed below the millisecond`,
      });
    const inexact = inexactNumbers(row.payloadText);
    if (inexact.length > 0)
      problems.push({
        scope,
        check: 'precision',
        message: `entry ${row.seq}: number ${inexact[0]} was not written by Firebreak (beyond double precision)`,
      });
  }
  return problems;
}

/**
 * Verifies the whole store: every timeline and the audit log as chains, against every signed
 * checkpoint (so a recomputed chain, a truncation or a deleted incident shows), the incident
 * rows and records against the timeline that recorded them, and evidence bytes against their
 * SHA-256. `external` checkpoints (an export a third party kept) are checked in place of the
 * database's own, which whoever can write the database can also delete.
 */
export async function verifyStore(
  db: Tx,
  options: { key?: CheckpointKey | undefined; external?: CheckpointExport; now: Date },
): Promise<IntegrityReport> {
  const problems: IntegrityProblem[] = [];
  const [timelines, audit, incidentRows, records] = await Promise.all([
    readAllTimelines(db),
    readAuditChain(db),
    readIncidentRows(db),
    readRecords(db),
  ]);
  const bodies = await checkpointBodies(db, options, problems);

  problems.push(...(await checkChain('audit', audit)));
  problems.push(
    ...checkAgainst(
      'audit',
      audit,
      bodies.map((b) => [b.seq, b.audit.length, b.audit.head]),
    ),
  );

  const known = new Set(incidentRows.map((row) => row.id));
  for (const body of bodies)
    for (const incident of body.incidents)
      if (!known.has(incident.id)) {
        known.add(incident.id);
        problems.push({
          scope: incident.id,
          check: 'deleted',
          message: `${incident.id} is in checkpoint ${body.seq} but no longer in the store`,
        });
      }
  for (const id of timelines.keys())
    if (!incidentRows.some((row) => row.id === id))
      problems.push({ scope: id, check: 'deleted', message: `${id} has a timeline but no incident row` });

  for (const row of incidentRows) {
    const rows = timelines.get(row.id) ?? [];
    problems.push(...(await checkChain(row.id, rows, { length: row.timelineLength, hash: row.timelineHead })));
    const heads = bodies.flatMap((b) =>
      b.incidents.filter((i) => i.id === row.id).map((i): [number, number, string] => [b.seq, i.length, i.head]),
    );
    problems.push(...checkAgainst(row.id, rows, heads));
    const roles = records.roles.filter((r) => r.incidentId === row.id);
    for (const message of compareIncident(row, deriveIncident(rows), roles))
      problems.push({ scope: row.id, check: 'projection', message });
    for (const message of compareRecords(row.id, rows, records))
      problems.push({ scope: row.id, check: 'projection', message });
  }

  let evidenceFiles = 0;
  for (const item of records.evidence.filter((e) => e.storage === 'server')) {
    evidenceFiles += 1;
    const content = await readBlob(db, item.sha256);
    const digest = content ? createHash('sha256').update(content).digest('hex') : null;
    if (digest !== item.sha256 || content?.byteLength !== item.size)
      problems.push({
        scope: item.incidentId,
        check: 'evidence',
        message: content
          ? `evidence ${item.id}: its content no longer matches its SHA-256`
          : `evidence ${item.id}: its content is missing`,
      });
  }

  return {
    intact: problems.length === 0,
    checkedAt: options.now.toISOString(),
    incidents: incidentRows.length,
    timelineEntries: [...timelines.values()].reduce((n, rows) => n + rows.length, 0),
    auditEntries: audit.length,
    checkpoints: bodies.length,
    evidenceFiles,
    problems,
  };
}

async function checkpointBodies(
  db: Tx,
  options: { key?: CheckpointKey | undefined; external?: CheckpointExport },
  problems: IntegrityProblem[],
): Promise<CheckpointBody[]> {
  const exported: CheckpointExport | undefined =
    options.external ??
    (options.key
      ? {
          format: 'firebreak-checkpoints/1',
          publicKey: options.key.publicKey,
          keyId: options.key.keyId,
          exportedAt: '',
          checkpoints: await readCheckpoints(db),
        }
      : undefined);
  if (!exported) return [];
  const verdict = await verifyCheckpointExport(
    exported,
    options.external && options.key ? { expectedKey: options.key.publicKey } : {},
  );
  for (const message of verdict.problems) problems.push({ scope: 'checkpoints', check: 'signature', message });
  return verdict.bodies;
}
