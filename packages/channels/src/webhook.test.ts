import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebhookChannelConfig } from './channel-config';
import { buildAlertNotification, buildNotification } from './fixtures';
import { startTestReceiver, type TestReceiver } from './test-receiver';
import { deliverWebhook } from './webhook';

const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const fast = { policy: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 300 } };
let receiver: TestReceiver;
/** What the receiver's Standard Webhooks verification said of each request, in order. */
const verdicts: Array<'verified' | string> = [];
/** Each distinct webhook-id the receiver processed: its de-duplication. */
const processed = new Set<string>();

beforeAll(async () => {
  const verifier = new Webhook(secret);
  receiver = await startTestReceiver((request) => {
    try {
      verifier.verify(request.body, request.headers as Record<string, string>);
      verdicts.push('verified');
      processed.add(String(request.headers['webhook-id']));
      return { status: 204 };
    } catch (error) {
      verdicts.push((error as Error).message);
      return { status: 400, body: 'bad signature' };
    }
  });
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.script = [];
  verdicts.length = 0;
  processed.clear();
});

const config = (overrides: Partial<{ url: string; secret: string }> = {}) =>
  WebhookChannelConfig.parse({ kind: 'webhook', url: `${receiver.url}/hooks/firebreak`, secret, ...overrides });

describe('generic webhook', () => {
  it('signs per Standard Webhooks: the library verifies it and webhook-id is the idempotency key', async () => {
    const notification = buildNotification();
    const result = await deliverWebhook(config(), notification, fast);

    expect(result).toMatchObject({ channel: 'webhook', delivered: true, status: 204 });
    expect(verdicts).toEqual(['verified']);
    const [request] = receiver.requests;
    expect(request?.headers['webhook-id']).toBe('ntf-7-page-dana');
    expect(request?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(request!.body)).toEqual({
      type: 'incident.page',
      timestamp: notification.createdAt,
      data: notification,
    });
  });

  it('types an alert no incident holds as alert.page, signed the same way', async () => {
    const notification = buildAlertNotification();
    const result = await deliverWebhook(config(), notification, fast);

    expect(result).toMatchObject({ delivered: true });
    expect(verdicts).toEqual(['verified']);
    expect(JSON.parse(receiver.requests[0]!.body)).toEqual({
      type: 'alert.page',
      timestamp: notification.createdAt,
      data: notification,
    });
  });

  it('is refused by a receiver holding another secret, and not retried', async () => {
    const other = `whsec_${Buffer.from('another-secret-another-secret-32').toString('base64')}`;
    const result = await deliverWebhook(config({ secret: other }), buildNotification(), fast);

    expect(verdicts).toEqual(['No matching signature found']);
    expect(result).toMatchObject({ delivered: false, retryable: false, status: 400 });
  });

  it('re-signs each retry with a fresh timestamp and keeps the id, so the receiver processes it once', async () => {
    receiver.script = [{ status: 500 }, { status: 502 }];
    const times = [
      new Date('2026-11-24T10:00:00Z'),
      new Date('2026-11-24T10:00:07Z'),
      new Date('2026-11-24T10:00:21Z'),
    ];
    const clock = () =>
      new Date(
        Date.now() - Date.parse('2026-11-24T10:00:30Z') + times[Math.min(receiver.requests.length, 2)]!.getTime(),
      );
    const result = await deliverWebhook(config(), buildNotification(), { ...fast, now: clock });

    expect(result.delivered).toBe(true);
    expect(result.attempts.map((a) => a.status)).toEqual([500, 502, 204]);
    const ids = receiver.requests.map((r) => r.headers['webhook-id']);
    const stamps = receiver.requests.map((r) => r.headers['webhook-timestamp']);
    expect(new Set(ids).size).toBe(1);
    expect(new Set(stamps).size).toBe(3);
    expect(processed.size).toBe(1);
  });

  it('fails for good on a 400 and for now on repeated timeouts', async () => {
    receiver.script = [{ status: 400, body: 'unknown event type' }];
    const refusedResult = await deliverWebhook(config(), buildNotification(), fast);
    expect(refusedResult).toMatchObject({ delivered: false, retryable: false, error: 'HTTP 400: unknown event type' });
    expect(refusedResult.attempts).toHaveLength(1);

    receiver.script = [{ hang: true }, { hang: true }, { hang: true }];
    const hung = await deliverWebhook(config(), buildNotification(), fast);
    expect(hung).toMatchObject({ delivered: false, retryable: true, error: 'timed out after 300 ms' });
    expect(hung.attempts).toHaveLength(3);
  });

  it('refuses a secret that is not whsec_ and base64 in the config', () => {
    const parsed = WebhookChannelConfig.safeParse({ kind: 'webhook', url: 'https://h.example/x', secret: 'plain' });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['secret']);
  });
});
