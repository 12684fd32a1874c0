import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LiveEvent } from '@firebreak/contract';
import { and, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../db/connect';
import { auditLog } from '../db/schema';
import { EventBus } from '../events/bus';
import { createApp } from '../http/app';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { bootstrapAdminToken } from '../tokens/service';
import { DetectionRuntime } from './runtime';

const T = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute)).toISOString();
const copilot = {
  id: 'support-copilot',
  name: 'Support copilot',
  owner: 'support-ai',
  model: { name: 'gpt-4.1', version: '2025-04-14' },
  riskTier: 'limited',
  monitors: [
    {
      id: 'pii-in-answers',
      signal: 'flag:pii',
      detector: 'zero_tolerance',
      owner: 'privacy-oncall',
      runbook: 'https://runbooks.example.com/pii',
    },
  ],
};
const rules = [
  {
    id: 'pii-leak',
    when: { signal: 'flag:pii', level: 'page' },
    then: {
      type: 'privacy_leak',
      severity: 'SEV1',
      declare: true,
      actions: [
        { action: 'Freeze prompt changes', within: '15m' },
        { action: 'Notify privacy', within: '30m', role: 'privacy' },
      ],
      notify: ['privacy-oncall'],
    },
  },
];
const answers = (from: number, to: number, leakAt: number[]) =>
  Array.from({ length: to - from }, (_, i) => from + i).map((minute) => ({
    system: 'support-copilot',
    ts: T(minute),
    id: `a-${minute}`,
    flags: { pii: leakAt.includes(minute) },
  }));

describe.each(STORE_TARGETS)('detection on $name', (target) => {
  let h: Harness;
  let runtime: DetectionRuntime;
  beforeAll(async () => {
    h = await harness(target);
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [copilot] } });
    await h.call('PUT', '/api/v1/rules', { token: h.tokens.admin, body: { rules } });
    runtime = new DetectionRuntime({ db: h.store.db, log: pino({ level: 'silent' }), events: h.events, now: h.now });
    await runtime.load();
  });
  afterAll(() => h.close());

  it('turns a PII hit into a SEV1 incident whose timeline starts at the onset, with the rule as actor', async () => {
    const sent = await h.call('POST', '/api/v1/telemetry', { body: answers(0, 20, [12]) });
    expect(sent.status).toBe(202);
    await runtime.catchUp();
    const alerts = (await h.call('GET', '/api/v1/alerts?system=support-copilot')).body.alerts;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      monitor: 'pii-in-answers',
      level: 'page',
      status: 'firing',
      owner: 'privacy-oncall',
      onset: T(12),
      openedAt: T(15),
      evidence: { sampleEventIds: ['a-12'] },
    });
    const incident = (await h.call('GET', `/api/v1/incidents/${alerts[0].incidentId}`)).body;
    expect(incident).toMatchObject({
      type: 'privacy_leak',
      severity: 'SEV1',
      declaredBy: 'rule:pii-leak',
      systems: ['support-copilot'],
      metrics: { onsetAt: T(12), detectedAt: T(15), timeToDetect: 180 },
    });
    const timeline = (await h.call('GET', `/api/v1/incidents/${incident.id}/timeline`)).body.entries;
    expect(timeline.map((e: { kind: string; actor: string }) => `${e.kind}:${e.actor}`)).toEqual([
      'declared:rule:pii-leak',
      'alert_linked:rule:pii-leak',
      'rule_applied:rule:pii-leak',
    ]);
    expect(timeline[1].payload).toMatchObject({ alertId: alerts[0].id, onset: T(12), monitor: 'pii-in-answers' });
    expect(timeline[2].payload.actions).toEqual([
      { action: 'Freeze prompt changes', role: null, due: new Date(h.now().getTime() + 15 * 60_000).toISOString() },
      { action: 'Notify privacy', role: 'privacy', due: new Date(h.now().getTime() + 30 * 60_000).toISOString() },
    ]);
  });

  it('links a second leak to the open incident the rule declared instead of declaring another', async () => {
    await h.call('POST', '/api/v1/telemetry', { body: answers(20, 60, [47]) });
    await runtime.catchUp();
    const alerts = (await h.call('GET', '/api/v1/alerts?system=support-copilot')).body.alerts;
    expect(alerts.map((a: { status: string }) => a.status)).toEqual(['firing', 'resolved']);
    expect(alerts[0].incidentId).toBe(alerts[1].incidentId);
  });

  it('lets a person open an incident from an alert no rule took, onset carried over', async () => {
    const bot = {
      ...copilot,
      id: 'refund-bot',
      monitors: [{ id: 'secrets', signal: 'flag:secret', detector: 'zero_tolerance' }],
    };
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [bot] } });
    const events = Array.from({ length: 12 }, (_, m) => ({
      system: 'refund-bot',
      ts: T(m),
      id: `s-${m}`,
      flags: { secret: m === 7 },
    }));
    await h.call('POST', '/api/v1/telemetry', { body: events });
    await runtime.catchUp();
    const [alert] = (await h.call('GET', '/api/v1/alerts?system=refund-bot')).body.alerts;
    expect(alert.incidentId).toBeNull();
    const opened = await h.call('POST', `/api/v1/alerts/${alert.id}/incident`, {
      body: { type: 'privacy_leak', severity: 'P1' },
    });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({
      severity: 'SEV2',
      declaredBy: 'dana',
      metrics: { onsetAt: T(7), detectedAt: T(10) },
    });
    expect(
      (await h.call('POST', `/api/v1/alerts/${alert.id}/incident`, { body: { type: 'privacy_leak', severity: 'P1' } }))
        .status,
    ).toBe(409);
  });

  it('acknowledges an alert once, audited: who and when; acknowledging again changes nothing', async () => {
    const [alert] = (await h.call('GET', '/api/v1/alerts?system=refund-bot')).body.alerts;
    const heard: LiveEvent[] = [];
    const unsubscribe = h.events.subscribe(({ event }) => heard.push(event));
    const first = await h.call('POST', `/api/v1/alerts/${alert.id}/acknowledge`, { body: {} });
    expect(first.status).toBe(200);
    expect(first.body.acknowledged).toEqual({ by: 'dana', at: h.now().toISOString() });
    h.advance(60_000);
    const again = await h.call('POST', `/api/v1/alerts/${alert.id}/acknowledge`, { token: h.tokens.admin, body: {} });
    expect(again.status).toBe(200);
    expect(again.body.acknowledged).toEqual(first.body.acknowledged);
    unsubscribe();
    expect(heard).toEqual([
      { type: 'alert', alertId: alert.id, system: 'refund-bot', change: 'acknowledged', incidentId: alert.incidentId },
    ]);
    const audit = await h.store.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subject, alert.id), eq(auditLog.action, 'alert.acknowledged')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'dana' });
  });

  it('rejects acknowledging without permission, an unknown alert, and a dismissed one', async () => {
    const [alert] = (await h.call('GET', '/api/v1/alerts?system=support-copilot&status=firing')).body.alerts;
    const refused = await h.call('POST', `/api/v1/alerts/${alert.id}/acknowledge`, {
      token: h.tokens.viewer,
      body: {},
    });
    expect(refused.status).toBe(403);
    expect((await h.call('GET', `/api/v1/alerts/${alert.id}`)).body.acknowledged).toBeNull();
    expect((await h.call('POST', '/api/v1/alerts/ALR-9999/acknowledge', { body: {} })).status).toBe(404);
    await h.call('POST', `/api/v1/alerts/${alert.id}/dismiss`, { body: { reason: 'synthetic traffic' } });
    const conflict = await h.call('POST', `/api/v1/alerts/${alert.id}/acknowledge`, { body: {} });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.message).toMatch(/dismissed/);
  });

  it('announces alerts as they open, and a person opening an incident from one, on the live stream', async () => {
    const heard: LiveEvent[] = [];
    const unsubscribe = h.events.subscribe(({ event }) => heard.push(event));
    const bot = {
      ...copilot,
      id: 'search-bot',
      monitors: [{ id: 'secrets', signal: 'flag:secret', detector: 'zero_tolerance' }],
    };
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [bot] } });
    await h.call('POST', '/api/v1/telemetry', {
      body: Array.from({ length: 12 }, (_, m) => ({
        system: 'search-bot',
        ts: T(m),
        id: `q-${m}`,
        flags: { secret: m === 2 },
      })),
    });
    await runtime.catchUp();
    const [alert] = (await h.call('GET', '/api/v1/alerts?system=search-bot')).body.alerts;
    const opened = await h.call('POST', `/api/v1/alerts/${alert.id}/incident`, {
      body: { type: 'privacy_leak', severity: 'SEV2' },
    });
    unsubscribe();
    expect(heard.filter((event) => event.type === 'alert')).toEqual([
      { type: 'alert', alertId: alert.id, system: 'search-bot', change: 'opened', incidentId: null },
      { type: 'alert', alertId: alert.id, system: 'search-bot', change: 'incident_opened', incidentId: opened.body.id },
    ]);
  });

  it('dismisses an alert as a false positive and suppresses its fingerprint, audited', async () => {
    const [alert] = (await h.call('GET', '/api/v1/alerts?status=firing')).body.alerts;
    const dismissed = await h.call('POST', `/api/v1/alerts/${alert.id}/dismiss`, {
      body: { reason: 'test account data' },
    });
    expect(dismissed.body).toMatchObject({
      status: 'dismissed',
      dismissed: { by: 'dana', reason: 'test account data' },
    });
    const suppressed = await h.call('POST', `/api/v1/alerts/${alert.id}/suppress`, {
      body: { for: '2h', reason: 'load test' },
    });
    expect(suppressed.body.suppressedUntil).toBe(new Date(h.now().getTime() + 2 * 3600_000).toISOString());
    expect(
      (await h.call('POST', `/api/v1/alerts/${alert.id}/suppress`, { body: { for: 'a while', reason: 'x' } })).body
        .error.message,
    ).toMatch(/^for: expected a duration/);
  });

  it('records the alerts of a step whose commit failed, once the store takes writes again', async () => {
    const ledger = {
      ...copilot,
      id: 'ledger-bot',
      monitors: [{ id: 'keys', signal: 'flag:secret', detector: 'zero_tolerance' }],
    };
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [ledger] } });
    const run = (text: string) => h.store.db.execute(sql.raw(text));
    await run(
      `create function refuse_alerts() returns trigger language plpgsql as $$ begin raise exception 'alerts refused for this test'; end $$`,
    );
    await run('create trigger refuse_alerts before insert on alerts for each row execute function refuse_alerts()');
    const events = Array.from({ length: 12 }, (_, m) => ({
      system: 'ledger-bot',
      ts: T(m),
      id: `k-${m}`,
      flags: { secret: m === 4 },
    }));
    expect((await h.call('POST', '/api/v1/telemetry', { body: events })).status).toBe(202);
    await expect(runtime.catchUp()).rejects.toThrow();
    await run('drop trigger refuse_alerts on alerts');
    await run('drop function refuse_alerts()');
    await runtime.catchUp();
    const alerts = (await h.call('GET', '/api/v1/alerts?system=ledger-bot')).body.alerts;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ monitor: 'keys', onset: T(4) });
    await runtime.catchUp();
    expect((await h.call('GET', '/api/v1/alerts?system=ledger-bot')).body.alerts).toHaveLength(1);
  });

  it('keeps the last checkpoint when stopped after a failed step, so the next start records the alert', async () => {
    await runtime.catchUp();
    const vault = {
      ...copilot,
      id: 'vault-bot',
      monitors: [{ id: 'keys', signal: 'flag:secret', detector: 'zero_tolerance' }],
    };
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [vault] } });
    const make = async () => {
      const made = new DetectionRuntime({
        db: h.store.db,
        log: pino({ level: 'silent' }),
        events: h.events,
        now: h.now,
      });
      await made.load();
      return made;
    };
    const first = await make();
    const run = (text: string) => h.store.db.execute(sql.raw(text));
    await run(
      `create function refuse_alerts() returns trigger language plpgsql as $$ begin raise exception 'alerts refused for this test'; end $$`,
    );
    await run('create trigger refuse_alerts before insert on alerts for each row execute function refuse_alerts()');
    const events = Array.from({ length: 12 }, (_, m) => ({
      system: 'vault-bot',
      ts: T(m),
      id: `v-${m}`,
      flags: { secret: m === 4 },
    }));
    expect((await h.call('POST', '/api/v1/telemetry', { body: events })).status).toBe(202);
    try {
      await expect(first.catchUp()).rejects.toThrow();
      // A shutdown now must not save an engine that is past the unrecorded alert.
      await first.stop();
    } finally {
      await run('drop trigger refuse_alerts on alerts');
      await run('drop function refuse_alerts()');
    }
    const second = await make();
    await second.catchUp();
    const alerts = (await h.call('GET', '/api/v1/alerts?system=vault-bot')).body.alerts;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ monitor: 'keys', onset: T(4) });
  });
});

describe('detection after a crash', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firebreak-crash-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('examines telemetry acknowledged before the crash once the server is back', async () => {
    const log = pino({ level: 'silent' });
    const first = await openStore({ dataDir: dir });
    await bootstrapAdminToken(first.db, new Date(), 'tok');
    const app = createApp({ db: first.db, log, store: 'pglite', version: 't' });
    const headers = { authorization: 'Bearer tok', 'content-type': 'application/json' };
    await app.request('/api/v1/systems/apply', {
      method: 'POST',
      headers,
      body: JSON.stringify({ systems: [copilot] }),
    });
    const sent = await app.request('/api/v1/telemetry', {
      method: 'POST',
      headers,
      body: JSON.stringify(answers(0, 20, [3])),
    });
    expect(sent.status).toBe(202);
    // The process dies here: acknowledged, never examined.
    await first.close();

    const second = await openStore({ dataDir: dir });
    const runtime = new DetectionRuntime({ db: second.db, log, events: new EventBus(), now: () => new Date() });
    await runtime.load();
    await runtime.catchUp();
    const again = createApp({ db: second.db, log, store: 'pglite', version: 't' });
    const alerts = (await (await again.request('/api/v1/alerts', { headers })).json()).alerts;
    expect(alerts.map((a: { monitor: string; openedAt: string }) => [a.monitor, a.openedAt])).toEqual([
      ['pii-in-answers', T(5)],
    ]);
    await runtime.stop();
    await second.close();
  }, 120_000); // two PGlite stores on a data folder, migrated from nothing: slow on a loaded machine
});
