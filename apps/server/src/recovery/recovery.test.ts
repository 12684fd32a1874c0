import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copilotCard } from '../controls/fixtures';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

const MIN = 60_000;

describe.each(STORE_TARGETS)('the recovery gate of a SEV1 on $name', (target) => {
  let h: Harness;
  let incident: string;

  /** `count` answers of the copilot, one a minute up to now, `pii` on those listed. */
  const answers = async (count: number, pii: readonly number[] = []) => {
    const end = h.now().getTime();
    const events = Array.from({ length: count }, (_, i) => ({
      system: 'support-copilot',
      ts: new Date(end - (count - i) * (MIN / 4)).toISOString(),
      id: `ans-${end}-${i}`,
      kind: 'generation',
      flags: { pii: pii.includes(i) },
    }));
    expect((await h.call('POST', '/api/v1/telemetry', { body: events })).status).toBe(202);
  };
  const reEnable = () =>
    h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      body: { enabled: true, reason: 'the tenant filter is fixed', incident },
    });
  const check = (item: string, extra: Record<string, unknown> = {}, token?: string) =>
    h.call('POST', `/api/v1/incidents/${incident}/recovery/checks`, {
      body: { item, ...extra },
      ...(token ? { token } : {}),
    });
  const transition = (status: string, reason?: string) =>
    h.call('POST', `/api/v1/incidents/${incident}/transition`, {
      token: h.tokens.admin,
      body: { status, ...(reason ? { reason } : {}) },
    });
  const verification = async () => (await h.call('GET', `/api/v1/incidents/${incident}/recovery`)).body.verification;

  beforeAll(async () => {
    h = await harness(target);
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [copilotCard] } });
    // A normal morning first: the replayed monitors learn from it.
    h.advance(60 * MIN);
    await answers(120);
    incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody() })).body.id;
    await h.call('POST', '/api/v1/controls/support-copilot.auto-send', {
      token: h.tokens.admin,
      body: { enabled: false, reason: 'PII in answers', incident },
    });
    expect((await transition('contained')).status).toBe(200);
  });
  afterAll(() => h.close());

  it('refuses to lift containment while the gate has not passed, naming what is missing', async () => {
    const refused = await reEnable();
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('recovery gate not passed');
    expect(refused.body.error.message).toContain('replay-failing-inputs not checked yet');
    expect(refused.body.error.message).toContain('smoke-test not checked yet');
    expect(refused.body.error.details).toMatchObject({ rule: 'recovery', system: 'support-copilot' });
    const gate = (await h.call('GET', `/api/v1/incidents/${incident}/recovery`)).body;
    expect(gate).toMatchObject({ incident, required: true, passed: false });
    expect(gate.items.map((item: { id: string; state: string }) => [item.id, item.state])).toEqual([
      ['replay-failing-inputs', 'pending'],
      ['smoke-test', 'pending'],
    ]);
    // Tightening never waits for a gate.
    const tighter = await h.call('POST', '/api/v1/controls/support-copilot.filter', {
      body: { level: 'strict', reason: 'belt and braces', incident },
    });
    expect(tighter.body.outcome).toBe('applied');
  });

  it('fails the replay while too little has come in, then when an answer since containment still leaks', async () => {
    const empty = await check('replay-failing-inputs');
    expect(empty.status).toBe(200);
    expect(empty.body.items[0]).toMatchObject({ state: 'failed', summary: expect.stringContaining('only 0 events') });
    h.advance(30 * MIN);
    await answers(80, [40]);
    const leaking = (await check('replay-failing-inputs')).body.items[0];
    expect(leaking.state).toBe('failed');
    expect(leaking.summary).toMatch(
      /replayed 80 events since containment: default:flag:pii \(page\) on support-copilot alerted/,
    );
  });

  it('passes the replay once answers since a new containment are clean, and puts each check on the timeline', async () => {
    // The fix did not hold: back to active, contained again once the filter is fixed for real.
    expect((await transition('active', 'an answer still leaked after the kill')).status).toBe(200);
    expect((await verification()).state).toBe('not_contained');
    h.advance(5 * MIN);
    expect((await transition('contained')).status).toBe(200);
    // Verification after containment: watched for 30 minutes (no alert is on this incident, so
    // the time since containment decides), then verified.
    const watching = await verification();
    expect(watching).toMatchObject({ state: 'watching', since: h.now().toISOString() });
    expect(Date.parse(watching.until) - h.now().getTime()).toBe(30 * MIN);
    h.advance(30 * MIN);
    expect((await verification()).state).toBe('verified');
    await answers(100);
    const passed = (await check('replay-failing-inputs')).body.items[0];
    expect(passed).toMatchObject({ state: 'passed', by: 'dana' });
    expect(passed.summary).toMatch(/^replayed 100 events since containment at .* through today's monitors: no alert$/);
    const entries = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries.filter(
      (entry: { kind: string }) => entry.kind === 'recovery_checked',
    );
    expect(entries.map((entry: { payload: { passed: boolean } }) => entry.payload.passed)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('asks an attestation for its link, and counts it only from someone other than who lifts', async () => {
    const noLink = await check('smoke-test');
    expect(noLink.status).toBe(400);
    expect(noLink.body.error.details.issues).toContainEqual(expect.objectContaining({ path: 'url' }));
    const unknown = await check('no-such-item');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('has no item no-such-item (it has replay-failing-inputs, smoke-test)');

    expect((await check('smoke-test', { url: 'https://ci.example.com/runs/42' })).status).toBe(200);
    const ownWord = await reEnable();
    expect(ownWord.status).toBe(409);
    expect(ownWord.body.error.message).toContain('attested only by dana: it counts for a change someone else makes');

    const byAdmin = await check(
      'smoke-test',
      { url: 'https://ci.example.com/runs/43', note: 'ran it' },
      h.tokens.admin,
    );
    expect(byAdmin.body).toMatchObject({ passed: true, missing: [] });
  });

  it('lets containment be lifted once the gate passes: the change goes on to its approval and is recorded', async () => {
    const asked = await reEnable();
    expect(asked.status).toBe(202);
    expect(asked.body.outcome).toBe('pending_approval');
    const approved = await h.call('POST', `/api/v1/approvals/${asked.body.approval.id}/approve`, {
      token: h.tokens.admin,
      body: { reason: 'gate passed' },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.control.state).toEqual({ kind: 'kill_switch', enabled: true });
    const last = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries.at(-1);
    expect(last).toMatchObject({ kind: 'control_changed', actor: 'dana', payload: { approvedBy: 'admin' } });
  });
});
