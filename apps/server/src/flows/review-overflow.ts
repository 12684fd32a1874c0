import { type ChangeControlRequest, REVIEW_OVERFLOW_KIND, reviewOverflowControl } from '@firebreak/contract';
import { durationMs, isDomainError, type ReviewForecast } from '@firebreak/core';
import type { Logger } from 'pino';
import { type Ctx, systemCtx } from '../context';
import { changeControl } from '../controls/service';
import { findControl, listApprovals } from '../controls/store';
import type { Db } from '../db/connect';
import type { EventBus } from '../events/bus';
import { repeatEvery } from '../repeat';
import { reviewStats } from '../review/service';
import { listSystems } from '../systems/store';

/** Who makes the changes a review-overflow rule calls for. */
export const OVERFLOW_ACTOR = 'firebreak:review-overflow';

const FILTER_STEPS = ['off', 'standard', 'strict'] as const;
const DEFAULT_SLA_MS = 30 * 60_000;

/** What a pass did for one system whose rule acts by itself. */
export interface OverflowOutcome {
  system: string;
  control: string;
  outcome: 'applied' | 'pending_approval' | 'refused' | 'nothing_to_do';
  detail: string;
}

/**
 * One pass of the review-overflow rules (the card's `reviewOverflow`): for every system whose
 * rule lowers the review share or tightens the output filter by itself, and whose review queue
 * is forecast to breach its SLA (or is breaching it), makes that change through the ordinary
 * change path, so it is checked (access, recovery gates, approvals), audited and on the open
 * incidents' timelines like a responder's. At most one change per SLA period per control: the
 * queue needs time to show the effect before the rule goes further.
 */
export async function runReviewOverflow(ctx: Ctx): Promise<OverflowOutcome[]> {
  const outcomes: OverflowOutcome[] = [];
  for (const system of await listSystems(ctx.db)) {
    const rule = system.card.reviewOverflow;
    const id = reviewOverflowControl(system.card);
    if (!rule || rule.action === 'suggest' || !id) continue;
    const stats = await reviewStats({ ctx, filter: { system: system.id } });
    const forecast = stats.queue.forecast;
    if (forecast.state === 'ok') continue;
    const key = `${system.id}.${id}`;
    const done = (outcome: OverflowOutcome['outcome'], detail: string) =>
      outcomes.push({ system: system.id, control: key, outcome, detail });
    const row = await findControl(ctx.db, key);
    if (!row || row.state.kind !== REVIEW_OVERFLOW_KIND[rule.action]) {
      done('nothing_to_do', `${key} is not a ${REVIEW_OVERFLOW_KIND[rule.action]} control`);
      continue;
    }
    const slaMs = system.card.reviewSla ? durationMs(system.card.reviewSla) : DEFAULT_SLA_MS;
    if (row.updatedBy === OVERFLOW_ACTOR && ctx.now().getTime() - row.updatedAt.getTime() < slaMs) {
      done('nothing_to_do', 'changed by this rule less than an SLA ago');
      continue;
    }
    if ((await listApprovals(ctx.db, { status: 'pending', key })).length > 0) {
      done('nothing_to_do', 'a change of it waits for approval');
      continue;
    }
    const patch = nextStep(row.state, rule.floor, forecast);
    if (!patch) {
      done('nothing_to_do', `${key} is as far as the rule goes`);
      continue;
    }
    const input: ChangeControlRequest = {
      ...patch.change,
      reason: `${patch.says}: ${forecast.summary} (review-overflow rule)`,
    };
    try {
      const response = await changeControl({ ctx, key, input });
      done(response.outcome, patch.says);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      ctx.log.warn({ control: key, err: error.message }, 'review-overflow rule could not change the control');
      done('refused', error.message);
    }
  }
  return outcomes;
}

/** The change a rule makes from a control's state, and how it says it; null when it goes no further. */
export function nextStep(
  state: { kind: string; share?: number; level?: string },
  floor: number,
  forecast: Pick<ReviewForecast, 'keepUpFraction'>,
): { change: Pick<ChangeControlRequest, 'share' | 'level'>; says: string } | null {
  if (state.kind === 'output_filter') {
    const at = FILTER_STEPS.indexOf((state.level ?? 'standard') as (typeof FILTER_STEPS)[number]);
    const next = FILTER_STEPS[at + 1];
    return next ? { change: { level: next }, says: `Output filter ${state.level} → ${next}` } : null;
  }
  const share = state.share ?? 0;
  // Cut to the part of today's share reviewers keep up with; halve it when nobody has decided anything.
  const fraction = forecast.keepUpFraction ?? 0.5;
  const next = Math.max(floor, Math.floor(share * fraction * 100) / 100);
  if (next >= share - 0.005) return null;
  return {
    change: { share: next },
    says: `Review share ${Math.round(share * 100)}% → ${Math.round(next * 100)}%`,
  };
}

/** Runs the rules every `everyMs` (a minute unless set); returns how to stop. */
export function scheduleReviewOverflow(options: {
  db: Db;
  log: Logger;
  events: EventBus;
  now: () => Date;
  everyMs?: number;
}): () => void {
  const ctx = systemCtx({ ...options, actor: OVERFLOW_ACTOR, requestId: 'review-overflow' });
  return repeatEvery({ everyMs: options.everyMs ?? 60_000, log: options.log, what: 'review-overflow' }, async () => {
    const changed = (await runReviewOverflow(ctx)).filter((o) => o.outcome !== 'nothing_to_do');
    if (changed.length > 0) options.log.info({ changed }, 'review-overflow rules acted');
  });
}
