import type { TeamsChannelConfig } from './channel-config';
import type { DeliveryResult } from './delivery';
import { httpOutcome, postJson } from './http-post';
import type { Notification } from './notification';
import { type DeliveryOptions, deliverWithRetry } from './retry-policy';
import { facts, headline, subjectOf } from './wording';

/** The Adaptive Card version written: 1.4 is what Teams renders on every client, phones included. */
export const ADAPTIVE_CARD_VERSION = '1.4';

const SEVERITY_COLOR = {
  SEV1: 'Attention',
  SEV2: 'Attention',
  SEV3: 'Warning',
  SEV4: 'Accent',
  ALERT: 'Attention',
  WARNING: 'Warning',
} as const;

interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  weight?: 'Bolder';
  size?: 'Large' | 'Small';
  color?: string;
  isSubtle?: boolean;
}
interface FactSet {
  type: 'FactSet';
  facts: Array<{ title: string; value: string }>;
}
interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
  style?: 'positive' | 'destructive';
}

/** An Adaptive Card (adaptivecards.io schema) carrying a notification. */
export interface AdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: string;
  body: Array<TextBlock | FactSet>;
  actions: OpenUrlAction[];
  msteams: { width: 'Full' };
}

/** The message a Teams incoming webhook takes: the card as its one attachment. */
export interface TeamsMessage {
  type: 'message';
  attachments: Array<{
    contentType: 'application/vnd.microsoft.card.adaptive';
    contentUrl: null;
    content: AdaptiveCard;
  }>;
}

/**
 * Renders a notification as a Teams message: an Adaptive Card with the headline in the
 * severity's colour, the summary, the clocks as facts, and buttons that open the acknowledge
 * link and the war room.
 *
 * @example
 * const message = renderTeams(notification);
 */
export function renderTeams(notification: Notification): TeamsMessage {
  const actions: OpenUrlAction[] = [];
  if (notification.links.acknowledge) {
    actions.push({
      type: 'Action.OpenUrl',
      title: 'Acknowledge',
      url: notification.links.acknowledge,
      style: 'destructive',
    });
  }
  actions.push({ type: 'Action.OpenUrl', title: 'Open war room', url: notification.links.warRoom });
  const card: AdaptiveCard = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: ADAPTIVE_CARD_VERSION,
    body: [
      {
        type: 'TextBlock',
        text: headline(notification),
        wrap: true,
        weight: 'Bolder',
        size: 'Large',
        color: SEVERITY_COLOR[subjectOf(notification).urgency],
      },
      { type: 'TextBlock', text: notification.summary, wrap: true },
      { type: 'FactSet', facts: facts(notification).map((fact) => ({ title: fact.label, value: fact.value })) },
      {
        type: 'TextBlock',
        text: `Firebreak · for ${notification.recipient.name}`,
        wrap: true,
        size: 'Small',
        isSubtle: true,
      },
    ],
    actions,
    msteams: { width: 'Full' },
  };
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  };
}

/**
 * Posts a notification to a Teams incoming webhook (a Workflows webhook answers 202).
 *
 * @example
 * await deliverTeams(TeamsChannelConfig.parse({ kind: 'teams', webhookUrl }), notification);
 */
export async function deliverTeams(
  config: TeamsChannelConfig,
  notification: Notification,
  options: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const body = JSON.stringify(renderTeams(notification));
  return deliverWithRetry(
    'teams',
    async (signal) => httpOutcome(await postJson(config.webhookUrl, body, signal), now()),
    options,
  );
}
