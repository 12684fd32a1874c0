import { durationMs, isDuration } from '@firebreak/core';
import { Duration, SystemId, TimestampOut } from './common';
import { z } from './zod';

/**
 * The default false-alarm budget of a system: one false page a month and one false warning a
 * week for all its monitors together. The detection engine's `DEFAULT_BUDGET` is the same value
 * (a server test holds them together); the contract cannot import the engine.
 */
export const DEFAULT_ALERT_BUDGET = { page: '30d', warn: '7d' } as const;

const HOUR_MS = 3_600_000;

/** A budget period: a duration of at least an hour (a shorter one would make every window an alarm). */
const BudgetPeriod = Duration.refine(
  (value) => !isDuration(value) || durationMs(value) >= HOUR_MS,
  'must be at least 1h: on average one false alarm per this much event time',
);

/**
 * `alertBudget` on a system card: how often its monitors together may alarm falsely when
 * nothing is wrong. Either field may be left out and keeps its default.
 */
export const AlertBudget = z
  .object({
    page: BudgetPeriod.optional().openapi({
      description: 'At most one false page (a notification) per this much event time; default 30d.',
      example: '30d',
    }),
    warn: BudgetPeriod.optional().openapi({
      description: 'At most one false warning (a ticket) per this much event time; default 7d.',
      example: '7d',
    }),
  })
  .strict()
  .openapi('AlertBudget');
export type AlertBudget = z.infer<typeof AlertBudget>;

/** The budget in force, defaults filled in, as the API shows it. */
export const ResolvedAlertBudget = z
  .object({ page: z.string(), warn: z.string() })
  .openapi('ResolvedAlertBudget', { example: { page: '30d', warn: '7d' } });
export type ResolvedAlertBudget = z.infer<typeof ResolvedAlertBudget>;

/** A card's budget with the defaults filled in. */
export function resolveAlertBudget(budget: AlertBudget | undefined): ResolvedAlertBudget {
  return { page: budget?.page ?? DEFAULT_ALERT_BUDGET.page, warn: budget?.warn ?? DEFAULT_ALERT_BUDGET.warn };
}

export const MONITOR_STATES = ['learning', 'watching', 'firing'] as const;

/** One monitor of a system and where it stands (`GET /systems/{id}/monitors`). */
export const MonitorStatusView = z
  .object({
    monitor: z.string(),
    signal: z.string(),
    detector: z.string(),
    segmentBy: z.string().optional(),
    state: z.enum(MONITOR_STATES).openapi({
      description:
        'learning: still learning what is normal (its warm-up, or a seasonal profile over days); it pages only on zero-tolerance signals until then. watching: judging every window. firing: an alert of it is open.',
    }),
    series: z.number().int().openapi({ description: 'Its series: one, or one per segment value plus "(other)".' }),
    learning: z.number().int(),
    firing: z.number().int(),
    tuning: z.number().int().openapi({
      description: 'Dismissals teaching its most-tuned series: each makes that series ten times less sensitive.',
    }),
    share: z.number().openapi({ description: 'The share of the system’s false-alarm budget it may spend (0–1).' }),
    alerts: z.number().int().openapi({ description: 'Alerts it raised in the last 30 days.' }),
    dismissed: z.number().int().openapi({ description: 'Of those, dismissed as false positives.' }),
  })
  .openapi('MonitorStatus');
export type MonitorStatusView = z.infer<typeof MonitorStatusView>;

export const SystemMonitors = z
  .object({
    system: SystemId,
    budget: ResolvedAlertBudget,
    live: z.boolean().openapi({
      description:
        'true: read from the running detection engine; false: from its last saved snapshot (this server runs no detection).',
    }),
    since: TimestampOut.openapi({ description: 'Start of the 30 days the alert counts cover.' }),
    monitors: z.array(MonitorStatusView),
  })
  .openapi('SystemMonitors');
export type SystemMonitors = z.infer<typeof SystemMonitors>;

export const TUNING_ACTIONS = ['dismissed', 'reverted'] as const;

/** One entry of the append-only tuning log: a dismissal that taught a series, or a take-back. */
export const TuningEntry = z
  .object({
    seq: z.number().int(),
    fingerprint: z.string(),
    system: z.string(),
    monitor: z.string(),
    alertId: z.string(),
    action: z.enum(TUNING_ACTIONS),
    /** The series' tuning steps after this entry (at most 6). */
    steps: z.number().int(),
    at: TimestampOut,
    by: z.string(),
    reason: z.string(),
  })
  .openapi('TuningEntry');
export type TuningEntry = z.infer<typeof TuningEntry>;

/** What an alert's dismissal taught its series (`GET /alerts/{id}/tuning`). */
export const AlertTuning = z
  .object({
    alertId: z.string(),
    fingerprint: z.string(),
    monitor: z.string(),
    tunable: z.boolean().openapi({
      description: 'false for zero-tolerance monitors: any hit is the incident, so a dismissal does not tune them.',
    }),
    /** The series' tuning steps now. */
    steps: z.number().int(),
    /** teaching: this alert's dismissal counts; reverted: it was taken back; none: not dismissed, or not tunable. */
    thisAlert: z.enum(['teaching', 'reverted', 'none']),
    history: z.array(TuningEntry),
  })
  .openapi('AlertTuning');
export type AlertTuning = z.infer<typeof AlertTuning>;

/** One monitor on the alert hygiene page (`GET /alerts/hygiene`). */
export const HygieneRow = z
  .object({
    system: z.string(),
    monitor: z.string(),
    signal: z.string(),
    owner: z.string(),
    alerts: z.number().int(),
    dismissed: z.number().int(),
    falsePositiveRate: z.number().openapi({ description: 'dismissed ÷ alerts over the last 30 days.' }),
    /** The most steps any of its series is tuned by. */
    tuning: z.number().int(),
    state: z.enum(MONITOR_STATES).nullable().openapi({ description: 'null when the engine no longer holds it.' }),
    /** Dismissals that teach it now, each revertable (`POST /alerts/{alertId}/tuning/revert`). */
    teaching: z.array(TuningEntry),
  })
  .openapi('HygieneRow');
export type HygieneRow = z.infer<typeof HygieneRow>;

export const AlertHygiene = z.object({ since: TimestampOut, monitors: z.array(HygieneRow) }).openapi('AlertHygiene');
export type AlertHygiene = z.infer<typeof AlertHygiene>;
