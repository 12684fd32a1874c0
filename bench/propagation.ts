/**
 * Kill-switch propagation: the time from the API call that flips a switch to the moment each of
 * N SDK clients connected over loopback applies it, with the commit and the audit record in the
 * path. Clients run in a child process (bench/propagation-clients.ts), so they and the server do
 * not share a core. Side by side, in the same run:
 * - a bare SSE fan-out (a plain node:http server writing one event to N streams): the floor;
 * - Unleash (unleash-server@7 on the local PostgreSQL, unleash-client at its default 15 s refresh
 *   and at 1 s), when installed outside the repository (`--unleash-dir`, see docs/benchmarks.md).
 * Prints one JSON object: p50 / p99 / max in ms per system, and Firebreak's p99 over the floor's.
 *
 * Run: npx tsx bench/propagation.ts [--clients 1000] [--rounds 10] [--store pglite|postgres]
 *        [--unleash-dir /tmp/firebreak-bench-unleash] [--unleash-rounds 3]
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '@firebreak/server';
import pino from 'pino';
import { freshDatabase } from './postgres';
import { type Clients, killSwitchSystem, startClients } from './propagation-rounds';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '10' },
    store: { type: 'string', default: 'pglite' },
    'unleash-dir': { type: 'string', default: '/tmp/firebreak-bench-unleash' },
    'unleash-rounds': { type: 'string', default: '3' },
  },
});
const N = Number(values.clients);
const ROUNDS = Number(values.rounds);

function summary(delays: number[]): { p50: number; p99: number; max: number; samples: number } {
  const sorted = [...delays].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(sorted.at(-1)!), samples: sorted.length };
}

/** Rounds of off, on, off…, each a real change: every client's delay, and how long each flip call took. */
async function rounds(
  c: Clients,
  count: number,
  flip: (on: boolean) => Promise<void>,
  jitterMs = 0,
): Promise<{ delays: number[]; flips: number[] }> {
  const delays: number[] = [];
  const flips: number[] = [];
  for (let r = 0; r < count; r++) {
    const on = r % 2 === 1;
    // Polling clients: flip at a random point of their refresh cycle, as a real change would come.
    if (jitterMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * jitterMs));
    const result = await c.round(on, () => flip(on));
    delays.push(...result.delays);
    flips.push(result.flipMs);
  }
  return { delays, flips };
}

/** The floor: one plain HTTP server writing an SSE event to N open responses. */
async function bareSse(): Promise<ReturnType<typeof summary>> {
  const open = new Set<ServerResponse>();
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write('event: ready\ndata: {}\n\n');
    open.add(response);
    response.on('close', () => open.delete(response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  const c = await startClients(N, ['--mode', 'sse', '--url', `http://127.0.0.1:${port}/`]);
  const { delays } = await rounds(c, ROUNDS, async (on) => {
    for (const response of open) response.write(`event: switch\ndata: ${on}\n\n`);
  });
  c.close();
  server.closeAllConnections();
  server.close();
  return summary(delays);
}

async function firebreak(): Promise<
  ReturnType<typeof summary> & { store: string; api_call: ReturnType<typeof summary> }
> {
  const dataDir = await mkdtemp(join(tmpdir(), 'firebreak-propagation-'));
  const token = 'fbk_propagation_bench';
  let databaseUrl: string | undefined;
  if (values.store === 'postgres') databaseUrl = (await freshDatabase({ name: 'firebreak_propagation_bench' })).url;
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    adminToken: token,
    logger: pino({ level: 'silent' }),
  });
  const api = (path: string, body: unknown) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then(async (response) => {
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
    });
  await api('/systems/apply', {
    systems: [killSwitchSystem()],
  });
  try {
    const c = await startClients(N, [
      '--mode',
      'firebreak',
      '--url',
      server.url,
      '--token',
      token,
      '--system',
      'bench',
      '--key',
      'bench.kill',
    ]);
    const { delays, flips } = await rounds(c, ROUNDS, (on) =>
      api('/controls/bench.kill', { enabled: on, reason: 'propagation benchmark' }),
    );
    c.close();
    // api_call: the POST until its 200, which is the commit with its history, audit and timeline.
    return { ...summary(delays), store: values.store!, api_call: summary(flips) };
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A port nothing listens on now, for the Unleash server (it takes a port number, not 0). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Unleash 7 from a folder outside the repository, on its own database, at two refresh intervals. */
async function unleash(dir: string): Promise<Record<string, ReturnType<typeof summary>>> {
  const databaseUrl = (await freshDatabase({ name: 'unleash_propagation_bench' })).url;
  const port = await freePort();
  const admin = '*:*.propagation-admin';
  const backend = 'default:development.propagation-client';
  const server = spawn(process.execPath, [join(dir, 'node_modules/unleash-server/dist/server.js')], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_SSL: 'false',
      PORT: String(port),
      INIT_ADMIN_API_TOKENS: admin,
      INIT_BACKEND_API_TOKENS: backend,
      LOG_LEVEL: 'error',
      TZ: 'UTC',
    },
    stdio: 'ignore',
  });
  let exited = false;
  server.on('exit', () => (exited = true));
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      if (
        (await fetch(`${base}/health`)
          .then((r) => r.ok)
          .catch(() => false)) === true
      )
        break;
      if (i > 120 || exited) throw new Error('unleash-server did not start');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${base}/api/admin/projects/default/features${path}`, {
        method,
        headers: { authorization: admin, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      }).then(async (response) => {
        if (!response.ok) throw new Error(`unleash ${path}: HTTP ${response.status} ${await response.text()}`);
      });
    await call('POST', '', { name: 'kill' });
    await call('POST', '/kill/environments/development/strategies', { name: 'default' });
    // Unleash serves clients from a cache it refreshes on its own schedule: before each phase, turn
    // the switch on and wait until it is served on, so every client starts from the state the
    // first round changes.
    const switchOn = async () => {
      await call('POST', '/kill/environments/development/on');
      for (let i = 0; ; i++) {
        const body = (await fetch(`${base}/api/client/features`, { headers: { authorization: backend } }).then((r) =>
          r.json(),
        )) as { features: Array<{ name: string; enabled: boolean }> };
        if (body.features.some((feature) => feature.name === 'kill' && feature.enabled)) return;
        if (i > 120) throw new Error('unleash never served the switch as on');
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    const results: Record<string, ReturnType<typeof summary>> = {};
    for (const refresh of [15_000, 1_000]) {
      await switchOn();
      const c = await startClients(N, [
        '--mode',
        'unleash',
        '--url',
        `${base}/api/`,
        '--token',
        backend,
        '--key',
        'kill',
        '--refresh',
        String(refresh),
        '--unleash-dir',
        dir,
      ]);
      const { delays } = await rounds(
        c,
        Number(values['unleash-rounds']),
        (on) => call('POST', `/kill/environments/development/${on ? 'on' : 'off'}`),
        refresh,
      );
      c.close();
      results[`refresh_${refresh / 1000}s`] = summary(delays);
    }
    return results;
  } finally {
    server.kill();
  }
}

const baseline = await bareSse();
const ours = await firebreak();
const dir = values['unleash-dir']!;
const unleashResult = existsSync(join(dir, 'node_modules/unleash-server'))
  ? await unleash(dir)
  : { skipped: `no unleash-server in ${dir}; see docs/benchmarks.md to install it` };
console.log(
  JSON.stringify(
    {
      bench: 'propagation',
      clients: N,
      rounds: ROUNDS,
      unit: 'ms from the API call to the client applying the change',
      firebreak: ours,
      bare_sse_fanout: baseline,
      firebreak_p99_over_bare_sse_p99: Number((ours.p99 / baseline.p99).toFixed(2)),
      unleash: unleashResult,
    },
    null,
    2,
  ),
);
process.exit(0);
