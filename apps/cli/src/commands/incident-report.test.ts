import type { IncidentDetail } from '@firebreak/sdk';
import { describe, expect, it } from 'vitest';
import { ackState, incidentTable, renderIncident, updateLine, updateState } from './incident-report';
import { summarizeEntry } from './summarize-entry';

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
      isolatedAt: null,
      containedAt: null,
      resolvedAt: null,
      closedAt: null,
      timeToDetect: null,
      timeToAcknowledge: null,
      timeToIsolate: null,
      timeToContain: null,
      timeToResolve: null,
    },
    updates: {
      lastUpdateAt: null,
      dueAt: '2026-11-24T12:20:00.000Z',
      remindAt: '2026-11-24T12:15:00.000Z',
      overdue: false,
      overdueBy: 0,
    },
    regulatory: { pending: 0, overdue: 0, nextDue: null, next: null },
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
    const finished = incident({ status, statusUpdates: [update], updates: null });
    const text = renderIncident(finished, NOW).join('\n');
    expect(text).not.toMatch(/\(in \d/);
    expect(text).not.toContain('next update');
    expect(text).toContain(`not acknowledged (${status}: no clock runs)`);
    expect(ackState(finished, NOW)).toBe('—');
    expect(updateState(finished, NOW)).toBe('—');
  });

  it('sums up a status change that came with warnings, and an automatic one', () => {
    expect(
      summarizeEntry({
        kind: 'status_changed',
        payload: { from: 'recovering', to: 'resolved', reason: 'fixed', warnings: ['approval APR-1 still pending'] },
      }),
    ).toBe('recovering → resolved: fixed (warning: approval APR-1 still pending)');
  });

  it('names when the next status update is due, next to the response clocks', () => {
    const lines = renderIncident(incident(), NOW);
    const at = lines.indexOf('Response');
    expect(lines.slice(at, at + 4)).toEqual([
      'Response',
      '  acknowledge by 12:05 UTC (in 5m)',
      '  contain by 12:50 UTC (in 50m)',
      '  next update due 12:20 UTC (in 20m; none posted yet)',
    ]);
  });

  it('says by how much an update is overdue, and when the last one was posted', () => {
    const late = incident({
      updates: {
        lastUpdateAt: '2026-11-24T11:22:00.000Z',
        dueAt: '2026-11-24T11:52:00.000Z',
        remindAt: '2026-11-24T11:47:00.000Z',
        overdue: true,
        overdueBy: 480,
      },
    });
    expect(updateLine(late, NOW)).toBe(
      'OVERDUE by 8m: next update was due 11:52 UTC (last posted 2026-11-24T11:22Z (38m ago))',
    );
    expect(updateState(late, NOW)).toBe('overdue 8m');
  });
});

describe('incident list', () => {
  it.each([
    [{ overdue: false, overdueBy: 0, dueAt: '2026-11-24T12:12:00.000Z' }, 'in 12m'],
    [{ overdue: true, overdueBy: 3_900, dueAt: '2026-11-24T10:55:00.000Z' }, 'overdue 1h 5m'],
    // The server's clock said not yet; this machine's says past: not overdue, but due.
    [{ overdue: false, overdueBy: 0, dueAt: '2026-11-24T11:59:00.000Z' }, 'due now'],
  ])('shows the update clock %o as %s', (clock, expected) => {
    const updates = { lastUpdateAt: null, remindAt: clock.dueAt, ...clock };
    expect(updateState(incident({ updates }), NOW)).toBe(expected);
  });

  it('fits 100 columns by shortening titles, with the UPDATE column last', () => {
    const long = incident({
      type: 'hallucination_spike',
      status: 'recovering',
      title: 'A very long title that says a great deal about what went wrong and where and why',
      systems: ['support-copilot', 'fraud-model', 'talent-screener'],
    });
    const lines = incidentTable([long, incident({ id: 'INC-12' })], NOW).split('\n');
    expect(lines[0]).toMatch(/^ID\s+SEV\s+STATUS\s+TYPE\s+TITLE\s+SYSTEMS\s+AGE\s+ACK\s+UPDATE$/);
    expect(lines[1]).toMatch(/A very long title.*…\s+support-co…\s+10m\s+5m left\s+in 20m$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('keeps a short title whole', () => {
    expect(incidentTable([incident()], NOW)).toContain('PII in copilot answers');
  });
});
