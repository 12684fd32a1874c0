import { AUTOMATIC_VERIFICATIONS, FOLLOW_UP_DAYS, followUpDates, type VerificationKind } from '@firebreak/core';
import type { Logger } from 'pino';
import { type Ctx, systemCtx } from '../context';
import type { Db } from '../db/connect';
import type { EventBus } from '../events/bus';
import { repeatEvery } from '../repeat';
import { updateActionFields, verifyAction } from './service';
import { actionsDueForFollowUp, followUpsOf, insertFollowUp } from './store';

export const FOLLOW_UP_ACTOR = 'firebreak:follow-up';
const DAY_MS = 86_400_000;

/**
 * The 30/60/90-day follow-ups that are due: a closed action whose verification Firebreak can run
 * is verified again, and reopened if it no longer passes (the monitor was removed, the replay no
 * longer alerts, the control was changed back); an open one is chased on its incident's timeline.
 * Each follow-up runs once (recorded, append-only).
 */
export async function runFollowUps(ctx: Ctx): Promise<{ reverified: number; regressed: number; chased: number }> {
  const now = ctx.now();
  const counts = { reverified: 0, regressed: 0, chased: 0 };
  const candidates = await actionsDueForFollowUp(ctx.db, new Date(now.getTime() - FOLLOW_UP_DAYS[0] * DAY_MS));
  const done = await followUpsOf(
    ctx.db,
    candidates.map((action) => action.id),
  );
  for (const action of candidates) {
    const ran = new Set((done.get(action.id) ?? []).map((row) => row.day));
    const dates = followUpDates(action.createdAt);
    const due = FOLLOW_UP_DAYS.filter((day, index) => !ran.has(day) && dates[index]!.getTime() <= now.getTime());
    if (due.length === 0) continue;
    const day = due.at(-1)!;
    let outcome: 'reverified' | 'regressed' | 'chased' | 'skipped';
    if (action.status === 'closed') {
      const kind = action.verification?.kind as VerificationKind | undefined;
      if (kind && AUTOMATIC_VERIFICATIONS.includes(kind)) {
        const { result } = await verifyAction({ ctx, id: action.id, input: {}, trigger: `follow-up-${day}d` });
        if (result.passed) outcome = 'reverified';
        else {
          outcome = 'regressed';
          await updateActionFields({
            ctx,
            id: action.id,
            input: { status: 'open', reason: `regressed at the ${day}-day follow-up: ${result.summary}` },
          });
        }
      } else outcome = 'skipped';
    } else {
      outcome = 'chased';
      await updateActionFields({
        ctx,
        id: action.id,
        input: {
          status: action.status as 'open' | 'in_progress' | 'blocked',
          reason: `${day}-day follow-up: still ${action.status.replace('_', ' ')}${action.dueAt ? `, due ${action.dueAt.toISOString().slice(0, 10)}` : ''}`,
        },
      }).catch(() => undefined);
    }
    for (const each of due) await insertFollowUp(ctx.db, { actionId: action.id, day: each, doneAt: now, outcome });
    if (outcome === 'reverified' || outcome === 'regressed' || outcome === 'chased') counts[outcome] += 1;
  }
  return counts;
}

/** Runs the follow-ups now and then every `everyMs` (an hour unless set). */
export function scheduleFollowUps(options: {
  db: Db;
  log: Logger;
  events: EventBus;
  now: () => Date;
  everyMs?: number;
}): () => void {
  const ctx = systemCtx({ ...options, actor: FOLLOW_UP_ACTOR, requestId: 'follow-up' });
  return repeatEvery(
    { everyMs: options.everyMs ?? 3_600_000, log: options.log, what: 'action follow-up', immediately: true },
    async () => {
      const pass = await runFollowUps(ctx);
      if (pass.reverified + pass.regressed + pass.chased > 0) options.log.info(pass, 'action follow-ups carried out');
    },
  );
}
