import { SafeString, Text, z } from '@firebreak/contract';
import { HttpUrl } from './notification';

/**
 * How each channel is reached. These live here until the server's `firebreak.yaml` config takes
 * them over; every field names itself in the error when it is wrong.
 */
export const EmailChannelConfig = z.object({
  kind: z.literal('email'),
  host: Text(255),
  port: z.number().int().min(1).max(65_535).default(587),
  /** TLS from the first byte (port 465). Otherwise STARTTLS is used when the server offers it. */
  secure: z.boolean().default(false),
  /** Refuse to send unless the server upgrades to TLS. */
  requireTls: z.boolean().default(false),
  user: SafeString(255).optional(),
  password: SafeString(1000).optional(),
  /** The sender, `Firebreak <firebreak@example.com>` or a bare address. */
  from: Text(320),
});
export type EmailChannelConfig = z.infer<typeof EmailChannelConfig>;

/** Slack through an incoming webhook (fixed channel) or a bot token (`chat.postMessage`). */
export const SlackChannelConfig = z
  .object({
    kind: z.literal('slack'),
    webhookUrl: HttpUrl.optional(),
    /** A bot token, `xoxb-…`, with the `chat:write` scope. */
    botToken: SafeString(300)
      .regex(/^xox[a-z]-/, 'expected a Slack bot token starting xoxb-')
      .optional(),
    /** The channel id a bot posts to; without it, the bot writes to the recipient's Slack id. */
    channel: SafeString(40).optional(),
    /** Slack's Web API base; changed only by tests. */
    apiUrl: HttpUrl.default('https://slack.com/api'),
  })
  .refine((config) => (config.webhookUrl === undefined) !== (config.botToken === undefined), {
    message: 'give exactly one of webhookUrl and botToken',
    path: ['webhookUrl'],
  });
export type SlackChannelConfig = z.infer<typeof SlackChannelConfig>;

/** A Microsoft Teams incoming webhook (a Workflows "when a webhook request is received" URL). */
export const TeamsChannelConfig = z.object({
  kind: z.literal('teams'),
  webhookUrl: HttpUrl,
});
export type TeamsChannelConfig = z.infer<typeof TeamsChannelConfig>;

/** PagerDuty Events API v2, for teams who keep PagerDuty as the pager. */
export const PagerDutyChannelConfig = z.object({
  kind: z.literal('pagerduty'),
  /** The integration key of a PagerDuty service (32 characters). */
  routingKey: SafeString(32).regex(/^[A-Za-z0-9]{32}$/, 'expected the 32-character integration key'),
  /** The Events API endpoint; changed only by tests or an EU account (events.eu.pagerduty.com). */
  eventsUrl: HttpUrl.default('https://events.pagerduty.com/v2/enqueue'),
});
export type PagerDutyChannelConfig = z.infer<typeof PagerDutyChannelConfig>;

/** Any HTTP receiver, signed per the Standard Webhooks specification. */
export const WebhookChannelConfig = z.object({
  kind: z.literal('webhook'),
  url: HttpUrl,
  /** The shared secret, `whsec_` and base64 of 24 to 64 random bytes, as the specification has it. */
  secret: SafeString(200).regex(
    /^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/,
    'expected whsec_ followed by base64 of 24–64 bytes',
  ),
});
export type WebhookChannelConfig = z.infer<typeof WebhookChannelConfig>;

export const ChannelConfig = z.discriminatedUnion('kind', [
  EmailChannelConfig,
  SlackChannelConfig,
  TeamsChannelConfig,
  PagerDutyChannelConfig,
  WebhookChannelConfig,
]);
export type ChannelConfig = z.infer<typeof ChannelConfig>;
export type ChannelConfigInput = z.input<typeof ChannelConfig>;
