import { REFUSAL_MESSAGE_IDS, REVIEW_OUTCOMES } from '@firebreak/core';
import { IncidentId, SystemId, Text, TimestampOut } from './common';
import { ControlKey } from './controls';
import { JsonObject, SafeString } from './text';
import { z } from './zod';

const Content = JsonObject({ maxChars: 200_000 }).openapi({
  description: 'What the app would have shown the user, and what a reviewer needs to judge it.',
  example: { prompt: 'Where is my refund?', answer: 'Your refund of €40 was sent to…' },
});
const Note = Text(2000).optional();

/** An item an app routed to review instead of straight to its user. */
export const SubmitReviewRequest = z
  .object({
    system: SystemId,
    /** The human-review control that routed it. */
    control: ControlKey.optional(),
    /** The incident it belongs to; defaults to the incident the control was last changed for. */
    incident: IncidentId.optional(),
    /** The telemetry event id: submitting the same id again returns the item already queued. */
    eventId: SafeString(200).min(1).optional(),
    content: Content,
    /** Why it was routed (the SDK's review decision: flag:pii, sampled…). */
    routedBecause: Text(200).optional(),
  })
  .strict()
  .openapi('SubmitReviewRequest');
export type SubmitReviewRequest = z.infer<typeof SubmitReviewRequest>;

export const ReviewDecisionRequest = z
  .discriminatedUnion('outcome', [
    z.object({ outcome: z.literal('approved'), note: Note }).strict(),
    z.object({ outcome: z.literal('edited'), edited: Content, note: Note }).strict(),
    z
      .object({
        outcome: z.literal('refused'),
        message: z.enum(REFUSAL_MESSAGE_IDS as [string, ...string[]]),
        note: Note,
      })
      .strict(),
    z
      .object({
        outcome: z.literal('escalated'),
        to: Text(200).openapi({ description: 'Who takes it from here.' }),
        note: Note,
      })
      .strict(),
  ])
  .openapi('ReviewDecisionRequest');
export type ReviewDecisionRequest = z.infer<typeof ReviewDecisionRequest>;

export const ReviewItem = z
  .object({
    id: z.string().openapi({ example: 'REV-12' }),
    system: z.string(),
    control: z.string().nullable(),
    incidentId: z.string().nullable(),
    eventId: z.string().nullable(),
    content: z.record(z.string(), z.unknown()),
    routedBecause: z.string().nullable(),
    status: z.enum(['pending', ...REVIEW_OUTCOMES]),
    createdAt: TimestampOut,
    submittedBy: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: TimestampOut.nullable(),
    /** The decision; for a refusal, the message the user is shown. */
    decision: z
      .object({
        outcome: z.enum(REVIEW_OUTCOMES),
        note: z.string().nullable(),
        edited: z.record(z.string(), z.unknown()).optional(),
        message: z.object({ id: z.string(), text: z.string() }).optional(),
        to: z.string().optional(),
      })
      .nullable(),
  })
  .openapi('ReviewItem');
export type ReviewItem = z.infer<typeof ReviewItem>;

export const ReviewStats = z
  .object({
    system: z.string().nullable(),
    incident: z.string().nullable(),
    total: z.number().int(),
    pending: z.number().int(),
    approved: z.number().int(),
    edited: z.number().int(),
    refused: z.number().int(),
    escalated: z.number().int(),
    /** How the queue moves: its oldest item, the pace over the last hour, and when it breaches its SLA. */
    queue: z
      .object({
        oldestPendingAt: TimestampOut.nullable(),
        arrivalsPerHour: z.number(),
        decisionsPerHour: z.number(),
        slaSeconds: z.number().int(),
        /** Items waiting longer than the SLA now. */
        overSla: z.number().int(),
        forecast: z.object({
          state: z.enum(['ok', 'at_risk', 'breaching']),
          breachAt: TimestampOut.nullable(),
          /** The fraction of today's review share reviewers keep up with at this pace; null when they do. */
          keepUpFraction: z.number().nullable(),
          summary: z.string(),
        }),
      })
      .openapi('ReviewQueue'),
  })
  .openapi('ReviewStats');
export type ReviewStats = z.infer<typeof ReviewStats>;

/** The `{id}` in `/review/{id}`. */
export const ReviewIdParams = z.object({
  id: z.string().regex(/^REV-[1-9][0-9]*$/, 'expected a review item id such as REV-12'),
});

const ReviewFilter = { system: SystemId.optional(), incident: IncidentId.optional() };

/** `GET /review`: by status, system or incident. */
export const ReviewListQuery = z
  .object({
    status: z.enum(['pending', ...REVIEW_OUTCOMES]).optional(),
    ...ReviewFilter,
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
export type ReviewListQuery = z.infer<typeof ReviewListQuery>;

/** `GET /review`: pending items oldest first, decided ones newest first. */
export const ReviewList = z.object({ items: z.array(ReviewItem) });
export type ReviewList = z.infer<typeof ReviewList>;

/** `GET /review/stats`: for a system, an incident, or everything. */
export const ReviewStatsQuery = z.object(ReviewFilter).strict();
export type ReviewStatsQuery = z.infer<typeof ReviewStatsQuery>;

/** What the server does when a system's review queue is forecast to breach its SLA. */
export const REVIEW_OVERFLOW_ACTIONS = ['suggest', 'lower_share', 'stricter_filter'] as const;

/**
 * The review-overflow rule of a system card (`reviewOverflow:`). `suggest` (the default) only
 * shows the share reviewers keep up with; `lower_share` sets the human-review control's share to
 * that part of today's (never below `floor`); `stricter_filter` moves the output filter one level
 * stricter. An automatic change is made at most once per SLA period, as a control change by
 * `firebreak:review-overflow` with the forecast as its reason, on the open incident's timeline.
 */
export const ReviewOverflow = z
  .object({
    action: z.enum(REVIEW_OVERFLOW_ACTIONS).default('suggest'),
    /** The control to change (its id on this card); the card's only control of the kind when absent. */
    control: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected the id of a control on this card')
      .optional(),
    /** `lower_share`: the share is never set below this. */
    floor: z.number().min(0).max(1).default(0.1),
  })
  .strict()
  .openapi('ReviewOverflow');
export type ReviewOverflow = z.infer<typeof ReviewOverflow>;

/** A kind with its article: an output_filter, a human_review. */
const a = (kind: string) => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;

/** The control kind each automatic action changes. */
export const REVIEW_OVERFLOW_KIND = { lower_share: 'human_review', stricter_filter: 'output_filter' } as const;

/** The id of the control a card's overflow rule changes, or null when it changes none or names none. */
export function reviewOverflowControl(card: {
  reviewOverflow?: ReviewOverflow | undefined;
  controls: ReadonlyArray<{ id: string; kind: string }>;
}): string | null {
  const rule = card.reviewOverflow;
  if (!rule || rule.action === 'suggest') return null;
  if (rule.control) return rule.control;
  const kind = REVIEW_OVERFLOW_KIND[rule.action];
  const candidates = card.controls.filter((control) => control.kind === kind);
  return candidates.length === 1 ? candidates[0]!.id : null;
}

/** A card's overflow rule must name (or have exactly one) control of the kind its action changes. */
export function checkReviewOverflow(
  card: { reviewOverflow?: ReviewOverflow | undefined; controls: ReadonlyArray<{ id: string; kind: string }> },
  ctx: z.RefinementCtx,
): void {
  const rule = card.reviewOverflow;
  if (!rule || rule.action === 'suggest') return;
  const kind = REVIEW_OVERFLOW_KIND[rule.action];
  if (rule.control) {
    const control = card.controls.find((candidate) => candidate.id === rule.control);
    if (!control || control.kind !== kind)
      ctx.addIssue({
        code: 'custom',
        path: ['reviewOverflow', 'control'],
        message: `${rule.action} changes ${a(kind)} control; ${rule.control} is ${control ? a(control.kind) : 'not a control of this system'}`,
      });
    return;
  }
  const count = card.controls.filter((control) => control.kind === kind).length;
  if (count !== 1)
    ctx.addIssue({
      code: 'custom',
      path: ['reviewOverflow', 'control'],
      message: `${rule.action} changes ${a(kind)} control and this system has ${count}: name the one to change`,
    });
}
