import { type SseMessage, SseParser } from '@firebreak/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { canaryCard, canaryCtx, canaryHarness, MODEL, send, traffic } from './fixtures';
import { runCanaries } from './runner';

const directory = {
  people: [
    { id: 'dana', name: 'Dana Reyes', timeZone: 'Europe/Berlin' },
    { id: 'omar', name: 'Omar Haddad', timeZone: 'Europe/Berlin' },
  ],
  teams: [{ id: 'support-ai', name: 'Support AI', members: ['omar'] }],
};

describe.each(STORE_TARGETS)('starting and following a canary on $name', (target) => {
  let h: Harness;
  const start = (body: Record<string, unknown>, token?: string, key = MODEL) =>
    h.call('POST', `/api/v1/controls/${key}/canary`, {
      ...(token === undefined ? {} : { token }),
      body: { version: 'm-13', reason: 'new model', ...body },
    });
  const issues = (body: { error: { details: { issues: Array<{ path: string }> } } }) =>
    body.error.details.issues.map((issue) => issue.path);

  beforeAll(async () => {
    h = await canaryHarness(target);
  });
  afterAll(() => h.close());

  it('answers bad input with 4xx naming the field, and starts nothing', async () => {
    const unknown = await start({ version: 'm-99' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^version: m-99 is not a version of support-copilot.model/);
    const active = await start({ version: 'm-12' });
    expect(active.status).toBe(400);
    expect(active.body.error.message).toMatch(/^version: m-12 is already the active version/);
    const notRoute = await start({}, undefined, 'support-copilot.auto-send');
    expect(notRoute.status).toBe(400);
    expect(notRoute.body.error.message).toMatch(/^key: support-copilot.auto-send is a kill_switch, not a route/);
    const badPlan = await start({ plan: [{ percent: 5 }, { percent: 5 }, { percent: 120 }, { percent: 50 }] });
    expect(badPlan.status).toBe(400);
    expect(issues(badPlan.body)).toEqual(
      expect.arrayContaining(['plan[1].percent', 'plan[2].percent', 'plan[3].percent']),
    );
    const badGate = await start({
      plan: [
        { percent: 1, gate: 'no_abort', gateSegments: true },
        { percent: 10, gateSegments: true },
        { percent: 100, segmentGateMax: '2h' },
      ],
    });
    expect(badGate.status).toBe(400);
    expect(issues(badGate.body)).toEqual(expect.arrayContaining(['plan[0].gateSegments', 'plan[2].segmentGateMax']));
    expect(badGate.body.error.message).toMatch(/only a pass step can gate on segments/);
    // What needs the card's defaults too (a segment key, the signals judged) is checked after they
    // are merged in: here there are none, and the 400 names the field all the same.
    const noKey = await start({ plan: [{ percent: 10, gateSegments: true }, { percent: 100 }] });
    expect(noKey.status).toBe(400);
    expect(issues(noKey.body)).toEqual(['plan[0].gateSegments']);
    expect(noKey.body.error.message).toBe('plan[0].gateSegments: needs segmentBy, the key to judge by');
    const badShape = await start({ signalSettings: { pii: { rateFloor: 2, colour: 'red' } } });
    expect(badShape.status).toBe(400);
    expect(issues(badShape.body)).toContain('signalSettings.pii.rateFloor');
    expect(JSON.stringify(badShape.body)).toContain('colour');
    const badSettings = await start({
      signals: ['refusal', 'pii'],
      signalSettings: { hallucination_suspected: { r1: 1.5 }, refusal: { r0: 1.5, r1: 1.2 } },
    });
    expect(badSettings.status).toBe(400);
    expect(issues(badSettings.body)).toEqual(
      expect.arrayContaining(['signalSettings.hallucination_suspected', 'signalSettings.refusal.r1']),
    );
    expect(badSettings.body.error.message).toMatch(/not a signal this canary judges \(refusal, pii\)/);
    const tolerance = await start({ signals: ['refusal'], signalSettings: { refusal: { r0: 3 } } });
    expect(issues(tolerance.body)).toContain('signalSettings.refusal.r0');
    // A tolerance below "no worse", or too thin a gap between the hypotheses, breaks the test.
    const below = await start({ signalSettings: { refusal: { r0: 0.5, r1: 0.9 } } });
    expect(issues(below.body)).toEqual(
      expect.arrayContaining(['signalSettings.refusal.r0', 'signalSettings.refusal.r1']),
    );
    const thin = await start({ signalSettings: { refusal: { r1: 1.05 } } });
    expect(thin.body.error.message).toMatch(/signalSettings\.refusal\.r1: must be at least 1\.1/);
    const noReason = await h.call('POST', `/api/v1/controls/${MODEL}/canary`, { body: { version: 'm-13' } });
    expect(noReason.status).toBe(400);
    expect(issues(noReason.body)).toContain('reason');
    const missing = await start({}, undefined, 'support-copilot.nope');
    expect(missing.status).toBe(404);
    expect((await h.call('GET', `/api/v1/controls/${MODEL}/canary`)).body).toEqual({ run: null });
  });

  it('refuses a second canary while one runs, and a cancel when none does', async () => {
    const first = await start({ signals: ['pii'] });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await start({});
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain(`already has canary ${first.body.id}`);
    const cancel = (reason = 'not now') =>
      h.call('POST', `/api/v1/controls/${MODEL}/canary/cancel`, { body: { reason } });
    expect((await cancel()).status).toBe(200);
    const again = await cancel();
    expect(again.status).toBe(404);
    expect(again.body.error.message).toContain('has no canary running');
  });

  it('tells stream subscribers the canary is gone the moment it aborts', async () => {
    const started = await start({ signals: ['pii'] });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const response = await h.app.request('/api/v1/controls/stream?system=support-copilot', {
      headers: { authorization: `Bearer ${h.tokens.viewer}` },
    });
    const reader = response.body!.getReader();
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const messages: SseMessage[] = [];
    const ready = async (until: (m: SseMessage[]) => boolean) => {
      while (!until(messages)) {
        const { value, done } = await reader.read();
        if (done) break;
        messages.push(...parser.push(decoder.decode(value, { stream: true })));
      }
    };
    await ready((m) => m.some((x) => x.event === 'ready'));
    // Three PII answers from the candidate at 1%, none from the baseline: a zero-tolerance abort.
    await send(h, traffic(h, { total: 1000, percent: 1, baseline: {}, candidate: { pii: 0.3 } }));
    h.advance(60_000);
    expect(await runCanaries(canaryCtx(h))).toEqual([{ id: started.body.id, action: 'abort' }]);
    await ready((m) => m.some((x) => x.event === 'control' && JSON.parse(x.data).key === MODEL));
    await reader.cancel();
    const change = messages.find((x) => x.event === 'control' && JSON.parse(x.data).key === MODEL)!;
    expect(JSON.parse(change.data)).toMatchObject({ key: MODEL, state: { active: 'm-12', canary: null } });
  });

  it('refuses a responder outside the owner team (403 naming the rule) and lets the owner team start one', async () => {
    const applied = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [canaryCard], directory },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const refused = await start({});
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('controlAccess.changedBy is owners');
    expect((await h.call('GET', `/api/v1/controls/${MODEL}`)).body.state.canary).toBeNull();
    const omar = await h.call('POST', '/api/v1/tokens', {
      token: h.tokens.admin,
      body: { name: 'omar', role: 'responder' },
    });
    expect(omar.status, JSON.stringify(omar.body)).toBe(201);
    expect((await start({}, omar.body.token)).status).toBe(201);
  });
  it('ends a run as cancelled when someone moves the route by hand, naming who', async () => {
    const running = (await h.call('GET', `/api/v1/controls/${MODEL}/canary`)).body.run;
    expect(running.state).toBe('running');
    const moved = await h.call('POST', `/api/v1/controls/${MODEL}`, {
      token: h.tokens.admin,
      body: { canary: { version: 'm-13', percent: 50 }, reason: 'more traffic by hand' },
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await runCanaries(canaryCtx(h))).toEqual([{ id: running.id, action: 'cancelled' }]);
    const run = (await h.call('GET', `/api/v1/controls/${MODEL}/canary`)).body.run;
    expect(run).toMatchObject({ state: 'cancelled', endedBy: 'firebreak:canary' });
    expect(run.endReason).toBe('the route changed outside the canary (now m-12, canary m-13 at 50%, by admin)');
    expect((await h.call('GET', `/api/v1/controls/${MODEL}`)).body.state.canary).toMatchObject({ percent: 50 });
  });
});
