import { describe, expect, it } from 'vitest';
import { buildResponsePlan, renderPlanMarkdown } from './build';
import { applicableTypes, watches } from './coverage';
import { planGaps } from './gaps';
import { PLAN_SECTION_IDS, PLAN_SECTIONS, type PlanFacts } from './types';

/** A tabular scoring model with everything a plan asks for: no gaps. */
function complete(): PlanFacts {
  return {
    system: {
      id: 'scorer',
      name: 'Scorer',
      owner: 'ml',
      onCall: 'ml-oncall',
      model: { name: 'gbm', version: 'v3' },
      dependencies: [],
      knownLimits: [],
      blastRadius: { tenants: [], regions: ['EU'] },
      jurisdictions: [],
      personalData: { processed: false, categories: [] },
      riskTier: 'minimal',
      dashboards: [],
      runbook: 'https://runbooks.example.com/scorer',
      tags: ['tabular'],
      monitors: [
        { id: 'errors', signal: 'error_rate' },
        { id: 'drift', signal: 'feature:amount' },
        { id: 'latency', signal: 'latency_ms' },
      ],
    },
    generatedAt: '2026-12-07T10:00:00.000Z',
    alertBudget: { page: '30d', warn: '7d' },
    controls: [
      { id: 'auto', kind: 'kill_switch' },
      { id: 'model', kind: 'route', target: 'model', versions: ['v2', 'v3'], active: 'v3', knownGood: ['v2'] },
    ],
    controlAccess: { changedBy: 'owners', teams: [], incidentCommanders: true },
    rules: (['model_degradation', 'distribution_shift', 'infrastructure'] as const).map((type) => ({
      id: type,
      when: `system scorer`,
      type,
      severity: 'SEV3' as const,
      declare: true,
      actions: [],
      notify: [],
      contain: [],
    })),
    people: {
      ownerTeam: { id: 'ml', name: 'ML', members: ['Ana'] },
      schedule: { id: 'ml-oncall', name: 'ML on call', onCallNow: 'Ana' },
      escalationPolicy: { id: 'ml', steps: ['ml-oncall', 'after 10m: team ml'], repeat: 0 },
      audiences: { leadership: [], legal: ['Lou'], privacy: [], support: [], customers: [] },
    },
    statusComponents: [],
    updateCadence: { SEV1: '30m', SEV2: '1h', SEV3: '4h', SEV4: '1d' },
    postmortems: { requiredFor: ['SEV1', 'SEV2'], dueBusinessDays: 10 },
    history: { incidents: [], openActions: 0, overdueActions: 0 },
    obligations: [],
    disclosure: { formPath: '/report', acknowledgeWithin: '24h', updateEvery: '72h', openReports: 0 },
  };
}

type Change = (facts: PlanFacts) => void;

describe('planGaps', () => {
  it('finds none when every section is covered', () => {
    expect(planGaps(complete())).toEqual([]);
  });

  it.each<[string, Change, string]>([
    ['no kill switch', (f) => void (f.controls = f.controls.filter((c) => c.kind !== 'kill_switch')), 'no-kill-switch'],
    [
      'a route with nothing to roll back to',
      (f) =>
        void (f.controls = [
          f.controls[0]!,
          { id: 'model', kind: 'route', versions: ['v3'], active: 'v3', knownGood: [] },
        ]),
      'no-rollback-version:model',
    ],
    [
      'no monitor on drift',
      (f) => void (f.system.monitors = f.system.monitors.filter((m) => m.id !== 'drift')),
      'no-monitor:distribution_shift',
    ],
    [
      'personal data and no fairness monitor',
      (f) => {
        f.system.personalData = { processed: true, categories: ['name'] };
        f.system.regulatory = { dataRole: 'controller' };
        f.people.audiences.privacy = ['Pia'];
        f.rules = [
          ...f.rules,
          { ...f.rules[0]!, id: 'b', type: 'bias' },
          { ...f.rules[0]!, id: 'p', type: 'privacy_leak' },
        ];
        f.system.monitors = [...f.system.monitors, { id: 'pii', signal: 'flag:pii' }];
      },
      'no-monitor:bias',
    ],
    [
      'personal data and no privacy owner',
      (f) => {
        f.system.personalData = { processed: true, categories: ['name'] };
        f.system.regulatory = { dataRole: 'controller' };
        f.rules = [
          ...f.rules,
          { ...f.rules[0]!, id: 'b', type: 'bias' },
          { ...f.rules[0]!, id: 'p', type: 'privacy_leak' },
        ];
        f.system.monitors = [
          ...f.system.monitors,
          { id: 'pii', signal: 'flag:pii' },
          { id: 'fair', signal: 'selection:group', detector: 'fairness' },
        ];
      },
      'no-role:privacy',
    ],
    ['no legal owner', (f) => void (f.people.audiences.legal = []), 'no-role:legal'],
    ['no schedule', (f) => void (f.people.schedule = undefined), 'no-on-call'],
    ['no escalation policy', (f) => void (f.people.escalationPolicy = undefined), 'no-escalation-policy'],
    ['an owner that is no team', (f) => void (f.people.ownerTeam = undefined), 'no-owner-team'],
    ['no triage rule for a watched type', (f) => void (f.rules = f.rules.slice(1)), 'no-triage-rule:model_degradation'],
    ['no runbook link at all', (f) => void (f.system.runbook = undefined), 'no-runbook-link:infrastructure'],
    [
      'customers reached and no status component',
      (f) => {
        f.system.blastRadius = { tenants: ['acme'], regions: [], users: 10 };
        f.rules = [...f.rules];
      },
      'no-status-component',
    ],
    ['an EU system without its AI Act role', (f) => void (f.system.jurisdictions = ['DE']), 'no-regulatory-role'],
  ])('names the gap when there is %s', (_, change, id) => {
    const facts = complete();
    change(facts);
    expect(planGaps(facts).map((gap) => gap.id)).toContain(id);
  });

  it('closes a runbook gap with a runbook on a monitor that watches the type', () => {
    const facts = complete();
    facts.system.runbook = undefined;
    facts.system.monitors = facts.system.monitors.map((m) => ({ ...m, runbook: `https://rb.example.com/${m.id}` }));
    expect(planGaps(facts)).toEqual([]);
    facts.system.monitors = facts.system.monitors.map((m) => (m.id === 'latency' ? { ...m, runbook: undefined } : m));
    expect(planGaps(facts).map((gap) => gap.id)).toEqual(['no-runbook-link:infrastructure']);
  });

  it('counts the default monitors as watching every standard signal', () => {
    const facts = complete();
    facts.system.monitors = [];
    expect(planGaps(facts).filter((gap) => gap.id.startsWith('no-monitor:'))).toEqual([]);
  });

  it('reads bias as applying to systems about people, and injection only to generative ones', () => {
    const facts = complete();
    expect(applicableTypes(facts.system)).not.toContain('bias');
    expect(applicableTypes(facts.system)).not.toContain('prompt_injection');
    facts.system.tags = ['llm'];
    facts.system.riskTier = 'high';
    expect(applicableTypes(facts.system)).toEqual(
      expect.arrayContaining(['bias', 'prompt_injection', 'hallucination_spike']),
    );
  });

  it('sees a type through a glob signal and through its detector', () => {
    expect(watches({ id: 'd', signal: 'flag:*' }, 'privacy_leak')).toBe(true);
    expect(watches({ id: 'f', signal: 'prediction', detector: 'fairness' }, 'bias')).toBe(true);
    expect(watches({ id: 'l', signal: 'latency_ms' }, 'bias')).toBe(false);
  });
});

describe('buildResponsePlan', () => {
  it('has every section, in order, each with a body', () => {
    const plan = buildResponsePlan(complete());
    expect(plan.sections.map((s) => s.id)).toEqual(PLAN_SECTION_IDS);
    for (const section of plan.sections) expect(section.body.length).toBeGreaterThan(20);
    const markdown = renderPlanMarkdown(plan);
    for (const title of Object.values(PLAN_SECTIONS)) expect(markdown).toContain(`. ${title}\n`);
    expect(markdown).toContain('No gaps: every section is covered.');
  });

  it('calls each gap out in its own section and in the summary', () => {
    const facts = complete();
    facts.controls = facts.controls.filter((c) => c.kind !== 'kill_switch');
    const plan = buildResponsePlan(facts);
    const rollback = plan.sections.find((s) => s.id === 'rollback');
    expect(rollback?.body).toContain('**Gap `no-kill-switch`**');
    expect(plan.sections.find((s) => s.id === 'roles')?.body).not.toContain('Gap');
    expect(renderPlanMarkdown(plan)).toContain('**1 gap:**\n\n- `no-kill-switch`: no kill switch');
  });

  it('fills runbooks from rules, controls and the seed steps', () => {
    const facts = complete();
    facts.rules = facts.rules.map((rule) =>
      rule.type === 'model_degradation'
        ? {
            ...rule,
            actions: [{ action: 'Sample 50 outputs', within: '30m', role: 'tech_lead' }],
            contain: ['rollback model'],
          }
        : rule,
    );
    const body = buildResponsePlan(facts).sections.find((s) => s.id === 'runbooks')?.body ?? '';
    expect(body).toContain('### model degradation');
    expect(body).toContain('- [ ] Sample 50 outputs (within 30m, tech lead)');
    expect(body).toContain('contains by itself (rollback model)');
    expect(body).toContain('`model` (route)');
    expect(body).toContain('Runbook: https://runbooks.example.com/scorer');
  });

  it('lists known-good versions and who may approve a rollback', () => {
    const body = buildResponsePlan(complete()).sections.find((s) => s.id === 'rollback')?.body ?? '';
    expect(body).toContain('active v3; known-good v2');
    expect(body).toContain('members of ml (the owner), the commander of an open incident on the system, an admin');
  });
});
