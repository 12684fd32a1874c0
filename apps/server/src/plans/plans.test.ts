import { OnCallDirectory } from '@firebreak/contract';
import { PLAN_SECTION_IDS } from '@firebreak/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory } from '../demo/directory';
import { seedDemo } from '../demo/seed';
import { DEMO_SYSTEMS } from '../demo/systems';
import { chromiumPath } from '../documents/page';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

const PLAN = '/api/v1/systems/support-copilot/plan';

describe.each(STORE_TARGETS)('response plans on $name', (target) => {
  let h: Harness;

  beforeAll(async () => {
    h = await harness(target);
    await seedDemo(h.store.db, h.now());
  });
  afterAll(() => h.close());

  it("builds the demo copilot's plan: every section, its real gaps named", async () => {
    const { status, body } = await h.call('GET', PLAN, { token: h.tokens.viewer });
    expect(status).toBe(200);
    expect(body.sections.map((s: { id: string }) => s.id)).toEqual(PLAN_SECTION_IDS);
    const gaps = body.gaps.map((g: { id: string }) => g.id);
    // The demo directory names leadership only, and the model route lists one version.
    expect(gaps).toEqual(expect.arrayContaining(['no-role:legal', 'no-role:privacy', 'no-rollback-version:model']));
    // What the demo does have is not called a gap.
    for (const covered of ['no-kill-switch', 'no-on-call', 'no-escalation-policy', 'no-status-component'])
      expect(gaps).not.toContain(covered);
    // Its monitors (after INC-1) watch PII, confidence, feedback and latency, but not fairness,
    // policy violations or injection.
    expect(gaps.filter((id: string) => id.startsWith('no-monitor:'))).toEqual([
      'no-monitor:bias',
      'no-monitor:safety_bypass',
      'no-monitor:prompt_injection',
    ]);
    expect(body.markdown).toContain('no monitor watches fairness (bias) for this system');
    const markdown: string = body.markdown;
    expect(markdown).toContain('# AI incident response plan: Support copilot (support-copilot)');
    expect(markdown).toContain('| People reached | 180,000 |');
    expect(markdown).toMatch(/on call on Support AI on call \(now (Dana Reyes|Sam Okafor|Priya Raman)\)/);
    expect(markdown).toContain(
      'Escalation (`support-ai-default`): on call on support-ai-oncall → after 10m: team support-ai',
    );
    expect(markdown).toContain('Status page: Support assistant (`support-assistant`)');
    // The seeded past incident, its postmortem and the GDPR clock for a personal-data system.
    expect(markdown).toContain('Copilot quoted a refund policy that does not exist');
    expect(markdown).toMatch(/GDPR .*\| 72h from aware/);
    // The stack route's known-good bundle, as the controls hold it.
    expect(markdown).toMatch(/`stack` \| route \(bundle\) .* known-good s-41/);
  });

  it('closes a gap once the directory names the role', async () => {
    const directory = OnCallDirectory.parse(demoDirectory(h.now()));
    directory.notifications = {
      ...directory.notifications!,
      audiences: { ...directory.notifications!.audiences, legal: [{ person: 'alex-morgan' }] },
    };
    const applied = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [], directory },
    });
    expect(applied.status).toBe(200);
    const { body } = await h.call('GET', PLAN);
    expect(body.gaps.map((g: { id: string }) => g.id)).not.toContain('no-role:legal');
    expect(body.markdown).toMatch(/\| legal \| .* \| Alex Morgan \|/);
  });

  it('gives Markdown and a standalone HTML page', async () => {
    const md = await h.app.request(`${PLAN}?format=md`, { headers: { authorization: `Bearer ${h.tokens.viewer}` } });
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(await md.text()).toContain('## 11. Roles and on-call');
    const html = await h.app.request(`${PLAN}?format=html`, {
      headers: { authorization: `Bearer ${h.tokens.viewer}` },
    });
    expect(html.headers.get('content-type')).toContain('text/html');
    const page = await html.text();
    expect(page).toContain('<h2>4. Runbooks by failure type</h2>');
    expect(page).toContain('<table>');
  });

  it('prints PDF where the server has Chromium, and otherwise refuses naming format', async () => {
    const response = await h.app.request(`${PLAN}?format=pdf`, {
      headers: { authorization: `Bearer ${h.tokens.viewer}` },
    });
    if (chromiumPath()) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(new TextDecoder().decode((await response.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    } else {
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('format');
    }
  }, 60_000);

  it('refuses a bad format, an unknown system and a caller without a token', async () => {
    const bad = await h.call('GET', `${PLAN}?format=docx`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('format');
    const unknown = await h.call('GET', '/api/v1/systems/nope/plan');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toContain('system nope not found');
    expect((await h.call('GET', PLAN, { token: null })).status).toBe(401);
  });

  it('reads the card it was given: the fraud model is not generative, so no injection runbook', async () => {
    expect(DEMO_SYSTEMS.map((s) => s.id)).toContain('fraud-model');
    const { body } = await h.call('GET', '/api/v1/systems/fraud-model/plan');
    const runbooks = body.sections.find((s: { id: string }) => s.id === 'runbooks').body;
    expect(runbooks).toContain('### bias');
    expect(runbooks).not.toContain('### prompt injection');
  });
});
