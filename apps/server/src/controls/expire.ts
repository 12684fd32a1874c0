import type { Approval } from '@firebreak/contract';
import { describeChange } from '@firebreak/core';
import type { Logger } from 'pino';
import { type Ctx, systemCtx } from '../context';
import type { Db } from '../db/connect';
import type { EventBus } from '../events/bus';
import { announceApproval, announceCommitted, type Committed, commitChange } from './commit';
import { presentApproval } from './presenter';
import { approvalFor } from './service';
import { insertApproval, lockExpired, nextExpiry, updateControl } from './store';

/** The actor on reverts nobody asked for at the moment they happen. */
export const EXPIRY_ACTOR = 'firebreak:expiry';

/**
 * Reverts temporary changes whose time is up, each with a notice on the record and on its
 * incident's timeline. A revert that would re-enable or roll forward during an open SEV1/SEV2
 * is not done silently: the temporary state holds and the revert waits for approval.
 */
export async function expireControls(ctx: Ctx): Promise<Committed[]> {
  const committed: Committed[] = [];
  const held: Array<{ approval: Approval; incidentId: string | null }> = [];
  await ctx.db.transaction(async (tx) => {
    for (const row of await lockExpired(tx, ctx.now())) {
      const state = row.state;
      const revert = row.revertState;
      const setAt = `set by ${row.updatedBy} at ${row.updatedAt.toISOString()}`;
      if (!revert) {
        await updateControl(tx, row.key, { expiresAt: null });
        continue;
      }
      const why = await approvalFor(tx, row, revert);
      if (why) {
        const approval = await insertApproval(tx, {
          key: row.key,
          status: 'pending',
          why: `${why}; the temporary change (${setAt}) expired, so it holds until someone approves the revert`,
          change: { type: 'revert', state: revert },
          baseSeq: row.seq,
          requestedBy: EXPIRY_ACTOR,
          requestedByToken: null,
          requestedAt: ctx.now(),
        });
        await updateControl(tx, row.key, { expiresAt: null });
        held.push({ approval: presentApproval(approval), incidentId: row.incidentId });
        ctx.log.warn(
          { control: row.key, approval: approval.id },
          'temporary control change expired; revert waits for approval',
        );
        continue;
      }
      const reason = `temporary change expired (${setAt}); reverted: ${describeChange(row.key, state, revert)}`;
      committed.push(
        await commitChange(ctx, tx, row, revert, {
          action: 'expired',
          reason,
          incidentId: row.incidentId,
          expiresAt: null,
          revertState: null,
        }),
      );
      ctx.log.info({ control: row.key }, reason);
    }
  });
  announceCommitted(ctx, committed);
  for (const { approval, incidentId } of held) announceApproval(ctx, approval, incidentId);
  return committed;
}

/**
 * Runs expiry when the next temporary change is due (checked at least every `maxWaitMs`, since
 * another replica may have made one). Returns how to stop.
 */
export function scheduleExpiry(options: {
  db: Db;
  log: Logger;
  events: EventBus;
  now: () => Date;
  maxWaitMs?: number;
}): () => void {
  const maxWait = options.maxWaitMs ?? 5_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const ctx = systemCtx({ ...options, actor: EXPIRY_ACTOR, requestId: 'expiry' });
  const run = async () => {
    let wait = maxWait;
    try {
      await expireControls(ctx);
      const next = await nextExpiry(options.db);
      if (next) wait = Math.max(50, Math.min(maxWait, next.getTime() - options.now().getTime()));
    } catch (error) {
      options.log.error({ err: error }, 'control expiry failed; retrying');
    }
    if (!stopped) {
      timer = setTimeout(run, wait);
      timer.unref();
    }
  };
  timer = setTimeout(run, 0);
  timer.unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
