import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PagerDutyChannelConfig } from './channel-config';
import { buildAlertNotification, buildNotification } from './fixtures';
import { deliverPagerDuty } from './pagerduty';
import { startTestReceiver, type TestReceiver } from './test-receiver';

const fast = { policy: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 50, timeoutMs: 500 } };
const routingKey = 'R0123456789abcdef0123456789ABCDE';
let receiver: TestReceiver;

/**
 * A receiver that answers like the Events API v2 (developer.pagerduty.com, "Send an Alert
 * Event"): it checks the required fields and enums and answers 202 with the dedup key, or 400
 * "invalid event" with the errors.
 */
function eventsApiReply(body: string): { status: number; body: string } {
  const errors: string[] = [];
  let event: any;
  try {
    event = JSON.parse(body);
  } catch {
    return {
      status: 400,
      body: JSON.stringify({ status: 'invalid event', message: 'Event object is invalid', errors: ['bad JSON'] }),
    };
  }
  if (typeof event.routing_key !== 'string' || event.routing_key.length !== 32) errors.push('routing_key');
  if (!['trigger', 'acknowledge', 'resolve'].includes(event.event_action)) errors.push('event_action');
  if (event.event_action !== 'trigger' && typeof event.dedup_key !== 'string') errors.push('dedup_key');
  if (typeof event.dedup_key === 'string' && event.dedup_key.length > 255) errors.push('dedup_key too long');
  if (event.event_action === 'trigger') {
    const p = event.payload ?? {};
    if (typeof p.summary !== 'string' || p.summary.length === 0 || p.summary.length > 1024)
      errors.push('payload.summary');
    if (typeof p.source !== 'string' || p.source.length === 0) errors.push('payload.source');
    if (!['critical', 'error', 'warning', 'info'].includes(p.severity)) errors.push('payload.severity');
    if (p.timestamp !== undefined && Number.isNaN(Date.parse(p.timestamp))) errors.push('payload.timestamp');
    for (const link of event.links ?? []) if (typeof link.href !== 'string') errors.push('links.href');
  }
  if (errors.length > 0) {
    return {
      status: 400,
      body: JSON.stringify({ status: 'invalid event', message: 'Event object is invalid', errors }),
    };
  }
  return {
    status: 202,
    body: JSON.stringify({ status: 'success', message: 'Event processed', dedup_key: event.dedup_key }),
  };
}

beforeAll(async () => {
  receiver = await startTestReceiver((request) => eventsApiReply(request.body));
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.requests.length = 0;
  receiver.script = [];
});

async function deliverAndCheck(notification = buildNotification()) {
  const config = PagerDutyChannelConfig.parse({
    kind: 'pagerduty',
    routingKey,
    eventsUrl: `${receiver.url}/v2/enqueue`,
  });
  return deliverPagerDuty(config, notification, fast);
}

describe('pagerduty', () => {
  it.each([
    ['SEV1', 'critical'],
    ['SEV2', 'error'],
    ['SEV3', 'warning'],
    ['SEV4', 'info'],
  ] as const)('triggers a %s page as severity %s with dedup key, links and details', async (severity, expected) => {
    const base = buildNotification();
    const notification = buildNotification({ incident: { ...base.incident!, severity } });
    const result = await deliverAndCheck(notification);

    const event = JSON.parse(receiver.requests[0]!.body);
    expect(event).toMatchObject({
      routing_key: routingKey,
      event_action: 'trigger',
      dedup_key: 'firebreak/INC-12',
      payload: { source: 'support-copilot', severity: expected, component: 'support-copilot', class: 'privacy_leak' },
      client: 'Firebreak',
    });
    expect(event.payload.custom_details).toMatchObject({
      incident_id: 'INC-12',
      owner: 'Sam Okafor',
      acknowledge_by: '2026-11-24 10:15 UTC',
    });
    expect(event.links.map((l: any) => l.href)).toEqual([base.links.warRoom, base.links.acknowledge]);
    expect(result).toMatchObject({ delivered: true, status: 202 });
  });

  it.each([
    ['acknowledged', 'acknowledge'],
    ['resolved', 'resolve'],
    ['escalation', 'trigger'],
  ] as const)('sends a %s notification as %s on the same dedup key', async (kind, action) => {
    const result = await deliverAndCheck(buildNotification({ kind }));

    expect(result).toMatchObject({ delivered: true, status: 202 });
    expect(JSON.parse(receiver.requests[0]!.body)).toMatchObject({
      event_action: action,
      dedup_key: 'firebreak/INC-12',
    });
  });

  it('triggers an alert no incident holds on its own dedup key, as severity error, naming the monitor', async () => {
    const result = await deliverAndCheck(buildAlertNotification());

    expect(result).toMatchObject({ delivered: true, status: 202 });
    const event = JSON.parse(receiver.requests[0]!.body);
    expect(event).toMatchObject({
      event_action: 'trigger',
      dedup_key: 'firebreak/ALR-41',
      payload: { source: 'support-copilot', severity: 'error', class: 'hallucination-rate' },
    });
    expect(event.payload.custom_details).toMatchObject({ alert_id: 'ALR-41', monitor: 'hallucination-rate' });
    expect(event.payload.custom_details.incident_id).toBeUndefined();
  });

  it('reports the dedup key PagerDuty answered with', async () => {
    const result = await deliverAndCheck();

    expect(result.receiverMessageId).toBe('firebreak/INC-12');
  });

  it('retries a 429 and a 503, then delivers', async () => {
    receiver.script = [{ status: 429 }, { status: 503 }];
    const result = await deliverAndCheck();

    expect(result.attempts.map((a) => a.status)).toEqual([429, 503, 202]);
    expect(result.delivered).toBe(true);
  });

  it('does not retry a 400 invalid event', async () => {
    receiver.script = [{ status: 400, body: JSON.stringify({ status: 'invalid event', errors: ['payload.summary'] }) }];
    const result = await deliverAndCheck();

    expect(result).toMatchObject({ delivered: false, retryable: false, status: 400 });
    expect(result.error).toMatch(/^HTTP 400: .*invalid event/);
    expect(receiver.requests).toHaveLength(1);
  });

  it('refuses a digest without sending anything', async () => {
    const result = await deliverAndCheck(buildNotification({ kind: 'digest' }));

    expect(result).toMatchObject({ delivered: false, retryable: false, attempts: [] });
    expect(result.error).toMatch(/^kind: /);
    expect(receiver.requests).toHaveLength(0);
  });

  it('refuses a routing key that is not 32 characters', () => {
    const parsed = PagerDutyChannelConfig.safeParse({ kind: 'pagerduty', routingKey: 'short' });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['routingKey']);
  });
});
