import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

/** An EU-deployed, high-risk system that processes personal data, whose organisation is its provider. */
const loanCard = {
  id: 'loan-screen',
  name: 'Loan pre-screening',
  owner: 'credit-ml',
  model: { name: 'credit-gbm', version: 'v7' },
  riskTier: 'high',
  jurisdictions: ['EU'],
  personalData: { processed: true, categories: ['income', 'credit history'] },
  regulatory: { role: 'provider', dataRole: 'controller' },
  controls: [
    { id: 'model', kind: 'route', target: 'model', versions: ['v6', 'v7'] },
    { id: 'auto-decide', kind: 'kill_switch' },
  ],
};

describe.each(STORE_TARGETS)('incident facts and regulatory obligations on $name', (target) => {
  let h: Harness;
  let incident: string;
  const fact = (body: Record<string, unknown>, token?: string) =>
    h.call('POST', `/api/v1/incidents/${incident}/facts`, { body, ...(token ? { token } : {}) });
  const regulatory = async () => (await h.call('GET', `/api/v1/incidents/${incident}/regulatory`)).body;
  const obligation = async (rule: string) =>
    (await regulatory()).obligations.find((o: { ruleId: string }) => o.ruleId.startsWith(rule));

  beforeAll(async () => {
    h = await harness(target);
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [loanCard] } });
    incident = (
      await h.call('POST', '/api/v1/incidents', {
        body: declareBody({ title: 'Other applicants\u2019 data in decisions', systems: ['loan-screen'] }),
      })
    ).body.id;
  });
  afterAll(() => h.close());

  it('opens nothing until a fact starts a clock', async () => {
    const value = await regulatory();
    expect(value.facts).toEqual([]);
    expect(value.obligations).toEqual([]);
  });

  it('opens GDPR Art. 33 at 72 hours from awareness, with who set the fact and why on the timeline', async () => {
    const set = await fact({ fact: 'aware', at: '2026-11-24T09:30:00Z', reason: 'the DPO heard from a customer' });
    expect(set.status).toBe(200);
    expect(set.body.facts).toEqual([
      expect.objectContaining({
        fact: 'aware',
        at: '2026-11-24T09:30:00.000Z',
        setBy: 'dana',
        reason: 'the DPO heard from a customer',
      }),
    ]);
    const gdpr = await obligation('gdpr.33');
    expect(gdpr).toMatchObject({
      state: 'pending',
      trigger: 'aware',
      clockStart: '2026-11-24T09:30:00.000Z',
      // 72 elapsed hours from 09:30 UTC on Tuesday 24 November.
      due: '2026-11-27T09:30:00.000Z',
      overdue: false,
      system: 'loan-screen',
    });
    expect(gdpr.source.citation).toMatch(/Art(icle|\.) 33/);
    const timeline = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries;
    const kinds = timeline.map((entry: { kind: string }) => entry.kind);
    expect(kinds).toContain('fact_set');
    expect(kinds).toContain('obligation_opened');
    expect(timeline.find((entry: { kind: string }) => entry.kind === 'fact_set').actor).toBe('dana');
  });

  it('opens the AI Act Art. 73 report once a fundamental-rights harm is set, at 15 days counted as EU law counts', async () => {
    expect(await obligation('eu.aia.73')).toBeUndefined();
    expect(
      (
        await fact({
          fact: 'harms',
          value: ['fundamental_rights', 'personal_data'],
          reason: 'applicants saw others\u2019 records',
        })
      ).status,
    ).toBe(200);
    const art73 = await obligation('eu.aia.73');
    expect(art73).toMatchObject({ state: 'pending', trigger: 'aware', clockStart: '2026-11-24T09:30:00.000Z' });
    // Reg. 1182/71: the day of awareness (24 Nov) does not count; day 15 is Wednesday 9 December,
    // which ends at midnight in Brussels (CET, UTC+1).
    expect(art73.due.slice(0, 10)).toBe('2026-12-09');
    expect(Date.parse(art73.due)).toBeGreaterThan(Date.parse('2026-12-09T22:00:00Z'));
    expect(Date.parse(art73.due)).toBeLessThanOrEqual(Date.parse('2026-12-09T23:00:00Z'));
  });

  it('holds the evidence while Art. 73 is pending: a change of what runs needs confirming and is noted, containment does not', async () => {
    const art73 = await obligation('eu.aia.73');
    const kill = await h.call('POST', '/api/v1/controls/loan-screen.auto-decide', {
      token: h.tokens.admin,
      body: { enabled: false, reason: 'stop automatic decisions', incident },
    });
    expect(kill.status).toBe(200);
    const swap = await h.call('POST', '/api/v1/controls/loan-screen.model', {
      token: h.tokens.admin,
      body: { active: 'v6', reason: 'back to last month\u2019s model', incident },
    });
    expect(swap.status).toBe(409);
    expect(swap.body.error.message).toContain(art73.id);
    expect(swap.body.error.message).toContain('confirmHold');
    const confirmed = await h.call('POST', '/api/v1/controls/loan-screen.model', {
      token: h.tokens.admin,
      body: { active: 'v6', reason: 'back to last month\u2019s model', incident, confirmHold: true },
    });
    expect(confirmed.status).toBe(200);
    const timeline = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries;
    const changed = timeline.filter((entry: { kind: string }) => entry.kind === 'control_changed').at(-1);
    expect(JSON.stringify(changed.payload)).toContain(`made past the evidence hold of ${art73.id}`);
  });

  it('moves the deadline when a death is set (10 days governs), and says which variant governs', async () => {
    await fact({ fact: 'harms', value: ['death', 'fundamental_rights'], reason: 'a coroner linked a denied claim' });
    const art73 = await obligation('eu.aia.73');
    expect(art73.due.slice(0, 10)).toBe('2026-12-04');
    expect(art73.governedBy).toMatch(/73\(4\)|death/i);
    const kinds = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries.map(
      (entry: { kind: string }) => entry.kind,
    );
    expect(kinds).toContain('obligation_changed');
  });

  it('lapses a pending obligation the corrected facts no longer call for', async () => {
    await fact({ fact: 'harms', value: ['personal_data'], reason: 'the coroner withdrew the link' });
    expect((await obligation('eu.aia.73')).state).toBe('lapsed');
    expect((await obligation('gdpr.33')).state).toBe('pending');
  });

  it('records a filing with its reference, and refuses "not required" without a justification', async () => {
    const gdpr = await obligation('gdpr.33');
    const bare = await h.call('POST', `/api/v1/incidents/${incident}/obligations/${gdpr.id}/decision`, {
      body: { state: 'not_required' },
    });
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body)).toContain('justification');
    h.advance(3_600_000);
    const filed = await h.call('POST', `/api/v1/incidents/${incident}/obligations/${gdpr.id}/decision`, {
      body: { state: 'filed', reference: 'CNIL-2026-118', reason: 'filed on the portal' },
    });
    expect(filed.status).toBe(200);
    const after = filed.body.obligations.find((o: { id: string }) => o.id === gdpr.id);
    expect(after).toMatchObject({
      state: 'filed',
      reference: 'CNIL-2026-118',
      decidedBy: 'dana',
      submittedAt: '2026-11-24T11:00:00.000Z',
    });
    expect(after.remainingMs).toBeUndefined();
    const again = await h.call('POST', `/api/v1/incidents/${incident}/obligations/${gdpr.id}/decision`, {
      body: { state: 'filed' },
    });
    expect(again.status).toBe(409);
  });

  it('answers bad facts with the field named, and lets viewers read but not write', async () => {
    const future = await fact({ fact: 'aware', at: '2030-01-01T00:00:00Z', reason: 'typo' });
    expect(future.status).toBe(400);
    expect(JSON.stringify(future.body)).toContain('at');
    const unknown = await fact({ fact: 'vibes', reason: 'x' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('fact');
    const badCode = await fact({ fact: 'jurisdictions', value: ['Germany'], reason: 'x' });
    expect(badCode.status).toBe(400);
    expect(JSON.stringify(badCode.body)).toContain('ISO 3166');
    expect((await fact({ fact: 'aware', reason: 'x' }, h.tokens.viewer)).status).toBe(403);
    expect((await h.call('GET', `/api/v1/incidents/${incident}/regulatory`, { token: h.tokens.viewer })).status).toBe(
      200,
    );
    expect((await h.call('GET', '/api/v1/incidents/INC-999/regulatory')).status).toBe(404);
  });

  it('drafts the EU Art. 73 form and the OECD framework from the incident, as JSON and as Markdown', async () => {
    const art73 = await h.call('GET', `/api/v1/incidents/${incident}/reports/eu_art73`);
    expect(art73.status).toBe(200);
    expect(art73.body.format).toBe('eu_art73');
    const fields = art73.body.sections.flatMap((section: { fields: unknown[] }) => section.fields);
    expect(fields.filter((field: { state: string }) => field.state === 'filled').length).toBeGreaterThan(3);
    const oecd = await h.call('GET', `/api/v1/incidents/${incident}/reports/oecd?as=markdown`);
    expect(oecd.status).toBe(200);
    expect(oecd.headers.get('content-type')).toContain('text/markdown');
    expect(String(oecd.body)).toContain('Other applicants');
    expect((await h.call('GET', `/api/v1/incidents/${incident}/reports/fax`)).status).toBe(400);
    expect((await h.call('GET', `/api/v1/incidents/${incident}/reports/gpai?obligation=OB-999`)).status).toBe(400);
  });

  it('lists obligations across incidents, soonest due first', async () => {
    const all = (await h.call('GET', '/api/v1/obligations?state=filed')).body.obligations;
    expect(all.map((o: { ruleId: string }) => o.ruleId)).toContain('gdpr.33');
    expect((await h.call('GET', '/api/v1/obligations?state=nope')).status).toBe(400);
  });
});
