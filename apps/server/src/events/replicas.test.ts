import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Control, LiveEvent } from '@firebreak/contract';
import { FirebreakClient, FirebreakControls, readEventStream } from '@firebreak/sdk';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copilotCard } from '../controls/fixtures';
import { type RunningServer, startServer } from '../server';
import { NATS_URL } from '../test/scale-out';
import { STORE_TARGETS } from '../test/stores';

// Two API replicas on one fresh PostgreSQL database, with each fanout that crosses processes:
// what one replica commits reaches the other's SDK apps and event streams (docs/adr/0043).
// The NATS runs need the NATS server at FIREBREAK_TEST_NATS_URL (default 127.0.0.1:4222).
const TOKEN = 'fbk_replicas_test';
const KILL = 'support-copilot.auto-send';
const postgres = STORE_TARGETS.find((target) => target.name === 'postgres');

/** Resolves with the first control change that satisfies `test`. */
function changed(controls: FirebreakControls, test: (control: Control) => boolean): Promise<Control> {
  return new Promise((resolve) => {
    const stop = controls.subscribe((control) => {
      if (test(control)) {
        stop();
        resolve(control);
      }
    });
  });
}

function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms)),
  ]);
}

/** Follows `GET /events` of a server; `next(test)` resolves with the first matching event from then on. */
async function follow(url: string) {
  const abort = new AbortController();
  const seen: Array<{ event: string; data: string }> = [];
  const waiters = new Set<() => void>();
  const response = await fetch(`${url}/api/v1/events`, {
    headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  void readEventStream(response.body!, (message) => {
    seen.push({ event: message.event ?? 'message', data: message.data });
    for (const wake of waiters) wake();
  }).catch(() => undefined);
  const next = (test: (message: { event: string; data: string }) => boolean) =>
    new Promise<{ event: string; data: string }>((resolve) => {
      const check = () => {
        const found = seen.find(test);
        if (found) {
          waiters.delete(check);
          resolve(found);
        }
      };
      waiters.add(check);
      check();
    });
  await next((message) => message.event === 'ready');
  return { next, close: () => abort.abort() };
}

describe.skipIf(!postgres).each(['postgres', 'nats'] as const)('two replicas, fanout over %s', (fanout) => {
  let database: Awaited<ReturnType<NonNullable<typeof postgres>['open']>>;
  let dataDir: string;
  let a: RunningServer;
  let b: RunningServer;
  const apps: FirebreakControls[] = [];
  const closed = new Set<RunningServer>();
  const close = async (server: RunningServer | undefined) => {
    if (!server || closed.has(server)) return;
    closed.add(server);
    await server.close();
  };
  const channel = `fbk_test_${randomBytes(5).toString('hex')}`;

  const replica = () =>
    startServer({
      port: 0,
      host: '127.0.0.1',
      databaseUrl: database.url!,
      // One data folder: replicas share the checkpoint key and the ack-link secret.
      dataDir,
      adminToken: TOKEN,
      logger: pino({ level: 'silent' }),
      // No periodic re-read: what reaches A here came over the fanout (or its reconnect).
      scaleOut: { fanout, natsUrl: NATS_URL, channel, checkEveryMs: 0, leaderEveryMs: 200 },
    });

  beforeAll(async () => {
    database = await postgres!.open();
    dataDir = await mkdtemp(join(tmpdir(), 'firebreak-replicas-'));
    a = await replica();
    b = await replica();
    await new FirebreakClient({ baseUrl: b.url, token: TOKEN }).applySystems([copilotCard as never]);
  });
  afterAll(async () => {
    for (const app of apps) app.close();
    await close(a);
    await close(b);
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const sdkOn = async (server: RunningServer) => {
    const app = new FirebreakControls({
      baseUrl: server.url,
      token: TOKEN,
      systems: ['support-copilot'],
      minBackoffMs: 20,
      maxBackoffMs: 100,
    });
    apps.push(app);
    expect(await app.ready(5000)).toBe(true);
    return app;
  };

  it('uses the fanout asked for', () => {
    expect([a.fanout, b.fanout]).toEqual([fanout, fanout]);
  });

  it('shows an app on replica A a kill switch changed on replica B within a second', async () => {
    const app = await sdkOn(a);
    expect(app.isEnabled(KILL)).toBe(true);
    const killed = changed(app, (control) => control.key === KILL);
    await new FirebreakClient({ baseUrl: b.url, token: TOKEN }).changeControl(KILL, {
      enabled: false,
      reason: 'replicas test',
    });
    expect((await within(1000, 'the kill on A', killed)).state).toEqual({ kind: 'kill_switch', enabled: false });
    expect(app.isEnabled(KILL)).toBe(false);
    const back = changed(app, (control) => control.key === KILL);
    await new FirebreakClient({ baseUrl: b.url, token: TOKEN }).changeControl(KILL, { enabled: true, reason: 'over' });
    expect((await within(1000, 'the re-enable on A', back)).state).toEqual({ kind: 'kill_switch', enabled: true });
  });

  it('streams to an /events subscriber on A what is added to an incident on B', async () => {
    const stream = await follow(a.url);
    try {
      const client = new FirebreakClient({ baseUrl: b.url, token: TOKEN });
      const incident = await client.declareIncident({
        title: 'Replicas test',
        type: 'privacy_leak',
        severity: 'SEV3',
        systems: ['support-copilot'],
      });
      await client.logDecision(incident.id, { observation: 'seen on B', decision: 'heard on A' });
      const heard = await within(
        2000,
        'the decision on A',
        stream.next((message) => message.event === 'timeline' && message.data.includes('heard on A')),
      );
      const event = JSON.parse(heard.data) as Extract<LiveEvent, { type: 'timeline' }>;
      expect(event.incidentId).toBe(incident.id);
    } finally {
      stream.close();
    }
  });

  it.runIf(fanout === 'postgres')(
    'makes up for a dropped LISTEN connection: what changed meanwhile reaches A once it is back',
    async () => {
      const app = await sdkOn(a);
      const admin = new pg.Client({ connectionString: database.url! });
      await admin.connect();
      try {
        // Cut every LISTEN connection (A's and B's): B's NOTIFY of the change below reaches no one.
        await admin.query(
          "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'firebreak-fanout' and datname = current_database()",
        );
        const heard = changed(app, (control) => control.key === 'support-copilot.filter');
        await new FirebreakClient({ baseUrl: b.url, token: TOKEN }).changeControl('support-copilot.filter', {
          level: 'strict',
          reason: 'while the fanout is down',
        });
        expect((await within(5000, 'the change after the reconnect', heard)).state).toMatchObject({
          level: 'strict',
        });
      } finally {
        await admin.end();
      }
    },
  );

  it('runs the scheduled work on one replica, and on the other once that one stops', async () => {
    expect([a.leading(), b.leading()].filter(Boolean)).toHaveLength(1);
    const [leader, follower] = a.leading() ? [a, b] : [b, a];
    await close(leader);
    const start = Date.now();
    while (!follower.leading() && Date.now() - start < 5000) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(follower.leading()).toBe(true);
  });
});
