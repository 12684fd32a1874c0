import type { RegulatoryRecord } from './record';

// Records the tests draft from: a realistic one and one with nothing optional. Not exported from
// the package; the tests import them by path.

/**
 * A privacy leak in the support copilot: an EU-deployed, high-risk system that processes personal
 * data, whose answers quoted other customers' orders. Harm: fundamental rights and personal data.
 */
export function privacyLeakRecord(): RegulatoryRecord {
  return {
    incidentId: 'INC-2',
    title: 'Copilot answers quote other customers’ order numbers',
    description:
      'From 08:40 UTC the support copilot put order numbers and names of other customers into its answers, after prompt template v7 widened ticket retrieval across tenants.',
    generatedAt: '2026-11-26T09:00:00.000Z',
    timestamps: {
      occurredStart: { at: '2026-11-24T08:40:00.000Z', precision: 'exact' },
      occurredEnd: { at: '2026-11-24T11:05:00.000Z', precision: 'exact' },
      detectedAt: { at: '2026-11-24T10:00:00.000Z', precision: 'exact' },
      declaredAt: { at: '2026-11-24T10:02:00.000Z', precision: 'exact' },
      awareAt: { at: '2026-11-24T10:10:00.000Z', precision: 'exact' },
      causalLinkEstablishedAt: { at: '2026-11-24T13:30:00.000Z', precision: 'exact' },
      containedAt: { at: '2026-11-24T10:31:00.000Z', precision: 'exact' },
      resolvedAt: { at: '2026-11-24T11:05:00.000Z', precision: 'exact' },
    },
    impact: {
      countries: ['DE', 'FR', 'NL'],
      peopleAffected: 312,
      harmQuantification: '312 customers saw another customer’s order number; 41 also a name.',
    },
    classification: {
      incidentType: 'privacy_leak',
      category: 'safety',
      driver: 'data',
      severity: 'SEV1',
      nearMiss: false,
      harms: ['fundamental_rights', 'personal_data'],
      oecdSeverity: 'serious incident',
      stakeholders: ['consumers'],
    },
    system: {
      id: 'support-copilot',
      name: 'Support copilot',
      intendedUse: 'Answers customer questions about orders and refunds.',
      model: { name: 'gpt-4.1', version: '2025-04-14', provider: 'openai' },
      promptVersion: 'v7',
      policyVersion: 'safety-3',
      riskTier: 'high',
      jurisdictions: ['EU'],
      personalData: true,
      role: 'provider_and_deployer',
      users: 40_000,
      regions: ['EU'],
      dependencies: [{ name: 'ticket-index', kind: 'retrieval_index', version: '2026-11-20' }],
    },
    parties: {
      provider: { name: 'Acme Retail GmbH', country: 'DE' },
      deployer: { name: 'Acme Retail GmbH', country: 'DE' },
      submitter: {
        capacity: 'provider',
        organisation: 'Acme Retail GmbH',
        firstName: 'Dana',
        lastName: 'Reyes',
        email: 'dana.reyes@acme.example',
      },
    },
    response: {
      chain: [
        { at: '2026-11-24T08:40:00.000Z', actor: 'deploy', text: 'Prompt template v7 rolled out', seq: 1 },
        { at: '2026-11-24T10:00:00.000Z', actor: 'detector', text: 'flag:pii rate alert paged', seq: 2 },
        { at: '2026-11-24T10:31:00.000Z', actor: 'dana', text: 'Prompt rolled back to v6; auto-send killed', seq: 7 },
      ],
      actionsTaken: [
        { at: '2026-11-24T10:31:00.000Z', text: 'Rolled the prompt back to v6 and killed auto-send', ref: 'DEC-1' },
      ],
      correctiveActions: [
        {
          id: 'ACT-1',
          title: 'Scope ticket retrieval to the asking tenant',
          type: 'prevent',
          status: 'open',
          dueAt: '2026-12-05T00:00:00.000Z',
          verification: 'replay',
        },
      ],
      rootCause: 'Prompt template v7 retrieved tickets without the tenant filter.',
    },
    evidence: [
      { id: 'EV-1', title: 'Leaking answers, redacted', kind: 'transcript', sha256: 'a'.repeat(64) },
      {
        id: 'EV-2',
        title: 'Replay of 50 prompts on v6 and v7',
        kind: 'replay',
        sha256: 'b'.repeat(64),
        url: 'https://evidence.acme.example/replay-50',
      },
    ],
    filings: [
      {
        ruleId: 'gdpr.33',
        regime: 'GDPR Art. 33',
        recipient: 'BfDI',
        reportType: 'initial',
        submittedAt: '2026-11-25T16:00:00.000Z',
        reference: 'BfDI-2026-4411',
      },
    ],
  };
}

/** An incident with nothing optional: what a record holds right after a bare declaration. */
export function bareRecord(): RegulatoryRecord {
  return {
    incidentId: 'INC-9',
    title: 'Quality drop',
    generatedAt: '2026-11-26T09:00:00.000Z',
    timestamps: { declaredAt: { at: '2026-11-26T08:00:00.000Z', precision: 'exact' } },
    impact: { countries: [] },
    classification: {
      incidentType: 'model_degradation',
      category: 'performance',
      driver: 'model',
      severity: 'SEV3',
      nearMiss: false,
      harms: [],
    },
    system: {
      id: 'ranker',
      name: 'Ranker',
      model: { name: 'ranker', version: '12' },
      riskTier: 'minimal',
      jurisdictions: [],
      personalData: false,
    },
    parties: {},
    response: { chain: [], actionsTaken: [], correctiveActions: [] },
    evidence: [],
    filings: [],
  };
}
