/**
 * The notification outbox under kill -9: N notifications are queued (committed) to a webhook
 * receiver in this process, a real server process is started on the store and killed with
 * SIGKILL in the middle of delivering them, then started again on the same store. The receiver
 * counts what arrived: every idempotency key must arrive at least once; the repeats before
 * de-duplication (deliveries the dead process had made but not yet recorded) are reported.
 *
 * Per store: a fresh PGlite data folder, or a database of its own on the PostgreSQL server.
 * The server runs in a child (this file with `--serve`), so the kill is a real process death;
 * its outbox worker has a short lease (`--lease-ms`) so the rows it held come back quickly.
 *
 * Run: npx tsx bench/outbox-crash.ts [--notifications 1000] [--store pglite|postgres|both]
 *        [--kill-at 300] [--lease-ms 2000] [--concurrency 8] [--receiver-delay-ms 10]
 * Prints one JSON object; exits 1 when a key never arrived or a row is not delivered.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { enqueueNotifications, openStore, startServer } from '@firebreak/server';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { freshDatabase } from './postgres';

const { values } = parseArgs({
  options: {
    notifications: { type: 'string', default: '1000' },
    store: { type: 'string', default: 'both' },
    'kill-at': { type: 'string', default: '300' },
    'lease-ms': { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    'receiver-delay-ms': { type: 'string', default: '10' },
    serve: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
    'hook-url': { type: 'string' },
  },
});
// The signed-webhook channel's shared secret (Standard Webhooks: whsec_ and base64 of 24+ bytes).
const WEBHOOK_SECRET = `whsec_${Buffer.from('outbox-crash-bench-secret-32-bytes').toString('base64')}`;
const N = Number(values.notifications);
const KILL_AT = Number(values['kill-at']);
const LEASE_MS = Number(values['lease-ms']);
const CONCURRENCY = Number(values.concurrency);
const RECEIVER_DELAY_MS = Number(values['receiver-delay-ms']);
const SELF = fileURLToPath(import.meta.url);

if (values.serve) await serve();
else await main();

/** The child: a real server on the store, its outbox worker on a short lease. */
async function serve(): Promise<void> {
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values['database-url'] ? { databaseUrl: values['database-url'] } : {}),
    logger: pino({ level: 'warn' }),
    rateLimits: false,
    notifications: { leaseMs: LEASE_MS, pollMs: 100, concurrency: CONCURRENCY },
    // The real channel: each row is rendered and signed per Standard Webhooks, as in production.
    channels: { webhook: { url: values['hook-url']!, secret: WEBHOOK_SECRET } },
  });
  process.stdout.write(`listening on ${server.url}\n`);
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  if (!(N > 0 && KILL_AT > 0 && KILL_AT < N)) throw new Error('--kill-at must be between 0 and --notifications');
  const stores = values.store === 'both' ? (['pglite', 'postgres'] as const) : [values.store as 'pglite' | 'postgres'];
  if (!stores.every((store) => store === 'pglite' || store === 'postgres'))
    throw new Error(`--store ${values.store}: expected pglite, postgres or both`);
  const baseline = await bareDeliveries();
  const runs = [];
  for (const kind of stores) runs.push(await oneRun(kind));
  const ok = runs.every((run) => run.missing === 0 && run.uniqueKeys === N && run.afterRestart.delivered === N);
  const result = { bench: 'outbox-crash', notifications: N, concurrency: CONCURRENCY, baseline, runs };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(ok ? 0 : 1);
}

/** A notification as the matrix queues one: the message the channel renders and signs. */
function benchPayload(i: number) {
  return {
    audience: 'on_call',
    kind: 'notify',
    recipientName: 'Ops hook',
    personId: null,
    notification: {
      id: `NTF-bench-${i}`,
      idempotencyKey: `bench-${i}`,
      kind: 'update',
      incident: {
        id: 'INC-1',
        title: 'Outbox crash bench',
        severity: 'SEV3',
        type: 'model_degradation',
        system: 'bench',
        status: 'active',
      },
      recipient: { name: 'Ops hook' },
      links: { warRoom: 'http://127.0.0.1/incidents/INC-1' },
      summary: `Notification ${i} of the outbox crash bench.`,
      createdAt: new Date().toISOString(),
    },
  };
}

/** Counts every arrival per idempotency key, answering 200 after a short delay like a real receiver. */
async function receiver() {
  const arrivals = new Map<string, number>();
  let total = 0;
  const times: number[] = [];
  const server = createServer((request, response) => {
    times.push(performance.now());
    // The signed channel names the message in webhook-id; the bare baseline in idempotency-key.
    const key = String(request.headers['webhook-id'] ?? request.headers['idempotency-key']);
    arrivals.set(key, (arrivals.get(key) ?? 0) + 1);
    total++;
    request.resume();
    setTimeout(() => response.writeHead(200).end(), RECEIVER_DELAY_MS);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    arrivals,
    total: () => total,
    /** Arrivals per second between the first and the n-th arrival. */
    rate: (n: number) => Math.round(((n - 1) * 1000) / ((times[n - 1] ?? Number.NaN) - (times[0] ?? 0))),
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * The floor, in the same run: the same POSTs to the same kind of receiver from this process,
 * `--concurrency` at a time, with no store and no server in between.
 */
async function bareDeliveries() {
  const hook = await receiver();
  let next = 0;
  const send = async () => {
    while (next < N) {
      const i = next++;
      const response = await fetch(hook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `bare-${i}` },
        body: JSON.stringify({ n: i }),
      });
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, send));
  hook.close();
  return { arrivalsPerSecond: hook.rate(N) };
}

async function freshStore(kind: 'pglite' | 'postgres') {
  const folder = await mkdtemp(join(tmpdir(), 'firebreak-outbox-'));
  const dataDir = join(folder, 'data');
  if (kind === 'pglite') {
    return {
      args: ['--data-dir', dataDir],
      open: () => openStore({ dataDir }),
      drop: () => rm(folder, { recursive: true, force: true }),
    };
  }
  const database = await freshDatabase({ prefix: 'firebreak_outbox' });
  return {
    args: ['--database-url', database.url],
    open: () => openStore({ databaseUrl: database.url }),
    drop: async () => {
      await database.drop();
      await rm(folder, { recursive: true, force: true });
    },
  };
}

interface Child {
  child: ChildProcess;
  exited: Promise<number | null>;
}

function startChild(args: string[]): Promise<Child> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', SELF, '--serve', '--lease-ms', String(LEASE_MS), '--concurrency', String(CONCURRENCY), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let seen = '';
    const take = (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-20_000);
      if (seen.includes('listening on ')) resolve({ child, exited });
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    void exited.then((code) => reject(new Error(`server exited ${code}: ${seen}`)));
  });
}

type Counts = Record<'pending' | 'delivering' | 'delivered' | 'failed', number>;

/**
 * The outbox by status, and the keys of the rows a worker held (`delivering`), read from the
 * store while no server holds it (PGlite has one owner).
 */
async function readOutbox(open: () => ReturnType<typeof openStore>): Promise<{ counts: Counts; held: string[] }> {
  const store = await open();
  try {
    const result = (await store.db.execute(
      sql`select status, count(*)::int as n from notifications group by status`,
    )) as unknown as { rows: Array<{ status: keyof Counts; n: number }> };
    const counts: Counts = { pending: 0, delivering: 0, delivered: 0, failed: 0 };
    for (const row of result.rows) counts[row.status] = Number(row.n);
    const held = (await store.db.execute(
      sql`select idempotency_key as key from notifications where status = 'delivering'`,
    )) as unknown as { rows: Array<{ key: string }> };
    return { counts, held: held.rows.map((row) => row.key) };
  } finally {
    await store.close();
  }
}

async function waitFor(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const until = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

async function oneRun(kind: 'pglite' | 'postgres') {
  const store = await freshStore(kind);
  const hook = await receiver();
  try {
    // Queued as a cause would queue them: in one transaction, committed before any server runs.
    const seeding = await store.open();
    await seeding.db.transaction((tx) =>
      enqueueNotifications(
        tx,
        Array.from({ length: N }, (_, i) => ({
          idempotencyKey: `bench-${i}`,
          channel: 'webhook',
          recipient: 'ops-hook',
          payload: benchPayload(i),
        })),
        new Date(),
      ),
    );
    await seeding.close();

    process.stderr.write(`${kind}: starting the server with ${N} notifications queued\n`);
    const args = [...store.args, '--hook-url', hook.url];
    let server = await startChild(args);
    if (!(await waitFor(() => hook.total() >= KILL_AT, 120_000))) throw new Error(`${kind}: deliveries never started`);
    server.child.kill('SIGKILL');
    await server.exited;
    const receivedBeforeKill = hook.total();
    const { counts: atKill, held } = await readOutbox(store.open);
    // A held row that had already arrived will arrive again once its lease runs out; until it
    // has, the restarted server is not done even when every key has been seen.
    const repeatsDue = held.filter((key) => hook.arrivals.has(key)).length;

    process.stderr.write(`${kind}: killed after ${receivedBeforeKill} arrivals; restarting\n`);
    const restartedAt = performance.now();
    server = await startChild(args);
    const listeningAt = performance.now();
    const complete = await waitFor(
      () => hook.arrivals.size === N && hook.total() >= N + repeatsDue,
      120_000 + LEASE_MS,
    );
    const allArrivedAt = performance.now();
    // The rows that arrived just before a stop may still be recorded: stop gently, then count.
    server.child.kill('SIGTERM');
    await server.exited;
    const { counts: afterRestart } = await readOutbox(store.open);

    const counts = [...hook.arrivals.values()];
    return {
      store: kind,
      complete,
      receivedBeforeKill,
      arrivalsPerSecondBeforeKill: hook.rate(receivedBeforeKill),
      atKill,
      heldRowsThatHadArrived: repeatsDue,
      // A cold start of the server process (tsx, the store, migrations) on a shared machine.
      restartToListeningMs: Math.round(listeningAt - restartedAt),
      // The 700-odd rows left, and the rows the dead process held, once their lease ran out.
      listeningToAllArrivedMs: Math.round(allArrivedAt - listeningAt),
      leaseMs: LEASE_MS,
      afterRestart,
      arrivals: hook.total(),
      uniqueKeys: hook.arrivals.size,
      missing: N - hook.arrivals.size,
      duplicates: hook.total() - hook.arrivals.size,
      keysSeenTwiceOrMore: counts.filter((n) => n > 1).length,
    };
  } finally {
    hook.close();
    await store.drop();
  }
}
