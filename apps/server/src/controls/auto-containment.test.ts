import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectionRuntime } from '../detection/runtime';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { alertEventCount, containmentHeldBack } from './auto-containment';

describe('containmentHeldBack', () => {
  const rule = (containAtLeast?: number) => ({
    id: 'pii-leak',
    then: {
      type: 'privacy_leak' as const,
      severity: 'SEV1' as const,
      declare: true,
      actions: [],
      notify: [],
      contain: [{ kill: 'auto-send' }],
      ...(containAtLeast ? { containAtLeast } : {}),
    },
  });
  const alert = (summary: Record<string, unknown>, observed = 30) => ({ evidence: { window: { observed, summary } } });

  it.each([
    [undefined, alert({ hits: 1, trials: 30 }), null],
    [3, alert({ hits: 3, trials: 30 }), null],
    [3, alert({ hits: 2, trials: 30 }), 'the alert rests on 2 events and the rule contains by itself from 3'],
    [3, alert({ count: 1, mean: 4 }), 'the alert rests on 1 event and'],
    [3, { evidence: null }, 'the alert rests on 0 events'],
  ])('containAtLeast %s', (atLeast, given, expected) => {
    const held = containmentHeldBack(rule(atLeast), given);
    if (expected === null) expect(held).toBeNull();
    else expect(held).toContain(expected);
  });

  it('counts flagged events for a rate signal, observations otherwise', () => {
    expect(alertEventCount({ window: { observed: 30, summary: { hits: 2, trials: 30 } } })).toBe(2);
    expect(alertEventCount({ window: { observed: 30, summary: { groups: {} } } })).toBe(30);
  });
});

describe.each(STORE_TARGETS)('a rule that contains from three events on $name', (target) => {
  let h: Harness;
  const T = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute)).toISOString();
  const card = {
    id: 'support-copilot',
    name: 'Support copilot',
    owner: 'support-ai',
    model: { name: 'm', version: '1' },
    riskTier: 'limited',
    monitors: [{ id: 'pii', signal: 'flag:pii', detector: 'zero_tolerance' }],
    controls: [{ id: 'auto-send', kind: 'kill_switch' }],
  };
  const rule = {
    id: 'pii-leak',
    when: { signal: 'flag:pii' },
    then: {
      type: 'privacy_leak',
      severity: 'SEV1',
      declare: true,
      contain: [{ kill: 'auto-send' }],
      containAtLeast: 3,
    },
  };
  beforeAll(async () => {
    h = await harness(target);
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [card], rules: [rule] } });
  });
  afterAll(() => h.close());

  it('declares on one flagged event but leaves containment to a person, saying why', async () => {
    const runtime = new DetectionRuntime({
      db: h.store.db,
      log: pino({ level: 'silent' }),
      events: h.events,
      now: h.now,
    });
    await runtime.load();
    const events = Array.from({ length: 30 }, (_, m) => ({
      system: 'support-copilot',
      ts: T(m),
      id: `e-${m}`,
      flags: { pii: m === 3 },
    }));
    expect((await h.call('POST', '/api/v1/telemetry', { body: events })).status).toBe(202);
    await runtime.catchUp();
    const incident = (await h.call('GET', '/api/v1/incidents?system=support-copilot')).body.incidents[0];
    expect(incident).toMatchObject({ severity: 'SEV1' });
    const control = (await h.call('GET', '/api/v1/controls/support-copilot.auto-send')).body;
    expect(control.state).toMatchObject({ enabled: true });
    const notes = (await h.call('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.entries
      .filter((e: { kind: string }) => e.kind === 'note_added')
      .map((e: { payload: { text: string } }) => e.payload.text);
    expect(notes).toContain(
      'Triage rule pii-leak did not contain automatically: the alert rests on 1 event and the rule contains by itself from 3; decide whether to contain.',
    );
  });
});

describe.each(STORE_TARGETS)('a rule that contains with the SEV1 tier’s preset on $name', (target) => {
  let h: Harness;
  const T = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute)).toISOString();
  const card = {
    id: 'support-copilot',
    name: 'Support copilot',
    owner: 'support-ai',
    model: { name: 'm', version: '1' },
    riskTier: 'limited',
    monitors: [{ id: 'pii', signal: 'flag:pii', detector: 'zero_tolerance' }],
    controls: [
      { id: 'auto-send', kind: 'kill_switch' },
      { id: 'filter', kind: 'output_filter' },
    ],
    presets: [
      {
        id: 'safe-mode',
        changes: [
          { control: 'auto-send', enabled: false },
          { control: 'filter', level: 'strict' },
        ],
      },
    ],
    tiers: { SEV1: 'safe-mode' },
  };
  const rule = {
    id: 'pii-leak',
    when: { signal: 'flag:pii' },
    then: { type: 'privacy_leak', severity: 'SEV1', declare: true, contain: [{ preset: 'tier' }] },
  };
  beforeAll(async () => {
    h = await harness(target);
    const applied = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [card], rules: [rule] },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
  });
  afterAll(() => h.close());

  it('applies safe mode as one change with the rule as actor, and the incident is contained', async () => {
    const runtime = new DetectionRuntime({
      db: h.store.db,
      log: pino({ level: 'silent' }),
      events: h.events,
      now: h.now,
    });
    await runtime.load();
    const events = Array.from({ length: 10 }, (_, m) => ({
      system: 'support-copilot',
      ts: T(m),
      id: `e-${m}`,
      flags: { pii: m === 3 },
    }));
    expect((await h.call('POST', '/api/v1/telemetry', { body: events })).status).toBe(202);
    await runtime.catchUp();
    const incident = (await h.call('GET', '/api/v1/incidents?system=support-copilot')).body.incidents[0];
    expect(incident).toMatchObject({ severity: 'SEV1', status: 'contained' });
    expect((await h.call('GET', '/api/v1/controls/support-copilot.auto-send')).body.state).toMatchObject({
      enabled: false,
    });
    expect((await h.call('GET', '/api/v1/controls/support-copilot.filter')).body.state).toMatchObject({
      level: 'strict',
    });
    const entries = (await h.call('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.entries as {
      kind: string;
      actor: string;
    }[];
    expect(entries.find((entry) => entry.kind === 'preset_applied')).toMatchObject({ actor: 'rule:pii-leak' });
  });
});
