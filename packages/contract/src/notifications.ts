import {
  type EscalationTarget as CoreEscalationTarget,
  DEFAULT_NOTIFICATION_MATRIX,
  DEFAULT_REPEAT_DELAY,
  DEFAULT_UPDATE_CADENCE,
  durationMs,
  isDuration,
  MATRIX_ROWS,
  NOTIFICATION_AUDIENCES,
  NOTIFICATION_CHANNELS,
  type NotificationMatrix,
  SEVERITIES,
} from '@firebreak/core';
import { Duration, SystemId, Text, TimestampOut } from './common';
import { IncidentType } from './incidents';
import { reportDuplicateIds } from './issues';
import { z } from './zod';

/** A wait that may be nothing: `0m` means at once. */
const Delay = z
  .string()
  .refine(isDuration, 'expected a duration such as 0m, 30s, 5m, 1h or 7d')
  .openapi({ example: '15m' });

export const NotificationAudience = z.enum(NOTIFICATION_AUDIENCES).openapi('NotificationAudience');
export const NotificationChannel = z.enum(NOTIFICATION_CHANNELS).openapi('NotificationChannel');

/** One cell of the matrix: who, on which channels, within how long, and whether it pages. */
export const MatrixEntry = z
  .object({
    audience: NotificationAudience,
    channels: z
      .array(NotificationChannel)
      .min(1, 'name at least one channel')
      .max(NOTIFICATION_CHANNELS.length)
      .refine((channels) => new Set(channels).size === channels.length, 'name each channel once'),
    /** How long after the severity was set (or the alert raised) the message must be out. */
    within: Delay.default('0m'),
    /** High urgency: wakes the person and starts the escalation policy. */
    page: z.boolean().default(false),
    /** Only for incidents of these types; absent means every type. */
    types: z.array(IncidentType).min(1).optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.channels.includes('pagerduty') && !entry.page)
      ctx.addIssue({ code: 'custom', path: ['page'], message: 'a pagerduty channel pages: set page: true or drop it' });
    if (entry.page && entry.channels.every((channel) => channel === 'digest'))
      ctx.addIssue({ code: 'custom', path: ['page'], message: 'a digest cannot page: add a channel that reaches now' });
  })
  .openapi('MatrixEntry');

const Row = z.array(MatrixEntry).max(50);

/**
 * `notifications.matrix` in firebreak.yaml: rows by severity (and `near_miss`, `alert_page`,
 * `alert_warn`). A row given replaces the default row whole, so nothing is merged by surprise; a
 * row left out keeps the default.
 */
export const NotificationMatrixConfig = z
  .object(
    Object.fromEntries(MATRIX_ROWS.map((row) => [row, Row.optional()])) as Record<
      (typeof MATRIX_ROWS)[number],
      z.ZodOptional<typeof Row>
    >,
  )
  .strict()
  .superRefine((rows, ctx) => {
    rows.alert_warn?.forEach((entry, index) => {
      if (entry.page)
        ctx.addIssue({ code: 'custom', path: ['alert_warn', index, 'page'], message: 'a warning never pages' });
    });
  })
  .transform((rows): NotificationMatrix => {
    const matrix = structuredClone(DEFAULT_NOTIFICATION_MATRIX);
    for (const row of MATRIX_ROWS) matrix[row] = rows[row] ?? matrix[row];
    return matrix;
  })
  .openapi('NotificationMatrix');

const TARGET_KINDS = ['schedule', 'person', 'team'] as const;

/** A schedule, a person or a team by its id: exactly one of the three. */
export const EscalationTarget = z
  .object({ schedule: Text(200).optional(), person: Text(200).optional(), team: Text(200).optional() })
  .strict()
  .superRefine((target, ctx) => {
    const named = TARGET_KINDS.filter((kind) => target[kind] !== undefined);
    if (named.length !== 1)
      ctx.addIssue({
        code: 'custom',
        message: `name exactly one of schedule, person or team${named.length > 1 ? ` (got ${named.join(' and ')})` : ''}`,
      });
  })
  .transform((target) => {
    const kind = TARGET_KINDS.find((name) => target[name] !== undefined)!;
    return { [kind]: target[kind]! } as CoreEscalationTarget;
  })
  .openapi('EscalationTarget');

export const EscalationStep = z
  .object({
    /** Wait after the step before (or after the start, for the first step). */
    delay: Delay.default('0m'),
    targets: z.array(EscalationTarget).min(1, 'name at least one target: a schedule, a person or a team').max(20),
  })
  .strict()
  .openapi('EscalationStep');

export const EscalationPolicy = z
  .object({
    id: SystemId.openapi({ example: 'copilot-default' }),
    steps: z.array(EscalationStep).min(1, 'give at least one step').max(20),
    /** How many more times the whole list runs when nobody acknowledges; 0 runs it once. */
    repeat: z.number().int().min(0).max(10).default(0),
    /** Wait after the last step before the first step again. */
    repeatDelay: Duration.default(DEFAULT_REPEAT_DELAY),
    /** The systems whose incidents and page alerts this policy escalates; see `defaultEscalationPolicy`. */
    systems: z.array(SystemId).max(500).default([]),
  })
  .strict()
  .openapi('EscalationPolicy');

/** The audiences no schedule, team or role decides: who they are is named here. */
export const NAMED_AUDIENCES = ['leadership', 'legal', 'privacy', 'support', 'customers'] as const;

/**
 * `notifications.audiences`: who leadership, legal, privacy, support and customers are, as
 * targets (a person, a team, or whoever a schedule has on call). An audience left out reaches
 * nobody, and every plan that names it shows the gap.
 */
export const AudiencesConfig = z
  .object(
    Object.fromEntries(
      NAMED_AUDIENCES.map((audience) => [audience, z.array(EscalationTarget).min(1).max(50).optional()]),
    ) as Record<(typeof NAMED_AUDIENCES)[number], z.ZodOptional<z.ZodArray<typeof EscalationTarget>>>,
  )
  .strict()
  .openapi('AudiencesConfig');

/** `notifications.updateCadence`: how often each severity owes an update; missing keys keep the default. */
export const UpdateCadenceConfig = z
  .object({
    ...Object.fromEntries(SEVERITIES.map((severity) => [severity, Duration.default(DEFAULT_UPDATE_CADENCE[severity])])),
    remindBefore: Delay.default(DEFAULT_UPDATE_CADENCE.remindBefore),
  } as Record<(typeof SEVERITIES)[number] | 'remindBefore', z.ZodDefault<typeof Duration>>)
  .strict()
  .superRefine((cadence, ctx) => {
    const shortest = Math.min(...SEVERITIES.map((severity) => safeMs(cadence[severity])));
    if (safeMs(cadence.remindBefore) >= shortest)
      ctx.addIssue({
        code: 'custom',
        path: ['remindBefore'],
        message: 'must be shorter than the shortest update interval, or the reminder comes before the last update',
      });
  })
  .openapi('UpdateCadence');

function safeMs(value: string): number {
  return isDuration(value) ? durationMs(value) : Number.NaN;
}

/** The `notifications` block of firebreak.yaml; everything left out takes the defaults. */
export const NotificationsConfig = z
  .object({
    matrix: NotificationMatrixConfig.prefault({}),
    escalationPolicies: z.array(EscalationPolicy).max(100).default([]),
    /** The policy for systems no policy lists; without one, such systems escalate nowhere (and say so). */
    defaultEscalationPolicy: SystemId.optional(),
    audiences: AudiencesConfig.prefault({}),
    updateCadence: UpdateCadenceConfig.prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    reportDuplicateIds(ctx, config.escalationPolicies, ['escalationPolicies'], 'policy');
    const ids = new Set(config.escalationPolicies.map((policy) => policy.id));
    if (config.defaultEscalationPolicy !== undefined && !ids.has(config.defaultEscalationPolicy))
      ctx.addIssue({
        code: 'custom',
        path: ['defaultEscalationPolicy'],
        message: `unknown escalation policy ${config.defaultEscalationPolicy}: declare it under escalationPolicies`,
      });
    const claimed = new Map<string, string>();
    for (const [p, policy] of config.escalationPolicies.entries()) {
      for (const [i, system] of policy.systems.entries()) {
        const other = claimed.get(system);
        if (other !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['escalationPolicies', p, 'systems', i],
            message: `system ${system} is already escalated by policy ${other}: a system has one policy`,
          });
        else claimed.set(system, policy.id);
      }
    }
  })
  .openapi('NotificationsConfig');
export type NotificationsConfigInput = z.input<typeof NotificationsConfig>;
export type NotificationsConfig = z.infer<typeof NotificationsConfig>;

/** What `checkEscalationTargets` reads of a whole firebreak.yaml. */
export interface EscalationSections {
  people?: ReadonlyArray<{ id: string }>;
  teams?: ReadonlyArray<{ id: string }>;
  schedules?: ReadonlyArray<{ id: string }>;
  notifications?: {
    escalationPolicies: ReadonlyArray<{ steps: ReadonlyArray<{ targets: ReadonlyArray<object> }> }>;
    audiences?: Partial<Record<string, ReadonlyArray<object> | undefined>>;
  };
}

/**
 * Every person, team and schedule an escalation step names is declared in the same file; each
 * issue's path is the target's field (`notifications.escalationPolicies[0].steps[1].targets[0].person`).
 */
export function checkEscalationTargets(config: EscalationSections, ctx: z.RefinementCtx): void {
  const declared = {
    person: new Set(config.people?.map((person) => person.id)),
    team: new Set(config.teams?.map((team) => team.id)),
    schedule: new Set(config.schedules?.map((schedule) => schedule.id)),
  };
  const section = { person: 'people', team: 'teams', schedule: 'schedules' } as const;
  const check = (targets: ReadonlyArray<object>, path: PropertyKey[]) => {
    for (const [t, target] of targets.entries()) {
      for (const kind of TARGET_KINDS) {
        const id = (target as Partial<Record<(typeof TARGET_KINDS)[number], string>>)[kind];
        if (id === undefined || declared[kind].has(id)) continue;
        ctx.addIssue({
          code: 'custom',
          path: [...path, t, kind],
          message: `unknown ${kind} ${id}: declare it under ${section[kind]}`,
        });
      }
    }
  };
  for (const [p, policy] of (config.notifications?.escalationPolicies ?? []).entries()) {
    for (const [s, step] of policy.steps.entries()) {
      check(step.targets, ['notifications', 'escalationPolicies', p, 'steps', s, 'targets']);
    }
  }
  for (const [audience, targets] of Object.entries(config.notifications?.audiences ?? {})) {
    if (targets) check(targets, ['notifications', 'audiences', audience]);
  }
}

/** A channel kind the server can deliver on, and whether it has been given the means to. */
export const ChannelStatus = z
  .object({
    kind: z.enum(['email', 'slack', 'teams', 'pagerduty', 'webhook']),
    configured: z.boolean(),
    /** Where it goes, without secrets: the SMTP host, "Slack bot", a URL's origin. */
    describe: z.string().nullable(),
  })
  .openapi('ChannelStatus');

/** `GET /notifications`: the rules in force (defaults filled in) and which channels can deliver. */
export const NotificationSettings = z
  .object({
    /** The directory revision the rules come from; 0 when none was applied (the defaults). */
    revision: z.number().int(),
    matrix: z.record(z.enum(MATRIX_ROWS), z.array(MatrixEntry)),
    escalationPolicies: z.array(EscalationPolicy),
    defaultEscalationPolicy: z.string().nullable(),
    audiences: z.record(z.string(), z.array(EscalationTarget)),
    updateCadence: z.record(z.string(), z.string()),
    channels: z.array(ChannelStatus),
  })
  .openapi('NotificationSettings');
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NOTIFICATION_STATUSES = ['pending', 'delivering', 'delivered', 'failed', 'held'] as const;

/** One queued message about an incident and how its delivery went. */
export const IncidentNotification = z
  .object({
    id: z.number().int(),
    idempotencyKey: z.string(),
    channel: z.string(),
    /** The person id (or channel name) it is for. */
    recipient: z.string(),
    recipientName: z.string().nullable(),
    audience: z.string().nullable(),
    /** page, notify, escalation, reminder, digest. */
    kind: z.string().nullable(),
    status: z.enum(NOTIFICATION_STATUSES),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: TimestampOut,
    /** When the next attempt is due (pending), or the lease ends (delivering). */
    nextAttemptAt: TimestampOut.nullable(),
    deliveredAt: TimestampOut.nullable(),
  })
  .openapi('IncidentNotification');
export type IncidentNotification = z.infer<typeof IncidentNotification>;

export const IncidentNotificationList = z
  .object({ notifications: z.array(IncidentNotification) })
  .openapi('IncidentNotificationList');
export type IncidentNotificationList = z.infer<typeof IncidentNotificationList>;

export const NotificationIdParams = z.object({
  id: z.string().regex(/^INC-[1-9][0-9]*$/, 'expected an incident id such as INC-12'),
  notification: z.coerce.number().int().min(1),
});

/** Why a plan could not reach someone. */
export const PLAN_GAP_REASONS = [
  'no_recipients',
  'unreachable',
  'warnings_never_page',
  'channel_not_configured',
] as const;

/** `GET /incidents/{id}/notifications/preview`: who the matrix tells about the incident as it stands. */
export const NotificationPreview = z
  .object({
    subject: z.string(),
    row: z.enum(MATRIX_ROWS),
    startsAt: TimestampOut,
    notifications: z.array(
      z.object({
        key: z.string(),
        audience: NotificationAudience,
        recipient: z.object({ id: z.string(), name: z.string().nullable() }),
        channel: NotificationChannel,
        kind: z.string(),
        dueAt: TimestampOut,
        /** Already in the outbox (sent or on its way). */
        queued: z.boolean(),
      }),
    ),
    gaps: z.array(
      z.object({
        audience: NotificationAudience,
        recipient: z.string().nullable(),
        channel: z.string().nullable(),
        reason: z.enum(PLAN_GAP_REASONS),
        message: z.string(),
      }),
    ),
    /** The escalation policy that runs if nobody acknowledges; null when none applies. */
    escalationPolicy: z.string().nullable(),
    /** The plan as the CLI prints it. */
    text: z.string(),
  })
  .openapi('NotificationPreview');
export type NotificationPreview = z.infer<typeof NotificationPreview>;
