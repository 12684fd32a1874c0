import { INCIDENT_TYPE_NAMES, SEVERITIES } from '@firebreak/core';
import { Duration, IncidentId, Text, TimestampOut, Url } from './common';
import { z } from './zod';

const ItemId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected an item id such as replay-failing-inputs (a-z, 0-9, -)');
const What = Text(300).openapi({ description: 'What the item asks, in words a responder reads.' });
const MetricName = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,100}$/, 'expected a metric name such as bias_probe.impact_ratio');

/**
 * One item of a recovery gate: what must hold before a contained incident may widen traffic
 * again. Firebreak checks `quiet` and `evaluation` itself; an `attestation` is vouched for by a
 * person other than the one who widens traffic.
 */
export const RecoveryItem = z
  .discriminatedUnion('kind', [
    z
      .object({
        id: ItemId,
        kind: z.literal('quiet'),
        what: What,
        minEvents: z.number().int().min(1).max(1_000_000).default(50).openapi({
          description: 'Telemetry events the system must have sent since containment for quiet to mean anything.',
        }),
        level: z
          .enum(['warn', 'page'])
          .default('warn')
          .openapi({ description: 'Alerts at or above this level count.' }),
      })
      .strict()
      .openapi('QuietRecoveryItem', {
        description:
          "The system's telemetry since the incident was contained (the failing inputs run again, say), replayed through today's monitors, raises no alert.",
      }),
    z
      .object({
        id: ItemId,
        kind: z.literal('evaluation'),
        what: What,
        metric: MetricName.openapi({ description: 'The `metric` of telemetry events of kind `evaluation` to read.' }),
        min: z.number().optional().openapi({ description: 'The latest result must be at least this.' }),
        max: z.number().optional().openapi({ description: 'The latest result must be at most this.' }),
        affectedSegment: z.boolean().default(false).openapi({
          description: "Only results whose segment includes the incident's affected segment count.",
        }),
      })
      .strict()
      .refine((item) => item.min !== undefined || item.max !== undefined, {
        message: 'give min or max',
        path: ['min'],
      })
      .openapi('EvaluationRecoveryItem', {
        description: 'The latest evaluation result sent since containment meets its threshold.',
      }),
    z
      .object({
        id: ItemId,
        kind: z.literal('canary'),
        what: What,
        minPercent: z.number().min(0.01).max(100).default(1).openapi({
          description: 'The step of the canary that must have passed: at least this share of traffic.',
        }),
      })
      .strict()
      .openapi('CanaryRecoveryItem', {
        description:
          "A canary of a route of the incident's system, started since containment, passed a step at minPercent or more (the candidate did no more harm than the active version).",
      }),
    z
      .object({ id: ItemId, kind: z.literal('attestation'), what: What })
      .strict()
      .openapi('AttestationRecoveryItem', {
        description: 'A person other than the one who widens traffic vouches for it, with a link.',
      }),
  ])
  .openapi('RecoveryItem');
export type RecoveryItem = z.infer<typeof RecoveryItem>;
export type RecoveryItemInput = z.input<typeof RecoveryItem>;

const Checklist = z.array(RecoveryItem).max(20);

/**
 * Recovery gates (firebreak.yaml `recovery:`): while an incident of a severity in `requiredFor`
 * is open on a system, a control change that widens traffic again (re-enabling, rolling
 * forward, loosening a filter, a throttle or review) is refused until the incident's checklist
 * passes. The checklist is the one for its type, else `default`; left out, the built-in ones.
 */
export const RecoveryConfig = z
  .object({
    requiredFor: z.array(z.enum(SEVERITIES)).max(4).default(['SEV1', 'SEV2']),
    checklists: z
      .partialRecord(z.enum(['default', ...INCIDENT_TYPE_NAMES]), Checklist)
      .default({})
      .openapi({
        description: 'Per incident type (or default): the items, replacing the built-in list for that type.',
      }),
    verifyFor: Duration.default('30m').openapi({
      description:
        'After containment, how long the monitors that fired must stay quiet for the incident to show verified.',
    }),
  })
  .strict()
  .superRefine((config, ctx) => {
    for (const [type, items] of Object.entries(config.checklists)) {
      const seen = new Set<string>();
      items?.forEach((item, index) => {
        if (seen.has(item.id))
          ctx.addIssue({
            code: 'custom',
            path: ['checklists', type, index, 'id'],
            message: `duplicate item ${item.id}`,
          });
        seen.add(item.id);
      });
    }
  })
  .openapi('RecoveryConfig');
export type RecoveryConfig = z.infer<typeof RecoveryConfig>;
export type RecoveryConfigInput = z.input<typeof RecoveryConfig>;

const replay: RecoveryItemInput = {
  id: 'replay-failing-inputs',
  kind: 'quiet',
  what: 'The failing inputs, run again on the version to restore, raise no alert',
};
const smoke: RecoveryItemInput = {
  id: 'smoke-test',
  kind: 'attestation',
  what: 'A smoke test of the version to restore passed',
};

/**
 * The built-in checklists, after the seeds: replay the failing inputs and a smoke test for every
 * incident; a bias probe on the affected segment for a fairness incident.
 */
export const DEFAULT_RECOVERY_CHECKLISTS: Readonly<Record<string, readonly RecoveryItem[]>> = {
  default: [replay, smoke].map((item) => RecoveryItem.parse(item)),
  bias: [
    replay,
    {
      id: 'bias-probe',
      kind: 'evaluation',
      what: 'A bias probe on the affected segment keeps the impact ratio at 0.8 or above',
      metric: 'bias_probe.impact_ratio',
      min: 0.8,
      affectedSegment: true,
    },
    smoke,
  ].map((item) => RecoveryItem.parse(item)),
};

/** Records an item's check: Firebreak runs `quiet` and `evaluation`; an attestation carries its link. */
export const RecoveryCheckRequest = z
  .object({
    item: ItemId,
    url: Url.optional().openapi({ description: 'Attestations: the test run, document or change that shows it.' }),
    note: Text(2000).optional().openapi({ description: 'Goes on the timeline with the result.' }),
  })
  .strict()
  .openapi('RecoveryCheckRequest');
export type RecoveryCheckRequest = z.infer<typeof RecoveryCheckRequest>;

export const RecoveryParams = z.object({ id: IncidentId });

/** Where one item stands: its last result, by whom, and the figures behind it. */
export const RecoveryItemState = z
  .object({
    id: z.string(),
    kind: z.enum(['quiet', 'evaluation', 'canary', 'attestation']),
    what: z.string(),
    state: z.enum(['pending', 'passed', 'failed']),
    summary: z.string().nullable(),
    by: z.string().nullable(),
    at: TimestampOut.nullable(),
    url: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('RecoveryItemState');

/** An incident's recovery gate and its verification. */
export const RecoveryGate = z
  .object({
    incident: IncidentId,
    /** Whether widening traffic on its systems waits for this gate (its severity is in requiredFor). */
    required: z.boolean(),
    passed: z.boolean(),
    items: z.array(RecoveryItemState),
    /** The items not passed, in words: what a refused change says is missing. */
    missing: z.array(z.string()),
    verification: z
      .object({
        state: z.enum(['not_contained', 'watching', 'verified', 'still_firing']),
        since: TimestampOut.nullable(),
        until: TimestampOut.nullable(),
        monitors: z.array(z.object({ monitor: z.string(), system: z.string(), firing: z.boolean() })),
        summary: z.string(),
      })
      .openapi('RecoveryVerification'),
  })
  .openapi('RecoveryGate');
export type RecoveryGate = z.infer<typeof RecoveryGate>;
