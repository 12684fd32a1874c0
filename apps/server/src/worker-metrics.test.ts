import { createServer } from 'node:net';
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, clock, openScaledGroup, piiCard, postgres, type ScaledGroup, silent, until } from './test/scale-out';
import { type RunningWorker, startWorker } from './worker';

const ADMIN = 'worker-metrics-admin-token';
const SCRAPE = 'scrape-the-worker';
const SYSTEMS = ['chat-a', 'chat-b', 'chat-c'];

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
  let group: ScaledGroup;
  let watched: RunningWorker;
  const api = async (path: string, body: unknown) => group.api('POST', path, body);

  beforeAll(async () => {
    group = await openScaledGroup({ admin: ADMIN, partitions: 4 });
    expect((await api('/api/v1/systems/apply', { systems: SYSTEMS.map(piiCard) })).status).toBe(200);
    watched = await startWorker({
      databaseUrl: group.store.url!,
      nats: group.nats,
      id: 'watched',
      leaseMs: 1_500,
      logger: silent,
      now: clock,
      metrics: { port: 0, token: SCRAPE },
    });
    group.workers.push(watched);
  }, 60_000);

  afterAll(() => group?.close(), 60_000);

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
    const heir = await startWorker({
      databaseUrl: group.store.url!,
      nats: group.nats,
      id: 'heir',
      leaseMs: 1_500,
      logger: silent,
    });
    group.workers.push(heir);
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
      startWorker({
        databaseUrl: group.store.url!,
        nats: group.nats,
        leaseMs: 1_500,
        logger: silent,
        metrics: { port },
      }),
    ).rejects.toThrow(`cannot serve worker metrics: 127.0.0.1:${port} is already in use`);
  });

  it('closes what it opened when its start fails late (the fanout cannot connect): the port is free again', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const options = { databaseUrl: group.store.url!, nats: group.nats, leaseMs: 1_500, logger: silent };
    await expect(
      startWorker({ ...options, metrics: { port }, scaleOut: { fanout: 'nats', natsUrl: 'nats://127.0.0.1:1' } }),
    ).rejects.toThrow(/cannot reach NATS at nats:\/\/127\.0\.0\.1:1/);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    const again = await startWorker({ ...options, metrics: { port } });
    group.workers.push(again);
    expect(again.metricsUrl).toBe(`http://127.0.0.1:${port}`);
  });
});
