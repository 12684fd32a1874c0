import type { SystemCardInput } from '@firebreak/contract';

/** The demo catalog: an LLM support copilot with retrieval, and a fraud-scoring model. */
export const DEMO_SYSTEMS: SystemCardInput[] = [
  {
    id: 'support-copilot',
    name: 'Support copilot',
    description:
      'Drafts and auto-sends answers to customer support tickets, grounded on the help centre and policy documents.',
    owner: 'support-ai', // the team in the demo directory (demo/directory.ts)
    onCall: 'support-ai-oncall',
    model: { name: 'gpt-4.1', version: '2025-04-14', provider: 'openai' },
    promptTemplateVersion: 'support-answer-v6',
    safetyPolicyVersion: 'safety-3',
    dependencies: [
      { name: 'help-centre-index', kind: 'retrieval_index', version: '2026-11-20' },
      { name: 'openai', kind: 'model_api', vendor: 'OpenAI' },
      { name: 'ticketing', kind: 'service', vendor: 'Zendesk' },
    ],
    intendedUse:
      'Answer order, shipping and refund questions for retail customers; escalate anything else to a person.',
    knownLimits: ['No access to payment systems', 'Policy answers are only as current as the retrieval index'],
    blastRadius: { tenants: ['retail-eu', 'retail-us'], regions: ['EU', 'US'], users: 180000 },
    jurisdictions: ['EU', 'US-CA'],
    personalData: { processed: true, categories: ['name', 'email', 'order history'] },
    riskTier: 'limited',
    regulatory: { role: 'deployer', dataRole: 'controller' },
    dashboards: [{ name: 'Copilot quality', url: 'https://grafana.example.com/d/copilot-quality' }],
    runbook: 'https://runbooks.example.com/support-copilot',
    tags: ['llm', 'rag', 'customer-facing'],
    controls: [
      {
        id: 'auto-send',
        kind: 'kill_switch',
        description: 'Send drafted answers to customers without an agent reading them first.',
      },
      {
        id: 'prompt',
        kind: 'route',
        target: 'prompt',
        versions: ['support-answer-v5', 'support-answer-v6', 'support-answer-v7'],
        description: 'The answer prompt template.',
      },
      {
        id: 'model',
        kind: 'route',
        target: 'model',
        versions: ['gpt-4.1-2025-04-14'],
        description: 'The generation model.',
      },
      {
        id: 'review',
        kind: 'human_review',
        when: [{ flag: 'pii' }],
        description: 'Answers held for an agent before they go out.',
      },
      {
        id: 'filter',
        kind: 'output_filter',
        level: 'standard',
        description: 'Level of the output guardrails (PII redaction, policy checks).',
      },
      { id: 'rate', kind: 'throttle', description: 'Answers per user per minute.' },
      {
        id: 'stack',
        kind: 'route',
        target: 'bundle',
        versions: ['s-41', 's-42'],
        bundles: {
          's-41': {
            model: 'gpt-4.1-2025-04-14',
            prompt: 'support-answer-v6',
            index: 'help-2026-11-20',
            tools: ['search'],
          },
          's-42': {
            model: 'gpt-4.1-2025-04-14',
            prompt: 'support-answer-v7',
            index: 'help-2026-11-27',
            tools: ['search', 'refund-status'],
          },
        },
        description:
          'The answering stack as one release: model, prompt, help-centre index and tools, switched together.',
      },
      {
        id: 'ingest',
        kind: 'queue',
        description: 'Help-centre articles waiting to be indexed for retrieval; paused, the indexers wait.',
      },
      {
        id: 'answers',
        kind: 'cache',
        description: 'Answers cached per tenant; a flush makes the app answer afresh.',
      },
    ],
    // Its safe mode, applied and reverted as one change: firebreak preset apply support-copilot safe-mode.
    presets: [
      {
        id: 'safe-mode',
        description:
          'Agents send every answer, answers with PII or secrets reviewed, the strict filter, 10 answers a minute per user',
        changes: [
          { control: 'auto-send', enabled: false },
          { control: 'review', share: 1, when: [{ flag: 'pii' }, { flag: 'secret' }] },
          { control: 'filter', level: 'strict' },
          { control: 'rate', limit: { rate: 10, per: '1m', by: 'user' } },
        ],
      },
    ],
    tiers: { SEV1: 'safe-mode' },
  },
  {
    id: 'fraud-model',
    name: 'Card fraud scoring',
    description: 'Scores card transactions in real time; scores above the threshold are declined or sent to review.',
    owner: 'risk-ml',
    onCall: 'risk-ml-oncall',
    model: { name: 'fraud-gbm', version: 'fraud-v12' },
    dependencies: [
      { name: 'transaction-features', kind: 'feature_store', version: 'v31' },
      { name: 'chargeback-labels', kind: 'dataset', version: '2026-11' },
    ],
    intendedUse: 'Decline or hold likely-fraudulent card payments.',
    knownLimits: ['Labels arrive 30 to 90 days late (chargebacks)', 'Weak on merchants with under 100 transactions'],
    blastRadius: { tenants: ['payments'], regions: ['EU', 'UK'], users: 2400000 },
    jurisdictions: ['EU', 'UK'],
    personalData: { processed: true, categories: ['transaction history', 'device fingerprint'] },
    riskTier: 'high',
    // The bank builds and runs the model: its provider under the AI Act, the data's controller.
    regulatory: { role: 'provider_and_deployer', dataRole: 'controller', doraEntity: 'credit_institution' },
    dashboards: [{ name: 'Fraud model health', url: 'https://grafana.example.com/d/fraud-health' }],
    runbook: 'https://runbooks.example.com/fraud-model',
    tags: ['tabular', 'real-time', 'credit'],
    controls: [
      {
        id: 'auto-decline',
        kind: 'kill_switch',
        description: 'Decline high-score payments automatically (off: hold them for an analyst).',
      },
      {
        id: 'model',
        kind: 'route',
        target: 'model',
        versions: ['fraud-v10', 'fraud-v11', 'fraud-v12'],
        description: 'The scoring model.',
      },
      {
        id: 'review',
        kind: 'human_review',
        when: [{ confidenceBelow: 0.55 }],
        description: 'Borderline scores sent to an analyst.',
      },
    ],
  },
];
