import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copilotCard } from '../controls/fixtures';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

describe.each(STORE_TARGETS)('finished incidents on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target);
    // Approvals are what these tests are about; the recovery gate before them is recovery.test.ts's.
    await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [copilotCard], directory: { recovery: { requiredFor: [] } } },
    });
  });
  afterAll(() => h.close());

  const declare = async (overrides: Record<string, unknown> = {}) =>
    (await h.call('POST', '/api/v1/incidents', { body: declareBody(overrides) })).body.id as string;
  const move = (id: string, status: string, reason?: string) =>
    h.call('POST', `/api/v1/incidents/${id}/transition`, { body: { status, ...(reason ? { reason } : {}) } });
  const ready = async (id: string) => {
    await h.call('POST', `/api/v1/incidents/${id}/acknowledge`, { body: {} });
    await h.call('POST', `/api/v1/incidents/${id}/roles`, { body: { role: 'incident_commander', person: 'Dana' } });
  };
  const update = {
    audience: 'internal',
    whatHappened: 'PII in answers',
    impact: 'a few EU users',
    currentStatus: 'resolved',
    nextSteps: 'postmortem',
  };

  it('refuses to resolve a SEV1 from triage with no acknowledgement, commander or reason, naming each', async () => {
    const id = await declare();
    const refused = await move(id, 'resolved');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      'status: before a SEV1 can be resolved: acknowledge the incident first; seat an incident commander first; say why it is resolved',
    );
    await ready(id);
    expect((await move(id, 'resolved')).status).toBe(400);
    expect((await move(id, 'resolved', 'index rolled back, verified on replay')).status).toBe(200);
  });

  it('resolves a SEV3 without them', async () => {
    expect((await move(await declare({ severity: 'SEV3' }), 'resolved')).status).toBe(200);
  });

  it.each([
    ['resolved', 'reopen it first (move it to active with a reason)'],
    ['closed', 'it is the final record of what happened'],
    ['dismissed', 'reopen it first (move it to triage with a reason)'],
  ])('a %s incident is read-only: every change is refused with 409 and the way back', async (status, hint) => {
    const id = await declare({ severity: 'SEV3' });
    if (status === 'dismissed') await move(id, 'dismissed', 'eval traffic');
    else await move(id, 'resolved');
    if (status === 'closed') await move(id, 'closed');
    const before = (await h.call('GET', `/api/v1/incidents/${id}`)).body;
    const writes: Array<[string, string, unknown]> = [
      ['POST', 'status-updates', update],
      ['POST', 'acknowledge', {}],
      ['POST', 'decisions', { observation: 'o', decision: 'd' }],
      ['POST', 'evidence', { kind: 'log', title: 'late log', content: 'x', contentEncoding: 'utf8' }],
      ['POST', 'roles', { role: 'incident_commander', person: 'Sam' }],
      ['POST', 'severity', { severity: 'SEV1', reason: 'worse' }],
      ['POST', 'type', { type: 'bias', reason: 'retyped' }],
      ['PATCH', '', { title: 'renamed' }],
    ];
    for (const [method, path, body] of writes) {
      const response = await h.call(method, `/api/v1/incidents/${id}${path ? `/${path}` : ''}`, { body });
      expect([path, response.status]).toEqual([path, 409]);
      expect(response.body.error.message).toContain(`${status} incident takes no`);
      expect(response.body.error.message).toContain(hint);
    }
    const after = (await h.call('GET', `/api/v1/incidents/${id}`)).body;
    expect(after.timeline).toEqual(before.timeline);
  });

  it('reopens a resolved incident with a reason, and it takes changes again', async () => {
    const id = await declare({ severity: 'SEV3' });
    await move(id, 'resolved');
    expect((await move(id, 'active', 'it recurred')).status).toBe(200);
    expect((await h.call('POST', `/api/v1/incidents/${id}/status-updates`, { body: update })).status).toBe(201);
  });

  it('shows no running clock on a finished incident', async () => {
    const id = await declare({ severity: 'SEV3' });
    await move(id, 'dismissed', 'eval traffic');
    h.advance(48 * 60 * 60_000);
    const { response } = (await h.call('GET', `/api/v1/incidents/${id}`)).body;
    expect(response).toMatchObject({ overdue: false, containOverdue: false });
  });

  it('warns, in the response and on the timeline, about containment in effect and approvals pending when it ends', async () => {
    const id = await declare();
    await ready(id);
    await h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      body: { enabled: false, reason: 'PII', incident: id },
    });
    const asked = await h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      body: { enabled: true, reason: 'looks fixed', incident: id },
    });
    expect(asked.body.outcome).toBe('pending_approval');
    const approval = asked.body.approval.id;
    const resolved = await move(id, 'resolved', 'fixed');
    expect(resolved.status).toBe(200);
    expect(resolved.body.warnings).toEqual([
      expect.stringMatching(/^containment still in effect: support-copilot.auto-send off \(killed\) since .* by dana/),
      expect.stringMatching(new RegExp(`^approval ${approval} still pending: .*asked by dana`)),
    ]);
    const entries = (await h.call('GET', `/api/v1/incidents/${id}/timeline`)).body.entries;
    expect(entries.at(-1)).toMatchObject({
      kind: 'status_changed',
      payload: { to: 'resolved', warnings: resolved.body.warnings },
    });
    // Closing a SEV1 needs its review; an admin waives it here, with a reason on the timeline.
    expect((await move(id, 'closed')).status).toBe(409);
    const waived = await h.call('POST', `/api/v1/incidents/${id}/close-waiver`, {
      token: h.tokens.admin,
      body: { waive: ['postmortem', 'residual_risk'], reason: 'Drill incident: no review needed' },
    });
    expect(waived.body).toMatchObject({ ready: true, missing: [] });
    const closed = await move(id, 'closed');
    expect(closed.body.warnings).toHaveLength(2);
  });

  it('refuses a control change that names a finished incident, and applies a late approval to open ones only', async () => {
    const id = await declare();
    await ready(id);
    await h.call('POST', '/api/v1/controls/support-copilot.filter', {
      body: { level: 'strict', reason: 'jailbreaks', incident: id },
    });
    const asked = await h.call('POST', '/api/v1/controls/support-copilot.filter', {
      body: { level: 'standard', reason: 'wave over', incident: id },
    });
    expect(asked.body.outcome).toBe('pending_approval');
    await move(id, 'resolved', 'fixed');
    const named = await h.call('POST', '/api/v1/controls/support-copilot.rate', {
      body: { limit: { rate: 10, per: '1m' }, reason: 'abuse', incident: id },
    });
    expect(named.status).toBe(400);
    expect(named.body.error.message).toContain(`${id} is resolved and read-only`);
    const length = (await h.call('GET', `/api/v1/incidents/${id}`)).body.timeline.length;
    const approved = await h.call('POST', `/api/v1/approvals/${asked.body.approval.id}/approve`, {
      token: h.tokens.admin,
      body: {},
    });
    expect(approved.status).toBe(200);
    expect((await h.call('GET', `/api/v1/incidents/${id}`)).body.timeline.length).toBe(length);
  });
});
