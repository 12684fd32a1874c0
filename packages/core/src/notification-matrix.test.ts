import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_MATRIX } from './default-notification-matrix';
import {
  type AlertSubject,
  type IncidentSubject,
  type MatrixEntry,
  NOTIFICATION_AUDIENCES,
  NOTIFICATION_CHANNELS,
  type NotificationMatrix,
  notificationKey,
  planNotifications,
  type ResolvedRecipients,
} from './notification-matrix';
import { SEVERITIES } from './severity';
import { INCIDENT_TYPE_NAMES } from './taxonomy';

const AT = '2026-11-24T03:00:00.000Z';

const incident = (overrides: Partial<IncidentSubject> = {}): IncidentSubject => ({
  kind: 'incident',
  id: 'INC-7',
  severity: 'SEV1',
  type: 'hallucination_spike',
  nearMiss: false,
  severitySetAt: AT,
  ...overrides,
});
const alert = (level: 'warn' | 'page'): AlertSubject => ({ kind: 'alert', id: 'ALR-12', level, at: AT });

/** One person per audience, named after it, so a row of the plan says who it is for. */
const EVERYONE: ResolvedRecipients = Object.fromEntries(
  NOTIFICATION_AUDIENCES.map((audience) => [audience, [{ id: `${audience}-person` }]]),
);

const summary = (subject: IncidentSubject | AlertSubject, matrix = DEFAULT_NOTIFICATION_MATRIX) =>
  planNotifications(subject, matrix, EVERYONE).notifications.map(
    (n) => `${n.dueAt.slice(11, 16)} ${n.audience} ${n.channel} ${n.kind}`,
  );

describe('channels the caller cannot deliver on', () => {
  it('are gaps, not messages, so a preview says the server has no such channel', () => {
    const plan = planNotifications(
      incident(),
      DEFAULT_NOTIFICATION_MATRIX,
      { on_call: [{ id: 'dana' }] },
      {
        channels: ['email', 'slack'],
      },
    );
    expect(plan.notifications.map((n) => n.channel)).toEqual(['slack', 'email']);
    expect(plan.gaps).toContainEqual({
      audience: 'on_call',
      recipient: 'dana',
      channel: 'pagerduty',
      reason: 'channel_not_configured',
    });
  });
});

describe('the default notification matrix', () => {
  it('pages on-call at once for a SEV1 and tells leadership by mail within 15 minutes', () => {
    expect(summary(incident())).toEqual([
      '03:00 on_call pagerduty page',
      '03:00 on_call slack page',
      '03:00 on_call email page',
      '03:00 incident_commander slack notify',
      '03:00 incident_commander email notify',
      '03:00 owner_team slack notify',
      '03:00 owner_team email notify',
      '03:15 leadership email notify',
      '03:30 support slack notify',
    ]);
  });

  it('pages on-call at once for a SEV2 and tells the owning team', () => {
    const lines = summary(incident({ severity: 'SEV2' }));
    expect(lines).toContain('03:00 on_call pagerduty page');
    expect(lines).toContain('03:15 owner_team slack notify');
    expect(lines.some((line) => line.includes('leadership'))).toBe(false);
  });

  it('tells the owning team of a SEV3 by chat and mail and pages nobody', () => {
    expect(summary(incident({ severity: 'SEV3' }))).toEqual([
      '04:00 owner_team slack notify',
      '04:00 owner_team email notify',
    ]);
  });

  it('puts a SEV4 into the daily digest', () => {
    const notifications = planNotifications(
      incident({ severity: 'SEV4' }),
      DEFAULT_NOTIFICATION_MATRIX,
      EVERYONE,
    ).notifications;
    expect(notifications.map((n) => [n.audience, n.channel, n.kind, n.dueAt])).toEqual([
      ['owner_team', 'digest', 'digest', '2026-11-25T03:00:00.000Z'],
    ]);
  });

  it.each(SEVERITIES)('tells legal and privacy of a %s privacy leak, and not of a hallucination spike', (severity) => {
    const leak = summary(incident({ severity, type: 'privacy_leak' }));
    expect(leak.some((line) => line.includes(' legal '))).toBe(true);
    expect(leak.some((line) => line.includes(' privacy '))).toBe(true);
    const spike = summary(incident({ severity, type: 'hallucination_spike' }));
    expect(spike.some((line) => line.includes(' legal ') || line.includes(' privacy '))).toBe(false);
  });

  it('reads a near miss from its own row, which wakes nobody', () => {
    const result = planNotifications(incident({ nearMiss: true }), DEFAULT_NOTIFICATION_MATRIX, EVERYONE);
    expect(result.row).toBe('near_miss');
    expect(result.notifications.map((n) => n.kind)).not.toContain('page');
  });

  it('pages on-call for a page-level alert, and only tells the owning team of a warning', () => {
    expect(summary(alert('page'))).toEqual(['03:00 on_call pagerduty page', '03:00 on_call slack page']);
    expect(summary(alert('warn'))).toEqual(['03:00 owner_team slack notify']);
  });
});

describe('planNotifications', () => {
  const entry = fc.record({
    audience: fc.constantFrom(...NOTIFICATION_AUDIENCES),
    channels: fc.uniqueArray(fc.constantFrom(...NOTIFICATION_CHANNELS), { minLength: 1 }),
    within: fc.constantFrom('0m', '5m', '1h'),
    page: fc.boolean(),
  }) satisfies fc.Arbitrary<MatrixEntry>;

  it('never pages for a warning, whatever the matrix asks', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const matrix: NotificationMatrix = { ...DEFAULT_NOTIFICATION_MATRIX, alert_warn: entries };
        const result = planNotifications(alert('warn'), matrix, EVERYONE);
        expect(result.notifications.filter((n) => n.kind === 'page' || n.channel === 'pagerduty')).toEqual([]);
        const asked = entries.some((e) => e.channels.includes('pagerduty'));
        expect(result.gaps.some((gap) => gap.reason === 'warnings_never_page')).toBe(asked);
      }),
    );
  });

  it('plans the same keys on every replay, each key once', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEVERITIES),
        fc.constantFrom(...INCIDENT_TYPE_NAMES),
        fc.boolean(),
        (severity, type, nearMiss) => {
          const subject = incident({ severity, type, nearMiss });
          const first = planNotifications(subject, DEFAULT_NOTIFICATION_MATRIX, EVERYONE);
          const again = planNotifications(structuredClone(subject), DEFAULT_NOTIFICATION_MATRIX, EVERYONE);
          expect(again).toEqual(first);
          const keys = first.notifications.map((n) => n.key);
          expect(new Set(keys).size).toBe(keys.length);
        },
      ),
    );
  });

  it('gives a raised severity new keys, so the owning team hears of the SEV1 after the SEV3', () => {
    const keys = (severity: 'SEV1' | 'SEV3') =>
      planNotifications(incident({ severity }), DEFAULT_NOTIFICATION_MATRIX, EVERYONE).notifications.map((n) => n.key);
    expect(keys('SEV1').filter((key) => keys('SEV3').includes(key))).toEqual([]);
  });

  it('reaches one person named by two audiences once per channel, at the more urgent of the two', () => {
    const dana = { id: 'dana' };
    const result = planNotifications(incident(), DEFAULT_NOTIFICATION_MATRIX, { on_call: [dana], owner_team: [dana] });
    expect(result.notifications.map((n) => `${n.audience} ${n.channel} ${n.kind}`)).toEqual([
      'on_call pagerduty page',
      'on_call slack page',
      'on_call email page',
    ]);
  });

  it('names who it could not reach: an audience nobody holds, a channel a person has no address for', () => {
    const result = planNotifications(incident(), DEFAULT_NOTIFICATION_MATRIX, {
      on_call: [{ id: 'dana', reachableBy: ['email', 'pagerduty'] }],
    });
    expect(result.gaps).toContainEqual({
      audience: 'on_call',
      recipient: 'dana',
      channel: 'slack',
      reason: 'unreachable',
    });
    expect(result.gaps).toContainEqual({ audience: 'leadership', reason: 'no_recipients' });
    expect(result.notifications.map((n) => n.channel)).toEqual(['pagerduty', 'email']);
  });
});

describe('notificationKey', () => {
  const parts = {
    subject: 'INC-7',
    row: 'SEV1',
    audience: 'on_call',
    recipient: 'dana',
    channel: 'slack',
    step: 0,
    kind: 'page',
  };

  it('reads as its parts', () => {
    expect(notificationKey(parts)).toBe('INC-7:SEV1:on_call:dana:slack:0:page');
  });

  it('keeps two recipients apart even when their ids hold the separator', () => {
    const a = notificationKey({ ...parts, recipient: 'a:slack', channel: 'email' });
    const b = notificationKey({ ...parts, recipient: 'a', channel: 'slack:email' });
    expect(a).not.toBe(b);
  });

  it.each(Object.keys(parts) as (keyof typeof parts)[])('changes when %s changes', (name) => {
    const changed = name === 'step' ? { ...parts, step: 1 } : { ...parts, [name]: `${parts[name]}x` };
    expect(notificationKey(changed)).not.toBe(notificationKey(parts));
  });
});
