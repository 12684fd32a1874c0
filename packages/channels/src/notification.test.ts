import { describe, expect, it } from 'vitest';
import { ChannelConfig } from './channel-config';
import { deliverNotification } from './deliver-notification';
import { buildAlertNotification, buildNotification } from './fixtures';
import { Notification } from './notification';

describe('notification', () => {
  it.each([
    ['incident.id', { incident: { ...buildNotification().incident, id: 'INC-0' } }],
    ['incident.severity', { incident: { ...buildNotification().incident, severity: 'SEV5' } }],
    ['kind', { kind: 'tweet' }],
    ['links.warRoom', { links: { warRoom: 'javascript:alert(1)' } }],
    ['links.acknowledge', { links: { warRoom: 'https://f.example/i', acknowledge: 'data:text/html,hi' } }],
    ['recipient.email', { recipient: { name: 'Dana', email: 'not-an-address' } }],
    ['clocks.acknowledgeBy', { clocks: { acknowledgeBy: 'tomorrow' } }],
    ['summary', { summary: '   ' }],
    ['idempotencyKey', { idempotencyKey: 'has spaces' }],
    ['alert', { alert: buildAlertNotification().alert }],
    ['incident', { incident: undefined }],
    ['alert.id', { incident: undefined, alert: { ...buildAlertNotification().alert, id: 'INC-4' } }],
  ])('refuses a bad %s, naming the field', (path, override) => {
    const parsed = Notification.safeParse({ ...buildNotification(), ...override });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path.join('.')).toBe(path);
  });

  it('keeps clock times as UTC ISO-8601', () => {
    const notification = buildNotification({ clocks: { acknowledgeBy: '2026-11-24T11:15:00+01:00' } });

    expect(notification.clocks.acknowledgeBy).toBe('2026-11-24T10:15:00.000Z');
  });
});

describe('deliverNotification', () => {
  it('dispatches on the config kind and never throws, even with nothing listening', async () => {
    const config = ChannelConfig.parse({ kind: 'teams', webhookUrl: 'http://127.0.0.1:1/hook' });
    const result = await deliverNotification(config, buildNotification(), {
      policy: { maxAttempts: 2, baseDelayMs: 0, timeoutMs: 1_000 },
    });

    expect(result).toMatchObject({ channel: 'teams', delivered: false, retryable: true });
    expect(result.attempts).toHaveLength(2);
    expect(result.error).toMatch(/fetch failed/);
  });

  it('reports a bad policy as a refusal instead of throwing', async () => {
    const config = ChannelConfig.parse({ kind: 'teams', webhookUrl: 'http://127.0.0.1:1/hook' });
    const result = await deliverNotification(config, buildNotification(), { policy: { maxAttempts: 0 } });

    expect(result).toMatchObject({ delivered: false, retryable: false, attempts: [] });
    expect(result.error).toMatch(/maxAttempts|>=1|too_small|Too small/i);
  });
});
