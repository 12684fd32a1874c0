/**
 * Telemetry throughput on this machine: events per second through durable ingest (HTTP handler,
 * validation, PostgreSQL write before the 202) and through detection (the engine running 50
 * monitors over the durable log, with alert persistence and snapshots). Baseline in the same
 * run: the same rows written with a bare multi-row INSERT, no validation, no HTTP. Request
 * bodies and baseline rows are built before their timers start: the client's work is not
 * ingest's. Besides events per second of wall time it reports events per CPU second of this
 * process (the machine is shared, so wall time moves with its neighbours) and the memory a
 * monitor costs: the engine's snapshot and the heap the detection runtime holds, per monitor.
 *
 * Run: npx tsx bench/throughput.ts [--events 200000] [--store pglite|postgres] [--batch 5000]
 * (PostgreSQL at FIREBREAK_BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test;
 * its telemetry, alert and snapshot tables are emptied first.) Prints one JSON object.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bootstrapAdminToken, createApp, DetectionRuntime, EventBus, openStore } from '@firebreak/server';
import { type SQL, sql } from 'drizzle-orm';
import pino from 'pino';
import { benchEvents, benchMonitors } from './workload';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    store: { type: 'string', default: 'pglite' },
    batch: { type: 'string', default: '5000' },
  },
});
const total = Number(values.events);
const batchSize = Number(values.batch);
const url =
  values.store === 'postgres'
    ? (process.env.FIREBREAK_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test')
    : undefined;

async function freshStore() {
  const store = await openStore(url ? { databaseUrl: url } : {});
  if (url)
    await store.db.execute(
      sql`truncate telemetry, telemetry_batches, alerts, detection_snapshots, triage_proposals, alert_suppressions restart identity cascade`,
    );
  return store;
}

/** A full garbage collection, so heap figures count what is still held, not what awaits collection. */
function collect(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Wall seconds and CPU seconds (user + system) of this process for one phase. */
async function timed<T>(phase: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await phase();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { value, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

const perSecond = (count: number, seconds: number) => Math.round(count / seconds);

/**
 * What the client sends, built before any timer: request bodies as bytes (the way they arrive off
 * a socket; encoding them is the client's work, not ingest's) and the baseline's statements. The
 * events themselves are dropped here: a real client's events are in another process, and 200,000
 * of them held in this heap made every full collection during ingest and detection mark them.
 */
function clientSide(): { bodies: Uint8Array<ArrayBuffer>[]; statements: SQL[] } {
  const events = benchEvents(total);
  const encoder = new TextEncoder();
  const bodies: Uint8Array<ArrayBuffer>[] = [];
  for (let from = 0; from < total; from += batchSize)
    bodies.push(encoder.encode(JSON.stringify(events.slice(from, from + batchSize))));

  // Baseline: bare INSERTs of the same rows, 500 a statement (what a naive durable log does).
  const statements: SQL[] = [];
  for (let from = 0; from < total; from += 500) {
    const rows = events
      .slice(from, from + 500)
      .map((e) => sql`(${e.system}, ${e.ts}::timestamptz, 'prediction', ${e.id}, ${JSON.stringify(e)}::jsonb, now())`);
    statements.push(
      sql`insert into telemetry (system, ts, kind, event_id, event, received_at) values ${sql.join(rows, sql`, `)}`,
    );
  }
  return { bodies, statements };
}

async function main() {
  const log = pino({ level: 'silent' });
  const { bodies, statements } = clientSide();
  const base = await freshStore();
  const baseline = await timed(async () => {
    for (const statement of statements) await base.db.execute(statement);
  });
  await base.close();
  // The baseline's rows (as SQL, another copy of every event) are not ingest's either.
  statements.length = 0;
  collect();

  // Ours: the HTTP ingest path, then detection over the log.
  const store = await freshStore();
  await bootstrapAdminToken(store.db, new Date(), 'bench');
  // One token at full speed is what this measures: the per-token quota (ADR 0016) would cap it.
  const app = createApp({ db: store.db, log, store: store.kind, version: 'bench', rateLimits: false });
  const headers = { authorization: 'Bearer bench', 'content-type': 'application/json' };
  await app.request('/api/v1/systems/apply', {
    method: 'POST',
    headers,
    body: JSON.stringify({ systems: [benchMonitors()] }),
  });
  const ingest = await timed(async () => {
    for (const body of bodies) {
      const response = await app.request('/api/v1/telemetry', { method: 'POST', headers, body });
      if (response.status !== 202) throw new Error(`ingest failed: ${response.status} ${await response.text()}`);
    }
  });

  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  const runtime = new DetectionRuntime({ db: store.db, log, events: new EventBus(), now: () => new Date() });
  await runtime.load();
  const detection = await timed(() => runtime.catchUp());
  collect();
  // What the runtime holds once the log is read: the engine's state, and the caches beside it.
  const heapHeld = process.memoryUsage().heapUsed - heapBefore;
  await runtime.stop();
  const read = detection.value;
  const counted = (await store.db.execute(sql`select count(*)::int as n from alerts`)) as unknown as {
    rows: Array<{ n: number }>;
  };
  const [alerts] = counted.rows;
  const saved = (await store.db.execute(
    sql`select octet_length(state::text)::int as bytes, pg_column_size(state)::int as stored, (select count(*)::int from jsonb_object_keys(state::jsonb->'series')) as series from detection_snapshots`,
  )) as unknown as { rows: Array<{ bytes: number; stored: number; series: number }> };
  const [snapshot] = saved.rows;
  await store.close();

  const monitors = benchMonitors().monitors.length;
  const perMonitor = (bytes: number | undefined) => (bytes === undefined ? null : Math.round(bytes / monitors));
  const endToEnd = ingest.seconds + detection.seconds;
  console.log(
    JSON.stringify(
      {
        bench: 'throughput',
        store: store.kind,
        events: total,
        batch: batchSize,
        monitors,
        series: snapshot?.series ?? null,
        baseline_insert_events_per_s: perSecond(total, baseline.seconds),
        ingest_events_per_s: perSecond(total, ingest.seconds),
        ingest_vs_baseline: Number((baseline.seconds / ingest.seconds).toFixed(2)),
        detection_events_per_s: perSecond(read, detection.seconds),
        end_to_end_events_per_s: perSecond(total, endToEnd),
        // Per CPU second of this process: the figure neighbours on a shared machine move least.
        // The database's own CPU is not in it (baseline and ingest wait on it; detection hardly).
        ingest_events_per_cpu_s: perSecond(total, ingest.cpuSeconds),
        detection_events_per_cpu_s: perSecond(read, detection.cpuSeconds),
        alerts: alerts?.n ?? 0,
        memory: {
          snapshot_bytes: snapshot?.bytes ?? null,
          snapshot_stored_bytes: snapshot?.stored ?? null,
          snapshot_bytes_per_monitor: perMonitor(snapshot?.bytes),
          heap_held_bytes: heapHeld,
          heap_held_bytes_per_monitor: perMonitor(heapHeld),
        },
      },
      null,
      2,
    ),
  );
}

await main();
