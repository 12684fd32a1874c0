import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectionRuntime } from '../detection/runtime';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

const T = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute)).toISOString();
const card = {
  id: 'refund-bot',
  name: 'Refund bot',
  owner: 'support-ai',
  model: { name: 'm', version: '1' },
  riskTier: 'limited',
  monitors: [{ id: 'secrets', signal: 'flag:secret', detector: 'zero_tolerance' }],
};
const rules = [
  {
    id: 'secret-exposure',
    when: { signal: 'flag:secret' },
    then: {
      type: 'privacy_leak',
      severity: 'SEV2',
      declare: false,
      actions: [{ action: 'Rotate the secret', within: '1h' }],
    },
  },
];

describe.each(STORE_TARGETS)('triage proposals on $name', (target) => {
  let h: Harness;
  let runtime: DetectionRuntime;
  beforeAll(async () => {
    h = await harness(target);
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [card], rules } });
    runtime = new DetectionRuntime({ db: h.store.db, log: pino({ level: 'silent' }), events: h.events, now: h.now });
    await runtime.load();
    const events = Array.from({ length: 40 }, (_, m) => ({
      system: 'refund-bot',
      ts: T(m),
      id: `r-${m}`,
      flags: { secret: m === 2 || m === 31 },
    }));
    await h.call('POST', '/api/v1/telemetry', { body: events });
    await runtime.catchUp();
  });
  afterAll(() => h.close());

  it('opens a proposal instead of declaring when the rule says so', async () => {
    const { proposals } = (await h.call('GET', '/api/v1/triage?status=open')).body;
    expect(proposals).toHaveLength(2);
    expect(proposals[0]).toMatchObject({
      rule: 'secret-exposure',
      status: 'open',
      decision: { type: 'privacy_leak', severity: 'SEV2' },
    });
    expect((await h.call('GET', '/api/v1/incidents?system=refund-bot')).body.total).toBe(0);
  });

  it('declares the proposed incident when a person accepts, with the rule’s actions on its timeline', async () => {
    const [first] = (await h.call('GET', '/api/v1/triage?status=open')).body.proposals;
    const accepted = await h.call('POST', `/api/v1/triage/${first.id}/accept`, { body: {} });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({
      type: 'privacy_leak',
      severity: 'SEV2',
      declaredBy: 'dana',
      metrics: { onsetAt: T(2) }, // the secret came at minute 2: the onset is placed to the minute
    });
    const kinds = (await h.call('GET', `/api/v1/incidents/${accepted.body.id}/timeline`)).body.entries.map(
      (e: { kind: string }) => e.kind,
    );
    expect(kinds).toEqual(['declared', 'alert_linked', 'rule_applied']);
    expect((await h.call('POST', `/api/v1/triage/${first.id}/accept`, { body: {} })).status).toBe(409);
  });

  it('records why a proposal was rejected', async () => {
    const [second] = (await h.call('GET', '/api/v1/triage?status=open')).body.proposals;
    const rejected = await h.call('POST', `/api/v1/triage/${second.id}/reject`, {
      body: { reason: 'rotated test key' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', decidedBy: 'dana', reason: 'rotated test key' });
    expect((await h.call('POST', `/api/v1/triage/${second.id}/reject`, { body: {} })).body.error.message).toMatch(
      /^reason: /,
    );
  });
});
