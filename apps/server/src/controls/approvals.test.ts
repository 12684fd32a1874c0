import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAlert } from '../alerts/fixtures';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { copilotCard } from './fixtures';

describe.each(STORE_TARGETS)('decisions on the incident’s timeline on $name', (target) => {
  let h: Harness;
  let incident: string;
  const timeline = async () =>
    (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries as Array<{
      kind: string;
      actor: string;
      payload: Record<string, unknown>;
    }>;
  const killAndAskBack = async () => {
    await h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      token: h.tokens.admin,
      body: { enabled: false, reason: 'PII', incident },
    });
    const asked = await h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      body: { enabled: true, reason: 'tenant filter fixed', incident },
    });
    expect(asked.body.outcome).toBe('pending_approval');
    return asked.body.approval.id as string;
  };

  beforeAll(async () => {
    h = await harness(target);
    // These tests are about approvals; recovery gates, which come before them, are recovery.test.ts's.
    await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [copilotCard], directory: { recovery: { requiredFor: [] } } },
    });
    incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody() })).body.id;
  });
  afterAll(() => h.close());

  it('records an approved change as the asker’s, approved by the approver', async () => {
    const approval = await killAndAskBack();
    const approved = await h.call('POST', `/api/v1/approvals/${approval}/approve`, {
      token: h.tokens.admin,
      body: { reason: 'verified' },
    });
    expect(approved.status).toBe(200);
    const [latest] = (await h.call('GET', '/api/v1/controls/support-copilot.auto-send')).body.history;
    expect(latest).toMatchObject({ actor: 'dana', approvedBy: 'admin' });
    expect((await timeline()).at(-1)).toMatchObject({
      kind: 'control_changed',
      actor: 'dana',
      payload: { approvedBy: 'admin', reason: 'tenant filter fixed' },
    });
  });

  it('puts a rejected approval on the timeline with who refused it and why', async () => {
    const approval = await killAndAskBack();
    const rejected = await h.call('POST', `/api/v1/approvals/${approval}/reject`, {
      token: h.tokens.admin,
      body: { reason: 'leak not verified gone' },
    });
    expect(rejected.status).toBe(200);
    expect((await timeline()).at(-1)).toMatchObject({
      kind: 'approval_rejected',
      actor: 'admin',
      payload: {
        approval,
        key: 'support-copilot.auto-send',
        summary: 'support-copilot.auto-send: off (killed) → on',
        requestedBy: 'dana',
        reason: 'leak not verified gone',
      },
    });
  });

  it('puts an alert dismissed as a false positive on its incident’s timeline', async () => {
    const alert = await buildAlert(h.store.db, h.now(), { incidentId: incident });
    const dismissed = await h.call('POST', `/api/v1/alerts/${alert.id}/dismiss`, { body: { reason: 'eval traffic' } });
    expect(dismissed.status).toBe(200);
    expect((await timeline()).at(-1)).toMatchObject({
      kind: 'alert_dismissed',
      actor: 'dana',
      payload: { alertId: alert.id, reason: 'eval traffic' },
    });
  });
});
