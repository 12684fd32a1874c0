import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../audit/store';
import { DetectionRuntime } from '../detection/runtime';
import { loadSnapshot } from '../detection/snapshot-store';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { buildAlert } from './fixtures';
import { hygieneRows, type MonitorCounts } from './hygiene';
import { stepsFor, teachingAlerts } from './tuning';
import type { TuningRow } from './tuning-store';

const T = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute)).toISOString();
const copilot = {
  id: 'support-copilot',
  name: 'Support copilot',
  owner: 'support-ai',
  model: { name: 'gpt-4.1', version: '2025-04-14' },
  riskTier: 'limited',
  monitors: [
    { id: 'pii', signal: 'flag:pii', detector: 'zero_tolerance' },
    { id: 'toxicity', signal: 'flag:toxicity', detector: 'rate', segmentBy: 'tenant' },
  ],
};
const answers = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => from + i).map((minute) => ({
    system: 'support-copilot',
    ts: T(minute),
    id: `a-${minute}`,
    segment: { tenant: minute % 2 === 0 ? 'globex' : 'initech' },
    flags: { pii: false, toxicity: false },
  }));
const GLOBEX = 'support-copilot|toxicity|tenant=globex';
const INITECH = 'support-copilot|toxicity|tenant=initech';

describe.each(STORE_TARGETS)('dismissals teach on $name', (target) => {
  let h: Harness;
  let runtime: DetectionRuntime;
  const silent = pino({ level: 'silent' });
  const newRuntime = () => new DetectionRuntime({ db: h.store.db, log: silent, events: h.events, now: h.now });
  const toxicity = async (runtimeOf = runtime) =>
    runtimeOf.monitorStatus('support-copilot').find((m) => m.monitor === 'toxicity');
  /** A new episode of a series: one minute later than the last, so (fingerprint, opened at) stays unique. */
  const episode = (overrides: Parameters<typeof buildAlert>[2]) => {
    h.advance(60_000);
    return buildAlert(h.store.db, h.now(), overrides);
  };
  const rateAlert = (fingerprint: string) =>
    episode({ fingerprint, monitor: 'toxicity', signal: 'flag:toxicity', detector: 'rate' });

  beforeAll(async () => {
    h = await harness(target, {
      detection: {
        historyOf: (fingerprint) => runtime.historyOf(fingerprint),
        monitorStatus: (system) => runtime.monitorStatus(system),
        tune: (fingerprint, steps) => runtime.tune(fingerprint, steps),
      },
    });
    runtime = newRuntime();
    await runtime.load();
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [copilot] } });
    await h.call('POST', '/api/v1/telemetry', { body: answers(0, 20) });
    // The snapshot saved here predates every dismissal below.
    await runtime.catchUp();
  });
  afterAll(() => h.close());

  it('records a dismissal as a tuning step of its series, audited, and the running engine shows it at once', async () => {
    const alert = await rateAlert(GLOBEX);
    expect((await toxicity())?.tuning).toBe(0);
    const dismissed = await h.call('POST', `/api/v1/alerts/${alert.id}/dismiss`, {
      body: { reason: 'campaign traffic' },
    });
    expect(dismissed.status).toBe(200);
    const tuning = await h.call('GET', `/api/v1/alerts/${alert.id}/tuning`, { token: h.tokens.viewer });
    expect(tuning.status).toBe(200);
    expect(tuning.body).toMatchObject({
      alertId: alert.id,
      fingerprint: GLOBEX,
      monitor: 'toxicity',
      tunable: true,
      steps: 1,
      thisAlert: 'teaching',
      history: [{ action: 'dismissed', steps: 1, by: 'dana', reason: 'campaign traffic', at: h.now().toISOString() }],
    });
    expect((await toxicity())?.tuning).toBe(1);
    const audit = (await readAudit(h.store.db)).filter((entry) => entry.subject === alert.id);
    expect(audit.map((entry) => entry.action)).toEqual(['alert.dismissed', 'alert.tuned']);
    const monitors = await h.call('GET', '/api/v1/systems/support-copilot/monitors', { token: h.tokens.viewer });
    expect(monitors.body.live).toBe(true);
    expect(monitors.body.monitors.find((m: { monitor: string }) => m.monitor === 'toxicity')).toMatchObject({
      tuning: 1,
      alerts: 1,
      dismissed: 1,
      segmentBy: 'tenant',
    });
  });

  it('takes a tuning back as a new entry, once, refused to a viewer; the dismissal stands', async () => {
    const [alert] = (await h.call('GET', '/api/v1/alerts?status=dismissed')).body.alerts;
    const viewer = await h.call('POST', `/api/v1/alerts/${alert.id}/tuning/revert`, {
      token: h.tokens.viewer,
      body: { reason: 'it was a real surge' },
    });
    expect(viewer.status).toBe(403);
    const reverted = await h.call('POST', `/api/v1/alerts/${alert.id}/tuning/revert`, {
      body: { reason: 'it was a real surge' },
    });
    expect(reverted.status).toBe(200);
    expect(reverted.body).toMatchObject({ steps: 0, thisAlert: 'reverted' });
    expect(reverted.body.history.map((e: { action: string; steps: number }) => `${e.action}:${e.steps}`)).toEqual([
      'dismissed:1',
      'reverted:0',
    ]);
    expect((await toxicity())?.tuning).toBe(0);
    expect((await h.call('GET', `/api/v1/alerts/${alert.id}`)).body.status).toBe('dismissed');
    const again = await h.call('POST', `/api/v1/alerts/${alert.id}/tuning/revert`, { body: { reason: 'twice' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(new RegExp(`^alert ${alert.id}: its dismissal does not tune toxicity`));
    expect((await h.call('POST', '/api/v1/alerts/ALR-9999/tuning/revert', { body: { reason: 'x' } })).status).toBe(404);
    expect((await h.call('POST', `/api/v1/alerts/${alert.id}/tuning/revert`, { body: {} })).body.error.message).toMatch(
      /^reason/,
    );
  });

  it('counts one step per dismissal of a series, up to the engine’s six', async () => {
    const steps: number[] = [];
    for (let i = 0; i < 7; i++) {
      const alert = await rateAlert(INITECH);
      await h.call('POST', `/api/v1/alerts/${alert.id}/dismiss`, { body: { reason: `noise ${i}` } });
      steps.push((await h.call('GET', `/api/v1/alerts/${alert.id}/tuning`)).body.steps);
    }
    expect(steps).toEqual([1, 2, 3, 4, 5, 6, 6]);
    expect((await toxicity())?.tuning).toBe(6);
  });

  it('does not tune a zero-tolerance monitor: any hit is the incident', async () => {
    const alert = await episode({ fingerprint: 'support-copilot|pii|', monitor: 'pii' });
    await h.call('POST', `/api/v1/alerts/${alert.id}/dismiss`, { body: { reason: 'test account' } });
    const tuning = (await h.call('GET', `/api/v1/alerts/${alert.id}/tuning`)).body;
    expect(tuning).toMatchObject({ tunable: false, steps: 0, thisAlert: 'none', history: [] });
    expect((await h.call('POST', `/api/v1/alerts/${alert.id}/tuning/revert`, { body: { reason: 'x' } })).status).toBe(
      409,
    );
  });

  it('keeps the tuning log append-only', async () => {
    const refused = { cause: { message: expect.stringMatching(/table alert_tunings is append-only/) } };
    await expect(h.store.db.execute(sql`update alert_tunings set actor = 'mallory'`)).rejects.toMatchObject(refused);
    await expect(h.store.db.execute(sql`delete from alert_tunings`)).rejects.toMatchObject(refused);
  });

  it('re-applies every tuning after a restart from a snapshot older than the dismissals', async () => {
    const restarted = newRuntime();
    await restarted.load();
    expect((await toxicity(restarted))?.tuning).toBe(6);
  });

  it('picks up a tuning made through another server on its next step', async () => {
    const other = newRuntime();
    await other.load();
    const alert = await rateAlert(GLOBEX);
    // Dismissed through the app, whose engine is `runtime`: `other` learns it from the log.
    await h.call('POST', `/api/v1/alerts/${alert.id}/dismiss`, { body: { reason: 'deploy' } });
    await other.catchUp();
    await other.stop();
    const saved = await loadSnapshot(h.store.db);
    expect(saved?.state.tuning).toEqual({ [GLOBEX]: 1, [INITECH]: 6 });
  });

  it('lists monitors by false-positive rate on the hygiene page, with the dismissals that teach them', async () => {
    await episode({ fingerprint: 'support-copilot|pii|', monitor: 'pii' });
    const hygiene = await h.call('GET', '/api/v1/alerts/hygiene', { token: h.tokens.viewer });
    expect(hygiene.status).toBe(200);
    expect(
      hygiene.body.monitors.map(
        (m: { monitor: string; alerts: number; dismissed: number; tuning: number; teaching: unknown[] }) =>
          `${m.monitor} ${m.dismissed}/${m.alerts} tuning ${m.tuning} teaching ${m.teaching.length}`,
      ),
    ).toEqual(['toxicity 9/9 tuning 6 teaching 8', 'pii 1/2 tuning 0 teaching 0']);
    expect(hygiene.body.monitors[0]).toMatchObject({
      system: 'support-copilot',
      owner: 'support-ai',
      falsePositiveRate: 1,
      state: 'learning',
    });
    h.advance(31 * 86_400_000);
    const later = (await h.call('GET', '/api/v1/alerts/hygiene')).body.monitors;
    // Out of the 30 days, but still tuned: listed so no tuning is out of sight.
    expect(later.map((m: { monitor: string; alerts: number }) => `${m.monitor} ${m.alerts}`)).toEqual(['toxicity 0']);
  });
});

const entry = (seq: number, alertId: string, action: 'dismissed' | 'reverted', fingerprint = 'a|m|'): TuningRow => ({
  seq,
  fingerprint,
  system: 'a',
  monitor: 'm',
  alertId,
  action,
  steps: 0,
  at: new Date(0),
  actor: 'dana',
  reason: 'r',
});

describe('tuning arithmetic', () => {
  it.each([
    [[], []],
    [
      [entry(1, 'ALR-1', 'dismissed'), entry(2, 'ALR-2', 'dismissed')],
      ['ALR-1', 'ALR-2'],
    ],
    [[entry(1, 'ALR-1', 'dismissed'), entry(2, 'ALR-2', 'dismissed'), entry(3, 'ALR-1', 'reverted')], ['ALR-2']],
  ])('knows which dismissals still teach (%#)', (log, teaching) => {
    expect([...teachingAlerts(log).keys()]).toEqual(teaching);
  });

  it.each([
    [0, 0],
    [1, 1],
    [6, 6],
    [9, 6],
    [-1, 0],
  ])('holds %i teaching dismissals as %i steps', (teaching, steps) => {
    expect(stepsFor(teaching)).toBe(steps);
  });

  it('sorts hygiene rows noisiest first and breaks ties by dismissals, alerts and name', () => {
    const counts: MonitorCounts[] = [
      { system: 'b', monitor: 'quiet', signal: 's', owner: 'o', alerts: 10, dismissed: 1 },
      { system: 'a', monitor: 'noisy', signal: 's', owner: 'o', alerts: 4, dismissed: 4 },
      { system: 'a', monitor: 'half', signal: 's', owner: 'o', alerts: 4, dismissed: 2 },
      { system: 'a', monitor: 'half-more', signal: 's', owner: 'o', alerts: 8, dismissed: 4 },
    ];
    const rows = hygieneRows(counts, [], { of: () => [] });
    expect(rows.map((row) => `${row.monitor} ${row.falsePositiveRate}`)).toEqual([
      'noisy 1',
      'half-more 0.5',
      'half 0.5',
      'quiet 0.1',
    ]);
  });
});
