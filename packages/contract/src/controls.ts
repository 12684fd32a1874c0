import {
  BUNDLE_STATUSES,
  type BundleContents as BundleContentsValue,
  type CacheFlush,
  type CanarySplit,
  type ChangeNote,
  CONTROL_KINDS,
  type ControlDefinition,
  type ControlPatch,
  type ControlStateValue,
  FAIL_MODES,
  FILTER_LEVELS,
  type ReviewRule,
  ROUTE_TARGETS,
  type ShadowSplit,
  type ThrottleLimit,
} from '@firebreak/core';
import { Duration, IncidentId, Text, TimestampOut } from './common';
import { z } from './zod';

const ControlName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a lower-case slug such as auto-send (a-z, 0-9, _ -)');
const Version = Text(200);
const Description = Text(1000)
  .optional()
  .openapi({ description: 'What turning it does, for the responder who turns it at 3 a.m.' });

/** `<system>.<control>`, e.g. `support-copilot.auto-send`: how apps, the CLI and the API name a control. */
export const ControlKey = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,62}\.[a-z0-9][a-z0-9_-]{0,62}$/,
    'expected <system>.<control>, such as support-copilot.auto-send',
  )
  .openapi({ example: 'support-copilot.auto-send' });

/** How a rate is written: `100/1s`, `6000/1m` — at most that many calls per that much time. */
export const Throttle = z
  .object({
    rate: z
      .number()
      .int()
      .min(0)
      .max(1_000_000_000)
      .openapi({ description: 'Calls allowed per period, per app instance and key; 0 lets nothing through.' }),
    per: Duration.openapi({ example: '1s' }),
    /** The evaluation-context attribute the limit is kept per (user, tenant…); one bucket per instance without it. */
    by: z
      .string()
      .regex(/^[\w.-]{1,64}$/)
      .optional(),
  })
  .strict() satisfies z.ZodType<ThrottleLimit>;
export type Throttle = z.infer<typeof Throttle>;

/** What sends an item to human review; any one condition is enough. */
export const ReviewCondition = z.union([
  z
    .object({
      flag: z
        .string()
        .regex(/^[\w.-]{1,64}$/)
        .openapi({ example: 'pii' }),
    })
    .strict(),
  z
    .object({
      segment: z
        .record(z.string().regex(/^[\w.-]{1,64}$/), z.string().max(200))
        .refine((s) => Object.keys(s).length > 0, 'name at least one segment key'),
    })
    .strict(),
  z.object({ confidenceBelow: z.number().min(0).max(1) }).strict(),
]) satisfies z.ZodType<ReviewRule>;
export type ReviewCondition = z.infer<typeof ReviewCondition>;

export const Canary = z
  .object({
    version: Version,
    percent: z.number().min(0).max(100),
    /** The evaluation-context attribute assignment sticks to (user, tenant); the same key always gets the same version. */
    stickyBy: z
      .string()
      .regex(/^[\w.-]{1,64}$/)
      .default('user'),
  })
  .strict() satisfies z.ZodType<CanarySplit>;

/** One part of a bundle: a model, prompt, policy or retrieval index version. */
const BundlePart = Text(200);

/**
 * What one version of a `bundle` route is: the model, prompt, policy, retrieval index and tools
 * an app switches together. Immutable once known: a change is a new version.
 */
export const BundleContents = z
  .object({
    model: BundlePart.optional().openapi({ example: 'gpt-4.1-2025-04-14' }),
    prompt: BundlePart.optional().openapi({ example: 'support-answer-v7' }),
    policy: BundlePart.optional().openapi({ example: 'safety-2026-11' }),
    index: BundlePart.optional().openapi({ description: 'The retrieval index (or its snapshot) the bundle reads.' }),
    tools: z
      .array(Text(100))
      .max(50)
      .optional()
      .openapi({ description: 'The tools the model may call, by name.', example: ['search', 'refund'] }),
  })
  .strict()
  .superRefine((contents, ctx) => {
    if (Object.values(contents).every((part) => part === undefined))
      ctx.addIssue({ code: 'custom', message: 'name at least one of model, prompt, policy, index, tools' });
    contents.tools?.forEach((tool, index) => {
      if (contents.tools!.indexOf(tool) !== index)
        ctx.addIssue({ code: 'custom', path: ['tools', index], message: `duplicate tool ${tool}` });
    });
  })
  .openapi('BundleContents') satisfies z.ZodType<BundleContentsValue>;
export type BundleContents = z.infer<typeof BundleContents>;
/**
 * A shadow on a route: a copy of `percent` of requests (chosen by `stickyBy`, deterministic like a
 * canary) also runs `version`; its output is never shown to users, only reported as telemetry
 * with `shadow: true` and compared with the active version's (docs/adr/0032-shadow-traffic.md).
 */
export const Shadow = z
  .object({
    version: Version,
    percent: z
      .number()
      .gt(0, 'must be above 0; clear the shadow with null')
      .max(100)
      .openapi({ description: 'Share of requests also run on the shadow version, in percent.' }),
    stickyBy: z
      .string()
      .regex(/^[\w.-]{1,64}$/)
      .default('user')
      .openapi({ description: 'The evaluation-context attribute the copied share sticks to.' }),
    segmentBy: z
      .string()
      .regex(/^[\w.-]{1,64}$/)
      .optional()
      .openapi({ description: 'A telemetry segment key the comparison also judges per value (language, tenant…).' }),
  })
  .strict()
  .openapi('Shadow') satisfies z.ZodType<ShadowSplit>;

const Base = { id: ControlName, description: Description };

/** A control as declared on a system card (firebreak.yaml `controls:`): what it is and where it starts. */
export const ControlConfig = z
  .discriminatedUnion('kind', [
    z
      .object({
        ...Base,
        kind: z.literal('kill_switch'),
        /** What an app does when it has never heard from Firebreak: closed = the capability is off. */
        failMode: z.enum(FAIL_MODES).default('closed'),
        enabled: z.boolean().default(true).openapi({ description: 'Starting state: the capability is on.' }),
      })
      .strict(),
    z
      .object({
        ...Base,
        kind: z.literal('route'),
        target: z.enum(ROUTE_TARGETS).openapi({
          description:
            'What the pointer selects: model, prompt template or safety policy version, or a whole bundle of them.',
        }),
        /** Deployable versions, oldest first; rollback and canaries choose among them. */
        versions: z.array(Version).min(1).max(100),
        active: Version.optional().openapi({ description: 'Starting version; the newest of versions unless given.' }),
        bundles: z.record(Version, BundleContents).optional().openapi({
          description: 'Bundle routes: the contents of each of versions (model, prompt, policy, index, tools).',
        }),
      })
      .strict(),
    z.object({ ...Base, kind: z.literal('throttle'), limit: Throttle.nullable().default(null) }).strict(),
    z
      .object({
        ...Base,
        kind: z.literal('human_review'),
        share: z
          .number()
          .min(0)
          .max(1)
          .default(0)
          .openapi({ description: 'Share of all traffic sent to review (0..1).' }),
        when: z.array(ReviewCondition).max(20).default([]),
      })
      .strict(),
    z.object({ ...Base, kind: z.literal('output_filter'), level: z.enum(FILTER_LEVELS).default('standard') }).strict(),
    z
      .object({
        ...Base,
        kind: z.literal('queue'),
        /** What a worker does when its app has never heard from Firebreak: open = it takes work. */
        failMode: z.enum(FAIL_MODES).default('open'),
        paused: z.boolean().default(false).openapi({ description: 'Starting state: the queue takes work.' }),
      })
      .strict(),
    z.object({ ...Base, kind: z.literal('cache') }).strict(),
  ])
  .superRefine((config, ctx) => {
    if (config.kind !== 'route') return;
    const seen = new Set<string>();
    config.versions.forEach((version, index) => {
      if (seen.has(version))
        ctx.addIssue({ code: 'custom', path: ['versions', index], message: `duplicate version ${version}` });
      seen.add(version);
    });
    if (config.active !== undefined && !seen.has(config.active))
      ctx.addIssue({
        code: 'custom',
        path: ['active'],
        message: `must be one of versions (${config.versions.join(', ')})`,
      });
    checkBundles(config, ctx);
  })
  .openapi('ControlConfig') satisfies z.ZodType<ControlDefinition>;
export type ControlConfig = z.infer<typeof ControlConfig>;

/** A bundle route names the contents of each of its versions; other routes have none. */
function checkBundles(
  config: { target: string; versions: string[]; bundles?: Record<string, unknown> | undefined },
  ctx: z.RefinementCtx,
): void {
  if (config.target !== 'bundle') {
    if (config.bundles !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['bundles'],
        message: `only a route with target bundle has bundles; this one selects a ${config.target}`,
      });
    return;
  }
  const bundles = config.bundles ?? {};
  config.versions.forEach((version, index) => {
    if (!(version in bundles))
      ctx.addIssue({
        code: 'custom',
        path: config.bundles ? ['bundles', version] : ['bundles'],
        message: `versions[${index}] is ${version}: give its contents (model, prompt, policy, index, tools) under bundles`,
      });
  });
  for (const version of Object.keys(bundles))
    if (!config.versions.includes(version))
      ctx.addIssue({
        code: 'custom',
        path: ['bundles', version],
        message: `${version} is not one of versions (${config.versions.join(', ')}); list it there, oldest first`,
      });
}
export type ControlConfigInput = z.input<typeof ControlConfig>;

/** A paused queue's hint to workers: how long to wait before asking again; null for no hint. */
export const QueueRetryAfter = Duration.nullable().openapi({ example: '30s' });

/** What a flush covers, in the app's terms: a tenant, a key prefix…; everything when not given. */
const FlushScope = z
  .string()
  .regex(/^[\w.:/*-]{1,200}$/, 'expected a scope such as tenant:acme or answers/ (letters, digits and . _ : / * -)')
  .openapi({ example: 'tenant:acme' });

/** A cache flush: `{}` flushes everything, `{ scope: 'tenant:acme' }` what the app files under that scope. */
export const CacheFlushRequest = z
  .object({ scope: FlushScope.optional() })
  .strict()
  .openapi('CacheFlush') satisfies z.ZodType<CacheFlush>;

/** What an app evaluates: the current value of one control, per kind. */
export const ControlState = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('kill_switch'), enabled: z.boolean() }).strict(),
    z
      .object({
        kind: z.literal('route'),
        active: Version,
        canary: Canary.nullable(),
        /** Versions that were active before, most recent first, excluding those rolled back from. */
        knownGood: z.array(Version),
        bundles: z.record(Version, BundleContents).optional().openapi({
          description:
            'Bundle routes: the contents of the active version and of the canary’s, by version; an app switches all parts together.',
        }),
        /** The version a copy of a share of requests also runs, unseen by users; absent or null when none. */
        shadow: Shadow.nullable().optional(),
      })
      .strict(),
    z.object({ kind: z.literal('throttle'), limit: Throttle.nullable() }).strict(),
    z
      .object({ kind: z.literal('human_review'), share: z.number().min(0).max(1), when: z.array(ReviewCondition) })
      .strict(),
    z.object({ kind: z.literal('output_filter'), level: z.enum(FILTER_LEVELS) }).strict(),
    z
      .object({
        kind: z.literal('queue'),
        /** Workers take no new work while paused. */
        paused: z.boolean(),
        /** How long a worker turned away should wait before asking again; null when no hint was given. */
        retryAfter: QueueRetryAfter,
      })
      .strict(),
    z
      .object({
        kind: z.literal('cache'),
        /** Goes up by one with every flush; apps drop what they cached under an earlier generation. */
        generation: z.number().int().min(0),
        flushedAt: TimestampOut.nullable(),
        /** What the last flush covered (a tenant, a key prefix…); null for everything. */
        scope: FlushScope.nullable(),
      })
      .strict(),
  ])
  .openapi('ControlState') satisfies z.ZodType<ControlStateValue>;
export type ControlState = z.infer<typeof ControlState>;

export const Control = z
  .object({
    key: ControlKey,
    system: z.string(),
    exercise: z
      .string()
      .nullable()
      .openapi({ description: 'The drill (DRL-n) whose exercise space this belongs to; null when real.' }),
    name: z.string(),
    kind: z.enum(CONTROL_KINDS),
    description: z.string().nullable(),
    /** Kill switches and queues: how an app with no state fails. */
    failMode: z.enum(FAIL_MODES).nullable(),
    /** Routes: what the pointer selects, and the deployable versions, oldest first. */
    target: z.enum(ROUTE_TARGETS).nullable(),
    versions: z.array(z.string()).nullable(),
    state: ControlState,
    /** Goes up with every change anywhere; apps resume the control stream from it. */
    seq: z.number().int(),
    updatedAt: TimestampOut,
    updatedBy: z.string(),
    /** A temporary change reverts at this time unless renewed. */
    expiresAt: TimestampOut.nullable(),
    incidentId: z.string().nullable(),
  })
  .openapi('Control');
export type Control = z.infer<typeof Control>;

const Reason = Text(2000).openapi({ description: 'Why: it goes on the record and on the incident’s timeline.' });
const ChangeCommon = {
  reason: Reason,
  incident: IncidentId.optional().openapi({
    description: 'The incident this change serves; it lands on its timeline.',
  }),
  expiresIn: Duration.optional().openapi({
    description: 'Make the change temporary: it reverts after this long unless renewed.',
  }),
  confirmHold: z.boolean().optional().openapi({
    description:
      "Go ahead although a pending obligation holds the system's evidence (AI Act Art. 73(6): the system must not be altered in a way that affects the evaluation of causes before the authority is informed); the change is noted as made past the hold.",
  }),
};

/**
 * A change to a control: the part of its state to set (only the fields given change). Kill
 * switches take `enabled`; routes `active`, `canary` and `shadow`; throttles `limit`; human
 * review `share` and `when`; output filters `level`; queues `paused` and `retryAfter`; caches `flush`.
 */
export const ChangeControlRequest = z
  .object({
    ...ChangeCommon,
    enabled: z.boolean().optional(),
    active: Version.optional(),
    canary: Canary.nullable().optional(),
    shadow: Shadow.nullable().optional().openapi({
      description: 'Routes: start (or change) a shadow version, or stop it with null; users never see its output.',
    }),
    limit: Throttle.nullable().optional(),
    share: z.number().min(0).max(1).optional(),
    when: z.array(ReviewCondition).max(20).optional(),
    level: z.enum(FILTER_LEVELS).optional(),
    paused: z
      .boolean()
      .optional()
      .openapi({ description: 'Queues: true pauses (workers are turned away), false resumes.' }),
    retryAfter: QueueRetryAfter.optional().openapi({
      description: 'Queues: how long a turned-away worker waits before asking again (with paused: true).',
    }),
    flush: CacheFlushRequest.optional().openapi({
      description: 'Caches: flush now; apps drop what they cached (under the scope, when given).',
    }),
  })
  .strict()
  .openapi('ChangeControlRequest') satisfies z.ZodType<ChangeNote & ControlPatch>;
export type ChangeControlRequest = z.infer<typeof ChangeControlRequest>;
export type ChangeControlInput = z.input<typeof ChangeControlRequest>;

export const RollbackRequest = z
  .object({
    ...ChangeCommon,
    to: Version.optional().openapi({ description: 'A version to go back to; the last known-good one unless given.' }),
  })
  .strict()
  .openapi('RollbackRequest') satisfies z.ZodType<ChangeNote & { to?: string | undefined }>;
export type RollbackRequest = z.infer<typeof RollbackRequest>;

export const RenewRequest = z.object({ for: Duration, reason: Reason }).strict().openapi('RenewRequest');
export type RenewRequest = z.infer<typeof RenewRequest>;

export const CONTROL_ACTIONS = [
  'created',
  'defined',
  'changed',
  'rolled_back',
  'expired',
  'renewed',
  'bundle_added',
  'bundle_deleted',
  'bundle_pruned',
] as const;

/** One entry of a control's append-only history. */
export const ControlChange = z
  .object({
    seq: z.number().int(),
    key: z.string(),
    at: TimestampOut,
    actor: z.string(),
    action: z.enum(CONTROL_ACTIONS),
    reason: z.string().nullable(),
    incidentId: z.string().nullable(),
    before: ControlState.nullable(),
    after: ControlState,
    expiresAt: TimestampOut.nullable(),
    approvedBy: z.string().nullable(),
  })
  .openapi('ControlChange');
export type ControlChange = z.infer<typeof ControlChange>;

export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'superseded'] as const;

/** A change that waits for a second person: re-enabling or rolling forward during an open SEV1/SEV2. */
export const Approval = z
  .object({
    id: z.string().openapi({ example: 'APR-3' }),
    key: z.string(),
    status: z.enum(APPROVAL_STATUSES),
    why: z.string().openapi({ description: 'Why a second person must agree.' }),
    change: z.record(z.string(), z.unknown()),
    requestedBy: z.string(),
    requestedAt: TimestampOut,
    decidedBy: z.string().nullable(),
    decidedAt: TimestampOut.nullable(),
    decisionReason: z.string().nullable(),
  })
  .openapi('Approval');
export type Approval = z.infer<typeof Approval>;

/** The answer to a change: applied at once, or waiting for approval (HTTP 202). */
export const ChangeControlResponse = z
  .object({ outcome: z.enum(['applied', 'pending_approval']), control: Control, approval: Approval.nullable() })
  .openapi('ChangeControlResponse');
export type ChangeControlResponse = z.infer<typeof ChangeControlResponse>;

export const DecideApprovalRequest = z
  .object({ reason: Text(2000).optional() })
  .strict()
  .openapi('DecideApprovalRequest');
export const RejectApprovalRequest = z.object({ reason: Reason }).strict().openapi('RejectApprovalRequest');

/** A control a triage rule names: one of the alert's system (`auto-send`), or any by key. */
const ControlRef = z
  .string()
  .regex(
    /^([a-z0-9][a-z0-9._-]{0,62}\.)?[a-z0-9][a-z0-9_-]{0,62}$/,
    'expected a control of the alert’s system (auto-send) or a key (support-copilot.auto-send)',
  );

/**
 * What a rule does to contain by itself: `{ kill: auto-send }` turns a kill switch off,
 * `{ rollback: model }` moves a route to its last known-good version, and
 * `{ control: review, set: { share: 1 } }` sets any control. `expiresIn` makes it temporary.
 */
export const ContainAction = z.union([
  z.object({ kill: ControlRef, expiresIn: Duration.optional() }).strict(),
  z.object({ rollback: ControlRef, expiresIn: Duration.optional() }).strict(),
  z
    .object({
      control: ControlRef,
      set: ChangeControlRequest.omit({ reason: true, incident: true, expiresIn: true, confirmHold: true }),
      expiresIn: Duration.optional(),
    })
    .strict(),
  // A preset of the alert's system (its safe mode), applied as one change; `tier` names the one
  // the system's tiers give the rule's severity.
  z
    .object({
      preset: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected a preset id such as safe-mode, or tier'),
    })
    .strict(),
]);
export type ContainAction = z.infer<typeof ContainAction>;

/** `POST /controls/{key}/bundles`: a deploy registers a new immutable bundle version. */
export const RegisterBundleRequest = z
  .object({
    version: Version,
    contents: BundleContents,
    reason: Reason,
    incident: IncidentId.optional().openapi({ description: 'The incident this serves; it lands on its timeline.' }),
  })
  .strict()
  .openapi('RegisterBundleRequest');
export type RegisterBundleRequest = z.infer<typeof RegisterBundleRequest>;

/** `DELETE /controls/{key}/bundles/{version}`: why, and the incident it serves. */
export const DeleteBundleRequest = z
  .object({
    reason: Reason,
    incident: IncidentId.optional().openapi({ description: 'The incident this serves; it lands on its timeline.' }),
  })
  .strict()
  .openapi('DeleteBundleRequest');
export type DeleteBundleRequest = z.infer<typeof DeleteBundleRequest>;

/** One bundle of a route: its contents, who registered it and where it stands. */
export const Bundle = z
  .object({
    version: z.string(),
    contents: BundleContents,
    status: z.enum(BUNDLE_STATUSES).openapi({
      description:
        'active, canary (the canary’s candidate), known-good (a rollback target), available (deployable, unused), retired (deleted or pruned; its version can never name other contents)',
    }),
    registeredAt: TimestampOut,
    registeredBy: z.string(),
    reason: z.string(),
    retiredAt: TimestampOut.nullable(),
    retiredBy: z.string().nullable(),
    retireReason: z.string().nullable(),
  })
  .openapi('Bundle');
export type Bundle = z.infer<typeof Bundle>;
