import {
  type CheckpointBody,
  type CheckpointExport,
  checkpointBodyText,
  checkpointDigest,
  GENESIS_HASH,
  type SignedCheckpoint,
} from '@firebreak/core';
import type { Tx } from '../db/connect';
import type { CheckpointKey } from './key';
import { insertCheckpoint, lockCheckpoints, readCheckpoints, readHeads } from './store';

/**
 * Signs the current head of every chain: each incident's timeline, the audit log, and the list
 * of incidents itself. Skipped (null) when nothing moved since the last checkpoint, unless forced.
 */
export async function takeCheckpoint(
  db: Tx,
  key: CheckpointKey,
  now: Date,
  options: { force?: boolean } = {},
): Promise<SignedCheckpoint | null> {
  return db.transaction(async (tx) => {
    await lockCheckpoints(tx);
    const heads = await readHeads(tx);
    const previous = (await readCheckpoints(tx)).at(-1);
    const audit = heads.audit ?? { length: 0, head: GENESIS_HASH };
    const body: CheckpointBody = {
      format: 'firebreak-checkpoint/1',
      seq: (previous?.seq ?? 0) + 1,
      at: now.toISOString(),
      keyId: key.keyId,
      prev: previous ? await checkpointDigest(previous.body) : GENESIS_HASH,
      audit,
      incidents: heads.incidents,
    };
    if (previous && !options.force) {
      const last = JSON.parse(previous.body) as CheckpointBody;
      const unchanged =
        JSON.stringify([last.audit, last.incidents]) === JSON.stringify([body.audit, body.incidents]) &&
        last.keyId === key.keyId;
      if (unchanged) return null;
    }
    const text = checkpointBodyText(body);
    const checkpoint = { seq: body.seq, at: body.at, keyId: key.keyId, body: text, signature: key.sign(text) };
    await insertCheckpoint(tx, checkpoint);
    return checkpoint;
  });
}

/** The checkpoints and the public key, as a file a third party keeps and verifies offline. */
export async function exportCheckpoints(db: Tx, key: CheckpointKey, now: Date): Promise<CheckpointExport> {
  return {
    format: 'firebreak-checkpoints/1',
    publicKey: key.publicKey,
    keyId: key.keyId,
    exportedAt: now.toISOString(),
    checkpoints: await readCheckpoints(db),
  };
}
