import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../observability/metrics';
import { readTelemetry } from '../telemetry/store';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

const FIXTURES = new URL('../../../../packages/contract/src/fixtures/otlp/', import.meta.url);
const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8'));
const card = (id: string) => ({
  id,
  name: id,
  owner: 'support-ai',
  model: { name: 'gpt-4', version: '0613' },
  riskTier: 'limited',
});

/** A copy of a trace fixture whose resource names another system. */
function forSystem(name: string, system: string): any {
  const body = fixture(name);
  body.resourceSpans[0].resource.attributes = [{ key: 'service.name', value: { stringValue: system } }];
  return body;
}

describe.each(STORE_TARGETS)('OTLP/HTTP ingest on $name', (target) => {
  let h: Harness;
  let app: string;
  beforeAll(async () => {
    h = await harness(target);
    await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [card('support-bot'), card('fraud-model')] },
    });
    app = (
      await h.call('POST', '/api/v1/tokens', {
        token: h.tokens.admin,
        body: { name: 'support-bot-otel', role: 'app', systems: ['support-bot'] },
      })
    ).body.token;
  });
  afterAll(() => h.close());

  const stored = async () => (await readTelemetry(h.store.db, 0, 10_000)).flatMap((batch) => batch.events);
  const post = (path: string, body: string | Uint8Array, headers: Record<string, string> = {}, token = app) =>
    h.app.request(path, {
      method: 'POST',
      body: body as BodyInit,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    });

  it('takes GenAI spans at /otlp/v1/traces (the SDK’s default path under the endpoint) and answers {} when all were taken', async () => {
    const response = await post('/otlp/v1/traces', JSON.stringify(fixture('guardrail-deny')));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(response.headers.get('firebreak-accepted')).toBe('2');
    expect(response.headers.get('x-request-id')).toMatch(/\S/);
    const events = (await stored()).filter((e) => e.id?.startsWith('otlp:5b8efff798038103d269b633813fc60c'));
    expect(events.map((e) => [e.kind, e.flags?.injection_suspected ?? null])).toEqual([
      ['generation', null],
      ['evaluation', null],
      ['prediction', true],
    ]);
  });

  it('takes gzip, and log records at /api/v1/otlp/v1/logs, ignoring the ones that are not GenAI', async () => {
    const response = await post('/api/v1/otlp/v1/logs', gzipSync(JSON.stringify(fixture('logs'))), {
      'content-encoding': 'gzip',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect([response.headers.get('firebreak-accepted'), response.headers.get('firebreak-ignored')]).toEqual(['2', '1']);
    const evaluation = (await stored()).find((e) => e.kind === 'evaluation' && e.metric === 'Answer_relevancy');
    expect(evaluation).toMatchObject({ value: 0.87, system: 'support-bot' });
  });

  it('answers 200 with nothing stored for traces without GenAI spans', async () => {
    const before = (await stored()).length;
    const response = await post('/otlp/v1/traces', JSON.stringify(forSystem('plain-trace', 'support-bot')));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(response.headers.get('firebreak-ignored')).toBe('1');
    expect((await stored()).length).toBe(before);
  });

  it('applies the app token’s systems span by span: partialSuccess names the refused one, the rest is kept', async () => {
    const body = fixture('chat-span');
    body.resourceSpans.push(forSystem('chat-span-old-names', 'fraud-model').resourceSpans[0]);
    body.resourceSpans[1].resource.attributes = [{ key: 'service.name', value: { stringValue: 'fraud-model' } }];
    const before = (await stored()).length;
    const response = await post('/otlp/v1/traces', JSON.stringify(body));
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer.partialSuccess.rejectedSpans).toBe('1');
    expect(answer.partialSuccess.errorMessage).toMatch(/^resourceSpans\[1\]\.scopeSpans\[0\]\.spans\[0\]: system: /);
    expect(answer.partialSuccess.errorMessage).toMatch(/fraud-model/);
    const after = await stored();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ system: 'support-bot', model: 'gpt-4-0613' });
  });

  it('refuses with 400 naming the field when every GenAI span is refused, and stores nothing', async () => {
    const before = (await stored()).length;
    const response = await post('/otlp/v1/traces', JSON.stringify(forSystem('chat-span', 'fraud-model')));
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.message).toMatch(/^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]: system: .*fraud-model/);
    expect((await stored()).length).toBe(before);
  });

  it.each([
    ['not JSON', '{"resourceSpans": [', 'body'],
    ['a bad trace id', JSON.stringify(badTraceId()), 'resourceSpans[0].scopeSpans[0].spans[1].traceId'],
    ['resourceSpans not a list', JSON.stringify({ resourceSpans: { spans: [] } }), 'resourceSpans'],
  ])('refuses a malformed body whole (%s) with 400 naming the field, nothing applied', async (_name, body, path) => {
    const before = (await stored()).length;
    const response = await post('/otlp/v1/traces', body);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message.startsWith(`${path}:`)).toBe(true);
    expect((await stored()).length).toBe(before);
  });

  it('answers protobuf with 415 naming the content type, and no token with 401', async () => {
    const protobuf = await post('/otlp/v1/traces', new Uint8Array([10, 0]), {
      'content-type': 'application/x-protobuf',
    });
    expect(protobuf.status).toBe(415);
    expect((await protobuf.json()).error.message).toMatch(/^content-type: application\/x-protobuf is not read here/);
    const anonymous = await h.app.request('/otlp/v1/logs', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(anonymous.status).toBe(401);
  });

  it('documents both paths in the OpenAPI document, open to app tokens', async () => {
    const doc = (await h.call('GET', '/api/v1/openapi.json')).body;
    for (const signal of ['traces', 'logs']) {
      expect(doc.paths[`/api/v1/otlp/v1/${signal}`].post['x-firebreak-app-token']).toBe(true);
    }
  });
});

/** The guardrail fixture with its second span's trace id neither hex nor base64 of 16 bytes. */
function badTraceId() {
  const body = fixture('guardrail-deny');
  body.resourceSpans[0].scopeSpans[0].spans[1].traceId = 'zz-not-an-id';
  return body;
}

describe('OTLP/HTTP ingest shares /telemetry’s quota and counters', () => {
  let h: Harness;
  const metrics = createMetrics({ defaults: false });
  beforeAll(async () => {
    h = await harness(STORE_TARGETS[0]!, { rateLimits: { telemetryEventsPerSecond: 3 }, metrics });
  });
  afterAll(() => h.close());

  it('counts the events accepted and the spans rejected, and answers 429 over the token’s events a second', async () => {
    const counted = async () => [
      (await metrics.telemetryAccepted.get()).values[0]?.value ?? 0,
      (await metrics.telemetryRejected.get()).values[0]?.value ?? 0,
    ];
    const body = fixture('guardrail-deny');
    body.resourceSpans[0].scopeSpans[0].spans[1].endTimeUnixNano = '1764583200000000000';
    const first = await h.call('POST', '/otlp/v1/traces', { body });
    expect(first.status).toBe(200);
    expect(first.body.partialSuccess.rejectedSpans).toBe('1');
    // the chat span's generation and its evaluation; the guardrail span ends before it starts
    expect(await counted()).toEqual([2, 1]);
    const over = await h.call('POST', '/otlp/v1/traces', { body: fixture('guardrail-deny') });
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).not.toBeNull();
    expect((await readTelemetry(h.store.db, 0, 100)).flatMap((batch) => batch.events)).toHaveLength(2);
  });
});
