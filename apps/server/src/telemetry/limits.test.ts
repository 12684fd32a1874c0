import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { readTelemetry } from './store';

const event = (overrides: Record<string, unknown> = {}) => ({
  system: 'limits-model',
  ts: '2026-11-24T10:00:00.000Z',
  ...overrides,
});

describe.each(STORE_TARGETS)('telemetry limits on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target, { rateLimits: false });
  });
  afterAll(() => h.close());

  const send = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
    h.app.request('/api/v1/telemetry', {
      method: 'POST',
      body: body as BodyInit,
      headers: { authorization: `Bearer ${h.tokens.responder}`, 'content-type': 'application/json', ...headers },
    });

  it('refuses the probe’s upload (573 KB of gzip, 105 MiB inflated) with 413 naming the limit, storing nothing', async () => {
    const prediction = 'x'.repeat(1000);
    const batch = Array.from({ length: 100_000 }, (_, i) => event({ id: `e-${i}`, prediction }));
    const body = gzipSync(JSON.stringify(batch));
    const response = await send(body, { 'content-encoding': 'gzip' });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'payload_too_large',
        message: `body: more than ${16 * 1024 * 1024} bytes once decompressed`,
        details: { limit: 16 * 1024 * 1024 },
      },
    });
    expect(await readTelemetry(h.store.db, 0, 10)).toEqual([]);
  });

  it('reads the log back bounded by events, not only by batches, always at least one batch', async () => {
    const before = (await readTelemetry(h.store.db, 0, 1000)).at(-1)?.seq ?? 0;
    for (const size of [3, 4, 5]) {
      const batch = Array.from({ length: size }, (_, i) => event({ system: 'read-bound', id: `r-${size}-${i}` }));
      expect((await send(JSON.stringify(batch))).status).toBe(202);
    }
    const sizes = async (maxEvents?: number) =>
      (await readTelemetry(h.store.db, before, 20, maxEvents)).map((batch) => batch.events.length);
    expect(await sizes()).toEqual([3, 4, 5]);
    expect(await sizes(7)).toEqual([3, 4]);
    expect(await sizes(6)).toEqual([3]);
    expect(await sizes(1)).toEqual([3]);
  });

  it('refuses more than 10,000 events in one batch with 413 naming the limit', async () => {
    const response = await send(JSON.stringify(Array.from({ length: 10_001 }, (_, i) => event({ id: `b-${i}` }))));
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatchObject({
      message: 'body: 10001 events; at most 10000 per batch',
      details: { limit: 10_000 },
    });
  });

  it('rejects an event larger than 16 KiB on its own, keeping the rest of the batch', async () => {
    const features = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, 'y'.repeat(1000)]));
    const response = await send(JSON.stringify([event({ id: 'small' }), event({ id: 'big', features })]));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      accepted: 1,
      rejectedTotal: 1,
      rejected: [{ index: 1, issues: [{ path: '(event)', message: 'larger than 16384 bytes as JSON' }] }],
    });
  });

  it('rejects an event with a NUL or a lone surrogate in a string, naming the field', async () => {
    const raw = `[${JSON.stringify(event({ id: 'ok' }))},{"system":"limits-model","ts":"2026-11-24T10:00:00Z","segment":{"region":"E\\u0000U"}},{"system":"limits-model","ts":"2026-11-24T10:00:00Z","prediction":"\\udead"}]`;
    const response = await send(raw);
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      accepted: 1,
      rejectedTotal: 2,
      rejected: [
        { index: 1, issues: [{ path: 'segment.region', message: 'must not contain NUL characters' }] },
        {
          index: 2,
          issues: [{ path: 'prediction', message: expect.stringContaining('lone UTF-16 surrogate') }],
        },
      ],
    });
  });
});
