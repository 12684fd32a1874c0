/**
 * Telemetry throughput on this machine: events per second through durable ingest (HTTP handler,
 * validation, PostgreSQL write before the 202) and through detection (the engine running 50
 * monitors over the durable log, with alert persistence and snapshots). Baseline in the same
 * run: the same rows written with a bare multi-row INSERT, no validation, no HTTP.
 *
 * Run: npx tsx bench/throughput.ts [--events 200000] [--store pglite|postgres]
 * Prints one JSON object.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { bootstrapAdminToken, createApp, DetectionRuntime, EventBus, openStore } from '@firebreak/server';
import { sql } from 'drizzle-orm';
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

async function main() {
  const log = pino({ level: 'silent' });
  const events = benchEvents(total);
  const body = (from: number) => JSON.stringify(events.slice(from, from + batchSize));

  // Baseline: bare INSERTs of the same rows, one per event (what a naive durable log does).
  const base = await freshStore();
  const baseStart = performance.now();
  for (let from = 0; from < total; from += batchSize) {
    const chunk = events.slice(from, from + batchSize);
    for (let i = 0; i < chunk.length; i += 500) {
      const rows = chunk
        .slice(i, i + 500)
        .map(
          (e) => sql`(${e.system}, ${e.ts}::timestamptz, 'prediction', ${e.id}, ${JSON.stringify(e)}::jsonb, now())`,
        );
      await base.db.execute(
        sql`insert into telemetry (system, ts, kind, event_id, event, received_at) values ${sql.join(rows, sql`, `)}`,
      );
    }
  }
  const baseSeconds = (performance.now() - baseStart) / 1000;
  await base.close();

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
  const ingestStart = performance.now();
  for (let from = 0; from < total; from += batchSize) {
    const response = await app.request('/api/v1/telemetry', { method: 'POST', headers, body: body(from) });
    if (response.status !== 202) throw new Error(`ingest failed: ${response.status} ${await response.text()}`);
  }
  const ingestSeconds = (performance.now() - ingestStart) / 1000;

  const runtime = new DetectionRuntime({ db: store.db, log, events: new EventBus(), now: () => new Date() });
  await runtime.load();
  const detectStart = performance.now();
  const read = await runtime.catchUp();
  const detectSeconds = (performance.now() - detectStart) / 1000;
  await runtime.stop();
  const counted = (await store.db.execute(sql`select count(*)::int as n from alerts`)) as unknown as {
    rows: Array<{ n: number }>;
  };
  const [alerts] = counted.rows;
  await store.close();

  console.log(
    JSON.stringify(
      {
        bench: 'throughput',
        store: store.kind,
        events: total,
        batch: batchSize,
        monitors: benchMonitors().monitors.length,
        baseline_insert_events_per_s: Math.round(total / baseSeconds),
        ingest_events_per_s: Math.round(total / ingestSeconds),
        ingest_vs_baseline: Number((baseSeconds / ingestSeconds).toFixed(2)),
        detection_events_per_s: Math.round(read / detectSeconds),
        end_to_end_events_per_s: Math.round(total / (ingestSeconds + detectSeconds)),
        alerts: alerts?.n ?? 0,
      },
      null,
      2,
    ),
  );
}

await main();
