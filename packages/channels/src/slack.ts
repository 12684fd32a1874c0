import type { Button, KnownBlock } from '@slack/types';
import type { SlackChannelConfig } from './channel-config';
import { type AttemptOutcome, type DeliveryResult, refused } from './delivery';
import { type HttpReply, httpOutcome, oneLine, postJson } from './http-post';
import type { Notification } from './notification';
import { type DeliveryOptions, deliverWithRetry, parseRetryAfter } from './retry-policy';
import { facts, headline, subjectOf, truncate } from './wording';

/** A chat message as Slack takes it: Block Kit blocks and the `text` shown in notifications. */
export interface SlackMessage {
  /** The fallback for push notifications, screen readers and clients that cannot draw blocks. */
  text: string;
  blocks: KnownBlock[];
}

// Block Kit's published limits (docs.slack.dev, reference/block-kit): a header's text is at most
// 150 characters, a section's text 3000, at most 10 fields of 2000 each, a button's text 75.
const HEADER_MAX = 150;
const SECTION_TEXT_MAX = 3000;
const FIELDS_MAX = 10;
const FIELD_MAX = 2000;

const SEVERITY_EMOJI = {
  SEV1: ':rotating_light:',
  SEV2: ':red_circle:',
  SEV3: ':large_orange_circle:',
  SEV4: ':large_blue_circle:',
  ALERT: ':bell:',
  WARNING: ':warning:',
};

/**
 * Renders a notification as Block Kit: a header with the severity, the summary, the clocks,
 * owner and system as fields, and buttons that open the acknowledge link and the war room.
 *
 * @example
 * const { text, blocks } = renderSlack(notification);
 */
export function renderSlack(notification: Notification): SlackMessage {
  const title = headline(notification);
  const fields = facts(notification)
    .slice(0, FIELDS_MAX)
    .map((fact) => ({
      type: 'mrkdwn' as const,
      text: `*${fact.label}*\n${fitMrkdwn(fact.value, FIELD_MAX - fact.label.length - 3)}`,
    }));
  const buttons: Button[] = [];
  if (notification.links.acknowledge) {
    buttons.push(button('acknowledge', 'Acknowledge', notification.links.acknowledge, 'danger'));
  }
  buttons.push(button('open_war_room', 'Open war room', notification.links.warRoom));
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncate(`${SEVERITY_EMOJI[subjectOf(notification).urgency]} ${title}`, HEADER_MAX),
        emoji: true,
      },
    },
    { type: 'section', text: { type: 'mrkdwn', text: fitMrkdwn(notification.summary, SECTION_TEXT_MAX) } },
    { type: 'section', fields },
    { type: 'actions', block_id: 'firebreak_links', elements: buttons },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: escapeMrkdwn(`Firebreak · ${subjectOf(notification).id} · for ${notification.recipient.name}`),
        },
      ],
    },
  ];
  // The fallback is read as mrkdwn too: unescaped, a title holding `<!channel>` would ping a channel.
  return { text: fitMrkdwn(`${title}: ${notification.summary}`, SECTION_TEXT_MAX), blocks };
}

function button(actionId: string, label: string, url: string, style?: 'danger' | 'primary'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label },
    url,
    ...(style ? { style } : {}),
  };
}

/** Slack reads `&`, `<` and `>` in mrkdwn as markup (links, mentions); they must be entities. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Escapes text for mrkdwn and cuts it so the escaped form fits `max` (escaping can quadruple a
 * length, and a cut must not split an entity).
 */
export function fitMrkdwn(text: string, max: number): string {
  let raw = text;
  let escaped = escapeMrkdwn(raw);
  while (escaped.length > max) {
    // An entity is at most five characters (`&amp;`): cutting a fifth of the overflow (plus one
    // for the ellipsis) never cuts more than needed, and the loop closes in on the limit.
    raw = raw.slice(0, Math.max(0, raw.length - Math.ceil((escaped.length - max) / 5) - 1));
    escaped = `${escapeMrkdwn(raw)}…`;
  }
  return escaped;
}

/**
 * Posts a notification to Slack: to the incoming webhook's channel, or with a bot token to the
 * configured channel or, without one, to the recipient's Slack id (a direct message).
 *
 * @example
 * await deliverSlack(SlackChannelConfig.parse({ kind: 'slack', webhookUrl }), notification);
 */
export async function deliverSlack(
  config: SlackChannelConfig,
  notification: Notification,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const message = renderSlack(notification);
  if (config.webhookUrl) {
    const url = config.webhookUrl;
    const body = JSON.stringify(message);
    return deliverWithRetry('slack', async (signal) => httpOutcome(await postJson(url, body, signal), now()), options);
  }
  const channel = config.channel ?? notification.recipient.slackId;
  if (!channel)
    return refused(
      'slack',
      `recipient.slackId: ${notification.recipient.name} has no Slack id and the channel config names no channel`,
    );
  const url = `${config.apiUrl.replace(/\/$/, '')}/chat.postMessage`;
  const body = JSON.stringify({ channel, ...message, unfurl_links: false, unfurl_media: false });
  const headers = { authorization: `Bearer ${config.botToken}` };
  return deliverWithRetry(
    'slack',
    async (signal) => webApiOutcome(await postJson(url, body, signal, headers), now()),
    options,
  );
}

// Web API errors that say "not now" rather than "never" (docs.slack.dev, chat.postMessage errors).
const RETRYABLE_API_ERRORS = new Set([
  'ratelimited',
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
]);

/** The Web API answers 200 with `{ ok: false, error }` for most refusals; only 429 and 5xx use the status. */
function webApiOutcome(reply: HttpReply, now: Date): AttemptOutcome {
  if (reply.status !== 200) return httpOutcome(reply, now);
  let parsed: { ok?: unknown; error?: unknown; ts?: unknown };
  try {
    parsed = JSON.parse(reply.text) as typeof parsed;
  } catch {
    return { ok: false, status: 200, error: `Slack answered with no JSON: ${oneLine(reply.text)}`, retryable: true };
  }
  if (parsed.ok === true)
    return { ok: true, status: 200, receiverMessageId: typeof parsed.ts === 'string' ? parsed.ts : undefined };
  const error = typeof parsed.error === 'string' ? parsed.error : 'unknown_error';
  return {
    ok: false,
    status: 200,
    error: `Slack refused the message: ${error}`,
    retryable: RETRYABLE_API_ERRORS.has(error),
    retryAfterMs: parseRetryAfter(reply.headers.get('retry-after'), now),
  };
}
