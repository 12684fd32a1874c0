import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../context';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { EXPIRY_ACTOR, expireControls } from './expire';
import { copilotCard } from './fixtures';

describe.each(STORE_TARGETS)('containment controls on $name', (target) => {
  let h: Harness;
  let incident: string;
  const MIN = 60_000;
  const expiryCtx = (): Ctx => ({
    db: h.store.db,
    actor: { name: EXPIRY_ACTOR, role: 'admin', tokenId: null },
    now: h.now,
    log: pino({ level: 'silent' }),
    requestId: 't',
    events: h.events,
  });
  const control = async (key: string) => (await h.call('GET', `/api/v1/controls/${key}`)).body;

  beforeAll(async () => {
    h = await harness(target);
    expect(
      // These tests are about approvals; recovery gates, which come before them, are recovery.test.ts's.
      (
        await h.call('POST', '/api/v1/systems/apply', {
          token: h.tokens.admin,
          body: { systems: [copilotCard], directory: { recovery: { requiredFor: [] } } },
        })
      ).status,
    ).toBe(200);
    incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ severity: 'SEV3' }) })).body.id;
  });
  afterAll(() => h.close());

  it('starts each control declared on the card in its declared state', async () => {
    const { controls, seq } = (await h.call('GET', '/api/v1/controls?system=support-copilot')).body;
    expect(controls.map((c: { key: string; state: unknown }) => [c.key, c.state])).toEqual([
      ['support-copilot.auto-send', { kind: 'kill_switch', enabled: true }],
      ['support-copilot.filter', { kind: 'output_filter', level: 'standard' }],
      ['support-copilot.model', { kind: 'route', active: 'm-12', canary: null, knownGood: ['m-11', 'm-10'] }],
      ['support-copilot.rate', { kind: 'throttle', limit: null }],
      ['support-copilot.review', { kind: 'human_review', share: 0, when: [{ flag: 'pii' }] }],
    ]);
    expect(seq).toBe(Math.max(...controls.map((c: { seq: number }) => c.seq)));
    expect((await control('support-copilot.auto-send')).history).toMatchObject([
      { action: 'created', actor: 'admin', before: null },
    ]);
  });

  it('kills a capability with who, when and why, on the incident’s timeline', async () => {
    const response = await h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      body: { enabled: false, reason: 'PII in answers', incident },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      outcome: 'applied',
      approval: null,
      control: { state: { enabled: false }, updatedBy: 'dana', incidentId: incident, failMode: 'closed' },
    });
    const [latest] = (await control('support-copilot.auto-send')).history;
    expect(latest).toMatchObject({
      action: 'changed',
      actor: 'dana',
      reason: 'PII in answers',
      incidentId: incident,
      before: { enabled: true },
      after: { enabled: false },
      at: h.now().toISOString(),
    });
    const entries = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries;
    expect(entries.at(-1)).toMatchObject({
      kind: 'control_changed',
      actor: 'dana',
      payload: {
        key: 'support-copilot.auto-send',
        summary: 'support-copilot.auto-send: on → off (killed)',
        reason: 'PII in answers',
      },
    });
    expect((await h.call('GET', `/api/v1/incidents/${incident}/timeline/verify`)).body.intact).toBe(true);
  });

  it('keeps the control history append-only', async () => {
    const refused = { cause: { message: expect.stringMatching(/table control_changes is append-only/) } };
    await expect(h.store.db.execute(sql`update control_changes set actor = 'mallory'`)).rejects.toMatchObject(refused);
    await expect(h.store.db.execute(sql`delete from control_changes`)).rejects.toMatchObject(refused);
  });

  it('names the wrong field, refuses an unknown control, and a closed or unknown incident', async () => {
    const wrongKind = await h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      body: { level: 'strict', reason: 'x' },
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error.message).toBe('level: a kill_switch control has no level; it takes enabled');
    const noReason = await h.call('POST', '/api/v1/controls/support-copilot.auto-send', { body: { enabled: true } });
    expect(noReason.body.error.message).toMatch(/^reason: /);
    expect(
      (await h.call('POST', '/api/v1/controls/support-copilot.nope', { body: { enabled: false, reason: 'x' } })).status,
    ).toBe(404);
    const badKey = await h.call('POST', '/api/v1/controls/nodot', { body: { enabled: false, reason: 'x' } });
    expect(badKey.body.error.message).toMatch(/^key: expected <system>.<control>/);
    const unknownIncident = await h.call('POST', '/api/v1/controls/support-copilot.filter', {
      body: { level: 'strict', reason: 'x', incident: 'INC-999' },
    });
    expect(unknownIncident.body.error.message).toBe('incident: INC-999 not found');
    const badVersion = await h.call('POST', '/api/v1/controls/support-copilot.model', {
      body: { canary: { version: 'm-99', percent: 5 }, reason: 'x' },
    });
    expect(badVersion.body.error.message).toBe(
      'canary.version: m-99 is not a deployable version; the route has m-10, m-11, m-12',
    );
  });

  it('needs a second person to re-enable a killed capability during an open SEV1', async () => {
    await h.call('POST', `/api/v1/incidents/${incident}/severity`, {
      body: { severity: 'SEV1', reason: 'confirmed leak' },
    });
    const heard: Array<{ status: string; incidentId: string | null }> = [];
    const stop = h.events.subscribe(({ event }) => {
      if (event.type === 'approval') heard.push({ status: event.approval.status, incidentId: event.incidentId });
    });
    const asked = await h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      body: { enabled: true, reason: 'fix deployed', incident },
    });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({
      outcome: 'pending_approval',
      control: { state: { enabled: false } },
      approval: { status: 'pending', requestedBy: 'dana' },
    });
    expect(asked.body.approval.why).toMatch(
      new RegExp(`re-enabling a killed capability during open ${incident} \\(SEV1\\)`),
    );
    const id = asked.body.approval.id;
    const self = await h.call('POST', `/api/v1/approvals/${id}/approve`, { body: {} });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/a second person must approve/);
    expect((await h.call('POST', `/api/v1/approvals/${id}/approve`, { token: h.tokens.viewer, body: {} })).status).toBe(
      403,
    );
    const approved = await h.call('POST', `/api/v1/approvals/${id}/approve`, {
      token: h.tokens.admin,
      body: { reason: 'verified the fix' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      outcome: 'applied',
      control: { state: { enabled: true } },
      approval: { status: 'approved', decidedBy: 'admin' },
    });
    // The change is the asker's; the approver is recorded as approving it.
    expect((await control('support-copilot.auto-send')).history[0]).toMatchObject({
      actor: 'dana',
      approvedBy: 'admin',
      reason: 'fix deployed',
      after: { enabled: true },
    });
    expect((await h.call('POST', `/api/v1/approvals/${id}/approve`, { token: h.tokens.admin, body: {} })).status).toBe(
      409,
    );
    stop();
    // Whoever may approve hears of the request at once, and of the decision.
    expect(heard).toEqual([
      { status: 'pending', incidentId: incident },
      { status: 'approved', incidentId: incident },
    ]);
  });

  it('supersedes a pending approval when the control changes first', async () => {
    const back = await h.call('POST', '/api/v1/controls/support-copilot.model', {
      body: { active: 'm-11', reason: 'm-12 hallucinates', incident },
    });
    expect(back.body).toMatchObject({
      outcome: 'applied',
      control: { state: { active: 'm-11', knownGood: ['m-10'] } },
    });
    const asked = await h.call('POST', '/api/v1/controls/support-copilot.model', {
      body: { active: 'm-12', reason: 'fixed?' },
    });
    expect(asked.status).toBe(202);
    expect(asked.body.approval.why).toMatch(/rolling forward to m-12/);
    const rolled = await h.call('POST', '/api/v1/controls/support-copilot.model/rollback', {
      body: { reason: 'm-11 is no better', incident },
    });
    expect(rolled.body).toMatchObject({ outcome: 'applied', control: { state: { active: 'm-10', knownGood: [] } } });
    expect((await control('support-copilot.model')).history[0]).toMatchObject({
      action: 'rolled_back',
      before: { active: 'm-11' },
      after: { active: 'm-10' },
    });
    const list = (await h.call('GET', '/api/v1/approvals?key=support-copilot.model')).body.approvals;
    expect(list.find((a: { id: string }) => a.id === asked.body.approval.id)).toMatchObject({ status: 'superseded' });
    expect(
      (await h.call('POST', `/api/v1/approvals/${asked.body.approval.id}/approve`, { token: h.tokens.admin, body: {} }))
        .status,
    ).toBe(409);
  });

  it('rolls back to the last known-good version, refusing when none is known', async () => {
    const none = await h.call('POST', '/api/v1/controls/support-copilot.model/rollback', { body: { reason: 'x' } });
    expect(none.status).toBe(409);
    expect(none.body.error.message).toMatch(/no known-good version to roll back to from m-10; name one of m-11, m-12$/);
    const forward = (
      await h.call('POST', '/api/v1/controls/support-copilot.model', { body: { active: 'm-11', reason: 'evaluated' } })
    ).body;
    await h.call('POST', `/api/v1/approvals/${forward.approval.id}/approve`, { token: h.tokens.admin, body: {} });
    const rolled = await h.call('POST', '/api/v1/controls/support-copilot.model/rollback', {
      body: { reason: 'still bad' },
    });
    expect(rolled.body.control.state).toMatchObject({ active: 'm-10' });
    const toNewer = await h.call('POST', '/api/v1/controls/support-copilot.model/rollback', {
      body: { to: 'm-12', reason: 'x' },
    });
    expect(toNewer.status).toBe(202);
    const rejected = await h.call('POST', `/api/v1/approvals/${toNewer.body.approval.id}/reject`, {
      token: h.tokens.admin,
      body: { reason: 'not yet evaluated' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: 'not yet evaluated' });
  });

  it('takes a loosening of containment during the SEV1 to a second person, and records a change that names no incident on the open one', async () => {
    const asked = await h.call('POST', '/api/v1/controls/support-copilot.filter', {
      body: { level: 'off', reason: 'filter too slow' },
    });
    expect(asked.status).toBe(202);
    expect(asked.body.approval.why).toMatch(/^lowering the output filter to off during open INC-\d+ \(SEV1\)/);
    await h.call('POST', `/api/v1/approvals/${asked.body.approval.id}/reject`, {
      token: h.tokens.admin,
      body: { reason: 'not during the leak' },
    });
    const tighter = await h.call('POST', '/api/v1/controls/support-copilot.filter', {
      body: { level: 'strict', reason: 'jailbreak wave' },
    });
    expect(tighter.status).toBe(200);
    const last = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries.at(-1);
    expect(last).toMatchObject({
      kind: 'control_changed',
      payload: { key: 'support-copilot.filter', summary: 'support-copilot.filter: standard → strict', named: false },
    });
    await h
      .call('POST', '/api/v1/controls/support-copilot.filter', {
        token: h.tokens.admin,
        body: { level: 'standard', reason: 'back' },
      })
      .then(async (r) => {
        await h.call('POST', `/api/v1/approvals/${r.body.approval.id}/approve`, { body: {} });
      });
  });

  it('reverts a temporary change when it expires, with a notice, unless renewed', async () => {
    // Downgraded: no SEV1/SEV2 open, so reverting (a loosening) needs nobody's approval.
    await h.call('POST', `/api/v1/incidents/${incident}/severity`, {
      body: { severity: 'SEV3', reason: 'contained, fewer users' },
    });
    const set = await h.call('POST', '/api/v1/controls/support-copilot.filter', {
      body: { level: 'strict', reason: 'while we look', expiresIn: '10m', incident },
    });
    expect(set.body.control).toMatchObject({
      state: { level: 'strict' },
      expiresAt: new Date(h.now().getTime() + 10 * MIN).toISOString(),
    });
    h.advance(8 * MIN);
    expect(await expireControls(expiryCtx())).toHaveLength(0);
    const renewed = await h.call('POST', '/api/v1/controls/support-copilot.filter/renew', {
      body: { for: '5m', reason: 'still investigating' },
    });
    expect(renewed.body.expiresAt).toBe(new Date(h.now().getTime() + 5 * MIN).toISOString());
    h.advance(6 * MIN);
    const reverted = await expireControls(expiryCtx());
    expect(reverted.map((c) => c.control.state)).toEqual([{ kind: 'output_filter', level: 'standard' }]);
    const after = await control('support-copilot.filter');
    expect(after).toMatchObject({ expiresAt: null, state: { level: 'standard' } });
    expect(after.history.slice(0, 3).map((c: { action: string }) => c.action)).toEqual([
      'expired',
      'renewed',
      'changed',
    ]);
    expect(after.history[0]).toMatchObject({
      actor: EXPIRY_ACTOR,
      reason: expect.stringMatching(/temporary change expired .*strict → standard/),
    });
    const notice = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries.at(-1);
    expect(notice).toMatchObject({ kind: 'control_changed', actor: EXPIRY_ACTOR, payload: { action: 'expired' } });
    expect(
      (await h.call('POST', '/api/v1/controls/support-copilot.filter/renew', { body: { for: '5m', reason: 'x' } }))
        .status,
    ).toBe(409);
  });

  it('holds a temporary kill that would re-enable during an open SEV1, asking for approval instead', async () => {
    await h.call('POST', `/api/v1/incidents/${incident}/severity`, {
      body: { severity: 'SEV1', reason: 'second wave' },
    });
    await h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      token: h.tokens.admin,
      body: { enabled: false, reason: 'for an hour', expiresIn: '1h', incident },
    });
    h.advance(61 * MIN);
    expect(await expireControls(expiryCtx())).toHaveLength(0);
    const held = await control('support-copilot.auto-send');
    expect(held).toMatchObject({ state: { enabled: false }, expiresAt: null });
    const pending = (await h.call('GET', '/api/v1/approvals?key=support-copilot.auto-send&status=pending')).body
      .approvals;
    expect(pending).toHaveLength(1);
    const [approval] = pending;
    expect(approval).toMatchObject({
      requestedBy: EXPIRY_ACTOR,
      why: expect.stringMatching(/expired, so it holds until someone approves the revert/),
    });
    const approved = await h.call('POST', `/api/v1/approvals/${approval.id}/approve`, { body: {} });
    expect(approved.body.control.state.enabled).toBe(true);
    expect((await control('support-copilot.auto-send')).history[0]).toMatchObject({
      action: 'expired',
      approvedBy: 'dana',
    });
  });

  it('records a changed definition and keeps the state it still allows', async () => {
    const card = {
      ...copilotCard,
      controls: copilotCard.controls.map((c) =>
        c.id === 'model' ? { ...c, versions: ['m-10', 'm-11', 'm-12', 'm-13'] } : c,
      ),
    };
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [card] } });
    const model = await control('support-copilot.model');
    expect(model.versions).toEqual(['m-10', 'm-11', 'm-12', 'm-13']);
    expect(model.history[0]).toMatchObject({ action: 'defined', actor: 'admin' });
    expect(model.state.active).toBe('m-10');
    const dropActive = {
      ...copilotCard,
      controls: copilotCard.controls.map((c) => (c.id === 'model' ? { ...c, versions: ['m-12', 'm-13'] } : c)),
    };
    const refused = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [dropActive] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe(
      `systems[0].controls[1].versions: must keep ${model.state.active}, the active version; roll back or forward first`,
    );
    const changeKind = { ...copilotCard, controls: [{ id: 'auto-send', kind: 'output_filter' }] };
    expect(
      (await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [changeKind] } })).body
        .error.message,
    ).toMatch(/controls\[0\]\.kind: support-copilot.auto-send is a kill_switch/);
  });

  it('refuses a card whose route starts on a version it does not list', async () => {
    const bad = {
      ...copilotCard,
      id: 'other',
      controls: [{ id: 'model', kind: 'route', target: 'model', versions: ['a'], active: 'b' }],
    };
    const response = await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [bad] } });
    expect(response.body.error.message).toBe('systems[0].controls[0].active: must be one of versions (a)');
  });
});
