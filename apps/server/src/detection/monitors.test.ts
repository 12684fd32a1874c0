import { DEFAULT_ALERT_BUDGET, DETECTOR_NAMES } from '@firebreak/contract';
import { DEFAULT_BUDGET, DETECTORS, mulberry32 } from '@firebreak/detection';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { DetectionRuntime } from './runtime';

const T = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute)).toISOString();
const card = (overrides: Record<string, unknown> = {}) => ({
  id: 'fraud-model',
  name: 'Fraud model',
  owner: 'risk-ml',
  model: { name: 'gbm', version: '12' },
  riskTier: 'high',
  ...overrides,
});
const scores = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => from + i).map((minute) => ({
    system: 'fraud-model',
    ts: T(minute),
    id: `p-${minute}`,
    latency_ms: 40 + (minute % 5),
    confidence: 0.9,
  }));

describe('the default alert budget', () => {
  it('is the same in the contract and in the engine', () => {
    expect(DEFAULT_ALERT_BUDGET).toEqual(DEFAULT_BUDGET);
  });

  it('names the same detectors in the contract (firebreak.yaml) as the engine runs', () => {
    // The two packages may not import each other (ADR 11); this holds the copies together.
    expect([...DETECTOR_NAMES]).toEqual([...DETECTORS]);
  });
});

describe.each(STORE_TARGETS)('system budget and monitor status on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target);
  });
  afterAll(() => h.close());
  const apply = (systems: unknown[]) =>
    h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems } });

  it('shows the default budget for a card without one, and the card’s own, defaults filled in', async () => {
    expect((await apply([card()])).status).toBe(200);
    expect((await h.call('GET', '/api/v1/systems/fraud-model', { token: h.tokens.viewer })).body.alertBudget).toEqual({
      page: '30d',
      warn: '7d',
    });
    const updated = await apply([card({ alertBudget: { page: '90d' } })]);
    expect(updated.body.results).toEqual([{ id: 'fraud-model', outcome: 'updated', revision: 2 }]);
    expect((await h.call('GET', '/api/v1/systems/fraud-model')).body.alertBudget).toEqual({ page: '90d', warn: '7d' });
  });

  it.each([
    [{ page: 'monthly' }, /^systems\[0\]\.alertBudget\.page: expected a duration such as 30s, 5m, 1h or 7d/],
    [{ warn: '30m' }, /^systems\[0\]\.alertBudget\.warn: must be at least 1h/],
    [{ page: '30d', pages: '1d' }, /^systems\[0\]\.alertBudget\.pages: unknown/],
  ])('refuses the budget %j, naming the field', async (alertBudget, message) => {
    const refused = await apply([card({ alertBudget })]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(message);
  });

  it('says a system’s monitors are learning while they learn, from the last snapshot when no engine runs here', async () => {
    const runtime = new DetectionRuntime({
      db: h.store.db,
      log: pino({ level: 'silent' }),
      events: h.events,
      now: h.now,
    });
    await runtime.load();
    await h.call('POST', '/api/v1/telemetry', { body: scores(0, 30) });
    await runtime.catchUp();
    const { status, body } = await h.call('GET', '/api/v1/systems/fraud-model/monitors', { token: h.tokens.viewer });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      system: 'fraud-model',
      budget: { page: '90d', warn: '7d' },
      live: false,
      since: new Date(h.now().getTime() - 30 * 86_400_000).toISOString(),
    });
    const latency = body.monitors.find((m: { signal: string }) => m.signal === 'latency_ms');
    expect(latency).toMatchObject({ state: 'learning', series: 1, learning: 1, firing: 0, tuning: 0, alerts: 0 });
    const shares = body.monitors.reduce((sum: number, m: { share: number }) => sum + m.share, 0);
    expect(shares).toBeCloseTo(1, 6);
  });

  it('answers 404 for an unknown system and an empty list for one with no telemetry yet', async () => {
    expect((await h.call('GET', '/api/v1/systems/nope/monitors')).status).toBe(404);
    await apply([card({ id: 'quiet-model' })]);
    expect((await h.call('GET', '/api/v1/systems/quiet-model/monitors')).body.monitors).toEqual([]);
  });

  it('holds each system to its own budget: on the same steady stream, a looser one lets more false alarms through', async () => {
    const monitors = [{ id: 'toxicity', signal: 'flag:toxicity', detector: 'rate', baselineWindows: 12 }];
    await apply([
      card({ id: 'loose-bot', monitors, alertBudget: { page: '1h', warn: '1h' } }),
      card({ id: 'strict-bot', monitors }),
    ]);
    const runtime = new DetectionRuntime({
      db: h.store.db,
      log: pino({ level: 'silent' }),
      events: h.events,
      now: h.now,
    });
    await runtime.load();
    for (const system of ['loose-bot', 'strict-bot']) {
      const random = mulberry32(7);
      // Two days of answers, 12 a window, each toxic with the same 5% chance: nothing is wrong.
      const events = Array.from({ length: 576 * 12 }, (_, i) => ({
        system,
        ts: new Date(Date.UTC(2026, 10, 20) + i * 25_000).toISOString(),
        flags: { toxicity: random() < 0.05 },
      }));
      expect((await h.call('POST', '/api/v1/telemetry', { body: events })).status).toBe(202);
    }
    await runtime.catchUp();
    const count = async (system: string) =>
      (await h.call('GET', `/api/v1/alerts?system=${system}&limit=500`)).body.alerts.length as number;
    const loose = await count('loose-bot');
    expect(loose).toBeGreaterThan(5);
    expect(loose).toBeGreaterThan(await count('strict-bot'));
  });
});
