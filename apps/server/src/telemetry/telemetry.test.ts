import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { pruneTelemetry, readTelemetry } from './store';

const event = (overrides: Record<string, unknown> = {}) => ({
  system: 'fraud-model',
  ts: '2026-11-24T10:00:00.000Z',
  id: 'evt-1',
  model: 'fraud-v12',
  segment: { region: 'EU', group: 'B' },
  features: { amount: 120.5, merchant: 'grocery' },
  prediction: 'decline',
  confidence: 0.91,
  flags: { pii: false, injection_suspected: false },
  latency_ms: 230,
  feedback: -1,
  ...overrides,
});

describe.each(STORE_TARGETS)('telemetry ingest on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target);
  });
  afterAll(() => h.close());

  const stored = async (system: string) =>
    (await readTelemetry(h.store.db, 0, 10_000)).flatMap((batch) => batch.events).filter((e) => e.system === system)
      .length;
  const send = (
    body: string | Uint8Array,
    headers: Record<string, string> = { 'content-type': 'application/json' },
    token = h.tokens.responder,
  ) =>
    h.app.request('/api/v1/telemetry', {
      method: 'POST',
      body: body as BodyInit,
      headers: { authorization: `Bearer ${token}`, ...headers },
    });

  it('keeps the valid events of a batch and names the field of each invalid one by index', async () => {
    const batch = [
      event({ system: 'batch-a' }),
      event({ system: 'batch-a', confidence: 1.7 }),
      event({ system: 'batch-a', kind: 'label', id: undefined, label: 'fraud' }),
      event({ system: 'batch-a', kind: 'metric', metric: 'auc', value: 0.93 }),
      { ts: '2026-11-24T10:00:00Z' },
      event({ system: 'batch-a', kind: 'evaluation', metric: 'bias_probe.impact_ratio', value: 0.91 }),
      event({ system: 'batch-a', kind: 'evaluation', value: 0.91 }),
    ];
    const response = await send(JSON.stringify(batch));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      accepted: 3,
      rejectedTotal: 4,
      rejected: [
        { index: 1, issues: [{ path: 'confidence', message: 'must be between 0 and 1' }] },
        { index: 2, issues: [{ path: 'id', message: 'a label event needs the id of the event it labels' }] },
        { index: 4, issues: [{ path: 'system', message: expect.stringContaining('expected string') }] },
        { index: 6, issues: [{ path: 'metric', message: 'an evaluation event needs metric' }] },
      ],
    });
    expect(await stored('batch-a')).toBe(3);
  });

  it('reads NDJSON line by line, a bad line rejected on its own', async () => {
    const lines = [
      JSON.stringify(event({ system: 'ndjson-b' })),
      '{not json',
      '',
      JSON.stringify(event({ system: 'ndjson-b', ts: 'yesterday' })),
      JSON.stringify(event({ system: 'ndjson-b' })),
    ];
    const response = await send(lines.join('\n'), { 'content-type': 'application/x-ndjson' });
    const body = await response.json();
    expect(body).toMatchObject({ accepted: 2, rejectedTotal: 2 });
    expect(
      body.rejected.map((r: { index: number; issues: Array<{ path: string }> }) => [r.index, r.issues[0]!.path]),
    ).toEqual([
      [1, '(event)'],
      [2, 'ts'],
    ]);
    expect(await stored('ndjson-b')).toBe(2);
  });

  it('accepts gzip, and refuses a body that inflates past the limit', async () => {
    const batch = Array.from({ length: 300 }, (_, i) => event({ system: 'gzip-c', id: `e-${i}` }));
    const response = await send(gzipSync(JSON.stringify(batch)), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(await response.json()).toMatchObject({ accepted: 300, rejectedTotal: 0 });
    expect(await stored('gzip-c')).toBe(300);
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, 32));
    const refused = await send(bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    expect(refused.status).toBe(413);
    expect((await refused.json()).error.message).toContain('once decompressed');
  });

  it('refuses a batch with no valid event, malformed JSON, other encodings and content types', async () => {
    const none = await send(JSON.stringify([{ system: 'x' }]));
    expect(none.status).toBe(400);
    expect((await none.json()).error.message).toMatch(/^no valid events \(1 rejected\); event 0: ts: /);
    expect((await send('[{"system":')).status).toBe(400);
    expect((await send('[]')).status).toBe(400);
    expect((await send('x', { 'content-type': 'application/json', 'content-encoding': 'br' })).status).toBe(415);
    expect((await send('x', { 'content-type': 'text/csv' })).status).toBe(415);
    expect((await send('x', { 'content-type': 'application/json', 'content-encoding': 'gzip' })).status).toBe(400);
  });

  it('refuses a viewer token', async () => {
    expect(
      (await send(JSON.stringify([event()]), { 'content-type': 'application/json' }, h.tokens.viewer)).status,
    ).toBe(403);
  });

  it('prunes raw events past retention', async () => {
    await send(JSON.stringify([event({ system: 'prune-d' })]));
    expect(await pruneTelemetry(h.store.db, new Date(h.now().getTime() - 1000))).toBe(0);
    expect(await pruneTelemetry(h.store.db, new Date(h.now().getTime() + 1000))).toBeGreaterThanOrEqual(1);
    expect(await stored('prune-d')).toBe(0);
  });
});
