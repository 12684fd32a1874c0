import type { IncidentDetail } from '@firebreak/sdk';
import { describe, expect, it } from 'vitest';
import { ackState, renderIncident, summarizeEntry } from './incident-report';

const NOW = new Date('2026-11-24T12:00:00.000Z');

function incident(overrides: Partial<IncidentDetail> = {}): IncidentDetail {
  return {
    id: 'INC-4',
    title: 'PII in copilot answers',
    summary: null,
    type: 'privacy_leak',
    category: 'safety',
    driver: 'data',
    severity: 'SEV1',
    status: 'triage',
    nearMiss: false,
    systems: ['support-copilot'],
    declaredAt: '2026-11-24T11:50:00.000Z',
    declaredBy: 'rule:copilot-pii',
    updatedAt: '2026-11-24T11:50:00.000Z',
    roles: [],
    response: {
      deadline: '2026-11-24T12:05:00.000Z',
      acknowledgedAt: null,
      acknowledgedBy: null,
      overdue: false,
      late: false,
      containDeadline: '2026-11-24T12:50:00.000Z',
      containOverdue: false,
    },
    metrics: {
      onsetAt: null,
      detectedAt: '2026-11-24T11:50:00.000Z',
      declaredAt: '2026-11-24T11:50:00.000Z',
      acknowledgedAt: null,
      containedAt: null,
      resolvedAt: null,
      closedAt: null,
      timeToDetect: null,
      timeToAcknowledge: null,
      timeToContain: null,
      timeToResolve: null,
    },
    timeline: { length: 3, headHash: 'a'.repeat(64) },
    roleHistory: [],
    decisions: [],
    evidence: [],
    statusUpdates: [],
    ...overrides,
  } as IncidentDetail;
}

const update = {
  id: 'SU-1',
  incidentId: 'INC-4',
  audience: 'executive',
  whatHappened: 'Copilot showed customers other customers’ order numbers',
  impact: '12 conversations in the EU',
  currentStatus: 'Contained at 10:40 UTC',
  nextSteps: 'Privacy review of notification duty by 12:00',
  asks: 'Legal to confirm the notification duty',
  nextUpdateAt: '2026-11-24T13:00:00.000Z',
  incidentStatus: 'contained',
  severity: 'SEV1',
  postedAt: '2026-11-24T11:55:00.000Z',
  postedBy: 'dana',
} as IncidentDetail['statusUpdates'][number];

describe('incident show', () => {
  it('prints every part of a status update, not only its current status', () => {
    const text = renderIncident(incident({ statusUpdates: [update] }), NOW).join('\n');
    for (const part of [update.whatHappened, update.impact, update.currentStatus, update.nextSteps, update.asks!])
      expect(text).toContain(part);
    expect(text).toContain('next update 13:00 UTC (in 1h)');
  });

  it('prints the required actions and whom to notify of each rule applied', () => {
    const text = renderIncident(
      incident({
        rulesApplied: [
          {
            rule: 'copilot-pii',
            description: 'PII in copilot answers',
            appliedAt: '2026-11-24T11:50:00.000Z',
            actions: [{ action: 'Tell the DPO', role: 'privacy_lead', due: '2026-11-24T12:50:00.000Z' }],
            notify: ['privacy-oncall', 'support-lead'],
          },
        ],
      }),
      NOW,
    ).join('\n');
    expect(text).toContain('Required by rule copilot-pii');
    expect(text).toContain('  Tell the DPO (privacy_lead) by 12:50 UTC (in 50m)');
    expect(text).toContain('  Notify: privacy-oncall, support-lead');
  });

  it.each(['resolved', 'closed', 'dismissed'] as const)('shows no countdown on a %s incident', (status) => {
    const finished = incident({ status, statusUpdates: [update] });
    const text = renderIncident(finished, NOW).join('\n');
    expect(text).not.toMatch(/\(in \d/);
    expect(text).not.toContain('next update');
    expect(text).toContain(`not acknowledged (${status}: no clock runs)`);
    expect(ackState(finished, NOW)).toBe('—');
  });

  it('sums up a status change that came with warnings, and an automatic one', () => {
    expect(
      summarizeEntry({
        kind: 'status_changed',
        payload: { from: 'recovering', to: 'resolved', reason: 'fixed', warnings: ['approval APR-1 still pending'] },
      }),
    ).toBe('recovering → resolved: fixed (warning: approval APR-1 still pending)');
  });
});
