import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../audit/store';
import { DEMO_SYSTEMS } from '../demo/systems';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

describe.each(STORE_TARGETS)('AI system catalog on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target);
  });
  afterAll(() => h.close());
  const admin = () => h.tokens.admin;

  it('applies system cards: created, then unchanged, then updated with a new revision', async () => {
    const created = await h.call('POST', '/api/v1/systems/apply', { token: admin(), body: { systems: DEMO_SYSTEMS } });
    expect(created.body.results).toEqual([
      { id: 'support-copilot', outcome: 'created', revision: 1 },
      { id: 'fraud-model', outcome: 'created', revision: 1 },
    ]);
    const again = await h.call('POST', '/api/v1/systems/apply', { token: admin(), body: { systems: DEMO_SYSTEMS } });
    expect(again.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['unchanged', 'unchanged']);
    const changed = [{ ...DEMO_SYSTEMS[0]!, promptTemplateVersion: 'support-answer-v7' }];
    const updated = await h.call('POST', '/api/v1/systems/apply', { token: admin(), body: { systems: changed } });
    expect(updated.body.results).toEqual([{ id: 'support-copilot', outcome: 'updated', revision: 2 }]);
    const card = await h.call('GET', '/api/v1/systems/support-copilot', { token: h.tokens.viewer });
    expect(card.body).toMatchObject({
      promptTemplateVersion: 'support-answer-v7',
      revision: 2,
      updatedBy: 'admin',
      riskTier: 'limited',
    });
    const audit = await readAudit(h.store.db);
    expect(audit.filter((a) => a.subject === 'support-copilot').map((a) => a.action)).toEqual([
      'system.created',
      'system.updated',
    ]);
  });

  it('fills defaults for optional lists and lists the catalog', async () => {
    const minimal = {
      id: 'tiny-model',
      name: 'Tiny',
      owner: 'ml',
      model: { name: 'tiny', version: '1' },
      riskTier: 'minimal',
    };
    const put = await h.call('PUT', '/api/v1/systems/tiny-model', { token: admin(), body: minimal });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      dependencies: [],
      knownLimits: [],
      blastRadius: { tenants: [], regions: [] },
      revision: 1,
    });
    const list = await h.call('GET', '/api/v1/systems', { token: h.tokens.viewer });
    expect(list.body.systems.map((s: { id: string }) => s.id)).toContain('tiny-model');
  });

  it('names the wrong field of the wrong system, and applies nothing', async () => {
    const broken = [
      { ...DEMO_SYSTEMS[1]!, id: 'fraud-v2' },
      { ...DEMO_SYSTEMS[0]!, riskTier: 'severe' },
    ];
    const response = await h.call('POST', '/api/v1/systems/apply', { token: admin(), body: { systems: broken } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^systems\[1\]\.riskTier: Invalid option/);
    expect((await h.call('GET', '/api/v1/systems/fraud-v2')).status).toBe(404);
    const duplicate = await h.call('POST', '/api/v1/systems/apply', {
      token: admin(),
      body: { systems: [DEMO_SYSTEMS[0], DEMO_SYSTEMS[0]] },
    });
    expect(duplicate.body.error.message).toBe('systems[1].id: duplicate system id support-copilot');
    const mismatch = await h.call('PUT', '/api/v1/systems/other', { token: admin(), body: DEMO_SYSTEMS[0] });
    expect(mismatch.body.error.message).toBe('id: must match the path (other)');
  });

  it('replaces the triage rules with the catalog when the file has rules, and leaves them alone when not', async () => {
    const rules = [
      { id: 'pii-leak', when: { signal: 'flag:pii' }, then: { type: 'privacy_leak', severity: 'SEV1', declare: true } },
    ];
    const applied = await h.call('POST', '/api/v1/systems/apply', { token: admin(), body: { systems: [], rules } });
    expect(applied.body).toEqual({ results: [], rules: 1 });
    await h.call('POST', '/api/v1/systems/apply', { token: admin(), body: { systems: DEMO_SYSTEMS } });
    const stored = await h.call('GET', '/api/v1/rules');
    expect(stored.body.rules.map((r: { id: string }) => r.id)).toEqual(['pii-leak']);
    const empty = await h.call('POST', '/api/v1/systems/apply', { token: admin(), body: { systems: [] } });
    expect(empty.body.error.message).toBe('systems: give at least one system, rules or a directory');
  });

  it('lets only admins change the catalog', async () => {
    const response = await h.call('PUT', '/api/v1/systems/support-copilot', {
      token: h.tokens.responder,
      body: DEMO_SYSTEMS[0],
    });
    expect(response.status).toBe(403);
  });

  it('stops warning about a system once it is catalogued', async () => {
    const incident = await h.call('POST', '/api/v1/incidents', {
      body: { title: 't', type: 'bias', severity: 'SEV2', systems: ['fraud-model'] },
    });
    expect(incident.body.warnings).toBeUndefined();
  });
});
