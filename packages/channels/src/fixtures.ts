import { type Notification, type NotificationInput, parseNotification } from './notification';

/**
 * A valid page for tests, with any field replaced. Shared by the channel tests so each checks
 * the same notification against its receiver.
 *
 * @example
 * const n = buildNotification({ kind: 'resolved' });
 */
export function buildNotification(overrides: Partial<NotificationInput> = {}): Notification {
  return parseNotification({
    id: 'NTF-7',
    idempotencyKey: 'ntf-7-page-dana',
    kind: 'page',
    incident: {
      id: 'INC-12',
      title: 'Support copilot quotes customer emails <script>alert(1)</script> & more',
      severity: 'SEV1',
      type: 'privacy_leak',
      system: 'support-copilot',
      status: 'active',
    },
    audience: 'on-call responder',
    recipient: { name: 'Dana Reyes', email: 'dana@example.com', slackId: 'U024BE7LH' },
    clocks: {
      acknowledgeBy: '2026-11-24T10:15:00.000Z',
      containBy: '2026-11-24T11:00:00.000Z',
      nextUpdateDue: '2026-11-24T10:30:00.000Z',
    },
    owner: 'Sam Okafor',
    links: {
      warRoom: 'https://firebreak.example.com/incidents/INC-12',
      acknowledge: 'https://firebreak.example.com/ack?token=abc.def.ghi',
    },
    summary: 'The PII monitor paged: 14 replies in the last 5 minutes carried email addresses.',
    createdAt: '2026-11-24T10:00:00.000Z',
    ...overrides,
  });
}

/**
 * A valid page about an alert no incident holds yet (a page-level alert no triage rule declared
 * an incident from), with any field replaced.
 *
 * @example
 * const n = buildAlertNotification({ kind: 'update' });
 */
export function buildAlertNotification(overrides: Partial<NotificationInput> = {}): Notification {
  const { incident: _incident, ...page } = buildNotification();
  return parseNotification({
    ...page,
    id: 'NTF-9',
    idempotencyKey: 'alr-41-page-dana',
    alert: {
      id: 'ALR-41',
      level: 'page',
      system: 'support-copilot',
      monitor: 'hallucination-rate',
      signal: 'hallucination_suspected rate',
      value: 0.1234567,
      threshold: 0.05,
      segment: { tenant: 'acme' },
      status: 'firing',
    },
    clocks: {},
    owner: undefined,
    links: {
      warRoom: 'https://firebreak.example.com/alerts/ALR-41',
      acknowledge: 'https://firebreak.example.com/ack?token=abc.def.ghi',
    },
    summary: 'No triage rule declared an incident from this alert: you are paged to look at it.',
    ...overrides,
  });
}
