import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTelemetry } from '../telemetry/store';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

// Quotas live in memory, not in the store: one store kind is enough.
const pglite = STORE_TARGETS[0]!;
const event = (i: number) => ({ system: 'quota-model', ts: '2026-11-24T10:00:00.000Z', id: `e-${i}` });

describe('per-token quotas', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(pglite, { rateLimits: { requestsPerMinute: 3, telemetryEventsPerSecond: 5 } });
  });
  afterAll(() => h.close());

  it('answers 429 with Retry-After once a token is over its requests a minute, other tokens unaffected', async () => {
    for (let i = 0; i < 3; i++) expect((await h.call('GET', '/api/v1/incidents')).status).toBe(200);
    const over = await h.call('GET', '/api/v1/incidents');
    expect(over.status).toBe(429);
    expect(over.body.error).toMatchObject({
      code: 'rate_limited',
      message: expect.stringContaining('more than 3 requests a minute for this token'),
      details: { limit: 3, windowSeconds: 60 },
    });
    const retryAfter = Number(over.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await h.call('GET', '/api/v1/incidents', { token: h.tokens.viewer })).status).toBe(200);
  });

  it('counts telemetry in events a second, not requests, and keeps nothing of a refused batch', async () => {
    const send = (events: unknown[]) => h.call('POST', '/api/v1/telemetry', { token: h.tokens.admin, body: events });
    expect((await send([event(1), event(2), event(3)])).status).toBe(202);
    const over = await send([event(4), event(5), event(6)]);
    expect(over.status).toBe(429);
    expect(over.body.error.message).toContain('more than 5 telemetry events a second');
    expect(over.headers.get('retry-after')).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await send([event(7)])).status).toBe(202);
    const kept = (await readTelemetry(h.store.db, 0, 100)).flatMap((batch) => batch.events.map((e) => e.id));
    expect(kept).toEqual(['e-1', 'e-2', 'e-3', 'e-7']);
  });

  it('documents 429 in the OpenAPI document', async () => {
    const doc = (await h.call('GET', '/api/v1/openapi.json', { token: null })).body;
    expect(doc.paths['/api/v1/telemetry'].post.responses['429']).toBeDefined();
  });
});

describe('inbound integration quotas', () => {
  let h: Harness;
  const alertmanager = JSON.parse(
    readFileSync(new URL('../integrations/fixtures/alertmanager-sample-v4.json', import.meta.url), 'utf8'),
  );
  const create = async (name: string) => {
    const res = await h.call('POST', '/api/v1/integrations', {
      token: h.tokens.admin,
      body: { name, kind: 'alertmanager', mapping: { systemLabel: 'job' } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.secret as string;
  };
  const post = (secret: string, forwardedFor?: string) =>
    h.call('POST', '/api/v1/inbound/alertmanager', {
      token: secret,
      body: alertmanager,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });

  beforeAll(async () => {
    h = await harness(pglite, { rateLimits: { inboundRequestsPerMinute: 2, inboundAuthFailuresPerMinute: 3 } });
  });
  afterAll(() => h.close());

  it('answers 429 once an integration is over its requests a minute, other integrations unaffected', async () => {
    const noisy = await create('noisy');
    const quiet = await create('quiet');
    for (let i = 0; i < 2; i++) expect((await post(noisy)).status).toBe(200);
    const over = await post(noisy);
    expect(over.status).toBe(429);
    expect(over.body.error.message).toContain('more than 2 requests a minute for this integration');
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await post(quiet)).status).toBe(200);
  });

  it('answers 429 to an address past its wrong secrets and still takes a right secret from it', async () => {
    const good = await create('good');
    for (let i = 0; i < 3; i++) expect((await post(`fbi_wrong-${i}`)).status).toBe(401);
    const blocked = await post(`fbi_wrong-again`);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.message).toContain('more than 3 wrong integration secrets a minute from this address');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await post(good)).status).toBe(200);
    expect((await post(`fbi_wrong-once-more`)).status).toBe(429);
    // Without trustProxy anyone could write the header to dodge the limit, so it is not read.
    expect((await post(`fbi_wrong-elsewhere`, '203.0.113.9')).status).toBe(429);
  });

  it('counts wrong secrets per forwarded address behind a trusted proxy', async () => {
    const behind = await harness(pglite, {
      rateLimits: { inboundAuthFailuresPerMinute: 3 },
      intake: { limits: { trustProxy: true } },
    });
    try {
      const send = (secret: string, forwardedFor: string) =>
        behind.call('POST', '/api/v1/inbound/alertmanager', {
          token: secret,
          body: alertmanager,
          headers: { 'x-forwarded-for': forwardedFor },
        });
      for (let i = 0; i < 3; i++) expect((await send(`fbi_wrong-${i}`, '198.51.100.7')).status).toBe(401);
      expect((await send('fbi_wrong-again', '10.0.0.1, 198.51.100.7')).status).toBe(429);
      expect((await send('fbi_wrong-first', '198.51.100.8')).status).toBe(401);
    } finally {
      await behind.close();
    }
  });
});
