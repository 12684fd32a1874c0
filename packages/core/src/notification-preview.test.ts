import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_MATRIX } from './default-notification-matrix';
import { type IncidentSubject, planNotifications } from './notification-matrix';
import { formatNotificationPreview, notificationPreview } from './notification-preview';

const incident: IncidentSubject = {
  kind: 'incident',
  id: 'INC-7',
  severity: 'SEV1',
  type: 'privacy_leak',
  nearMiss: false,
  severitySetAt: '2026-11-24T23:50:00.000Z',
};

describe('notify preview', () => {
  const plan = planNotifications(incident, DEFAULT_NOTIFICATION_MATRIX, {
    on_call: [{ id: 'dana', name: 'Dana Reyes', reachableBy: ['pagerduty', 'email'] }],
    leadership: [{ id: 'cto', name: 'Sam Ortiz' }],
    legal: [{ id: 'legal-team' }],
  });

  it('prints who gets what, in the order it goes out, then who cannot be reached', () => {
    expect(formatNotificationPreview(plan)).toBe(
      [
        'INC-7 · SEV1 · 4 notifications from 2026-11-24T23:50:00.000Z',
        '',
        'DUE      AT (UTC)          AUDIENCE    RECIPIENT   CHANNEL    KIND',
        'at once  23:50             on_call     Dana Reyes  pagerduty  page',
        'at once  23:50             on_call     Dana Reyes  email      page',
        '+15m     2026-11-25 00:05  leadership  Sam Ortiz   email      notify',
        '+15m     2026-11-25 00:05  legal       legal-team  email      notify',
        '',
        'Not reached:',
        '  on_call: dana has no slack address',
        '  incident_commander: nobody to tell (no one resolved for this audience)',
        '  owner_team: nobody to tell (no one resolved for this audience)',
        '  privacy: nobody to tell (no one resolved for this audience)',
        '  support: nobody to tell (no one resolved for this audience)',
      ].join('\n'),
    );
  });

  it('gives the rows for a table the caller lays out', () => {
    const preview = notificationPreview(plan);
    expect(preview.head).toEqual(['DUE', 'AT (UTC)', 'AUDIENCE', 'RECIPIENT', 'CHANNEL', 'KIND']);
    expect(preview.rows[0]).toEqual(['at once', '23:50', 'on_call', 'Dana Reyes', 'pagerduty', 'page']);
  });

  it('gathers what the server has no channel for into one line per channel', () => {
    const plan = planNotifications(
      incident,
      DEFAULT_NOTIFICATION_MATRIX,
      { on_call: [{ id: 'dana' }], owner_team: [{ id: 'dana' }, { id: 'lee' }] },
      { channels: ['email'] },
    );
    expect(notificationPreview(plan).notes).toEqual([
      'incident_commander: nobody to tell (no one resolved for this audience)',
      'leadership: nobody to tell (no one resolved for this audience)',
      'legal: nobody to tell (no one resolved for this audience)',
      'privacy: nobody to tell (no one resolved for this audience)',
      'support: nobody to tell (no one resolved for this audience)',
      'pagerduty: not configured on the server; 1 person not sent (dana)',
      'slack: not configured on the server; 2 people not sent (dana, lee)',
    ]);
  });

  it('says so when nobody would be told', () => {
    const empty = planNotifications(incident, DEFAULT_NOTIFICATION_MATRIX, {});
    expect(formatNotificationPreview(empty)).toContain('nobody would be notified');
  });
});
