import type { EngineState } from '@firebreak/detection';
import { and, asc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { detectionPartitions, detectionWorkers } from '../db/schema';

/** A partition this worker holds: the fencing token and where its engine starts. */
export interface PartitionLease {
  partition: number;
  epoch: number;
  offset: number;
  state: EngineState | null;
}

/** Thrown when a checkpoint comes from a worker that no longer holds the partition's epoch. */
export class FencedError extends Error {
  constructor(
    readonly partition: number,
    readonly epoch: number,
  ) {
    super(`partition ${partition}: epoch ${epoch} no longer holds the lease (another worker took it over)`);
  }
}

/** Makes sure partitions 0..count-1 have a row (idempotent). */
export async function ensurePartitions(tx: Tx, count: number): Promise<void> {
  await tx
    .insert(detectionPartitions)
    .values(Array.from({ length: count }, (_, partition) => ({ partition })))
    .onConflictDoNothing();
}

/** Records that `worker` is alive and returns how many workers were seen within `leaseMs`. */
export async function heartbeat(tx: Tx, worker: string, now: Date, leaseMs: number): Promise<number> {
  await tx
    .insert(detectionWorkers)
    .values({ id: worker, seenAt: now })
    .onConflictDoUpdate({ target: detectionWorkers.id, set: { seenAt: now } });
  const since = new Date(now.getTime() - leaseMs);
  await tx.delete(detectionWorkers).where(lt(detectionWorkers.seenAt, new Date(since.getTime() - 60_000)));
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(detectionWorkers)
    .where(gt(detectionWorkers.seenAt, since));
  return Math.max(1, Number(row?.n ?? 1));
}

/** Extends the leases `worker` still holds at their epoch; returns the partitions renewed. */
export async function renewLeases(
  tx: Tx,
  worker: string,
  held: ReadonlyMap<number, number>,
  until: Date,
): Promise<number[]> {
  const renewed: number[] = [];
  for (const [partition, epoch] of held) {
    const rows = await tx
      .update(detectionPartitions)
      .set({ leaseUntil: until })
      .where(
        and(
          eq(detectionPartitions.partition, partition),
          eq(detectionPartitions.owner, worker),
          eq(detectionPartitions.epoch, epoch),
        ),
      )
      .returning({ partition: detectionPartitions.partition });
    if (rows.length > 0) renewed.push(partition);
  }
  return renewed;
}

/**
 * Takes up to `max` partitions nobody holds (never held, released, or whose lease ran out),
 * raising each one's epoch: the previous holder's checkpoints are refused from then on.
 */
export async function claimPartitions(
  tx: Tx,
  worker: string,
  max: number,
  now: Date,
  until: Date,
): Promise<PartitionLease[]> {
  if (max <= 0) return [];
  const claimed: PartitionLease[] = [];
  const free = await tx
    .select({ partition: detectionPartitions.partition })
    .from(detectionPartitions)
    .where(or(isNull(detectionPartitions.leaseUntil), lt(detectionPartitions.leaseUntil, now)))
    .orderBy(asc(detectionPartitions.partition))
    .limit(max);
  for (const { partition } of free) {
    // Checked again in the update: another worker may have claimed it since the select.
    const [row] = await tx
      .update(detectionPartitions)
      .set({ owner: worker, epoch: sql`${detectionPartitions.epoch} + 1`, leaseUntil: until })
      .where(
        and(
          eq(detectionPartitions.partition, partition),
          or(isNull(detectionPartitions.leaseUntil), lt(detectionPartitions.leaseUntil, now)),
        ),
      )
      .returning({
        partition: detectionPartitions.partition,
        epoch: detectionPartitions.epoch,
        offset: detectionPartitions.offset,
        state: detectionPartitions.state,
      });
    if (row) claimed.push(row);
  }
  return claimed;
}

/** Gives a partition back (after a final checkpoint) so another worker may take it at once. */
export async function releasePartition(tx: Tx, worker: string, partition: number, epoch: number): Promise<void> {
  await tx
    .update(detectionPartitions)
    .set({ owner: null, leaseUntil: null })
    .where(
      and(
        eq(detectionPartitions.partition, partition),
        eq(detectionPartitions.owner, worker),
        eq(detectionPartitions.epoch, epoch),
      ),
    );
}

/**
 * Saves a partition's engine state and the stream offset it covers, in the caller's transaction,
 * if `epoch` is still the partition's: otherwise throws `FencedError` and the transaction (with
 * the alerts it recorded) rolls back.
 */
export async function savePartitionCheckpoint(
  tx: Tx,
  partition: number,
  epoch: number,
  state: EngineState,
  offset: number,
  at: Date,
): Promise<void> {
  const [held] = await tx
    .select({ epoch: detectionPartitions.epoch })
    .from(detectionPartitions)
    .where(eq(detectionPartitions.partition, partition))
    .for('update');
  if (!held || held.epoch !== epoch) throw new FencedError(partition, epoch);
  await tx
    .update(detectionPartitions)
    .set({ state, offset, savedAt: at })
    .where(eq(detectionPartitions.partition, partition));
}

/** Every partition's last checkpoint (status and charts of an API replica that runs no engine). */
export async function partitionStates(
  tx: Tx,
): Promise<
  Array<{ partition: number; owner: string | null; offset: number; state: EngineState | null; savedAt: Date | null }>
> {
  return tx
    .select({
      partition: detectionPartitions.partition,
      owner: detectionPartitions.owner,
      offset: detectionPartitions.offset,
      state: detectionPartitions.state,
      savedAt: detectionPartitions.savedAt,
    })
    .from(detectionPartitions)
    .orderBy(asc(detectionPartitions.partition));
}
