import type { ReviewDecisionRequest, ReviewItem, ReviewStats, SubmitReviewRequest } from '@firebreak/contract';
import {
  canDecide,
  DomainError,
  durationMs,
  forecastReviewQueue,
  invalid,
  REFUSAL_MESSAGES,
  type RefusalMessageId,
  type ReviewOutcome,
} from '@firebreak/core';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import { findControl } from '../controls/store';
import { findCitedIncident } from '../incidents/store';
import { findSystem } from '../systems/store';
import { assertMaySend } from '../tokens/scope';
import {
  countByStatus,
  findByEvent,
  findReviewItem,
  insertReviewItem,
  listReviewItems,
  lockReviewItem,
  queueFigures,
  type ReviewFilter,
  type ReviewRow,
  updateReviewItem,
} from './store';

export function presentReviewItem(row: ReviewRow): ReviewItem {
  return {
    id: row.id,
    system: row.system,
    control: row.controlKey,
    incidentId: row.incidentId,
    eventId: row.eventId,
    content: row.content,
    routedBecause: row.routedBecause,
    status: row.status as ReviewItem['status'],
    createdAt: row.createdAt.toISOString(),
    submittedBy: row.submittedBy,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decision: row.decision ?? null,
  };
}

/**
 * Queues an item a human-review control routed. Submitting an event id again returns the item
 * already queued (apps retry). The item belongs to the incident named, or to the one its control
 * was last changed for, so review outcomes count per incident.
 */
export async function submitReviewItem({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: SubmitReviewRequest;
}): Promise<{ item: ReviewItem; created: boolean }> {
  assertMaySend(ctx.actor, input.system, 'system');
  return ctx.db.transaction(async (tx) => {
    if (input.eventId) {
      const existing = await findByEvent(tx, input.system, input.eventId);
      if (existing && !readableBy(ctx, existing))
        throw new DomainError('conflict', 'eventId: another app already queued an item with this event id', {
          details: { field: 'eventId' },
        });
      if (existing) return { item: presentReviewItem(existing), created: false };
    }
    if (!(await findSystem(tx, input.system))) throw invalid('system', `${input.system} is not in the catalog`);
    let incidentId = input.incident ?? null;
    if (input.control) {
      if (!input.control.startsWith(`${input.system}.`))
        throw invalid('control', `must be a control of ${input.system}`);
      const control = await findControl(tx, input.control);
      if (!control) throw invalid('control', `${input.control} not found`);
      if (control.kind !== 'human_review')
        throw invalid('control', `${input.control} is a ${control.kind}, not a human_review control`);
      incidentId ??= control.incidentId;
    }
    if (input.incident) await findCitedIncident(tx, input.incident);
    const row = await insertReviewItem(tx, {
      system: input.system,
      controlKey: input.control ?? null,
      incidentId,
      eventId: input.eventId ?? null,
      content: input.content,
      routedBecause: input.routedBecause ?? null,
      status: 'pending',
      createdAt: ctx.now(),
      submittedBy: ctx.actor.name,
      submittedByToken: ctx.actor.tokenId,
    });
    return { item: presentReviewItem(row), created: true };
  });
}

export async function listReviewView({
  ctx,
  filter,
  limit,
}: {
  ctx: Ctx;
  filter: ReviewFilter;
  limit: number;
}): Promise<{ items: ReviewItem[] }> {
  return { items: (await listReviewItems(ctx.db, filter, limit)).map(presentReviewItem) };
}

/** An app reads only the items it queued itself; people's tokens read any. */
function readableBy(ctx: Ctx, row: ReviewRow): boolean {
  return ctx.actor.role !== 'app' || (row.submittedByToken !== null && row.submittedByToken === ctx.actor.tokenId);
}

export async function getReviewItem({ ctx, id }: { ctx: Ctx; id: string }): Promise<ReviewItem> {
  const row = await findReviewItem(ctx.db, id);
  // Someone else's item answers as a missing one does: an app learns nothing about other apps' queues.
  if (!readableBy(ctx, row)) throw new DomainError('not_found', `review item ${id} not found`, { details: { id } });
  return presentReviewItem(row);
}

/** Approve, edit, refuse with a standard message, or escalate: who, when and what, audited. */
export async function decideReviewItem({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: ReviewDecisionRequest;
}): Promise<ReviewItem> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockReviewItem(tx, id);
    const outcome: ReviewOutcome = input.outcome;
    if (!canDecide(row.status, outcome)) {
      throw new DomainError(
        'conflict',
        `${id} is already ${row.status}${row.decidedBy ? ` (by ${row.decidedBy})` : ''}`,
        { details: { status: row.status } },
      );
    }
    const decision: NonNullable<ReviewItem['decision']> = { outcome, note: input.note ?? null };
    if (input.outcome === 'edited') decision.edited = input.edited;
    if (input.outcome === 'refused')
      decision.message = { id: input.message, text: REFUSAL_MESSAGES[input.message as RefusalMessageId] };
    if (input.outcome === 'escalated') decision.to = input.to;
    const at = ctx.now();
    const updated = await updateReviewItem(tx, id, {
      status: outcome,
      decidedBy: ctx.actor.name,
      decidedAt: at,
      decision,
    });
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: `review.${outcome}`,
      subject: id,
      payload: { system: row.system, incidentId: row.incidentId, previous: row.status, decision },
    });
    return presentReviewItem(updated);
  });
}

/** Counts by outcome: how review is going for a system or an incident. */
export async function reviewStats({
  ctx,
  filter,
}: {
  ctx: Ctx;
  filter: Omit<ReviewFilter, 'status'>;
}): Promise<ReviewStats> {
  const counts = await countByStatus(ctx.db, filter);
  const get = (status: string) => counts.get(status) ?? 0;
  const now = ctx.now();
  const slaMs = await reviewSlaMs(ctx, filter);
  // The pace over the last hour: what came in, what people decided.
  const figures = await queueFigures(ctx.db, filter, new Date(now.getTime() - HOUR), new Date(now.getTime() - slaMs));
  const queue = {
    oldestPendingAt: figures.oldestPendingAt?.toISOString() ?? null,
    arrivalsPerHour: figures.arrivals,
    decisionsPerHour: figures.decisions,
    slaSeconds: Math.round(slaMs / 1000),
    overSla: figures.overSla,
  };
  return {
    system: filter.system ?? null,
    incident: filter.incident ?? null,
    total: [...counts.values()].reduce((sum, n) => sum + n, 0),
    pending: get('pending'),
    approved: get('approved'),
    edited: get('edited'),
    refused: get('refused'),
    escalated: get('escalated'),
    queue: {
      ...queue,
      forecast: forecastReviewQueue({
        pending: get('pending'),
        oldestPendingAt: queue.oldestPendingAt,
        arrivalsPerHour: queue.arrivalsPerHour,
        decisionsPerHour: queue.decisionsPerHour,
        slaMs,
        now: now.toISOString(),
      }),
    },
  };
}

const HOUR = 3_600_000;
const DEFAULT_REVIEW_SLA_MS = 30 * 60_000;

/** The SLA of the system the stats are about (its card's `reviewSla`), else the default 30 minutes. */
async function reviewSlaMs(ctx: Ctx, filter: { system?: string | undefined }): Promise<number> {
  if (!filter.system) return DEFAULT_REVIEW_SLA_MS;
  const row = await findSystem(ctx.db, filter.system);
  return row?.card.reviewSla ? durationMs(row.card.reviewSla) : DEFAULT_REVIEW_SLA_MS;
}
