import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackChannelConfig } from './channel-config';
import { buildAlertNotification, buildNotification } from './fixtures';
import { deliverSlack, renderSlack, type SlackMessage } from './slack';
import { startTestReceiver, type TestReceiver } from './test-receiver';

const fast = { policy: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 2_000, timeoutMs: 300 } };
let receiver: TestReceiver;

beforeAll(async () => {
  receiver = await startTestReceiver({ status: 200, body: 'ok' });
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.script = [];
  receiver.fallback = { status: 200, body: 'ok' };
});

/**
 * Checks a message against Block Kit's published rules (docs.slack.dev reference/block-kit):
 * at most 50 blocks; a header is plain_text of at most 150 characters; a section has text or
 * fields, text at most 3000, at most 10 fields of at most 2000; an actions block has at most 25
 * elements, each button with plain_text of at most 75, a unique action_id and a URL of at most
 * 3000; and the top-level `text` fallback is present.
 */
function expectValidBlockKit(message: any): void {
  expect(typeof message.text).toBe('string');
  expect(message.text.length).toBeGreaterThan(0);
  expect(Array.isArray(message.blocks)).toBe(true);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  const actionIds = new Set<string>();
  for (const block of message.blocks) {
    switch (block.type) {
      case 'header':
        expect(block.text.type).toBe('plain_text');
        expect(block.text.text.length).toBeLessThanOrEqual(150);
        break;
      case 'section':
        expect(block.text !== undefined || block.fields !== undefined).toBe(true);
        if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(3000);
        if (block.fields) {
          expect(block.fields.length).toBeGreaterThan(0);
          expect(block.fields.length).toBeLessThanOrEqual(10);
          for (const field of block.fields) {
            expect(['mrkdwn', 'plain_text']).toContain(field.type);
            expect(field.text.length).toBeLessThanOrEqual(2000);
          }
        }
        break;
      case 'actions':
        expect(block.elements.length).toBeLessThanOrEqual(25);
        for (const element of block.elements) {
          expect(element.type).toBe('button');
          expect(element.text.type).toBe('plain_text');
          expect(element.text.text.length).toBeLessThanOrEqual(75);
          expect(element.url.length).toBeLessThanOrEqual(3000);
          expect(actionIds.has(element.action_id)).toBe(false);
          actionIds.add(element.action_id);
          if (element.style) expect(['primary', 'danger']).toContain(element.style);
        }
        break;
      case 'context':
        expect(block.elements.length).toBeLessThanOrEqual(10);
        break;
      default:
        throw new Error(`unexpected block type ${block.type}`);
    }
  }
}

describe('slack rendering', () => {
  it('draws the severity header, clock fields and the two buttons', () => {
    const notification = buildNotification();
    const message = renderSlack(notification);

    expectValidBlockKit(message);
    const [header, , fields, actions] = message.blocks as any[];
    expect(header.text.text).toMatch(/^:rotating_light: \[SEV1\] Page: INC-12 /);
    expect(fields.fields.map((f: any) => f.text)).toContain('*Acknowledge by*\n2026-11-24 10:15 UTC');
    expect(fields.fields.map((f: any) => f.text)).toContain('*Owner*\nSam Okafor');
    expect(actions.elements.map((b: any) => [b.action_id, b.url])).toEqual([
      ['acknowledge', notification.links.acknowledge],
      ['open_war_room', notification.links.warRoom],
    ]);
  });

  it('draws an alert no incident holds with what fired, its segment and the alert as subject', () => {
    const notification = buildAlertNotification();
    const message = renderSlack(notification);

    expectValidBlockKit(message);
    const [header, , fields, , context] = message.blocks as any[];
    expect(header.text.text).toBe(
      ':bell: [ALERT] Page: ALR-41 hallucination-rate saw hallucination_suspected rate at 0.1235 (threshold 0.05) in tenant=acme',
    );
    expect(fields.fields.map((f: any) => f.text)).toEqual([
      '*Level*\npage (no incident yet)',
      '*Status*\nfiring',
      '*System*\nsupport-copilot',
      '*Monitor*\nhallucination-rate',
      '*Signal*\nhallucination_suspected rate: 0.1235 against 0.05',
      '*Segment*\ntenant=acme',
    ]);
    expect(context.elements[0].text).toBe('Firebreak · ALR-41 · for Dana Reyes');
  });

  it('keeps within Block Kit limits for a very long title and escapes mrkdwn', () => {
    const notification = buildNotification({
      incident: { ...buildNotification().incident!, title: 'x'.repeat(300) },
      summary: `<!channel> ${'<'.repeat(1980)} & done`,
    });
    const message: SlackMessage = renderSlack(notification);

    expectValidBlockKit(message);
    const summary = (message.blocks[1] as any).text.text as string;
    expect(summary.startsWith('&lt;!channel&gt; &lt;&lt;')).toBe(true);
    expect(message.text).not.toContain('<!channel>');
    expect(message.text).toContain('&lt;!channel&gt;');
    expect(summary.length).toBeGreaterThan(2990);
    expect(summary.endsWith('&lt;…')).toBe(true);
  });
});

describe('slack incoming webhook', () => {
  const config = () => SlackChannelConfig.parse({ kind: 'slack', webhookUrl: `${receiver.url}/services/T0/B0/xyz` });

  it('posts Block Kit JSON with a text fallback', async () => {
    const result = await deliverSlack(config(), buildNotification(), fast);

    expect(result).toMatchObject({ channel: 'slack', delivered: true, status: 200 });
    const [request] = receiver.requests;
    expect(request?.path).toBe('/services/T0/B0/xyz');
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expectValidBlockKit(JSON.parse(request!.body));
  });

  it('waits out a 429 Retry-After and then delivers', async () => {
    receiver.script = [{ status: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' }];
    const result = await deliverSlack(config(), buildNotification(), fast);

    expect(result.delivered).toBe(true);
    expect(result.attempts[0]).toMatchObject({ status: 429, waitedMs: 1000 });
    expect(receiver.requests).toHaveLength(2);
  });

  it('hands a Retry-After longer than the policy waits back to the caller', async () => {
    receiver.script = [{ status: 429, headers: { 'retry-after': '30' } }];
    const result = await deliverSlack(config(), buildNotification(), fast);

    expect(result).toMatchObject({ delivered: false, retryable: true, retryAfterMs: 30_000, status: 429 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('does not retry a 404 no_service', async () => {
    receiver.fallback = { status: 404, body: 'no_service' };
    const result = await deliverSlack(config(), buildNotification(), fast);

    expect(result).toMatchObject({ delivered: false, retryable: false, status: 404, error: 'HTTP 404: no_service' });
    expect(receiver.requests).toHaveLength(1);
  });
});

describe('slack bot token', () => {
  const token = 'xoxb-1-2-abc';
  const config = (channel?: string) =>
    SlackChannelConfig.parse({ kind: 'slack', botToken: token, apiUrl: `${receiver.url}/api`, channel });

  it('calls chat.postMessage with the bearer token, to the recipient when no channel is configured', async () => {
    receiver.fallback = { status: 200, body: JSON.stringify({ ok: true, channel: 'D1', ts: '1700000000.000100' }) };
    const result = await deliverSlack(config(), buildNotification(), fast);

    expect(result).toMatchObject({ delivered: true, receiverMessageId: '1700000000.000100' });
    const [request] = receiver.requests;
    expect(request?.path).toBe('/api/chat.postMessage');
    expect(request?.headers.authorization).toBe(`Bearer ${token}`);
    const body = JSON.parse(request!.body);
    expect(body.channel).toBe('U024BE7LH');
    expectValidBlockKit(body);
  });

  it('posts to the configured channel', async () => {
    receiver.fallback = { status: 200, body: JSON.stringify({ ok: true, ts: '1.2' }) };
    await deliverSlack(config('C0INCIDENTS'), buildNotification(), fast);

    expect(JSON.parse(receiver.requests[0]!.body).channel).toBe('C0INCIDENTS');
  });

  it('treats ok:false channel_not_found as final and internal_error as worth a retry', async () => {
    receiver.fallback = { status: 200, body: JSON.stringify({ ok: false, error: 'channel_not_found' }) };
    const final = await deliverSlack(config(), buildNotification(), fast);
    expect(final).toMatchObject({
      delivered: false,
      retryable: false,
      error: 'Slack refused the message: channel_not_found',
    });
    expect(final.attempts).toHaveLength(1);

    receiver.script = [{ status: 200, body: JSON.stringify({ ok: false, error: 'internal_error' }) }];
    receiver.fallback = { status: 200, body: JSON.stringify({ ok: true, ts: '9.9' }) };
    const retried = await deliverSlack(config(), buildNotification(), fast);
    expect(retried).toMatchObject({ delivered: true, receiverMessageId: '9.9' });
    expect(retried.attempts).toHaveLength(2);
  });

  it('refuses without trying when neither config nor recipient names a channel', async () => {
    const result = await deliverSlack(config(), buildNotification({ recipient: { name: 'Lee' } }), fast);

    expect(result).toMatchObject({ delivered: false, retryable: false, attempts: [] });
    expect(receiver.requests).toHaveLength(0);
  });
});

describe('slack config', () => {
  it('needs exactly one of webhookUrl and botToken', () => {
    const both = SlackChannelConfig.safeParse({
      kind: 'slack',
      webhookUrl: 'https://hooks.example/x',
      botToken: 'xoxb-1',
    });
    const neither = SlackChannelConfig.safeParse({ kind: 'slack' });

    expect(both.success).toBe(false);
    expect(neither.success).toBe(false);
    expect(neither.error?.issues[0]?.path).toEqual(['webhookUrl']);
  });
});
