import { rm } from 'node:fs/promises';
import { createServer, type Server, Socket } from 'node:net';
import type { Control } from '@firebreak/contract';
import { type ControlStorage, FirebreakClient, FirebreakControls } from '@firebreak/sdk';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { freshDataDir } from '../test/pglite-dir';
import { copilotCard } from './fixtures';

const TOKEN = 'fbk_sdk_controls_test';
const KILL = 'support-copilot.auto-send';

/** A TCP proxy in front of the server that a test can cut and restore, like a network drop. */
async function proxy(
  target: number,
): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(target, '127.0.0.1');
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  const cut = async () => {
    const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await listen();
  return { port, cut, restore: listen, close: cut };
}

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

function memoryStorage(): ControlStorage & { text: string | null } {
  return {
    text: null,
    load() {
      return this.text;
    },
    save(text) {
      this.text = text;
    },
  };
}

describe('the SDK’s controls against a running server', () => {
  let server: RunningServer;
  let dataDir: string;
  let client: FirebreakClient;
  const open: FirebreakControls[] = [];
  const sdk = (options: Partial<ConstructorParameters<typeof FirebreakControls>[0]> = {}) => {
    const controls = new FirebreakControls({
      baseUrl: server.url,
      token: TOKEN,
      systems: ['support-copilot'],
      minBackoffMs: 20,
      maxBackoffMs: 100,
      pollIntervalMs: 50,
      ...options,
    });
    open.push(controls);
    return controls;
  };

  beforeAll(async () => {
    dataDir = await freshDataDir('firebreak-sdk-controls-');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      adminToken: TOKEN,
      logger: pino({ level: 'silent' }),
    });
    client = new FirebreakClient({ baseUrl: server.url, token: TOKEN });
    await client.applySystems([copilotCard as never]);
  });
  afterAll(async () => {
    for (const controls of open) controls.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('streams the state, evaluates it locally, and hears a kill at once', async () => {
    const controls = sdk();
    expect(await controls.ready(5000)).toBe(true);
    expect(controls.status()).toMatchObject({ mode: 'streaming', source: 'server', controls: 5 });
    expect(controls.isEnabled(KILL)).toBe(true);
    expect(controls.version('support-copilot.model', { user: 'u1' })).toBe('m-12');
    const killed = changed(controls, (c) => c.key === KILL);
    await client.changeControl(KILL, { enabled: false, reason: 'PII leak' });
    expect((await killed).state).toEqual({ kind: 'kill_switch', enabled: false });
    expect(controls.isEnabled(KILL)).toBe(false);
    await client.changeControl(KILL, { enabled: true, reason: 'fixed' });
  });

  it('resumes from the last event after a dropped connection, and hears what it missed', async () => {
    const line = await proxy(server.port);
    const requests: Array<{ url: string; lastEventId: string | null }> = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      requests.push({ url: String(input), lastEventId: new Headers(init?.headers).get('last-event-id') });
      return globalThis.fetch(input, init);
    };
    const controls = sdk({ baseUrl: `http://127.0.0.1:${line.port}`, fetch });
    await controls.ready(5000);
    const seqBefore = controls.status().seq;
    await line.cut();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(controls.status().mode).toBe('offline');
    await client.changeControl('support-copilot.filter', { level: 'strict', reason: 'while the line is down' });
    expect(controls.filterLevel('support-copilot.filter')).toBe('standard'); // last known state holds
    const heard = changed(controls, (c) => c.key === 'support-copilot.filter');
    await line.restore();
    expect((await heard).state).toMatchObject({ level: 'strict' });
    const resumed = requests.filter((r) => r.url.includes('/controls/stream') && r.lastEventId !== null);
    expect(resumed.length).toBeGreaterThan(0);
    expect(Number(resumed[0]!.lastEventId)).toBe(seqBefore);
    controls.close();
    await line.close();
  });

  it('falls back to polling when the stream is refused, and still hears changes', async () => {
    const fetch: typeof globalThis.fetch = (input, init) =>
      String(input).includes('/controls/stream')
        ? Promise.resolve(new Response('proxy says no', { status: 502 }))
        : globalThis.fetch(input, init);
    const controls = sdk({ fetch });
    expect(await controls.ready(5000)).toBe(true);
    const heard = changed(controls, (c) => c.key === 'support-copilot.review');
    await client.changeControl('support-copilot.review', { share: 0.5, reason: 'review half' });
    expect((await heard).state).toMatchObject({ share: 0.5 });
    expect(controls.status().mode).toBe('polling');
  });

  it('fails a kill switch closed when it has never heard from the server, unless told otherwise', async () => {
    const controls = sdk({ baseUrl: 'http://127.0.0.1:9' });
    expect(await controls.ready(200)).toBe(false);
    expect(controls.status()).toMatchObject({ mode: 'offline', source: 'none' });
    expect(controls.isEnabled(KILL)).toBe(false);
    expect(controls.isEnabled(KILL, { failMode: 'open' })).toBe(true);
    expect(sdk({ baseUrl: 'http://127.0.0.1:9', failModes: { [KILL]: 'open' } }).isEnabled(KILL)).toBe(true);
    expect(controls.filterLevel('support-copilot.filter')).toBe('strict');
    expect(controls.allow('support-copilot.rate')).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it('starts a restarting app from its persisted state while the server is away', async () => {
    const storage = memoryStorage();
    const first = sdk({ storage });
    await first.ready(5000);
    const killed = changed(first, (c) => c.key === KILL && c.state.kind === 'kill_switch' && !c.state.enabled);
    await client.changeControl(KILL, { enabled: false, reason: 'again' });
    await killed;
    first.close();
    const restarted = sdk({ baseUrl: 'http://127.0.0.1:9', storage });
    expect(restarted.status().source).toBe('storage');
    expect(restarted.isEnabled(KILL, { failMode: 'open' })).toBe(false);
    expect(restarted.filterLevel('support-copilot.filter')).toBe('strict');
  });

  it('never throws into the app, whatever it is asked', () => {
    const broken = sdk({
      baseUrl: 'not a url',
      storage: {
        load: () => '{not json',
        save: () => {
          throw new Error('disk full');
        },
      },
      onChange: () => {
        throw new Error('app bug');
      },
    });
    expect(broken.isEnabled('x.y')).toBe(false);
    expect(broken.version('x.y')).toBeUndefined();
    expect(broken.review('x.y', { id: '1' })).toEqual({ review: false, reason: null });
  });
});

describe('queue and cache controls through the SDK against a running server', () => {
  let server: RunningServer;
  let dataDir: string;
  let client: FirebreakClient;
  const QUEUE = 'search.ingest';
  const CACHE = 'search.answers';
  const open: FirebreakControls[] = [];
  const sdk = (options: Partial<ConstructorParameters<typeof FirebreakControls>[0]> = {}) => {
    const controls = new FirebreakControls({
      baseUrl: server.url,
      token: TOKEN,
      systems: ['search'],
      minBackoffMs: 20,
      maxBackoffMs: 100,
      pollIntervalMs: 50,
      ...options,
    });
    open.push(controls);
    return controls;
  };
  const flush = (reason: string, scope?: string) =>
    client.changeControl(CACHE, { flush: scope ? { scope } : {}, reason });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

  beforeAll(async () => {
    dataDir = await freshDataDir('firebreak-sdk-queue-cache-');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      adminToken: TOKEN,
      logger: pino({ level: 'silent' }),
    });
    client = new FirebreakClient({ baseUrl: server.url, token: TOKEN });
    await client.applySystems([
      {
        ...copilotCard,
        id: 'search',
        name: 'Search',
        controls: [
          { id: 'ingest', kind: 'queue' },
          { id: 'answers', kind: 'cache' },
        ],
      } as never,
    ]);
  });
  afterAll(async () => {
    for (const controls of open) controls.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('pushes back on workers while a queue is paused, and lets them go when it resumes', async () => {
    const controls = sdk();
    expect(await controls.ready(5000)).toBe(true);
    const ingest = controls.queue(QUEUE);
    expect(ingest.admit()).toEqual({ admitted: true });
    const heard: Array<{ paused: boolean; retryAfterMs: number }> = [];
    ingest.onChange(({ paused, retryAfterMs }) => heard.push({ paused, retryAfterMs }));
    const paused = changed(controls, (c) => c.key === QUEUE);
    await client.changeControl(QUEUE, { paused: true, retryAfter: '30s', reason: 'poisoned documents' });
    await paused;
    expect(ingest.paused).toBe(true);
    expect(ingest.admit()).toEqual({ admitted: false, retryAfterMs: 30_000 });
    const aborted = new AbortController();
    const gaveUp = ingest.waitUntilOpen(aborted.signal);
    aborted.abort(new Error('worker shutting down'));
    await expect(gaveUp).rejects.toThrow('worker shutting down');
    let open = false;
    const opened = ingest.waitUntilOpen().then(() => {
      open = true;
    });
    await settle();
    expect(open).toBe(false);
    await client.changeControl(QUEUE, { paused: false, reason: 'documents cleaned' });
    await opened;
    expect(ingest.admit()).toEqual({ admitted: true });
    expect(heard).toEqual([
      { paused: true, retryAfterMs: 30_000 },
      { paused: false, retryAfterMs: 0 },
    ]);
  });

  it('takes work on a queue it never heard of unless told to fail closed', async () => {
    const controls = sdk({ baseUrl: 'http://127.0.0.1:9', failModes: { 'search.other': 'closed' } });
    expect(await controls.ready(200)).toBe(false);
    expect(controls.queue(QUEUE).admit()).toEqual({ admitted: true });
    expect(controls.queue('search.other').admit()).toEqual({ admitted: false, retryAfterMs: 1_000 });
    expect(controls.queue(QUEUE, { failMode: 'closed', defaultRetryAfterMs: 250 }).admit()).toEqual({
      admitted: false,
      retryAfterMs: 250,
    });
  });

  it('calls the flush callback once per new generation, and reports what it throws', async () => {
    const errors: unknown[] = [];
    const controls = sdk({ onError: (error) => errors.push(error) });
    await controls.ready(5000);
    const start = controls.get(CACHE)!.state;
    expect(start.kind).toBe('cache');
    const generation = start.kind === 'cache' ? start.generation : -1;
    const events: Array<{ generation: number; previousGeneration: number; scope: string | null }> = [];
    controls.onFlush(CACHE, ({ generation, previousGeneration, scope }) => {
      events.push({ generation, previousGeneration, scope });
    });
    controls.onFlush(CACHE, () => {
      throw new Error('app bug in the flush callback');
    });
    await settle();
    expect(events).toEqual([]); // not for the generation it already had
    const first = changed(controls, (c) => c.key === CACHE);
    await flush('poisoned answers', 'tenant:acme');
    await first;
    const second = changed(controls, (c) => c.key === CACHE);
    await flush('everything');
    await second;
    await settle();
    expect(events).toEqual([
      { generation: generation + 1, previousGeneration: generation, scope: 'tenant:acme' },
      { generation: generation + 2, previousGeneration: generation + 1, scope: null },
    ]);
    expect(errors.filter((e) => String(e).includes('app bug in the flush callback'))).toHaveLength(2);
    expect(controls.status().mode).toBe('streaming');
  });

  it('calls it once with the latest generation after a disconnection across several flushes', async () => {
    const line = await proxy(server.port);
    const controls = sdk({ baseUrl: `http://127.0.0.1:${line.port}` });
    await controls.ready(5000);
    const before = controls.get(CACHE)!.state;
    const generation = before.kind === 'cache' ? before.generation : -1;
    const events: Array<{ generation: number; previousGeneration: number }> = [];
    controls.onFlush(CACHE, ({ generation, previousGeneration }) => {
      events.push({ generation, previousGeneration });
    });
    await line.cut();
    await flush('one', 'tenant:a');
    await flush('two', 'tenant:b');
    await flush('three', 'tenant:c');
    const heard = changed(controls, (c) => c.key === CACHE);
    await line.restore();
    await heard;
    await settle();
    expect(events).toEqual([{ generation: generation + 3, previousGeneration: generation }]);
    controls.close();
    await line.close();
  });
});
