import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type CheckpointExport, checkpointDigest, type SignedCheckpoint } from '@firebreak/core';
import type { Logger } from 'pino';
import type { Ctx } from '../context';
import type { Db, Tx } from '../db/connect';
import { exportCheckpoints, takeCheckpoint } from './checkpoint';
import type { CheckpointKey } from './key';
import { readCheckpoints } from './store';
import { type IntegrityProblem, type IntegrityReport, verifyStore } from './verify';

/** Where the last checkpoint's number and digest are kept, beside the key and outside the database. */
export const headFile = (key: CheckpointKey): string | null =>
  key.path ? join(dirname(key.path), 'checkpoint-head.json') : null;

async function recordHead(key: CheckpointKey, checkpoint: SignedCheckpoint): Promise<void> {
  const path = headFile(key);
  if (!path) return;
  const head = { seq: checkpoint.seq, at: checkpoint.at, digest: await checkpointDigest(checkpoint.body) };
  writeFileSync(path, `${JSON.stringify(head)}\n`, { mode: 0o600 });
}

/** The database's checkpoints must still reach the last one this server wrote (a deleted tail shows). */
async function checkHead(db: Tx, key: CheckpointKey): Promise<IntegrityProblem[]> {
  const path = headFile(key);
  if (!path || !existsSync(path)) return [];
  const head = JSON.parse(readFileSync(path, 'utf8')) as { seq: number; digest: string };
  const stored = (await readCheckpoints(db)).find((c) => c.seq === head.seq);
  if (!stored)
    return [{ scope: 'checkpoints', check: 'deleted', message: `checkpoint ${head.seq} was written but is gone` }];
  if ((await checkpointDigest(stored.body)) !== head.digest)
    return [{ scope: 'checkpoints', check: 'signature', message: `checkpoint ${head.seq} is not the one written` }];
  return [];
}

/** Takes a checkpoint now (even when nothing moved) and records its head outside the database. */
export async function checkpointNow({ ctx, key }: { ctx: Ctx; key: CheckpointKey }): Promise<SignedCheckpoint> {
  const checkpoint = await takeCheckpoint(ctx.db, key, ctx.now(), { force: true });
  if (!checkpoint) throw new Error('a forced checkpoint was not written');
  await recordHead(key, checkpoint);
  ctx.log.info({ seq: checkpoint.seq }, 'checkpoint signed');
  return checkpoint;
}

export function exportView({ ctx, key }: { ctx: Ctx; key: CheckpointKey }): Promise<CheckpointExport> {
  return exportCheckpoints(ctx.db, key, ctx.now());
}

/**
 * Verifies the whole store against the server's own checkpoints, or against an export a third
 * party kept (`external`), which must be signed by this server's key when the server has one.
 */
export async function verifyIntegrity({
  ctx,
  key,
  external,
}: {
  ctx: Ctx;
  key: CheckpointKey | undefined;
  external?: CheckpointExport;
}): Promise<IntegrityReport> {
  const db = ctx.db;
  const report = await verifyStore(db, { key, now: ctx.now(), ...(external ? { external } : {}) });
  const head = key && !external ? await checkHead(db, key) : [];
  const problems = [...head, ...report.problems];
  if (problems.length > 0) ctx.log.warn({ problems: problems.slice(0, 20) }, 'store integrity check failed');
  return { ...report, problems, intact: problems.length === 0 };
}

/** Signs a checkpoint every `everyMs` when any chain moved; returns how to stop. */
export function scheduleCheckpoints(options: {
  db: Db;
  key: CheckpointKey;
  log: Logger;
  now: () => Date;
  everyMs: number;
}): () => void {
  const tick = async () => {
    try {
      const checkpoint = await takeCheckpoint(options.db, options.key, options.now());
      if (checkpoint) await recordHead(options.key, checkpoint);
    } catch (error) {
      options.log.error({ err: error }, 'checkpoint failed');
    }
  };
  void tick();
  const timer = setInterval(tick, options.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
