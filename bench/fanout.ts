/**
 * Cross-replica propagation (issue 16, docs/adr/0043): API replicas as child processes on one
 * fresh PostgreSQL database; N SDK clients on replica A (in a process of their own,
 * bench/propagation-clients.ts); a kill switch changed through replica B's API; the time until
 * each client applies it. In the same run:
 * - baseline: one replica with the local fanout, clients and changes on it (the single process);
 * - postgres: R replicas with LISTEN/NOTIFY;
 * - nats: R replicas with NATS core publish/subscribe (needs NATS at --nats-url);
 * - R replicas with the local fanout, for the commit rate only (what the processes cost alone).
 * And the cost: control changes committed per second by W concurrent writers on B, per setup;
 * and, in plain SQL, W writers' commits per second with no NOTIFY, with one inside each
 * committing transaction, and with one sent after it (what the postgres fanout does).
 * Prints one JSON object; ratios are against the baseline of the same run.
 *
 * Run: npx tsx bench/fanout.ts [--clients 100] [--rounds 20] [--replicas 3] [--writers 8]
 *        [--seconds 5] [--nats-url nats://127.0.0.1:4222]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { freshDatabase } from './postgres';
import { controlPropagation, killSwitchSystem } from './propagation-rounds';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '20' },
    replicas: { type: 'string', default: '3' },
    writers: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '5' },
    'nats-url': { type: 'string', default: 'nats://127.0.0.1:4222' },
  },
});
const N = Number(values.clients);
const ROUNDS = Number(values.rounds);
const REPLICAS = Number(values.replicas);
const WRITERS = Number(values.writers);
const SECONDS = Number(values.seconds);
const TOKEN = 'fbk_fanout_bench';
const REPLICA = fileURLToPath(new URL('./fanout-replica.ts', import.meta.url));
const now = () => performance.timeOrigin + performance.now();

/** A child process's stdout, one JSON object per line. */
function lines(child: ChildProcess): () => Promise<Record<string, unknown>> {
  const iterator = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  return async () => JSON.parse(((await iterator.next()).value as string | undefined) ?? 'null');
}

interface Cluster {
  urls: string[];
  databaseUrl: string;
  close(): Promise<void>;
}

/** `count` replicas with `fanout` on a fresh database, started one after another; the card applied. */
async function cluster(fanout: string, count: number): Promise<Cluster> {
  const database = await freshDatabase({ prefix: 'firebreak_fanout_bench' });
  const dataDir = await mkdtemp(join(tmpdir(), 'firebreak-fanout-'));
  const channel = `fbk_bench_${randomBytes(4).toString('hex')}`;
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        REPLICA,
        ...['--database-url', database.url, '--fanout', fanout, '--channel', channel],
        ...['--token', TOKEN, '--data-dir', dataDir, '--nats-url', values['nats-url']!],
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(child);
    const started = await lines(child)();
    if (!started?.url || started.fanout !== fanout) throw new Error(`replica ${i} (${fanout}) did not start`);
    urls.push(started.url as string);
  }
  await api(urls[0]!, '/systems/apply', {
    systems: [killSwitchSystem(Array.from({ length: WRITERS }, (_, w) => ({ id: `w${w}`, kind: 'kill_switch' })))],
  });
  return {
    urls,
    databaseUrl: database.url,
    close: async () => {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 5000).unref();
            }),
        ),
      );
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function api(base: string, path: string, body: unknown): Promise<void> {
  return fetch(`${base}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(async (response) => {
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  });
}

/** N SDK clients on `url`, following `bench.kill`; rounds of off, on… changed through `changeOn`. */
function propagation(url: string, changeOn: string): Promise<number[]> {
  return controlPropagation({
    url,
    token: TOKEN,
    clients: N,
    rounds: ROUNDS,
    change: (on) => api(changeOn, '/controls/bench.kill', { enabled: on, reason: 'fanout benchmark' }),
  });
}

/** W writers, each flipping its own switch through `url` as fast as it is answered, for SECONDS. */
async function writers(url: string): Promise<number> {
  const until = now() + SECONDS * 1000;
  let committed = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      let on = false;
      while (now() < until) {
        await api(url, `/controls/bench.w${w}`, { enabled: on, reason: 'fanout benchmark writer' });
        on = !on;
        committed++;
      }
    }),
  );
  return Math.round(committed / SECONDS);
}

/** Plain SQL: W connections committing one-row updates, with NOTIFY none, inside, or after each. */
async function sqlCommits(databaseUrl: string, mode: 'none' | 'inside' | 'after'): Promise<number> {
  const setup = new pg.Client({ connectionString: databaseUrl });
  await setup.connect();
  await setup.query('create table if not exists fanout_bench (id int primary key, n bigint not null)');
  await setup.query('insert into fanout_bench select g, 0 from generate_series(0, $1) g on conflict (id) do nothing', [
    WRITERS,
  ]);
  await setup.end();
  const payload = JSON.stringify({ origin: 'bench', event: { type: 'control', pad: 'x'.repeat(600) } });
  const until = now() + SECONDS * 1000;
  let committed = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        while (now() < until) {
          await client.query('begin');
          await client.query('update fanout_bench set n = n + 1 where id = $1', [w]);
          if (mode === 'inside') await client.query('select pg_notify($1, $2)', ['fanout_bench', payload]);
          await client.query('commit');
          if (mode === 'after') await client.query('select pg_notify($1, $2)', ['fanout_bench', payload]);
          committed++;
        }
      } finally {
        await client.end();
      }
    }),
  );
  return Math.round(committed / SECONDS);
}

function summary(delays: number[]) {
  const sorted = [...delays].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted.at(-1)!),
    samples: sorted.length,
  };
}

/** R replicas with the local fanout do not reach each other: only their commit rate is measured. */
async function commitsOnly(replicas: number) {
  const c = await cluster('local', replicas);
  try {
    return { replicas, changed_on: 'B', commitsPerSecond: await writers(c.urls[1]!) };
  } finally {
    await c.close();
  }
}

async function setup(fanout: 'local' | 'postgres' | 'nats') {
  const replicas = fanout === 'local' ? 1 : REPLICAS;
  const c = await cluster(fanout, replicas);
  try {
    const a = c.urls[0]!;
    const b = c.urls[Math.min(1, c.urls.length - 1)]!;
    const latency = summary(await propagation(a, b));
    const commitsPerSecond = await writers(b);
    return { replicas, clients_on: 'A', changed_on: replicas > 1 ? 'B' : 'A', latency_ms: latency, commitsPerSecond };
  } finally {
    await c.close();
  }
}

const baseline = await setup('local');
// The same number of processes with no fanout: what the replicas cost apart from the transport.
const replicasAlone = await commitsOnly(REPLICAS);
const overPostgres = await setup('postgres');
const overNats = await setup('nats');
const sqlDatabase = await freshDatabase({ prefix: 'firebreak_fanout_sql' });
// Each mode twice, in mirrored order (none, inside, after, after, inside, none), averaged: on a
// noisy machine, whichever runs first or last would otherwise take the drift.
const sqlRuns: Record<'none' | 'inside' | 'after', number[]> = { none: [], inside: [], after: [] };
for (const mode of ['none', 'inside', 'after', 'after', 'inside', 'none'] as const)
  sqlRuns[mode].push(await sqlCommits(sqlDatabase.url, mode));
const mean = (runs: number[]) => Math.round(runs.reduce((sum, x) => sum + x, 0) / runs.length);
const sql = { none: mean(sqlRuns.none), inside: mean(sqlRuns.inside), after: mean(sqlRuns.after) };
await sqlDatabase.drop();
const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
console.log(
  JSON.stringify(
    {
      bench: 'fanout',
      clients: N,
      rounds: ROUNDS,
      writers: WRITERS,
      seconds: SECONDS,
      unit: 'latency: ms from the API call on B to each client on A applying it; commits: control changes per second',
      baseline_single_process: baseline,
      replicas_without_fanout: replicasAlone,
      postgres_listen_notify: overPostgres,
      nats_core: overNats,
      p99_over_baseline: {
        postgres: ratio(overPostgres.latency_ms.p99, baseline.latency_ms.p99),
        nats: ratio(overNats.latency_ms.p99, baseline.latency_ms.p99),
      },
      commits_over_baseline: {
        postgres: ratio(overPostgres.commitsPerSecond, baseline.commitsPerSecond),
        nats: ratio(overNats.commitsPerSecond, baseline.commitsPerSecond),
        replicas_without_fanout: ratio(replicasAlone.commitsPerSecond, baseline.commitsPerSecond),
      },
      commits_over_replicas_without_fanout: {
        postgres: ratio(overPostgres.commitsPerSecond, replicasAlone.commitsPerSecond),
        nats: ratio(overNats.commitsPerSecond, replicasAlone.commitsPerSecond),
      },
      sql_commits_per_second: {
        ...sql,
        inside_over_none: ratio(sql.inside, sql.none),
        after_over_none: ratio(sql.after, sql.none),
      },
    },
    null,
    2,
  ),
);
process.exit(0);
