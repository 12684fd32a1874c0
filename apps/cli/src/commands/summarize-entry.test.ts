import { describe, expect, it } from 'vitest';
import { summarizeEntry } from './summarize-entry';

const delivered = {
  notification: 12,
  key: 'INC-7:SEV1:on_call:dana:pagerduty',
  channel: 'pagerduty',
  recipient: 'dana',
  recipientName: 'Dana Reyes',
  audience: 'on_call',
  kind: 'page',
  attempts: 1,
  receiverMessageId: 'PD-123',
};

describe('timeline lines for notifications and escalation', () => {
  it.each([
    [delivered, 'page to Dana Reyes (on_call) by pagerduty delivered'],
    [{ ...delivered, attempts: 3, recipientName: null }, 'page to dana (on_call) by pagerduty delivered on attempt 3'],
  ])('says which message reached whom (%#)', (payload, line) => {
    expect(summarizeEntry({ kind: 'notification_delivered', payload })).toBe(line);
  });

  it.each([
    [
      { final: false, retryAt: '2026-11-24T23:52:00.000Z' },
      'page to Dana Reyes (on_call) by pagerduty failed: 503 from PagerDuty; retry 2026-11-24T23:52Z',
    ],
    [{ final: true, retryAt: null }, 'page to Dana Reyes (on_call) by pagerduty failed: 503 from PagerDuty; gave up'],
  ])('says why a delivery failed and whether it is tried again (%#)', (extra, line) => {
    const payload = { ...delivered, error: '503 from PagerDuty', ...extra };
    expect(summarizeEntry({ kind: 'notification_failed', payload })).toBe(line);
  });

  const escalated = {
    policy: 'talent-ai-default',
    pass: 0,
    step: 1,
    reason: 'step',
    targets: [{ team: 'talent-ai' }, { person: 'sam-ortiz' }],
    leadership: false,
    recipients: ['Amara Okafor', 'Sam Ortiz'],
  };

  it.each([
    [
      escalated,
      'talent-ai-default step 2: still not acknowledged → team talent-ai, person sam-ortiz; reached Amara Okafor, Sam Ortiz',
    ],
    [
      { ...escalated, step: 0, targets: [{ schedule: 'talent-ai-oncall' }], recipients: ['Jonas Becker'] },
      'talent-ai-default step 1: first step → schedule talent-ai-oncall; reached Jonas Becker',
    ],
    [
      { ...escalated, pass: 1, step: 0, reason: 'acknowledge_deadline_missed', leadership: true, recipients: [] },
      'talent-ai-default step 1 (repeat 1): acknowledge deadline missed → team talent-ai, person sam-ortiz, leadership; reached nobody',
    ],
    [
      { ...escalated, reason: 'contain_deadline_missed' },
      'talent-ai-default step 2: contain deadline missed → team talent-ai, person sam-ortiz; reached Amara Okafor, Sam Ortiz',
    ],
  ])('says which policy step fired, why, and whom it reached (%#)', (payload, line) => {
    expect(summarizeEntry({ kind: 'escalated', payload })).toBe(line);
  });
});
