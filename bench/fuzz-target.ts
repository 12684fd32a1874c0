/**
 * The server the fuzzer aims at: the real app in-process (`app.request`, no port) on a fresh
 * embedded store, with one of each thing (a system, an incident, evidence, a review item) so
 * that requests naming them reach the handlers instead of stopping at a 404.
 */
import { bootstrapAdminToken, createApp, openStore } from '@firebreak/server';
import pino from 'pino';
import { operationsOf } from './fuzz-requests';

export const FUZZ_TOKEN = 'fuzz-admin-token';

export async function fuzzTarget(options: { databaseUrl?: string } = {}) {
  const store = await openStore(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {});
  await bootstrapAdminToken(store.db, new Date(), FUZZ_TOKEN);
  const app = createApp({
    db: store.db,
    log: pino({ level: 'silent' }),
    store: store.kind,
    version: 'fuzz',
    // The fuzzer is one token sending thousands of requests: the quotas are not what it tests.
    rateLimits: false,
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await app.request(path, {
      method,
      headers: { authorization: `Bearer ${FUZZ_TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status >= 300)
      throw new Error(`seeding ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, unknown>;
  };
  await call('PUT', '/api/v1/systems/tiny-model', {
    id: 'tiny-model',
    name: 'Tiny',
    owner: 'ml',
    model: { name: 'tiny', version: '1' },
    riskTier: 'minimal',
  });
  const incident = await call('POST', '/api/v1/incidents', {
    title: 'Fuzz target',
    type: 'privacy_leak',
    severity: 'SEV3',
    systems: ['tiny-model'],
  });
  const evidence = await call('POST', `/api/v1/incidents/${incident.id}/evidence`, {
    kind: 'log',
    title: 'a log',
    content: 'line one',
  });
  const review = await call('POST', '/api/v1/review', {
    system: 'tiny-model',
    incident: incident.id,
    content: { answer: 'hello' },
  });
  const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Record<string, unknown>;
  const ids = {
    incident: String(incident.id),
    evidence: String(evidence.id),
    review: String(review.id),
    system: 'tiny-model',
  };
  return { app, store, doc, operations: operationsOf(doc), ids, close: () => store.close() };
}

/** Sends one request; the status only (a stream's body is cancelled, not read to its end). */
export async function send(
  app: Awaited<ReturnType<typeof fuzzTarget>>['app'],
  request: { method: string; url: string; headers: Record<string, string>; body?: string },
): Promise<number> {
  const response = await app.request(request.url, {
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  await response.body?.cancel();
  return response.status;
}
