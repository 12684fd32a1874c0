import type { AiSystem } from '@firebreak/contract';
import type { IncidentDetail } from '@firebreak/sdk';

/** An incident as the API returns it, for the tests of the web app's pure logic. */
export function buildIncident(overrides: Partial<IncidentDetail> = {}): IncidentDetail {
  return {
    id: 'INC-7',
    title: 'Copilot quoted a refund policy that does not exist',
    summary: 'Answers said 90 days; the policy is 30.',
    type: 'hallucination_spike',
    category: 'performance',
    driver: 'model',
    severity: 'SEV2',
    severitySetAt: '2026-11-24T09:45:00.000Z',
    status: 'active',
    nearMiss: false,
    exercise: null,
    systems: ['support-copilot'],
    declaredAt: '2026-11-24T09:45:00.000Z',
    declaredBy: 'priya',
    updatedAt: '2026-11-24T09:50:00.000Z',
    roles: [
      { role: 'incident_commander', person: 'Dana Reyes', since: '2026-11-24T09:49:00.000Z', assignedBy: 'dana' },
      { role: 'comms_lead', person: 'Lee Park', since: '2026-11-24T09:50:00.000Z', assignedBy: 'dana' },
    ],
    response: {
      deadline: '2026-11-24T10:45:00.000Z',
      acknowledgedAt: '2026-11-24T09:48:00.000Z',
      acknowledgedBy: 'dana',
      overdue: false,
      late: false,
      containDeadline: '2026-11-24T13:45:00.000Z',
      containOverdue: false,
    },
    metrics: {
      onsetAt: '2026-11-24T09:12:00.000Z',
      detectedAt: '2026-11-24T09:40:00.000Z',
      declaredAt: '2026-11-24T09:45:00.000Z',
      acknowledgedAt: '2026-11-24T09:48:00.000Z',
      isolatedAt: null,
      containedAt: null,
      resolvedAt: null,
      closedAt: null,
      timeToDetect: 1680,
      timeToAcknowledge: 480,
      timeToIsolate: null,
      timeToContain: null,
      timeToResolve: null,
    },
    updates: {
      lastUpdateAt: null,
      dueAt: '2026-11-24T10:45:00.000Z',
      remindAt: '2026-11-24T10:40:00.000Z',
      overdue: false,
      overdueBy: 0,
    },
    regulatory: { pending: 0, overdue: 0, nextDue: null, next: null },
    timeline: { length: 5, headHash: 'a'.repeat(64) },
    roleHistory: [],
    decisions: [],
    evidence: [],
    statusUpdates: [],
    ...overrides,
  };
}

/** The support copilot's card, as the demo catalog has it. */
export function buildSystem(overrides: Partial<AiSystem> = {}): AiSystem {
  return {
    id: 'support-copilot',
    name: 'Support copilot',
    owner: 'Support AI team',
    onCall: 'support-ai-oncall',
    model: { name: 'gpt-4.1', version: '2025-04-14', provider: 'openai' },
    promptTemplateVersion: 'support-answer-v6',
    safetyPolicyVersion: 'safety-3',
    dependencies: [],
    knownLimits: [],
    blastRadius: { tenants: ['retail-eu'], regions: ['EU', 'US'], users: 180_000 },
    jurisdictions: ['EU', 'US-CA'],
    personalData: { processed: true, categories: ['name', 'email'] },
    riskTier: 'limited',
    dashboards: [],
    tags: [],
    monitors: [],
    controls: [],
    alertBudget: { page: '30d', warn: '7d' },
    revision: 1,
    createdAt: '2026-11-21T09:00:00.000Z',
    updatedAt: '2026-11-21T09:00:00.000Z',
    updatedBy: 'admin',
    ...overrides,
  };
}
