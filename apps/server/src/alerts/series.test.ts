import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectionRuntime } from '../detection/runtime';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

const T = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute)).toISOString();
const monitor = { id: 'pii-in-answers', signal: 'flag:pii', detector: 'zero_tolerance' };
const copilot = {
  id: 'support-copilot',
  name: 'Support copilot',
  owner: 'support-ai',
  model: { name: 'gpt-4.1', version: '2025-04-14' },
  riskTier: 'limited',
  monitors: [monitor],
};
/** One answer a minute from `from` to `to` (exclusive), leaking PII at the minutes in `leakAt`. */
const answers = (from: number, to: number, leakAt: number[]) =>
  Array.from({ length: to - from }, (_, i) => from + i).map((minute) => ({
    system: 'support-copilot',
    ts: T(minute),
    id: `a-${minute}`,
    flags: { pii: leakAt.includes(minute) },
  }));
const windows = (body: { history: Array<{ at: string; level: string; after: boolean }> }) =>
  body.history.map((point) => `${point.at.slice(11, 16)} ${point.level}${point.after ? ' after' : ''}`);

describe.each(STORE_TARGETS)('GET /alerts/{id}/series on $name', (target) => {
  let h: Harness;
  let runtime: DetectionRuntime;
  let alertId: string;
  beforeAll(async () => {
    h = await harness(target, { detection: { historyOf: (fingerprint) => runtime.historyOf(fingerprint) } });
    runtime = new DetectionRuntime({ db: h.store.db, log: pino({ level: 'silent' }), events: h.events, now: h.now });
    await runtime.load();
    expect(
      (await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [copilot] } })).status,
    ).toBe(200);
    await h.call('POST', '/api/v1/telemetry', { body: answers(0, 20, [12]) });
    await runtime.catchUp();
    [{ id: alertId }] = (await h.call('GET', '/api/v1/alerts?system=support-copilot')).body.alerts;
  });
  afterAll(() => h.close());

  it('ends at the deciding window while no later window has closed', async () => {
    const { status, body } = await h.call('GET', `/api/v1/alerts/${alertId}/series`, { token: h.tokens.viewer });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      alertId,
      measure: 'hits per window',
      windowMs: 300_000,
      decidedAt: T(10),
      after: 0,
      live: true,
      note: null,
    });
    expect(windows(body)).toEqual(['09:00 ok', '09:05 ok', '09:10 page']);
  });

  it('goes on with the windows the engine closed since: still leaking, then quiet', async () => {
    await h.call('POST', '/api/v1/telemetry', { body: answers(20, 41, [23, 24]) });
    await runtime.catchUp();
    const { body } = await h.call('GET', `/api/v1/alerts/${alertId}/series`);
    expect(windows(body)).toEqual([
      '09:00 ok',
      '09:05 ok',
      '09:10 page',
      '09:15 ok after',
      '09:20 page after',
      '09:25 ok after',
      '09:30 ok after',
      '09:35 ok after',
    ]);
    expect(body).toMatchObject({ decidedAt: T(10), after: 5, live: true });
    expect(body.history.find((point: { at: string }) => point.at === T(20)).value).toBe(2);
    // The alert itself still shows the evidence as it was when it opened.
    const alert = (await h.call('GET', `/api/v1/alerts/${alertId}`)).body;
    expect(alert.evidence.series.history).toHaveLength(3);
  });

  it('answers the frozen evidence alone, saying so, once the series is gone', async () => {
    const changed = { ...copilot, monitors: [{ ...monitor, window: '10m' }] };
    const applied = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [changed] },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    await runtime.catchUp();
    const { status, body } = await h.call('GET', `/api/v1/alerts/${alertId}/series`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ after: 0, live: false, note: expect.stringContaining('reconfigured') });
    expect(windows(body)).toEqual(['09:00 ok', '09:05 ok', '09:10 page']);
  });

  it('answers 404 naming an unknown alert, and 400 naming a malformed id', async () => {
    const missing = await h.call('GET', '/api/v1/alerts/ALR-999/series');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain('ALR-999');
    expect((await h.call('GET', '/api/v1/alerts/nope/series')).status).toBe(400);
    expect((await h.call('GET', `/api/v1/alerts/${alertId}/series`, { token: null })).status).toBe(401);
  });
});

describe('GET /alerts/{id}/series without detection', () => {
  it('answers the frozen evidence with live: false', async () => {
    const h = await harness(STORE_TARGETS[0]!);
    try {
      const runtime = new DetectionRuntime({
        db: h.store.db,
        log: pino({ level: 'silent' }),
        events: h.events,
        now: h.now,
      });
      await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [copilot] } });
      await h.call('POST', '/api/v1/telemetry', { body: answers(0, 30, [12, 17]) });
      await runtime.catchUp();
      const [alert] = (await h.call('GET', '/api/v1/alerts')).body.alerts;
      const { body } = await h.call('GET', `/api/v1/alerts/${alert.id}/series`);
      expect(body).toMatchObject({ after: 0, live: false, note: expect.stringContaining('not running') });
      expect(body.history).toHaveLength(3);
    } finally {
      await h.close();
    }
  });
});
