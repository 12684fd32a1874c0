import { describe, expect, it } from 'vitest';
import { targetText } from '../../lib/escalation-target';
import { describeEntry } from './describe-entry';

const delivered = {
  notification: 12,
  key: 'INC-7:on_call:dana-reyes:page',
  channel: 'email',
  recipient: 'dana-reyes',
  recipientName: 'Dana Reyes',
  audience: 'on_call',
  kind: 'page',
  attempts: 2,
  receiverMessageId: '<m1@example.com>',
};

describe('notification timeline entries', () => {
  it.each([
    [delivered, { title: 'Paged Dana Reyes by email (2 attempts)', detail: 'audience: on call' }],
    [
      { ...delivered, attempts: 1, channel: 'slack', kind: 'notify', audience: 'legal' },
      { title: 'Told Dana Reyes on Slack', detail: 'audience: legal' },
    ],
    [
      { ...delivered, recipientName: null, kind: 'reminder', audience: null },
      { title: 'Reminded dana-reyes by email (2 attempts)' },
    ],
    [
      { ...delivered, channel: 'pagerduty', kind: 'escalation', attempts: 1 },
      { title: 'Paged (escalation) Dana Reyes on PagerDuty', detail: 'audience: on call' },
    ],
  ])('says who was reached, how and after how many attempts: %j', (payload, expected) => {
    expect(describeEntry({ kind: 'notification_delivered', payload })).toEqual(expected);
  });

  it('says a failed attempt will be tried again, and when', () => {
    const payload = {
      ...delivered,
      attempts: 1,
      error: 'SMTP 451 try later',
      final: false,
      retryAt: '2026-11-24T10:15:30.000Z',
    };
    expect(describeEntry({ kind: 'notification_failed', payload })).toEqual({
      title: 'Could not page Dana Reyes by email (attempt 1); trying again at 2026-11-24 10:15 UTC',
      detail: 'SMTP 451 try later · audience: on call',
    });
  });

  it('says when delivery gave up, and where to retry it', () => {
    const payload = { ...delivered, attempts: 5, channel: 'webhook', error: 'HTTP 410', final: true, retryAt: null };
    expect(describeEntry({ kind: 'notification_failed', payload }).title).toBe(
      'Could not page Dana Reyes by webhook (5 attempts); gave up; retry it from the notifications panel',
    );
  });

  it('names the step, the policy, the reason, and that leadership was told', () => {
    const payload = {
      policy: 'talent-ai-default',
      pass: 0,
      step: 2,
      reason: 'acknowledge_deadline_missed',
      targets: [{ schedule: 'talent-ai-primary' }, { person: 'lee-park' }, { team: 'talent-ai' }],
      leadership: true,
      recipients: ['Lee Park', 'Sam Ortiz'],
    };
    expect(describeEntry({ kind: 'escalated', payload })).toEqual({
      title: 'Escalated to step 2 of talent-ai-default: nobody acknowledged by the deadline; leadership told',
      detail:
        'Step targets: whoever is on call for talent-ai-primary, lee-park, team talent-ai · reached Lee Park, Sam Ortiz',
    });
  });

  it.each([
    [{ pass: 0, step: 1, reason: 'step' }, 'Started escalation policy copilot: step 1'],
    [{ pass: 0, step: 3, reason: 'step' }, 'Escalated to step 3 of copilot: no acknowledgement yet'],
    [{ pass: 1, step: 1, reason: 'step' }, 'Escalated to step 1 of copilot (repeat 1): no acknowledgement yet'],
    [
      { pass: 0, step: 2, reason: 'contain_deadline_missed' },
      'Escalated to step 2 of copilot: not contained by the deadline',
    ],
  ])('says why the policy moved on: %j', (fields, title) => {
    const payload = { policy: 'copilot', targets: [], leadership: false, recipients: ['Dana Reyes'], ...fields };
    expect(describeEntry({ kind: 'escalated', payload }).title).toBe(title);
  });

  it('says when an escalation step reached nobody', () => {
    const payload = {
      policy: 'copilot',
      pass: 0,
      step: 2,
      reason: 'step',
      targets: [{ schedule: 'empty' }],
      leadership: false,
      recipients: [],
    };
    expect(describeEntry({ kind: 'escalated', payload }).detail).toBe(
      'Step targets: whoever is on call for empty · reached nobody: check the schedule and the people in the directory',
    );
  });

  it('reads a target that names nothing known as a question mark rather than failing', () => {
    expect(targetText({})).toBe('?');
    expect(targetText(null)).toBe('?');
    expect(targetText({ person: 'dana-reyes' }, (id) => (id === 'dana-reyes' ? 'Dana Reyes' : id))).toBe('Dana Reyes');
  });

  it('says the first step reached nobody new when the page had already gone to everyone it names', () => {
    const payload = {
      policy: 'copilot',
      pass: 0,
      step: 1,
      reason: 'step',
      targets: [{ schedule: 'primary' }],
      leadership: false,
      recipients: [],
    };
    expect(describeEntry({ kind: 'escalated', payload }).detail).toBe(
      'Step targets: whoever is on call for primary · everyone it names was already paged',
    );
  });
});
