import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCtx } from '../context';
import { declareBody, type Harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { canaryCard, canaryHarness, MODEL, type Rates, send, traffic } from './fixtures';
import { runShadows, SHADOW_ACTOR } from './shadow';

const MIN = 60_000;
const SIGNALS = [
  'pii',
  'secret',
  'policy_violation',
  'refusal',
  'injection_suspected',
  'hallucination_suspected',
  'error',
];
const HEALTHY: Rates = Object.fromEntries(SIGNALS.map((signal) => [signal, 0.1]));

/** One pass of the shadow runner on the harness' store and clock. */
const shadowPass = (h: Harness) =>
  runShadows(
    systemCtx({
      db: h.store.db,
      log: pino({ level: 'silent' }),
      events: h.events,
      now: h.now,
      actor: SHADOW_ACTOR,
      requestId: 'shadow-test',
    }),
  );

/** m-12 serves every request; `percent` of them are copied to m-13, whose events are marked shadow: true. */
function shadowTraffic(h: Harness, options: { total: number; percent: number; baseline: Rates; shadow: Rates }) {
  return traffic(h, { ...options, candidate: options.shadow }).map((event) =>
    event.model === 'm-13' ? { ...event, shadow: true } : event,
  );
}

describe.each(STORE_TARGETS)('shadow traffic on $name', (target) => {
  let h: Harness;
  const view = async () => (await h.call('GET', `/api/v1/controls/${MODEL}/shadow`)).body;
  const change = (body: Record<string, unknown>) => h.call('POST', `/api/v1/controls/${MODEL}`, { body });
  const tick = async (ms: number) => {
    h.advance(ms);
    return shadowPass(h);
  };

  beforeAll(async () => {
    h = await canaryHarness(target);
  });
  afterAll(() => h.close());

  it('refuses a shadow on the active version, on no version, on no traffic or on another kind, naming the field', async () => {
    const refused = async (body: Record<string, unknown>, key = MODEL) => {
      const answer = await h.call('POST', `/api/v1/controls/${key}`, { body: { reason: 'try', ...body } });
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      return JSON.stringify(answer.body);
    };
    expect(await refused({ shadow: { version: 'm-12', percent: 10 } })).toContain('shadow.version');
    expect(await refused({ shadow: { version: 'm-99', percent: 10 } })).toContain('shadow.version');
    expect(await refused({ shadow: { version: 'm-13', percent: 0 } })).toContain('shadow.percent');
    expect(await refused({ shadow: { version: 'm-13', percent: 10 } }, 'support-copilot.auto-send')).toContain(
      'shadow',
    );
    expect((await h.call('GET', '/api/v1/controls/support-copilot.nope/shadow')).status).toBe(404);
    expect(await view()).toEqual({ shadow: null, run: null });
  });

  it('starts without approval during an open SEV1, keeps a healthy shadow running and reports it passing', async () => {
    const sev1 = await h.call('POST', '/api/v1/incidents', { body: declareBody({ severity: 'SEV1' }) });
    expect(sev1.status, JSON.stringify(sev1.body)).toBe(201);
    const started = await change({ shadow: { version: 'm-13', percent: 10 }, reason: 'try m-13 unseen' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body).toMatchObject({ outcome: 'applied', control: { state: { active: 'm-12' } } });
    expect(started.body.control.state.shadow).toMatchObject({ version: 'm-13', percent: 10, stickyBy: 'user' });
    const first = await view();
    expect(first.run).toMatchObject({ state: 'running', baseline: 'm-12', candidate: 'm-13', verdict: 'inconclusive' });

    // Unmarked m-13 events (a canary's, say) are not the shadow's: they must not count.
    await send(h, traffic(h, { total: 1000, percent: 50, baseline: HEALTHY, candidate: { refusal: 1 } }));
    await send(h, shadowTraffic(h, { total: 10_000, percent: 10, baseline: HEALTHY, shadow: HEALTHY }));
    expect(await tick(MIN)).toEqual([{ id: first.run.id, action: 'hold' }]);
    const { shadow, run } = await view();
    expect(shadow).toMatchObject({ version: 'm-13', percent: 10 });
    expect(run).toMatchObject({ state: 'running', verdict: 'passing', baselineEvents: 9500, candidateEvents: 1000 });
    expect(run.verdicts.map((v: { verdict: string }) => v.verdict)).toEqual(SIGNALS.map(() => 'passing'));

    const stopped = await change({ shadow: null, reason: 'seen enough' });
    expect(stopped.status, JSON.stringify(stopped.body)).toBe(200);
    expect((await view()).run).toMatchObject({ id: run.id, state: 'stopped', endReason: 'seen enough' });
    const entries = (await h.call('GET', `/api/v1/incidents/${sev1.body.id}/timeline`)).body.entries;
    expect(entries.filter((e: { kind: string }) => e.kind === 'control_changed')).toHaveLength(2);
  });

  it('stops by itself a shadow whose hallucination rate doubles, with the evidence on the timeline', async () => {
    const incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ severity: 'SEV3' }) })).body
      .id as string;
    const started = await change({
      shadow: { version: 'm-13', percent: 20 },
      reason: 'try m-13 unseen',
      incident,
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const baseline = { hallucination_suspected: 0.05 };
    const doubled = { hallucination_suspected: 0.1 };
    let action: string | undefined;
    for (let batch = 0; batch < 10 && action !== 'stop'; batch += 1) {
      await send(h, shadowTraffic(h, { total: 4000, percent: 20, baseline, shadow: doubled }));
      action = (await tick(5 * MIN))[0]?.action;
    }
    expect(action).toBe('stop');

    const { shadow, run } = await view();
    expect(shadow).toBeNull();
    expect(run).toMatchObject({ state: 'regressed', verdict: 'regressed', endedBy: SHADOW_ACTOR });
    expect(run.verdicts.find((v: { signal: string }) => v.signal === 'hallucination_suspected')).toMatchObject({
      verdict: 'regressed',
    });
    expect(run.endReason).toContain('hallucination_suspected');
    const control = (await h.call('GET', `/api/v1/controls/${MODEL}`)).body;
    expect(control.state).toMatchObject({ active: 'm-12' });
    expect(control.state.shadow ?? null).toBeNull();
    expect(control.history[0]).toMatchObject({ actor: SHADOW_ACTOR, incidentId: incident });
    expect(control.history[0].reason).toMatch(/^shadow SHD-\d+ stopped: m-13 did more harm than m-12/);

    const entries = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries;
    const regressed = entries.find((e: { kind: string }) => e.kind === 'shadow_regressed');
    expect(regressed).toMatchObject({ actor: SHADOW_ACTOR, payload: { run: run.id, candidate: 'm-13', percent: 20 } });
    const series = regressed.payload.evidence.series.find(
      (s: { signal: string; segment?: unknown }) => s.signal === 'hallucination_suspected' && !s.segment,
    );
    expect(series.decision).toBe('abort');
    expect(series.logLikelihoodRatio).toBeGreaterThanOrEqual(series.abortAt);
    expect(series.candidateRate).toBeCloseTo(0.1, 2);
    expect(series.baselineRate).toBeCloseTo(0.05, 2);
    expect((await h.call('GET', `/api/v1/incidents/${incident}/timeline/verify`)).body.intact).toBe(true);
    // Stopped: later passes have nothing to judge.
    expect(await tick(MIN)).toEqual([]);
  });
});

describe.each(STORE_TARGETS)('a shadow of a card with zero-tolerance monitors on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    const card = {
      ...canaryCard,
      monitors: [{ id: 'policy', signal: 'flag:policy_violation', detector: 'zero_tolerance' }],
    };
    h = await canaryHarness(target, undefined, card);
  });
  afterAll(() => h.close());

  it('stops on candidate-only flags of such a flag, as the route’s canary would', async () => {
    const started = await h.call('POST', `/api/v1/controls/${MODEL}`, {
      body: { shadow: { version: 'm-13', percent: 10 }, reason: 'try m-13 unseen' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    // Ten policy violations on the shadow, none on the active version: too few for the ratio test
    // alone at this α, enough for the zero-tolerance arm.
    await send(h, shadowTraffic(h, { total: 1000, percent: 10, baseline: {}, shadow: { policy_violation: 0.1 } }));
    h.advance(MIN);
    await shadowPass(h);
    const { run } = (await h.call('GET', `/api/v1/controls/${MODEL}/shadow`)).body;
    expect(run).toMatchObject({ state: 'regressed' });
    expect(run.verdicts.find((v: { signal: string }) => v.signal === 'policy_violation')).toMatchObject({
      verdict: 'regressed',
    });
  });
});
