import { IncidentId, Person, SafeString, SystemId, Text, Timestamp, z } from '@firebreak/contract';
import { INCIDENT_TYPE_NAMES, SEVERITIES, STATUSES } from '@firebreak/core';

/**
 * A link a receiver shows as a button. Only http(s): a `javascript:` or `data:` URL in a mail
 * or a card would run in the reader's client.
 */
export const HttpUrl = z
  .url({ protocol: /^https?$/, message: 'expected an absolute http(s) URL' })
  .max(2000, 'at most 2000 characters');

/** What a notification is about, from the reader's point of view. */
export const NOTIFICATION_KINDS = ['page', 'update', 'escalation', 'acknowledged', 'resolved', 'digest'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The incident as a notification carries it: enough to act on without opening the war room. */
export const NotificationIncident = z.object({
  /** `INC-12`. */
  id: IncidentId,
  title: Text(300),
  severity: z.enum(SEVERITIES),
  type: z.enum(INCIDENT_TYPE_NAMES),
  /** The AI system the incident is on. */
  system: SystemId,
  status: z.enum(STATUSES),
});

/**
 * An alert as a notification carries it, when no incident holds it yet: a page-level alert no
 * triage rule turned into an incident pages on-call, a warning tells the owning team. What fired,
 * how far past its threshold, and in which segment.
 */
export const NotificationAlert = z.object({
  /** `ALR-41`. */
  id: SafeString(40).regex(/^ALR-[1-9][0-9]*$/, 'expected an alert id such as ALR-41'),
  level: z.enum(['page', 'warn']),
  /** The AI system the alert is on. */
  system: SystemId,
  monitor: Text(200),
  signal: Text(200),
  value: z.number(),
  threshold: z.number(),
  segment: z.record(SafeString(100), SafeString(200)).optional(),
  status: z.enum(['firing', 'acknowledged', 'resolved', 'dismissed']),
});
export type NotificationAlert = z.infer<typeof NotificationAlert>;

/** The one person (or channel) a notification is for, with the addresses the channels need. */
export const NotificationRecipient = z.object({
  name: Person,
  email: z.email({ message: 'expected an email address' }).max(320).optional(),
  /** A Slack member id (`U024BE7LH`) or channel id; a bot posts to it when its config names no channel. */
  slackId: SafeString(40)
    .regex(/^[A-Z0-9]+$/, 'expected a Slack member or channel id such as U024BE7LH')
    .optional(),
});

/** The deadlines the reader is held to, as UTC ISO-8601. */
export const NotificationClocks = z.object({
  acknowledgeBy: Timestamp.optional(),
  containBy: Timestamp.optional(),
  nextUpdateDue: Timestamp.optional(),
});

export const NotificationLinks = z.object({
  /** The incident's page in the war room. */
  warRoom: HttpUrl,
  /** A signed, expiring, single-use link that acknowledges as the recipient (see ack-links.ts). */
  acknowledge: HttpUrl.optional(),
});

/**
 * One message to one person or channel about one incident, or about one alert that no incident
 * holds yet (the glossary's notification), as the channels render and deliver it: exactly one
 * of `incident` and `alert`. `idempotencyKey` stays the same across retries and redeliveries
 * so a receiver can drop duplicates (it is the Standard Webhooks `webhook-id`).
 */
export const Notification = z
  .object({
    /** `NTF-7`: the notification's own id. */
    id: SafeString(60).regex(/^[A-Za-z0-9._:-]+$/, 'expected an id of letters, digits and . _ : -'),
    idempotencyKey: SafeString(200).regex(/^[A-Za-z0-9._:-]+$/, 'expected letters, digits and . _ : - only'),
    kind: z.enum(NOTIFICATION_KINDS),
    incident: NotificationIncident.optional(),
    alert: NotificationAlert.optional(),
    /** Who the matrix says is told (`on-call responder`, `leadership`); free text for now. */
    audience: Text(60).optional(),
    recipient: NotificationRecipient,
    clocks: NotificationClocks.default({}),
    /** The incident commander or owner the reader should talk to. */
    owner: Person.optional(),
    links: NotificationLinks,
    /** What happened and what is asked of the reader, in a few sentences. */
    summary: Text(2000),
    /** When the notification was written (its cause's time). */
    createdAt: Timestamp,
  })
  .superRefine((notification, ctx) => {
    if ((notification.incident === undefined) === (notification.alert === undefined))
      ctx.addIssue({
        code: 'custom',
        path: notification.incident ? ['alert'] : ['incident'],
        message: 'a notification is about exactly one incident or one alert',
      });
  });
export type Notification = z.infer<typeof Notification>;
export type NotificationInput = z.input<typeof Notification>;

/**
 * Parses a notification, throwing zod's error naming the field.
 *
 * @example
 * const notification = parseNotification(row.payload);
 */
export function parseNotification(input: unknown): Notification {
  return Notification.parse(input);
}
