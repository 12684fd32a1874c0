import { rm } from 'node:fs/promises';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { freshDataDir } from '../test/pglite-dir';

describe('observability of a started server', () => {
  let dir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dir = await freshDataDir('firebreak-observability-');
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: dir,
      adminToken: 't0k3n',
      logger: pino({ level: 'silent' }),
      metricsToken: 'scrape-me',
    });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is ready once detection has loaded, and reports its checks', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      notReady: [],
      checks: { database: { ok: true }, migrations: { ok: true }, detection: { ok: true } },
    });
  });

  it('exposes process metrics, detection lag and ingest to a scraper with the metrics token', async () => {
    const sent = await fetch(`${server.url}/api/v1/telemetry`, {
      method: 'POST',
      headers: { authorization: 'Bearer t0k3n', 'content-type': 'application/json' },
      body: JSON.stringify([{ system: 'any', ts: new Date().toISOString(), id: 'e-1' }]),
    });
    expect(sent.status).toBe(202);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const response = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } });
    expect(response.status).toBe(200);
    const families = parsePrometheusTextFormat(await response.text());
    const names = families.map((family) => family.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'process_resident_memory_bytes',
        'nodejs_eventloop_lag_seconds',
        'firebreak_detection_lag_events',
        'firebreak_detection_lag_seconds',
        'firebreak_sse_clients',
      ]),
    );
    const accepted = families.find((family) => family.name === 'firebreak_telemetry_events_accepted_total');
    expect(accepted?.metrics[0]?.value).toBe('1');
  });
});
