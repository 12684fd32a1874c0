/**
 * Scale-out on real engines (issue 16, ADR 42): 3 API replicas (`firebreak serve --nats`) and 3
 * detection workers (bench/scale-out-worker.ts) as child processes over a fresh PostgreSQL
 * database and a NATS JetStream stream of its own. Load generators post telemetry round-robin to
 * the replicas; one worker is killed with SIGKILL mid-run. Reported: events acknowledged (202)
 * against events processed and archived exactly once (lost and duplicated must be 0), alerts per
 * injected anomaly (each must be raised once), failover time (kill → every partition of the dead
 * worker held again), throughput per worker and in total, and the same load on one embedded
 * process (`firebreak serve`, table log, no NATS) measured in the same run as the baseline.
 *
 * Each of `--systems` systems has a zero-tolerance PII monitor and leaks once, at a point spread
 * over the run; event time runs a minute per second of wall time, ahead of the clock, so windows
 * close by event time during the run.
 *
 * Run: npx tsx bench/scale-out.ts [--seconds 20] [--kill-at 8] [--writers 6] [--batch 200] [--systems 24]
 * Prints one JSON object; exits 1 when an acknowledged event was lost or duplicated or an alert
 * was missed or raised twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { JetStreamTelemetry } from '@firebreak/server';
import pg from 'pg';
import { freshDatabase } from './postgres';
import { controlPropagation, killSwitchSystem } from './propagation-rounds';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    'kill-at': { type: 'string', default: '8' },
    writers: { type: 'string', default: '6' },
    batch: { type: 'string', default: '200' },
    systems: { type: 'string', default: '24' },
    nats: { type: 'string', default: process.env.FIREBREAK_NATS_URL ?? 'nats://127.0.0.1:4222' },
  },
});
const SECONDS = Number(values.seconds);
const KILL_AT = Number(values['kill-at']);
const WRITERS = Number(values.writers);
const BATCH = Number(values.batch);
const SYSTEMS = Array.from({ length: Number(values.systems) }, (_, i) => `scale-${i}`);
const BIN = fileURLToPath(new URL('../apps/cli/bin/firebreak.js', import.meta.url));
const WORKER = fileURLToPath(new URL('./scale-out-worker.ts', import.meta.url));
const ADMIN = 'fbk_bench_scale_out_admin';
const PARTITIONS = 16;

const card = (id: string) => ({
  id,
  name: id,
  owner: 'ml-oncall',
  model: { name: 'm', version: '1' },
  riskTier: 'limited',
  monitors: [{ id: 'pii', signal: 'flag:pii', detector: 'zero_tolerance' }],
});

const children: ChildProcess[] = [];
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Starts `firebreak serve` and resolves with its URL once it listens. */
function serve(args: string[], env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: {
      ...process.env,
      ...env,
      FIREBREAK_ADMIN_TOKEN: ADMIN,
      FIREBREAK_LOG_LEVEL: 'warn',
      FIREBREAK_RATE_LIMIT_REQUESTS_PER_MINUTE: '0',
      FIREBREAK_RATE_LIMIT_TELEMETRY_EVENTS_PER_SECOND: '0',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found) resolve({ url: found[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`firebreak serve exited (${code}) before listening: ${out}`)));
  });
}

function startWorkerChild(databaseUrl: string, nats: object, id: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, databaseUrl, JSON.stringify(nats), id], {
    env: { ...process.env, BENCH_LEASE_MS: '3000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const state = { id, processed: 0, owned: [] as number[], child };
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) {
      try {
        const report = JSON.parse(line) as { processed: number; owned: number[] };
        state.processed = report.processed;
        state.owned = report.owned;
      } catch {
        // not a report line
      }
    }
  });
  return state;
}

async function api(url: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => null)) as { accepted: number } | null };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Writers post batches round-robin to `urls` for SECONDS; every event has a unique id. Each
 * system leaks PII once, at its point of the run; a leak in a batch that was not acknowledged
 * is sent again. Returns the events acknowledged and when writing stopped.
 */
async function load(urls: string[], onTick?: (elapsed: number) => Promise<void>) {
  const start = Date.now();
  const eventBase = start + 60_000;
  const leakAt = SYSTEMS.map((_, i) => 2_000 + (i / SYSTEMS.length) * (SECONDS - 8) * 1_000);
  const leaked = SYSTEMS.map(() => false);
  let acknowledged = 0;
  let failed = 0;
  let next = 0;
  let serial = 0;
  const writer = async (w: number) => {
    while (Date.now() - start < SECONDS * 1_000) {
      const elapsed = Date.now() - start;
      const leaking: number[] = [];
      const events = Array.from({ length: BATCH }, () => {
        const s = Math.floor(Math.random() * SYSTEMS.length);
        let pii = false;
        if (!leaked[s] && elapsed >= leakAt[s]!) {
          leaked[s] = true;
          leaking.push(s);
          pii = true;
        }
        return {
          system: SYSTEMS[s]!,
          ts: new Date(eventBase + elapsed * 60).toISOString(),
          id: `w${w}-${serial++}`,
          flags: { pii },
        };
      });
      const url = urls[next++ % urls.length]!;
      const sent = await api(url, 'POST', '/api/v1/telemetry', events).catch(() => ({ status: 0, body: null }));
      if (sent.status === 202) acknowledged += sent.body?.accepted ?? 0;
      else {
        failed += 1;
        for (const s of leaking) leaked[s] = false;
      }
    }
  };
  const ticker = (async () => {
    while (Date.now() - start < SECONDS * 1_000) {
      await onTick?.(Date.now() - start);
      await sleep(100);
    }
  })();
  await Promise.all([...Array.from({ length: WRITERS }, (_, w) => writer(w)), ticker]);
  return { acknowledged, failed, start, wroteMs: Date.now() - start, leaked: leaked.filter(Boolean).length };
}

async function alertsPerSystem(client: pg.Client): Promise<{ systems: number; duplicates: number }> {
  const { rows } = await client.query<{ n: number }>(
    "select count(*)::int as n from alerts where monitor = 'pii' group by fingerprint",
  );
  return { systems: rows.length, duplicates: rows.reduce((sum, row) => sum + Math.max(0, row.n - 1), 0) };
}

async function waitFor(what: string, check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(200);
  }
  process.stderr.write(`scale-out: timed out waiting for ${what}\n`);
  return false;
}

/** The single embedded process (table log, one runtime) under the same load: the baseline. */
async function baseline() {
  const database = await freshDatabase({ prefix: 'firebreak_scale_base' });
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-scale-base-'));
  try {
    const { url, child } = await serve(['--data-dir', dir, '--database-url', database.url], {});
    await api(url, 'POST', '/api/v1/systems/apply', { systems: SYSTEMS.map(card) });
    const run = await load([url]);
    const lagZero = async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      return /^firebreak_detection_lag_events 0$/m.test(text);
    };
    await waitFor('the embedded runtime to catch up', lagZero, 180_000);
    const doneMs = Date.now() - run.start;
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await sleep(1_500);
    const alerts = await alertsPerSystem(client);
    await client.end();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    return {
      acknowledged: run.acknowledged,
      ingestPerSecond: Math.round(run.acknowledged / (run.wroteMs / 1000)),
      processedPerSecond: Math.round(run.acknowledged / (doneMs / 1000)),
      catchUpMs: doneMs - run.wroteMs,
      alerts,
    };
  } finally {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Cross-replica control propagation in the scaled-out layout: SDK clients connected to replica
 * A (the same client processes as bench/propagation.ts), a kill switch changed through replica
 * B, and the time until every client has seen each change.
 */
async function measureControlPropagation(replicaA: string, replicaB: string): Promise<Record<string, unknown>> {
  const clientsWanted = 50;
  const rounds = 10;
  const applied = await api(replicaA, 'POST', '/api/v1/systems/apply', { systems: [killSwitchSystem()] });
  if (applied.status !== 200) throw new Error(`applying the bench system answered ${applied.status}`);
  const delays = await controlPropagation({
    url: replicaA,
    token: ADMIN,
    clients: clientsWanted,
    rounds,
    change: async (on) => {
      const changed = await api(replicaB, 'POST', '/api/v1/controls/bench.kill', {
        enabled: on,
        reason: 'scale-out benchmark: propagation across replicas',
      });
      if (changed.status !== 200) throw new Error(`changing the switch on replica B answered ${changed.status}`);
    },
  });
  delays.sort((a, b) => a - b);
  const at = (q: number) => Math.round(delays[Math.min(delays.length - 1, Math.floor(q * delays.length))]!);
  return {
    measured: true,
    clientsOnA: clientsWanted,
    rounds,
    changedOn: 'B',
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    maxMs: Math.round(delays.at(-1)!),
    withinOneSecond: delays.every((delay) => delay <= 1000),
  };
}

async function scaledOut() {
  const database = await freshDatabase({ prefix: 'firebreak_scale' });
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-scale-'));
  const tag = randomBytes(4).toString('hex');
  const nats = { url: values.nats, prefix: `fbbench_${tag}`, stream: `FBBENCH_${tag}`, partitions: PARTITIONS };
  const env = {
    FIREBREAK_NATS_URL: nats.url,
    FIREBREAK_PARTITIONS: String(PARTITIONS),
    FIREBREAK_CHECKPOINT_KEY: join(dir, 'checkpoint-key.pem'),
  };
  // The stream's subjects carry the bench's own prefix: created here, before the replicas open it.
  const stream = await JetStreamTelemetry.open(nats);
  try {
    const replicaEnv = { ...env, FIREBREAK_NATS_PREFIX: nats.prefix, FIREBREAK_NATS_STREAM: nats.stream };
    const first = await serve(['--data-dir', join(dir, 'a'), '--database-url', database.url], replicaEnv);
    const rest = await Promise.all(
      ['b', 'c'].map((name) => serve(['--data-dir', join(dir, name), '--database-url', database.url], replicaEnv)),
    );
    const replicas = [first, ...rest];
    const urls = replicas.map((replica) => replica.url);
    await api(urls[0]!, 'POST', '/api/v1/systems/apply', { systems: SYSTEMS.map(card) });
    const workers = ['w1', 'w2', 'w3'].map((id) => startWorkerChild(database.url, nats, id));
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await waitFor(
      'the workers to share the partitions',
      async () => workers.reduce((sum, worker) => sum + worker.owned.length, 0) === PARTITIONS,
      60_000,
    );
    let killedAt = 0;
    let failoverMs: number | null = null;
    const victim = workers[0]!;
    const run = await load(urls, async (elapsed) => {
      if (!killedAt && elapsed >= KILL_AT * 1_000) {
        killedAt = Date.now();
        victim.child.kill('SIGKILL');
        void (async () => {
          await waitFor(
            'the dead worker’s partitions to be taken over',
            async () => {
              const { rows } = await client.query<{ n: number }>(
                'select count(*)::int as n from detection_partitions where owner = $1',
                [victim.id],
              );
              return rows[0]!.n === 0;
            },
            120_000,
          );
          failoverMs = Date.now() - killedAt;
        })();
      }
    });
    const archived = async () => {
      const { rows } = await client.query<{ n: number }>(
        'select coalesce(sum(count), 0)::int as n from telemetry_batches',
      );
      return rows[0]!.n;
    };
    await waitFor(
      'every acknowledged event to be processed',
      async () => (await archived()) >= run.acknowledged,
      180_000,
    );
    const doneMs = Date.now() - run.start;
    await sleep(3_000);
    const { rows } = await client.query<{ n: number; ids: number }>(
      `select count(*)::int as n, count(distinct e->>'id')::int as ids
         from telemetry_batches, json_array_elements(events::json) e`,
    );
    const stored = rows[0]!;
    const alerts = await alertsPerSystem(client);
    const propagation = await measureControlPropagation(urls[0]!, urls[1]!);
    await client.end();
    for (const worker of workers.slice(1)) worker.child.kill('SIGTERM');
    for (const replica of replicas) replica.child.kill('SIGTERM');
    await Promise.all(
      [...workers.slice(1).map((worker) => worker.child), ...replicas.map((replica) => replica.child)].map(
        (child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null))),
      ),
    );
    const seconds = doneMs / 1000;
    return {
      acknowledged: run.acknowledged,
      failedPosts: run.failed,
      processed: stored.ids,
      lost: Math.max(0, run.acknowledged - stored.ids),
      duplicatedEvents: stored.n - stored.ids,
      leaksSent: run.leaked,
      alerts,
      failoverMs,
      ingestPerSecond: Math.round(run.acknowledged / (run.wroteMs / 1000)),
      processedPerSecond: Math.round(run.acknowledged / seconds),
      catchUpMs: doneMs - run.wroteMs,
      perWorker: workers.map((worker) => ({
        id: worker.id,
        killed: worker === victim,
        eventsRead: worker.processed,
        perSecond: Math.round(worker.processed / (worker === victim ? (killedAt - run.start) / 1000 : seconds)),
      })),
      propagation,
    };
  } finally {
    await stream.deleteStream();
    await stream.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

const base = await baseline();
const scaled = await scaledOut();
const ok =
  scaled.lost === 0 &&
  scaled.duplicatedEvents === 0 &&
  scaled.alerts.duplicates === 0 &&
  scaled.alerts.systems === SYSTEMS.length &&
  base.alerts.systems === SYSTEMS.length;
process.stdout.write(
  `${JSON.stringify(
    {
      bench: 'scale-out',
      settings: {
        seconds: SECONDS,
        killAt: KILL_AT,
        writers: WRITERS,
        batch: BATCH,
        systems: SYSTEMS.length,
        partitions: PARTITIONS,
      },
      baseline: base,
      scaledOut: scaled,
      ratio: {
        processed: Number((scaled.processedPerSecond / base.processedPerSecond).toFixed(2)),
        ingest: Number((scaled.ingestPerSecond / base.ingestPerSecond).toFixed(2)),
      },
      ok,
    },
    null,
    2,
  )}\n`,
);
process.exit(ok ? 0 : 1);
