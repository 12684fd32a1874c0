import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { STORE_TARGETS } from '../test/stores';

const ADMIN = 'otel-admin-token';
const card = {
  id: 'support-bot',
  name: 'Support bot',
  owner: 'support-ai',
  model: { name: 'gpt-4o', version: '2024-08-06' },
  riskTier: 'limited',
  monitors: [
    {
      id: 'prompt-injection',
      signal: 'flag:injection_suspected',
      detector: 'zero_tolerance',
      owner: 'security-oncall',
    },
  ],
};

/**
 * An app instrumented with the OpenTelemetry JS SDK and nothing of Firebreak's: its OTLP/HTTP
 * exporter, configured by the standard environment variables only, sends GenAI spans to a
 * started server, and a guardrail's deny for prompt injection raises the system's alert.
 */
describe.each(STORE_TARGETS)('the OpenTelemetry SDK exporting to a started server on $name', (target) => {
  let server: RunningServer;
  let dataDir: string;
  let token: string;
  let database: { url?: string; close(): Promise<void> } | undefined;
  const api = async (path: string, init: RequestInit = {}, bearer = ADMIN) => {
    const response = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    });
    return { status: response.status, body: await response.json() };
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'firebreak-otel-'));
    // On PostgreSQL a fresh database, kept (and dropped at the end) by the store that made it.
    if (target.name === 'postgres') database = await target.open();
    const databaseUrl = database?.url;
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      ...(databaseUrl ? { databaseUrl } : { dataDir }),
      adminToken: ADMIN,
      logger: pino({ level: 'silent' }),
    });
    const applied = await api('/api/v1/systems/apply', { method: 'POST', body: JSON.stringify({ systems: [card] }) });
    expect(applied.status).toBe(200);
    const created = await api('/api/v1/tokens', {
      method: 'POST',
      body: JSON.stringify({ name: 'support-bot-otel', role: 'app', systems: ['support-bot'] }),
    });
    token = created.body.token;
    // A fresh PGlite folder migrates from nothing (no template copy): slow on a loaded machine.
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
  });

  it('raises the injection alert from a guardrail deny with risk category prompt_injection', async () => {
    const env = { endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT, headers: process.env.OTEL_EXPORTER_OTLP_HEADERS };
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `${server.url}/otlp`;
    process.env.OTEL_EXPORTER_OTLP_HEADERS = `authorization=Bearer ${token}`;
    let exporter: OTLPTraceExporter;
    try {
      exporter = new OTLPTraceExporter();
    } finally {
      restore('OTEL_EXPORTER_OTLP_ENDPOINT', env.endpoint);
      restore('OTEL_EXPORTER_OTLP_HEADERS', env.headers);
    }
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'support-bot' }),
      spanProcessors: [new BatchSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer('support-bot', '1.0.0');
    // Ten minutes ago, so the detection window holding it has closed by the wall clock.
    const start = Date.now() - 10 * 60_000;
    const chat = tracer.startSpan('chat gpt-4o', {
      startTime: start,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.usage.input_tokens': 812,
        'gen_ai.usage.output_tokens': 64,
        'gen_ai.response.finish_reasons': ['stop'],
      },
    });
    chat.end(start + 900);
    const guardrail = tracer.startSpan('run_guardrail Prompt Shield', {
      startTime: start + 1000,
      attributes: {
        'gen_ai.operation.name': 'run_guardrail',
        'gen_ai.guardrail.target.type': 'input',
        'gen_ai.guardrail.verdict.type': 'deny',
        'gen_ai.guardrail.action.type': 'block',
        'gen_ai.guardrail.security.risk.category': 'prompt_injection',
        'gen_ai.guardrail.security.risk.score': 0.97,
      },
    });
    guardrail.setStatus({ code: SpanStatusCode.OK });
    guardrail.end(start + 1040);
    await provider.forceFlush();
    await provider.shutdown();

    await expect
      .poll(
        async () =>
          (await api('/api/v1/alerts?system=support-bot')).body.alerts.map(
            (alert: { monitor: string; level: string }) => `${alert.monitor}:${alert.level}`,
          ),
        { timeout: 15_000, interval: 250 },
      )
      .toEqual(['prompt-injection:page']);
  });
});

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
