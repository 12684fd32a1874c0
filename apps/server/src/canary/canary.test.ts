import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../audit/store';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { canaryCard, canaryCtx, canaryHarness, MODEL, send, traffic } from './fixtures';
import { CANARY_ACTOR, runCanaries } from './runner';

const MIN = 60_000;
const HEALTHY = { hallucination_suspected: 0.1, refusal: 0.1 };

describe.each(STORE_TARGETS)('canary runs on $name', (target) => {
  let h: Harness;
  const status = async () => (await h.call('GET', `/api/v1/controls/${MODEL}/canary`)).body.run;
  const route = async () => (await h.call('GET', `/api/v1/controls/${MODEL}`)).body.state;
  const start = (body: Record<string, unknown>) =>
    h.call('POST', `/api/v1/controls/${MODEL}/canary`, { body: { version: 'm-13', reason: 'new model', ...body } });
  const tick = async (ms: number) => {
    h.advance(ms);
    return runCanaries(canaryCtx(h));
  };

  beforeAll(async () => {
    h = await canaryHarness(target);
  });
  afterAll(() => h.close());

  it('advances a healthy candidate through its steps to completion, each step an audited change', async () => {
    const started = await start({ signals: ['hallucination_suspected', 'refusal'] });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({ state: 'running', step: 0, baseline: 'm-12', candidate: 'm-13' });
    expect((await route()).canary).toMatchObject({ version: 'm-13', percent: 1 });

    await send(h, traffic(h, { total: 2000, percent: 1, baseline: HEALTHY, candidate: HEALTHY }));
    expect(await tick(5 * MIN)).toEqual([{ id: started.body.id, action: 'hold' }]);
    expect(await tick(6 * MIN)).toEqual([{ id: started.body.id, action: 'advance' }]);
    expect((await route()).canary).toMatchObject({ percent: 5 });

    await send(h, traffic(h, { total: 4000, percent: 5, baseline: HEALTHY, candidate: HEALTHY }));
    expect((await tick(31 * MIN))[0]?.action).toBe('advance');
    expect((await route()).canary).toMatchObject({ percent: 25 });

    await send(h, traffic(h, { total: 4000, percent: 25, baseline: HEALTHY, candidate: HEALTHY }));
    expect((await tick(31 * MIN))[0]?.action).toBe('complete');
    expect(await route()).toMatchObject({ active: 'm-13', canary: null });

    const run = await status();
    expect(run).toMatchObject({ state: 'completed', endedBy: CANARY_ACTOR });
    expect(run.steps.map((s: { percent: number }) => s.percent)).toEqual([1, 5, 25]);
    expect(run.steps.map((s: { decision: { action: string } }) => s.decision.action)).toEqual([
      'advance',
      'advance',
      'complete',
    ]);
    expect(run.steps[1].candidate).toMatchObject({ events: 200, flagged: { hallucination_suspected: 20 } });
    expect(run.steps[1].baseline).toMatchObject({ events: 3800, flagged: { refusal: 380 } });
    const history = (await h.call('GET', `/api/v1/controls/${MODEL}`)).body.history;
    expect(history.slice(0, 4).map((c: { actor: string }) => c.actor)).toEqual([
      CANARY_ACTOR,
      CANARY_ACTOR,
      CANARY_ACTOR,
      'dana',
    ]);
  });

  it('aborts a candidate whose hallucination rate doubles before 25%, with the evidence on the timeline', async () => {
    // Back to m-12 for the next candidate.
    await h.call('POST', `/api/v1/controls/${MODEL}`, { body: { active: 'm-12', reason: 'reset for the next test' } });
    const incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ severity: 'SEV3' }) })).body
      .id as string;
    const started = await start({ incident });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const baseline = { hallucination_suspected: 0.05 };
    const candidate = { hallucination_suspected: 0.1 };
    await send(h, traffic(h, { total: 2000, percent: 1, baseline, candidate }));
    expect((await tick(11 * MIN))[0]?.action).toBe('advance');
    let action: string | undefined;
    for (let batch = 0; batch < 10 && action !== 'abort'; batch += 1) {
      await send(h, traffic(h, { total: 4000, percent: 5, baseline, candidate }));
      action = (await tick(5 * MIN))[0]?.action;
    }
    expect(action).toBe('abort');
    expect((await route()).canary).toBeNull();
    expect((await route()).active).toBe('m-12');

    const run = await status();
    expect(run).toMatchObject({ state: 'aborted', step: 1 });
    expect(run.endReason).toContain('hallucination_suspected');
    const entries = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries;
    const aborted = entries.find((e: { kind: string }) => e.kind === 'canary_aborted');
    expect(aborted).toMatchObject({ actor: CANARY_ACTOR, payload: { run: run.id, candidate: 'm-13', percent: 5 } });
    const series = aborted.payload.evidence.series.find(
      (s: { signal: string; segment?: unknown }) => s.signal === 'hallucination_suspected' && !s.segment,
    );
    expect(series.decision).toBe('abort');
    expect(series.logLikelihoodRatio).toBeGreaterThanOrEqual(series.abortAt);
    expect(series.candidateRate).toBeCloseTo(0.1, 2);
    expect(series.baselineRate).toBeCloseTo(0.05, 2);
    expect(series.steps.map((s: { percent: number }) => s.percent)).toEqual([1, 5]);
    expect(series.steps[1].logLikelihoodRatio).toBe(series.logLikelihoodRatio);
    expect(entries.some((e: { kind: string; payload: { key?: string } }) => e.kind === 'control_changed')).toBe(true);
    expect((await h.call('GET', `/api/v1/incidents/${incident}/timeline/verify`)).body.intact).toBe(true);
  });

  it('keeps its counts across a restart: every accepted event counted once', async () => {
    const started = await start({ signals: ['refusal'] });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await send(h, traffic(h, { total: 1000, percent: 1, baseline: HEALTHY, candidate: HEALTHY }));
    await tick(MIN);
    // Accepted before the "restart", counted after it by a runner that starts with nothing in memory.
    await send(h, traffic(h, { total: 1000, percent: 1, baseline: HEALTHY, candidate: HEALTHY }));
    await runCanaries(canaryCtx(h));
    await runCanaries(canaryCtx(h));
    const run = await status();
    expect(run.steps[0].candidate.events + run.steps[0].baseline.events).toBe(2000);
    expect(run.steps[0].candidate).toMatchObject({ events: 20, flagged: { refusal: 2 } });
    const cancelled = await h.call('POST', `/api/v1/controls/${MODEL}/canary/cancel`, { body: { reason: 'done' } });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    expect((await route()).canary).toBeNull();
  });
  it('judged by segment with no plan given, adds a 10% step on which every segment must pass', async () => {
    const started = await start({ signals: ['refusal'], segmentBy: 'language' });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.plan.map((step: { percent: number }) => step.percent)).toEqual([1, 5, 10, 25, 100]);
    expect(started.body.plan[2]).toMatchObject({ gateSegments: true, segmentGateMaxMs: 12 * 3_600_000 });
    expect(started.body.plan.filter((step: { gateSegments?: boolean }) => step.gateSegments)).toHaveLength(1);
    const cancelled = await h.call('POST', `/api/v1/controls/${MODEL}/canary/cancel`, { body: { reason: 'done' } });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const plain = await start({ signals: ['refusal'] });
    expect(plain.body.plan.map((step: { percent: number }) => step.percent)).toEqual([1, 5, 25, 100]);
    await h.call('POST', `/api/v1/controls/${MODEL}/canary/cancel`, { body: { reason: 'done' } });
  });

  it('counts by segment and aborts on a regression confined to one segment value, naming it', async () => {
    const started = await start({
      signals: ['refusal'],
      segmentBy: 'language',
      plan: [{ percent: 10, minDuration: '1d', gate: 'no_abort' }, { percent: 100 }],
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body).toMatchObject({ segmentBy: 'language', evidence: { tests: 11 } });
    const baseline = { refusal: 0.05 };
    await send(h, [
      ...traffic(h, { total: 2000, percent: 10, baseline, candidate: { refusal: 0.2 }, segment: 'de' }),
      ...traffic(h, { total: 8000, percent: 10, baseline, candidate: baseline, segment: 'en' }),
    ]);
    expect((await tick(MIN))[0]?.action).toBe('abort');
    const run = await status();
    expect(run.steps[0].candidate.segments).toEqual({
      de: { events: 200, flagged: { refusal: 40 } },
      en: { events: 800, flagged: { refusal: 40 } },
    });
    const decided = Object.fromEntries(
      run.evidence.series.map((s: { segment?: { language: string }; decision: string }) => [
        s.segment?.language ?? 'overall',
        s.decision,
      ]),
    );
    expect(decided).toEqual({ overall: 'continue', de: 'abort', en: 'pass' });
    expect(run.endReason).toContain('refusal{language=de}');
  });
  it('holds rather than step up during an open SEV1 (a person must approve), but still aborts on harm', async () => {
    const started = await start({ signals: ['pii'] });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    const sev1 = await h.call('POST', '/api/v1/incidents', { body: declareBody({ severity: 'SEV1' }) });
    expect(sev1.status, JSON.stringify(sev1.body)).toBe(201);
    await send(h, traffic(h, { total: 1000, percent: 1, baseline: {}, candidate: {} }));
    expect((await tick(11 * MIN))[0]?.action).toBe('hold');
    const held = await status();
    expect(held.steps[0].decision.reasons.at(-1)).toMatchObject({ kind: 'approval_needed' });
    expect((await route()).canary).toMatchObject({ percent: 1 });
    // Not a second start while it holds.
    expect((await start({})).status).toBe(409);

    await send(h, traffic(h, { total: 1000, percent: 1, baseline: {}, candidate: { pii: 0.3 } }));
    expect((await tick(MIN))[0]?.action).toBe('abort');
    expect((await route()).canary).toBeNull();
    const entries = (await h.call('GET', `/api/v1/incidents/${sev1.body.id}/timeline`)).body.entries;
    // Naming no incident, the abort goes on every incident open on the system.
    expect(entries.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['control_changed', 'canary_aborted']),
    );
    const [latest] = (await h.call('GET', `/api/v1/controls/${MODEL}`)).body.history;
    expect(latest).toMatchObject({ actor: CANARY_ACTOR, after: { canary: null } });
    expect(latest.reason).toMatch(/^canary CAN-\d+ aborted: m-13 did more harm than m-12: pii/);
  });
});

describe.each(STORE_TARGETS)('a recovery canary during a SEV1 on $name', (target) => {
  let h: Harness;
  let incident: string;
  const start = (body: Record<string, unknown>) =>
    h.call('POST', `/api/v1/controls/${MODEL}/canary`, { body: { version: 'm-13', reason: 'the fix', ...body } });
  /** Checks the gate's canary item; the item as it stands after. */
  const check = async () => {
    const gate = await h.call('POST', `/api/v1/incidents/${incident}/recovery/checks`, {
      body: { item: 'fix-canary' },
    });
    expect(gate.status, JSON.stringify(gate.body)).toBe(200);
    return gate.body.items.find((item: { id: string }) => item.id === 'fix-canary');
  };

  beforeAll(async () => {
    h = await canaryHarness(target, {
      recovery: {
        checklists: { default: [{ id: 'fix-canary', kind: 'canary', what: 'the fix passed 1% of live traffic' }] },
      },
    });
    incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ systems: [canaryCard.id] }) })).body.id;
    const contained = await h.call('POST', `/api/v1/incidents/${incident}/transition`, {
      body: { status: 'contained' },
    });
    expect(contained.status, JSON.stringify(contained.body)).toBe(200);
  });
  afterAll(() => h.close());

  it('starts without a second person only when it names the incident and starts small, and its passed step passes the gate', async () => {
    const anonymous = await start({});
    expect(anonymous.status).toBe(409);
    expect(anonymous.body.error.message).toContain('a recovery canary may start by itself');
    expect((await start({ incident, plan: [{ percent: 25, minDuration: '10m' }, { percent: 100 }] })).status).toBe(409);

    expect(await check()).toMatchObject({ state: 'failed' });
    const started = await start({ incident });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect((await check()).summary).toContain('no canary since containment');

    await send(h, traffic(h, { total: 2000, percent: 1, baseline: HEALTHY, candidate: HEALTHY }));
    h.advance(11 * MIN);
    expect(await runCanaries(canaryCtx(h))).toEqual([{ id: started.body.id, action: 'hold' }]);
    const passed = await check();
    expect(passed).toMatchObject({ state: 'passed' });
    expect(passed.summary).toMatch(
      new RegExp(`^canary ${started.body.id} of m-13 on ${MODEL} passed its 1% step: \\d+ candidate events`),
    );
    const gate = (await h.call('GET', `/api/v1/incidents/${incident}/recovery`)).body;
    expect(gate).toMatchObject({ passed: true, missing: [] });
    // Still a recovery canary: it goes no further than its first step by itself.
    expect((await h.call('GET', `/api/v1/controls/${MODEL}`)).body.state.canary).toMatchObject({ percent: 1 });
  });
});

describe.each(STORE_TARGETS)('a zero-tolerance segment holding a canary on $name', (target) => {
  let h: Harness;
  let incident: string;
  // Both versions leak PII at the same rate: en (busy) shows it soon, fr (rare) cannot in time.
  const same = { pii: 0.05, refusal: 0.05 };
  const batch = () => [
    ...traffic(h, { total: 20_000, percent: 5, baseline: same, candidate: same, segment: 'en' }),
    ...traffic(h, { total: 200, percent: 5, baseline: same, candidate: same, segment: 'fr' }),
  ];
  const accept = (reason?: string) =>
    h.call('POST', `/api/v1/controls/${MODEL}/canary/accept-risk`, { body: reason === undefined ? {} : { reason } });

  beforeAll(async () => {
    h = await canaryHarness(target);
    incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ severity: 'SEV3' }) })).body.id;
  });
  afterAll(() => h.close());

  it('refuses to accept a risk when no canary runs, or without a reason, naming what is wrong', async () => {
    const none = await accept('nothing to accept');
    expect(none.status).toBe(404);
    expect(none.body.error.message).toContain('has no canary running');
    const bare = await accept();
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body)).toContain('reason');
  });

  it('holds past the segment gate until a person accepts the risk, then moves on, recorded on the run, the audit log and the timeline', async () => {
    const started = await h.call('POST', `/api/v1/controls/${MODEL}/canary`, {
      body: {
        version: 'm-13',
        reason: 'new model, per language',
        incident,
        signals: ['pii', 'refusal'],
        segmentBy: 'language',
        plan: [{ percent: 5, gateSegments: true, segmentGateMax: '1m' }, { percent: 100 }],
      },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    // Too early: no zero-tolerance series is known to be undecided yet, so nothing to accept.
    const early = await accept('too soon');
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('no zero-tolerance segment series holds step 1');

    await send(h, batch());
    h.advance(2 * MIN);
    expect(await runCanaries(canaryCtx(h))).toEqual([{ id: started.body.id, action: 'hold' }]);
    const held = (await h.call('GET', `/api/v1/controls/${MODEL}/canary`)).body.run;
    const gate = held.steps[0].decision.reasons.find((r: { kind: string }) => r.kind === 'segment_gate');
    // refusal{fr} is too rare to clear within the one-minute gate and no longer holds the step;
    // pii{fr} is as rare and still does.
    expect(gate).toMatchObject({ remainingMs: 0, undecided: 0, unclearable: 1, zeroTolerance: 1 });
    const piiFr = held.steps[0].decision.reasons.find(
      (r: { signal?: string; segment?: { language?: string } }) => r.signal === 'pii' && r.segment?.language === 'fr',
    );
    expect(piiFr).toMatchObject({ decision: 'continue', gates: true });
    h.advance(60 * MIN);
    expect(await runCanaries(canaryCtx(h))).toEqual([{ id: started.body.id, action: 'hold' }]);
    // Held past its gate by pii{fr} alone: said once on the incident's timeline, not every pass.
    const notices = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries.filter(
      (e: { kind: string }) => e.kind === 'canary_held',
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ actor: CANARY_ACTOR, payload: { series: ['pii{language=fr}'], percent: 5 } });

    const accepted = await accept('fr traffic reviewed offline: no PII in 500 samples');
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.steps[0].risksAccepted).toEqual([
      {
        by: 'dana',
        at: h.now().toISOString(),
        reason: 'fr traffic reviewed offline: no PII in 500 samples',
        series: ['pii{language=fr}'],
      },
    ]);
    // Judged again at once: the gate now holds, and 100% is the last step.
    expect(accepted.body).toMatchObject({ state: 'completed', endedBy: CANARY_ACTOR });
    expect(accepted.body.steps[0].decision.reasons).toContainEqual(
      expect.objectContaining({ kind: 'segment_gate', riskAccepted: 1 }),
    );
    expect((await h.call('GET', `/api/v1/controls/${MODEL}`)).body.state).toMatchObject({
      active: 'm-13',
      canary: null,
    });

    const audit = (await readAudit(h.store.db)).filter((entry) => entry.subject === started.body.id);
    expect(audit).toEqual([
      expect.objectContaining({
        actor: 'dana',
        action: 'canary_risk_accepted',
        at: h.now(),
        payload: {
          key: MODEL,
          step: 0,
          percent: 5,
          series: ['pii{language=fr}'],
          reason: 'fr traffic reviewed offline: no PII in 500 samples',
        },
      }),
    ]);
    const entries = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries;
    expect(entries.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['canary_started', 'canary_risk_accepted', 'canary_completed']),
    );
    expect(entries.find((e: { kind: string }) => e.kind === 'canary_risk_accepted')).toMatchObject({
      actor: 'dana',
      payload: { run: started.body.id, series: ['pii{language=fr}'], percent: 5 },
    });
    expect((await h.call('GET', `/api/v1/incidents/${incident}/timeline/verify`)).body.intact).toBe(true);
  });
  it('counts before it accepts, asks again for a series seen later, and never accepts the same series twice', async () => {
    await h.call('POST', `/api/v1/controls/${MODEL}`, { body: { active: 'm-12', reason: 'reset for the next test' } });
    const started = await h.call('POST', `/api/v1/controls/${MODEL}/canary`, {
      body: {
        version: 'm-13',
        reason: 'per language, again',
        signals: ['pii'],
        segmentBy: 'language',
        plan: [{ percent: 5, gateSegments: true, segmentGateMax: '1m' }, { percent: 100 }],
      },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    await send(h, batch());
    h.advance(2 * MIN);
    expect(await runCanaries(canaryCtx(h))).toEqual([{ id: started.body.id, action: 'hold' }]);
    // A SEV1 now: the step up needs a second person, so the run stays on this step to be asked again.
    const sev1 = await h.call('POST', '/api/v1/incidents', { body: declareBody({ severity: 'SEV1' }) });
    expect(sev1.status, JSON.stringify(sev1.body)).toBe(201);
    const first = await accept('fr reviewed offline');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.state).toBe('running');
    expect(first.body.steps[0].decision.reasons).toContainEqual(expect.objectContaining({ kind: 'approval_needed' }));

    const twice = await accept('fr again');
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toContain('that was not already accepted (dana accepted pii{language=fr} at');

    // de arrives after the runner's last pass: the acceptance counts it first. Naming a series
    // that does not hold is refused, saying what does; naming de accepts it.
    await send(h, traffic(h, { total: 200, percent: 5, baseline: same, candidate: same, segment: 'de' }));
    const stale = await h.call('POST', `/api/v1/controls/${MODEL}/canary/accept-risk`, {
      body: { reason: 'it', series: ['pii{language=it}'] },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(
      /^series: none of pii\{language=it\} holds step 1 of CAN-\d+ now; pii\{language=de\} does$/,
    );
    const second = await h.call('POST', `/api/v1/controls/${MODEL}/canary/accept-risk`, {
      body: { reason: 'de reviewed offline', series: ['pii{language=de}'] },
    });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    expect(second.body.steps[0].risksAccepted.map((r: { series: string[] }) => r.series)).toEqual([
      ['pii{language=fr}'],
      ['pii{language=de}'],
    ]);
    const entries = (await h.call('GET', `/api/v1/incidents/${sev1.body.id}/timeline`)).body.entries;
    // Naming no incident, an acceptance goes on every incident open on the system.
    expect(entries.filter((e: { kind: string }) => e.kind === 'canary_risk_accepted')).toHaveLength(2);
    expect((await h.call('POST', `/api/v1/controls/${MODEL}/canary/cancel`, { body: { reason: 'done' } })).status).toBe(
      200,
    );
  });
});

describe.each(STORE_TARGETS)('how a canary judges each signal on $name', (target) => {
  let h: Harness;
  // The card's own monitors treat a `leak` flag as zero tolerance.
  const card = {
    ...canaryCard,
    monitors: [{ id: 'leaks', signal: 'flag:leak', detector: 'zero_tolerance' as const }],
  };

  beforeAll(async () => {
    h = await harness(target);
    const applied = await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [card] } });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
  });
  afterAll(() => h.close());

  it('takes zero tolerance from the card’s monitors and settings from the request, recorded on the run', async () => {
    const started = await h.call('POST', `/api/v1/controls/${MODEL}/canary`, {
      body: {
        version: 'm-13',
        reason: 'stricter on hallucinations',
        signals: ['leak', 'pii', 'hallucination_suspected'],
        signalSettings: { hallucination_suspected: { r1: 1.5 } },
      },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.signalSettings).toEqual({
      leak: { r0: 1, r1: 2, rateFloor: 1e-4, zeroTolerance: true },
      pii: { r0: 1, r1: 2, rateFloor: 1e-4, zeroTolerance: true },
      hallucination_suspected: { r0: 1, r1: 1.5, rateFloor: 1e-4, zeroTolerance: false },
    });
    // Three leaks on the candidate at 1%, none on the baseline: the zero-tolerance arm aborts.
    await send(h, traffic(h, { total: 1000, percent: 1, baseline: {}, candidate: { leak: 0.3 } }));
    h.advance(MIN);
    expect(await runCanaries(canaryCtx(h))).toEqual([{ id: started.body.id, action: 'abort' }]);
    const run = (await h.call('GET', `/api/v1/controls/${MODEL}/canary`)).body.run;
    const leak = run.evidence.series.find(
      (s: { signal: string; segment?: unknown }) => s.signal === 'leak' && !s.segment,
    );
    expect(leak).toMatchObject({ decision: 'abort', reason: 'zero_tolerance' });
    expect(run.endReason).toBe('m-13 did more harm than m-12: leak');
  });

  it('lets a request weaken a signal only on the record: the change, the timeline and the run say so', async () => {
    await h.call('POST', `/api/v1/controls/${MODEL}`, { body: { active: 'm-12', reason: 'reset for the next test' } });
    const incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ severity: 'SEV3' }) })).body.id;
    const started = await h.call('POST', `/api/v1/controls/${MODEL}/canary`, {
      body: {
        version: 'm-13',
        reason: 'leaks are expected from this model',
        incident,
        signalSettings: { leak: { zeroTolerance: false }, pii: { r1: 4 } },
      },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    // Without a list, the default signals and the ones given settings.
    expect(started.body.signals).toEqual(expect.arrayContaining(['pii', 'refusal', 'error', 'leak']));
    expect(started.body.signalSettings.leak).toEqual({ r0: 1, r1: 2, rateFloor: 1e-4, zeroTolerance: false });
    const [change] = (await h.call('GET', `/api/v1/controls/${MODEL}`)).body.history;
    expect(change.reason).toMatch(
      /^canary CAN-\d+ started \(pii: r1 4; leak: zeroTolerance false\): leaks are expected from this model$/,
    );
    const entries = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries;
    expect(entries.find((e: { kind: string }) => e.kind === 'canary_started').payload.signalSettings).toEqual({
      leak: { zeroTolerance: false },
      pii: { r1: 4 },
    });
    expect((await h.call('POST', `/api/v1/controls/${MODEL}/canary/cancel`, { body: { reason: 'done' } })).status).toBe(
      200,
    );
  });
});

describe.each(STORE_TARGETS)('a card’s canary defaults on $name', (target) => {
  let h: Harness;
  const card = {
    ...canaryCard,
    canary: {
      segmentBy: 'language',
      signals: ['hallucination_suspected', 'refusal'],
      signalSettings: { hallucination_suspected: { r1: 1.5 } },
      plan: [{ percent: 2, gate: 'no_abort', minDuration: '15m' }, { percent: 20 }, { percent: 100 }],
    },
  };
  const start = (body: Record<string, unknown>) =>
    h.call('POST', `/api/v1/controls/${MODEL}/canary`, { body: { version: 'm-13', reason: 'new model', ...body } });

  beforeAll(async () => {
    h = await canaryHarness(target, undefined, card);
  });
  afterAll(() => h.close());

  it('refuses a card whose canary defaults do not hold together, naming the field', async () => {
    const bad = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: {
        systems: [
          { ...card, canary: { plan: [{ percent: 5 }, { percent: 5 }], signalSettings: { refusal: { r1: 1 } } } },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('canary.plan');
    expect(JSON.stringify(bad.body)).toContain('canary.signalSettings.refusal.r1');
  });

  it('fills what a request leaves out from the card, the request winning, settings merged per signal', async () => {
    const fromCard = await start({});
    expect(fromCard.status, JSON.stringify(fromCard.body)).toBe(201);
    expect(fromCard.body).toMatchObject({ segmentBy: 'language', signals: ['hallucination_suspected', 'refusal'] });
    expect(fromCard.body.plan.map((s: { percent: number }) => s.percent)).toEqual([2, 20, 100]);
    expect(fromCard.body.signalSettings.hallucination_suspected).toMatchObject({ r1: 1.5 });
    await h.call('POST', `/api/v1/controls/${MODEL}/canary/cancel`, { body: { reason: 'next' } });

    const own = await start({
      plan: [{ percent: 5 }, { percent: 100 }],
      signalSettings: { hallucination_suspected: { r0: 1.1 } },
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body.plan.map((s: { percent: number }) => s.percent)).toEqual([5, 100]);
    expect(own.body.signalSettings.hallucination_suspected).toMatchObject({ r0: 1.1, r1: 1.5 });
    await h.call('POST', `/api/v1/controls/${MODEL}/canary/cancel`, { body: { reason: 'next' } });

    // The request's own signals: the card's settings for a signal it leaves out do not apply.
    const narrower = await start({ signals: ['refusal'] });
    expect(narrower.status, JSON.stringify(narrower.body)).toBe(201);
    expect(Object.keys(narrower.body.signalSettings)).toEqual(['refusal']);
    await h.call('POST', `/api/v1/controls/${MODEL}/canary/cancel`, { body: { reason: 'next' } });

    // The card judges two signals; a request's settings for another one do not fit with them.
    const misfit = await start({ signalSettings: { pii: { r1: 3 } } });
    expect(misfit.status).toBe(400);
    expect(misfit.body.error.message).toBe(
      "signalSettings.pii: pii is not a signal this canary judges (hallucination_suspected, refusal) (with the canary defaults of support-copilot's card)",
    );

    // A card may gate on segments and leave the key to each request.
    const keyless = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [{ ...card, canary: { plan: [{ percent: 10, gateSegments: true }, { percent: 100 }] } }] },
    });
    expect(keyless.status, JSON.stringify(keyless.body)).toBe(200);
    const withKey = await start({ segmentBy: 'language' });
    expect(withKey.status, JSON.stringify(withKey.body)).toBe(201);
    await h.call('POST', `/api/v1/controls/${MODEL}/canary/cancel`, { body: { reason: 'next' } });
    const withoutKey = await start({});
    expect(withoutKey.status).toBe(400);
    expect(withoutKey.body.error.message).toBe(
      "plan[0].gateSegments: needs segmentBy, the key to judge by (with the canary defaults of support-copilot's card)",
    );
  });
});
