import type { IncidentNotification } from '@firebreak/contract';
import { describe, expect, it } from 'vitest';
import { notificationCounts, notificationFacts, notificationLine, sortNotifications } from './notification-text';

function notification(id: number, fields: Partial<IncidentNotification> = {}): IncidentNotification {
  return {
    id,
    idempotencyKey: `INC-7:${id}`,
    channel: 'email',
    recipient: 'dana-reyes',
    recipientName: 'Dana Reyes',
    audience: 'on_call',
    kind: 'page',
    status: 'delivered',
    attempts: 1,
    lastError: null,
    createdAt: `2026-11-24T10:0${id}:00.000Z`,
    nextAttemptAt: null,
    deliveredAt: `2026-11-24T10:0${id}:05.000Z`,
    ...fields,
  };
}

describe('incident notifications', () => {
  it.each([
    [notification(1), 'Page to Dana Reyes by email'],
    [
      notification(2, { kind: 'notify', channel: 'slack', recipientName: null, recipient: '#support-ai' }),
      'Message to #support-ai by slack',
    ],
    [notification(3, { kind: 'reminder' }), 'Update reminder to Dana Reyes by email'],
    [notification(4, { kind: null }), 'Message to Dana Reyes by email'],
  ])('says what went to whom and how: %#', (item, line) => {
    expect(notificationLine(item)).toBe(line);
  });

  it('puts the failed first, then those on their way, then the delivered, newest first in each', () => {
    const sorted = sortNotifications([
      notification(1),
      notification(2, { status: 'pending' }),
      notification(3, { status: 'failed' }),
      notification(4),
      notification(5, { status: 'delivering' }),
    ]);
    expect(sorted.map((n) => n.id)).toEqual([3, 5, 2, 4, 1]);
  });

  it('counts how the deliveries stand', () => {
    expect(
      notificationCounts([
        notification(1, { status: 'failed' }),
        notification(2, { status: 'pending' }),
        notification(3, { status: 'delivering' }),
        notification(4),
      ]),
    ).toBe('1 failed · 2 on their way · 1 delivered');
    expect(notificationCounts([])).toBe('none sent yet');
  });

  it('gives the audience and the attempts', () => {
    expect(notificationFacts(notification(1))).toBe('audience: on call · 1 attempt');
    expect(notificationFacts(notification(1, { audience: null, attempts: 3 }))).toBe('3 attempts');
  });
});
