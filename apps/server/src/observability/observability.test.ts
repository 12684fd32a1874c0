import { Writable } from 'node:stream';
import parsePrometheusTextFormat, { type PrometheusFamily } from 'parse-prometheus-text-format';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectionRuntime } from '../detection/runtime';
import { createApp } from '../http/app';
import { enqueueNotifications } from '../notifications/enqueue';
import { NotificationWorker } from '../notifications/worker';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { createMetrics, type Metrics } from './metrics';

const T = (minute: number) => new Date(Date.UTC(2026, 10, 24, 9, minute)).toISOString();
const copilot = {
  id: 'support-copilot',
  name: 'Support copilot',
  owner: 'support-ai',
  model: { name: 'gpt-4.1', version: '2025-04-14' },
  riskTier: 'limited',
  monitors: [{ id: 'pii-in-answers', signal: 'flag:pii', detector: 'zero_tolerance', owner: 'privacy-oncall' }],
};
const answers = (from: number, to: number, leakAt: number[]) =>
  Array.from({ length: to - from }, (_, i) => from + i).map((minute) => ({
    system: 'support-copilot',
    ts: T(minute),
    id: `a-${minute}`,
    flags: { pii: leakAt.includes(minute) },
  }));

/** The value of one sample of a family, found by its labels (all of them given); undefined when absent. */
function sample(families: PrometheusFamily[], name: string, labels: Record<string, string> = {}): number | undefined {
  const family = families.find((f) => f.name === name);
  const found = family?.metrics.find(
    (m) =>
      Object.keys(labels).length === Object.keys(m.labels ?? {}).length &&
      Object.entries(labels).every(([key, value]) => m.labels?.[key] === value),
  );
  if (!found) return undefined;
  return Number(found.value ?? found.count);
}

describe.each(STORE_TARGETS)('observability on $name', (target) => {
  let h: Harness;
  let metrics: Metrics;
  let runtime: DetectionRuntime;
  const scrape = async () => {
    const response = await h.app.request('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusTextFormat(await response.text());
  };
  beforeAll(async () => {
    metrics = createMetrics();
    h = await harness(target, { metrics });
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [copilot] } });
    runtime = new DetectionRuntime({
      db: h.store.db,
      log: pino({ level: 'silent' }),
      events: h.events,
      now: h.now,
      metrics,
    });
    metrics.watchDetection(() => runtime.lag());
    await runtime.load();
  });
  afterAll(() => h.close());

  it('counts telemetry accepted and rejected, the lag behind the log, and the alert detection opened', async () => {
    const sent = await h.call('POST', '/api/v1/telemetry', {
      body: [...answers(0, 20, [12]), { system: 'support-copilot', ts: 'not a time' }],
    });
    expect(sent.status).toBe(202);
    h.advance(45_000);
    let families = await scrape();
    expect(sample(families, 'firebreak_telemetry_events_accepted_total')).toBe(20);
    expect(sample(families, 'firebreak_telemetry_events_rejected_total')).toBe(1);
    expect(sample(families, 'firebreak_detection_lag_events')).toBe(20);
    expect(sample(families, 'firebreak_detection_lag_seconds')).toBe(45);
    expect(sample(families, 'firebreak_alerts_opened_total', { level: 'page' })).toBe(0);

    await runtime.catchUp();
    families = await scrape();
    expect(sample(families, 'firebreak_detection_lag_events')).toBe(0);
    expect(sample(families, 'firebreak_detection_lag_seconds')).toBe(0);
    expect(sample(families, 'firebreak_alerts_opened_total', { level: 'page' })).toBe(1);
    // The same log replayed raises no alert twice, so counts none twice.
    await runtime.catchUp();
    expect(sample(await scrape(), 'firebreak_alerts_opened_total', { level: 'page' })).toBe(1);
  });

  it('counts notification deliveries by channel and outcome', async () => {
    await enqueueNotifications(
      h.store.db,
      [
        { idempotencyKey: 'metrics-ok', channel: 'webhook', recipient: 'https://hooks.example.com/a', payload: {} },
        { idempotencyKey: 'metrics-bad', channel: 'email', recipient: 'dana@example.com', payload: {} },
      ],
      h.now(),
    );
    const worker = new NotificationWorker({
      db: h.store.db,
      log: pino({ level: 'silent' }),
      now: h.now,
      metrics,
      deliver: async (row) =>
        row.channel === 'webhook'
          ? { delivered: true, retryable: false }
          : { delivered: false, retryable: false, error: 'rejected' },
    });
    expect(await worker.runOnce()).toBe(2);
    const families = await scrape();
    expect(
      sample(families, 'firebreak_notification_deliveries_total', { channel: 'webhook', outcome: 'delivered' }),
    ).toBe(1);
    expect(sample(families, 'firebreak_notification_deliveries_total', { channel: 'email', outcome: 'failed' })).toBe(
      1,
    );
  });

  it('counts HTTP requests by route pattern and status, never by path, and times them', async () => {
    expect((await h.call('GET', '/api/v1/incidents/INC-9001')).status).toBe(404);
    expect((await h.call('GET', '/api/v1/incidents/INC-9002')).status).toBe(404);
    const families = await scrape();
    const incident = { method: 'GET', route: '/api/v1/incidents/:id', status: '404' };
    expect(sample(families, 'firebreak_http_requests_total', incident)).toBe(2);
    const telemetry = { method: 'POST', route: '/api/v1/telemetry', status: '202' };
    expect(sample(families, 'firebreak_http_requests_total', telemetry)).toBe(1);
    const paths = families
      .find((f) => f.name === 'firebreak_http_requests_total')
      ?.metrics.map((m) => m.labels?.route ?? '');
    expect(paths?.some((route) => route.includes('INC-'))).toBe(false);
    const duration = families.find((f) => f.name === 'firebreak_http_request_duration_seconds');
    expect(duration?.type).toBe('HISTOGRAM');
    // The parser folds a labelled histogram's series into one, so the count per route is read from prom-client.
    const counts = (await metrics.httpDuration.get()).values.filter(
      (v) =>
        v.metricName === 'firebreak_http_request_duration_seconds_count' && v.labels.route === '/api/v1/incidents/:id',
    );
    expect(counts.map((v) => v.value)).toEqual([2]);
  });

  it('counts a request to /otlp/v1/traces once, under the API route that answered it', async () => {
    const sent = await h.call('POST', '/otlp/v1/traces', { body: { resourceSpans: [] } });
    expect(sent.status).toBe(200);
    const requests = (await scrape()).find((f) => f.name === 'firebreak_http_requests_total');
    const otlp = requests?.metrics.filter((m) => m.labels?.route?.includes('otlp')) ?? [];
    expect(otlp.map((m) => [m.labels, Number(m.value)])).toEqual([
      [{ method: 'POST', route: '/api/v1/otlp/v1/traces', status: '200' }, 1],
    ]);
  });

  it('counts the SSE clients connected while they are, and not once they go', async () => {
    const response = await h.app.request('/api/v1/events', { headers: { authorization: `Bearer ${h.tokens.viewer}` } });
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: ready');
    expect(sample(await scrape(), 'firebreak_sse_clients', { stream: 'events' })).toBe(1);
    await reader.cancel();
    await expect.poll(async () => sample(await scrape(), 'firebreak_sse_clients', { stream: 'events' })).toBe(0);
  });

  it('counts the control stream clients apart from the event stream', async () => {
    const response = await h.app.request('/api/v1/controls/stream', {
      headers: { authorization: `Bearer ${h.tokens.viewer}` },
    });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: snapshot');
    let families = await scrape();
    expect(sample(families, 'firebreak_sse_clients', { stream: 'controls' })).toBe(1);
    expect(sample(families, 'firebreak_sse_clients', { stream: 'events' })).toBe(0);
    await reader.cancel();
    await expect.poll(async () => sample(await scrape(), 'firebreak_sse_clients', { stream: 'controls' })).toBe(0);
    families = await scrape();
    expect(sample(families, 'firebreak_sse_clients', { stream: 'controls' })).toBe(0);
  });

  it('reports the process metrics prom-client collects by default', async () => {
    const families = await scrape();
    expect(families.map((f) => f.name)).toEqual(
      expect.arrayContaining(['process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes']),
    );
  });

  it('answers /healthz and /readyz without a token; ready names each check', async () => {
    const live = await h.call('GET', '/healthz', { token: null });
    expect(live).toMatchObject({ status: 200, body: { status: 'ok', version: 'test' } });
    const ready = await h.call('GET', '/readyz', { token: null });
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({
      status: 'ready',
      notReady: [],
      checks: { database: { ok: true }, migrations: { ok: true } },
    });
  });
});

describe.each(STORE_TARGETS)('readiness and the metrics token on $name', (target) => {
  it('is not ready until the detection runtime has loaded, naming it', async () => {
    const h = await harness(target);
    try {
      const runtime = new DetectionRuntime({
        db: h.store.db,
        log: pino({ level: 'silent' }),
        events: h.events,
        now: h.now,
      });
      const app = createApp({
        db: h.store.db,
        log: pino({ level: 'silent' }),
        store: h.store.kind,
        version: 't',
        detection: runtime,
      });
      const before = await app.request('/readyz');
      expect(before.status).toBe(503);
      expect(await before.json()).toMatchObject({
        status: 'not_ready',
        notReady: ['detection'],
        checks: { detection: { ok: false, reason: 'detection has not loaded its snapshot yet' } },
      });
      await runtime.load();
      const after = await app.request('/readyz');
      expect(after.status).toBe(200);
      expect(await after.json()).toMatchObject({ status: 'ready', checks: { detection: { ok: true } } });
    } finally {
      await h.close();
    }
  });

  it('is not ready when the database is gone, and still alive', async () => {
    const h = await harness(target);
    await h.close();
    const ready = await h.call('GET', '/readyz', { token: null });
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('not_ready');
    expect(ready.body.notReady).toEqual(expect.arrayContaining(['database', 'migrations']));
    expect(ready.body.checks.database.reason).toMatch(/^database unreachable: /);
    expect((await h.call('GET', '/healthz', { token: null })).status).toBe(200);
  });

  it('wants the metrics token when one is set, and no API token will do', async () => {
    const h = await harness(target, { metricsToken: 'scrape-secret' });
    try {
      const none = await h.call('GET', '/metrics', { token: null });
      expect(none.status).toBe(401);
      expect(none.body.error.message).toMatch(/^authorization: /);
      expect((await h.call('GET', '/metrics', { token: h.tokens.admin })).status).toBe(401);
      const scraped = await h.call('GET', '/metrics', { token: 'scrape-secret' });
      expect(scraped.status).toBe(200);
      expect(parsePrometheusTextFormat(scraped.body).map((f) => f.name)).toContain('firebreak_http_requests_total');
    } finally {
      await h.close();
    }
  });
});

describe('request ids', () => {
  const target = STORE_TARGETS[0]!;
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target);
  });
  afterAll(() => h.close());

  it('logs each request with its id and returns the id in x-request-id', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const app = createApp({ db: h.store.db, log: pino({ level: 'debug' }, sink), store: h.store.kind, version: 't' });
    const given = await app.request('/healthz', { headers: { 'x-request-id': 'lb-trace-42' } });
    expect(given.headers.get('x-request-id')).toBe('lb-trace-42');
    const made = await app.request('/api/v1/incidents');
    const id = made.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const requests = lines.filter((line) => line.msg === 'request');
    expect(requests).toEqual([
      expect.objectContaining({ requestId: 'lb-trace-42', method: 'GET', path: '/healthz', status: 200 }),
      expect.objectContaining({ requestId: id, method: 'GET', path: '/api/v1/incidents', status: 401 }),
    ]);
  });
});
