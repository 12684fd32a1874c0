import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TeamsChannelConfig } from './channel-config';
import { buildAlertNotification, buildNotification } from './fixtures';
import { deliverTeams } from './teams';
import { startTestReceiver, type TestReceiver } from './test-receiver';

const fast = { policy: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 300 } };
let receiver: TestReceiver;

beforeAll(async () => {
  receiver = await startTestReceiver({ status: 202 });
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.script = [];
});

/**
 * The essentials of the Adaptive Card schema (adaptivecards.io/schemas/adaptive-card.json) and of
 * the message a Teams webhook takes: one attachment of content type
 * application/vnd.microsoft.card.adaptive whose content is an AdaptiveCard of version 1.0–1.5
 * with a `body` of elements and `actions`; a TextBlock needs `text`, a FactSet `facts` of
 * string title/value pairs, an Action.OpenUrl a `title` and an absolute `url`.
 */
function expectValidTeamsMessage(message: any): void {
  expect(message.type).toBe('message');
  expect(message.attachments).toHaveLength(1);
  const [attachment] = message.attachments;
  expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
  const card = attachment.content;
  expect(card.type).toBe('AdaptiveCard');
  expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
  expect(['1.4', '1.5']).toContain(card.version);
  expect(card.body.length).toBeGreaterThan(0);
  for (const element of card.body) {
    expect(['TextBlock', 'FactSet']).toContain(element.type);
    if (element.type === 'TextBlock') expect(typeof element.text).toBe('string');
    if (element.type === 'FactSet') {
      for (const fact of element.facts) {
        expect(typeof fact.title).toBe('string');
        expect(typeof fact.value).toBe('string');
      }
    }
  }
  for (const action of card.actions) {
    expect(action.type).toBe('Action.OpenUrl');
    expect(typeof action.title).toBe('string');
    expect(new URL(action.url).protocol).toMatch(/^https?:$/);
    if (action.style) expect(['default', 'positive', 'destructive']).toContain(action.style);
  }
}

describe('teams', () => {
  const config = () => TeamsChannelConfig.parse({ kind: 'teams', webhookUrl: `${receiver.url}/workflows/abc` });

  it('posts an Adaptive Card with the clocks as facts and acknowledge / war room actions', async () => {
    const notification = buildNotification();
    const result = await deliverTeams(config(), notification, fast);

    expect(result).toMatchObject({ channel: 'teams', delivered: true, status: 202 });
    const message = JSON.parse(receiver.requests[0]!.body);
    expectValidTeamsMessage(message);
    const card = message.attachments[0].content;
    expect(card.body[0]).toMatchObject({
      text: `[SEV1] Page: INC-12 ${notification.incident!.title}`,
      color: 'Attention',
    });
    expect(card.body[2].facts).toContainEqual({ title: 'Contain by', value: '2026-11-24 11:00 UTC' });
    expect(card.actions.map((a: any) => [a.title, a.url])).toEqual([
      ['Acknowledge', notification.links.acknowledge],
      ['Open war room', notification.links.warRoom],
    ]);
  });

  it('posts an alert no incident holds as a card with what fired', async () => {
    const result = await deliverTeams(config(), buildAlertNotification(), fast);

    expect(result).toMatchObject({ delivered: true });
    const message = JSON.parse(receiver.requests[0]!.body);
    expectValidTeamsMessage(message);
    const card = message.attachments[0].content;
    expect(card.body[0]).toMatchObject({ text: expect.stringMatching(/^\[ALERT\] Page: ALR-41 /), color: 'Attention' });
    expect(card.body[2].facts).toContainEqual({ title: 'Segment', value: 'tenant=acme' });
  });

  it('retries a 500 and delivers on the 200 that follows', async () => {
    receiver.script = [{ status: 500, body: 'boom' }];
    const result = await deliverTeams(config(), buildNotification(), fast);

    expect(result.delivered).toBe(true);
    expect(result.attempts.map((a) => a.status)).toEqual([500, 202]);
    expect(result.attempts[0]!.error).toBe('HTTP 500: boom');
    expect(receiver.requests).toHaveLength(2);
  });

  it('gives up after every try timed out against a hung receiver, and says it may be retried', async () => {
    receiver.script = [{ hang: true }, { hang: true }, { hang: true }];
    const result = await deliverTeams(config(), buildNotification(), fast);

    expect(result).toMatchObject({ delivered: false, retryable: true, error: 'timed out after 300 ms' });
    expect(result.attempts).toHaveLength(3);
    expect(receiver.requests).toHaveLength(3);
  });
});
