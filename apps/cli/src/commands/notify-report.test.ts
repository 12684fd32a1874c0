import type { IncidentNotification, NotificationPreview, NotificationSettings } from '@firebreak/contract';
import {
  DEFAULT_NOTIFICATION_MATRIX,
  formatNotificationPreview,
  type IncidentSubject,
  planNotifications,
} from '@firebreak/core';
import { describe, expect, it } from 'vitest';
import { escalationLine, notificationWhen, renderNotifications, renderPreview, renderSettings } from './notify-report';

const NOW = new Date('2026-11-24T23:55:00.000Z');

const subject: IncidentSubject = {
  kind: 'incident',
  id: 'INC-7',
  severity: 'SEV1',
  type: 'privacy_leak',
  nearMiss: false,
  severitySetAt: '2026-11-24T23:50:00.000Z',
};

/** A preview as the server builds it: core's plan and its text, with the outbox's queued flags. */
function preview(queued: readonly boolean[], escalationPolicy: string | null): NotificationPreview {
  const plan = planNotifications(subject, DEFAULT_NOTIFICATION_MATRIX, {
    on_call: [{ id: 'dana', name: 'Dana Reyes', reachableBy: ['pagerduty', 'email'] }],
    leadership: [{ id: 'cto', name: 'Sam Ortiz' }],
  });
  return {
    subject: plan.subject,
    row: plan.row,
    startsAt: plan.startsAt,
    notifications: plan.notifications.map((n, i) => ({ ...n, queued: queued[i] ?? false })),
    gaps: [],
    escalationPolicy,
    text: formatNotificationPreview(plan),
  } as NotificationPreview;
}

describe('notify preview', () => {
  it('marks the rows already in the outbox and names the escalation policy', () => {
    const lines = renderPreview(preview([true, true, false], 'talent-ai-default'), 'INC-7');
    const rows = lines.filter((line) => /^(DUE|at once|\+)/.test(line));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/KIND\s+QUEUED$/);
    expect(rows[1]).toMatch(/Dana Reyes\s+pagerduty\s+page\s+yes$/);
    expect(rows[2]).toMatch(/Dana Reyes\s+email\s+page\s+yes$/);
    expect(rows[3]).toMatch(/Sam Ortiz\s+email\s+notify$/);
    expect(lines).toContain('2 of 3 already queued: firebreak notify list INC-7');
    expect(lines.at(-1)).toBe('If nobody acknowledges: escalation policy talent-ai-default');
  });

  it('leaves the table as the server wrote it when nothing is queued, and says when no policy applies', () => {
    const p = preview([], null);
    const lines = renderPreview(p, 'INC-7');
    expect(lines.join('\n')).toBe(`${p.text}\n\nNo escalation policy applies to this incident's systems`);
  });

  it('lists the queued ones under the text when its rows do not line up with the notifications', () => {
    const p = { ...preview([false, true, false], null), text: 'INC-7 · SEV1\n\nsomething else entirely' };
    const lines = renderPreview(p, 'INC-7');
    expect(lines).toContain('Already queued:');
    expect(lines).toContain('  Dana Reyes  email  page  (on_call)');
    expect(lines.join('\n')).not.toContain('QUEUED');
  });

  it.each([
    ['p1', 'If nobody acknowledges: escalation policy p1'],
    [null, "No escalation policy applies to this incident's systems"],
  ])('says what happens without an acknowledgement (%s)', (policy, line) => {
    expect(escalationLine(policy)).toBe(line);
  });
});

function notification(overrides: Partial<IncidentNotification>): IncidentNotification {
  return {
    id: 1,
    idempotencyKey: 'INC-7:on_call:dana:pagerduty',
    channel: 'pagerduty',
    recipient: 'dana',
    recipientName: 'Dana Reyes',
    audience: 'on_call',
    kind: 'page',
    status: 'delivered',
    attempts: 1,
    lastError: null,
    createdAt: '2026-11-24T23:50:00.000Z',
    nextAttemptAt: null,
    deliveredAt: '2026-11-24T23:50:02.000Z',
    ...overrides,
  };
}

describe('notify list', () => {
  const delivered = notification({});
  const failed = notification({
    id: 2,
    channel: 'email',
    recipient: 'cto',
    recipientName: null,
    audience: 'leadership',
    kind: 'notify',
    status: 'failed',
    attempts: 5,
    lastError: `SMTP 550 mailbox unavailable: ${'x'.repeat(80)}`,
    deliveredAt: null,
  });
  const pending = notification({
    id: 3,
    status: 'pending',
    attempts: 1,
    deliveredAt: null,
    nextAttemptAt: '2026-11-24T23:57:00.000Z',
  });

  it('shows one row per message: the recipient by name or id, when, and the error clipped', () => {
    const [table, , hint] = renderNotifications(
      [delivered, failed, pending],
      [delivered, failed, pending],
      'INC-7',
      NOW,
    );
    const lines = table!.split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+CHANNEL\s+RECIPIENT\s+AUDIENCE\s+KIND\s+ATTEMPTS\s+WHEN\s+ERROR$/);
    expect(lines[1]).toMatch(/^1\s+delivered\s+pagerduty\s+Dana Reyes\s+on_call\s+page\s+1\s+23:50 UTC$/);
    expect(lines[2]).toMatch(/^2\s+failed\s+email\s+cto\s+leadership\s+notify\s+5\s+—\s+SMTP 550 mailbox.*…$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
    expect(lines[3]).toMatch(/^3\s+pending\s+.*in 2m$/);
    expect(hint).toBe('Send a failed one again: firebreak notify retry INC-7 2');
  });

  it('says so when nothing was queued, or nothing failed', () => {
    expect(renderNotifications([], [], 'INC-7', NOW)).toEqual(['No notifications queued about INC-7.']);
    expect(renderNotifications([delivered], [], 'INC-7', NOW)).toEqual([
      'No failed notifications about INC-7 (1 in all).',
    ]);
  });

  it('gives no retry hint when nothing shown failed', () => {
    expect(renderNotifications([delivered], [delivered], 'INC-7', NOW)).toHaveLength(1);
  });

  it.each([
    [{ deliveredAt: '2026-11-23T10:00:00.000Z' }, '2026-11-23T10:00Z'],
    [{ deliveredAt: null, nextAttemptAt: '2026-11-24T23:54:00.000Z' }, '1m ago'],
    [{ deliveredAt: null, nextAttemptAt: null }, '—'],
  ])('puts the delivery or the next attempt in WHEN (%o)', (overrides, expected) => {
    expect(notificationWhen(notification(overrides), NOW)).toBe(expected);
  });
});

const SETTINGS: NotificationSettings = {
  revision: 4,
  matrix: {
    SEV1: [
      { audience: 'on_call', channels: ['pagerduty', 'slack'], within: '0m', page: true },
      { audience: 'legal', channels: ['email'], within: '15m', page: false, types: ['privacy_leak'] },
    ],
    SEV4: [{ audience: 'owner_team', channels: ['digest'], within: '1d', page: false }],
  } as NotificationSettings['matrix'],
  escalationPolicies: [
    {
      id: 'talent-ai-default',
      steps: [
        { delay: '0m', targets: [{ schedule: 'talent-ai-oncall' }] },
        { delay: '10m', targets: [{ team: 'talent-ai' }, { person: 'sam-ortiz' }] },
      ],
      repeat: 1,
      repeatDelay: '30m',
      systems: ['talent-screener'],
    },
  ],
  defaultEscalationPolicy: 'talent-ai-default',
  audiences: { leadership: [{ person: 'sam-ortiz' }] },
  updateCadence: { SEV1: '30m', SEV2: '1h', remindBefore: '5m' },
  channels: [
    { kind: 'email', configured: true, describe: 'smtp.example.com' },
    { kind: 'slack', configured: false, describe: null },
  ],
};

describe('notify settings', () => {
  const text = renderSettings(SETTINGS).join('\n');

  it('lays the matrix out one entry a line, the row named once', () => {
    expect(text).toMatch(/ROW\s+AUDIENCE\s+CHANNELS\s+WITHIN\s+PAGE\s+TYPES/);
    expect(text).toMatch(/\nSEV1\s+on_call\s+pagerduty, slack\s+0m\s+yes\n\s+legal\s+email\s+15m\s+privacy_leak\n/);
    expect(text).toMatch(/\nSEV4\s+owner_team\s+digest\s+1d\n/);
  });

  it('shows each policy step as delay → targets, and which policy covers the other systems', () => {
    expect(text).toContain('Escalation policies (for systems no policy lists: talent-ai-default)');
    expect(text).toContain('  talent-ai-default  (talent-screener; repeats 1 time, 30m after the last step)');
    expect(text).toContain('    1. after 0m   → schedule talent-ai-oncall');
    expect(text).toContain('    2. after 10m  → team talent-ai, person sam-ortiz');
  });

  it('names every audience, the ones nobody fills included, the cadence and the channels', () => {
    expect(text).toContain('  leadership  person sam-ortiz');
    expect(text).toContain('  legal       nobody (plans that name it show a gap)');
    expect(text).toContain('  SEV1  an update every 30m');
    expect(text).toContain('  reminder 5m before an update is due');
    expect(text).toMatch(/email\s+configured\s+smtp\.example\.com/);
    expect(text).toMatch(/slack\s+not configured/);
    expect(text.split('\n')[0]).toBe('Notification rules from directory revision 4');
  });

  it('says when the defaults are in force and no policy escalates', () => {
    const lines = renderSettings({ ...SETTINGS, revision: 0, escalationPolicies: [], defaultEscalationPolicy: null });
    expect(lines[0]).toContain('the defaults');
    expect(lines).toContain('  none: an incident nobody acknowledges escalates nowhere');
  });
});
