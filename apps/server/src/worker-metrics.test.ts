import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './db/connect';
import { type RunningServer, startServer } from './server';
import { type JetStreamOptions, JetStreamTelemetry } from './telemetry/jetstream';
import { STORE_TARGETS } from './test/stores';
import { type RunningWorker, startWorker } from './worker';

const NATS_URL = process.env.FIREBREAK_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const ADMIN = 'worker-metrics-admin-token';
const SCRAPE = 'scrape-the-worker';
const SYSTEMS = ['chat-a', 'chat-b', 'chat-c'];
const silent = pino({ level: process.env.FIREBREAK_TEST_LOG_LEVEL ?? 'silent' });
const BASE = Date.UTC(2026, 10, 20);
const t0 = Date.now();
const clock = () => new Date(BASE + (Date.now() - t0));
const postgres = STORE_TARGETS.find((target) => target.name === 'postgres');

async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every sample of a family as `labels → value`, labels written `k=v,…` ('' when none). */
function samples(families: PrometheusFamily[], name: string): Record<string, number> {
  const family = families.find((candidate) => candidate.name === name);
  if (!family) throw new Error(`${name} is not in the scrape`);
  return Object.fromEntries(
    family.metrics.map((sample) => [
      Object.entries(sample.labels ?? {})
        .map(([key, value]) => `${key}=${value}`)
        .join(','),
      Number(sample.value),
    ]),
  );
}

describe.skipIf(!postgres)('a detection worker’s /metrics and /healthz', () => {
  let store: Store & { url?: string };
  let dir: string;
  let server: RunningServer;
  let nats: JetStreamOptions;
  let watched: RunningWorker;
  const workers: RunningWorker[] = [];

  beforeAll(async () => {
    store = await postgres!.open();
    dir = await mkdtemp(join(tmpdir(), 'firebreak-worker-metrics-'));
    const tag = randomBytes(4).toString('hex');
    nats = { url: NATS_URL, prefix: `fbtest_${tag}`, stream: `FBTEST_${tag}`, partitions: 4 };
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      databaseUrl: store.url!,
      adminToken: ADMIN,
      logger: silent,
      rateLimits: false,
      nats,
    });
    const cards = SYSTEMS.map((id) => ({
      id,
      name: id,
      owner: 'ml-oncall',
      model: { name: 'm', version: '1' },
      riskTier: 'limited',
      monitors: [{ id: 'pii', signal: 'flag:pii', detector: 'zero_tolerance' }],
    }));
    expect((await api('/api/v1/systems/apply', { systems: cards })).status).toBe(200);
    watched = await startWorker({
      databaseUrl: store.url!,
      nats,
      id: 'watched',
      leaseMs: 1_500,
      logger: silent,
      now: clock,
      metrics: { port: 0, token: SCRAPE },
    });
    workers.push(watched);
  }, 60_000);

  afterAll(async () => {
    for (const worker of workers) await worker.stop().catch(() => undefined);
    await server?.close();
    const stream = await JetStreamTelemetry.open(nats);
    await stream.deleteStream();
    await stream.close();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  const api = (path: string, body: unknown) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const scrape = async () => {
    const response = await fetch(`${watched.metricsUrl}/metrics`, { headers: { authorization: `Bearer ${SCRAPE}` } });
    expect(response.status).toBe(200);
    return parsePrometheusTextFormat(await response.text());
  };

  it('answers /healthz and /readyz, and /metrics only with the metrics token', async () => {
    expect(watched.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${watched.metricsUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    const ready = await fetch(`${watched.metricsUrl}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: { ok: true } } });
    expect((await fetch(`${watched.metricsUrl}/metrics`)).status).toBe(401);
    expect((await fetch(`${watched.metricsUrl}/api/v1/health`)).status).toBe(404);
  });

  it('counts partitions held, events read and processed, lag per partition and lease renewals', async () => {
    await until('the worker to hold every partition', async () => (watched.owned().length === 4 ? true : undefined));
    const events = SYSTEMS.flatMap((system) =>
      Array.from({ length: 10 }, (_, k) => ({
        system,
        ts: new Date(BASE + k * 1_000).toISOString(),
        id: `${system}-${k}`,
        flags: { pii: false },
      })),
    );
    const sent = await api('/api/v1/telemetry', events);
    expect(sent.status).toBe(202);
    const families = await until('the events to be processed and a lease renewed', async () => {
      const scraped = await scrape();
      const processed = samples(scraped, 'firebreak_worker_events_processed_total')[''];
      const renewals = samples(scraped, 'firebreak_worker_lease_renewals_total')[''];
      return processed === events.length && renewals! >= 4 ? scraped : undefined;
    });
    expect(samples(families, 'firebreak_worker_partitions_held')).toEqual({ '': 4 });
    expect(samples(families, 'firebreak_worker_events_read_total')).toEqual({ '': events.length });
    expect(samples(families, 'firebreak_detection_lag_events')).toEqual({
      'partition=0': 0,
      'partition=1': 0,
      'partition=2': 0,
      'partition=3': 0,
    });
    expect(Object.keys(samples(families, 'firebreak_detection_lag_seconds'))).toHaveLength(4);
    expect(samples(families, 'firebreak_worker_leases_lost_total')).toEqual({
      'reason=expired': 0,
      'reason=failed': 0,
      'reason=fenced': 0,
      'reason=reader': 0,
    });
    expect(samples(families, 'firebreak_alerts_opened_total')).toEqual({ 'level=warn': 0, 'level=page': 0 });
    expect(families.map((family) => family.name)).toContain('process_resident_memory_bytes');
  });

  it('counts the leases it lost and stops showing their lag once another worker took them over', async () => {
    watched.pauseLeases();
    const heir = await startWorker({ databaseUrl: store.url!, nats, id: 'heir', leaseMs: 1_500, logger: silent });
    workers.push(heir);
    await until('the heir to take the partitions over', async () => (heir.owned().length === 4 ? true : undefined));
    // Telemetry wakes the paused worker's engines: their checkpoints are refused, one per partition.
    const sent = await api(
      '/api/v1/telemetry',
      SYSTEMS.map((system) => ({ system, ts: new Date(BASE + 60_000).toISOString(), id: `${system}-late` })),
    );
    expect(sent.status).toBe(202);
    const families = await until('the paused worker to be fenced off', async () => {
      const scraped = await scrape();
      return samples(scraped, 'firebreak_worker_partitions_held')[''] === 0 ? scraped : undefined;
    });
    // Paused, it renews nothing, so it never sees a lease expire: each checkpoint refused is one loss.
    expect(samples(families, 'firebreak_worker_leases_lost_total')).toEqual({
      'reason=expired': 0,
      'reason=failed': 0,
      'reason=fenced': 4,
      'reason=reader': 0,
    });
    expect(families.find((family) => family.name === 'firebreak_detection_lag_events')?.metrics ?? []).toEqual([]);
    // What it read before it lost them still counts.
    expect(samples(families, 'firebreak_worker_events_read_total')['']).toBeGreaterThanOrEqual(30);
  });

  it('refuses to start on a metrics port already in use, naming it', async () => {
    const port = Number(new URL(watched.metricsUrl!).port);
    await expect(
      startWorker({ databaseUrl: store.url!, nats, leaseMs: 1_500, logger: silent, metrics: { port } }),
    ).rejects.toThrow(`cannot serve worker metrics: 127.0.0.1:${port} is already in use`);
  });
});
