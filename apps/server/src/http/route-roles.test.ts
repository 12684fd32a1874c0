import { EmptyRequest } from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/connect';
import { createApp } from './app';
import { accessTable, declaredAccess, findAccess, json, needs, type RouteAccess, router, security } from './openapi';

// Building the app touches no store; the document is read without a token.
const app = createApp({ db: {} as Db, log: pino({ level: 'silent' }), store: 'pglite', version: 'test' });

async function operations(): Promise<Array<{ method: string; path: string; access: RouteAccess | undefined }>> {
  const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
    paths: Record<string, Record<string, Record<`x-${string}`, unknown>>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, access: declaredAccess(op) })),
  );
}

/**
 * Who could call what before each route declared its role (issue 9): app tokens had a list of
 * paths, writes needed a responder, and six routes asked for an admin in their own middleware.
 */
const BEFORE = {
  app: [
    ['POST', /^\/api\/v1\/telemetry$/],
    ['POST', /^\/api\/v1\/review$/],
    ['GET', /^\/api\/v1\/review\/\{id\}$/],
    ['GET', /^\/api\/v1\/controls(\/stream|\/[^/]+)?$/],
    ['GET', /^\/api\/v1\/whoami$/],
  ] as Array<[string, RegExp]>,
  admin: ['PUT /api/v1/rules', 'PUT /api/v1/systems/{id}', 'POST /api/v1/systems/apply', 'POST /api/v1/tokens'].concat(
    'GET /api/v1/tokens',
    'DELETE /api/v1/tokens/{id}',
  ),
};

/** Routes added since whose role is not the old default, each for a reason. */
const DECLARED_SINCE: Record<string, RouteAccess> = {
  // Waiving a SEV1's review before closing is an admin's call (ADR 25).
  'POST /api/v1/incidents/{id}/close-waiver': { role: 'admin' },
  // Linting text reads and changes nothing: a POST only because the text is a body.
  'POST /api/v1/postmortems/lint': { role: 'viewer' },
  // OTLP export is telemetry in another encoding: whoever may send telemetry may send it (ADR 41).
  'POST /api/v1/otlp/v1/traces': { role: 'responder', app: true },
  'POST /api/v1/otlp/v1/logs': { role: 'responder', app: true },
  // Inbound integrations are managed by an admin, like tokens (ADR 40).
  'POST /api/v1/integrations': { role: 'admin' },
  'GET /api/v1/integrations': { role: 'admin' },
  'GET /api/v1/integrations/{id}': { role: 'admin' },
  'POST /api/v1/integrations/{id}/rotate': { role: 'admin' },
  'DELETE /api/v1/integrations/{id}': { role: 'admin' },
  // Inbound endpoints take an integration's own secret and no API token (ADR 40).
  'POST /api/v1/inbound/alertmanager': { role: 'integration' },
  'POST /api/v1/inbound/grafana': { role: 'integration' },
  'PUT /api/v1/inbound/grafana': { role: 'integration' },
  'POST /api/v1/inbound/pagerduty': { role: 'integration' },
  'POST /api/v1/inbound/cloudevents': { role: 'integration' },
};

function before(method: string, path: string): RouteAccess {
  const since = DECLARED_SINCE[`${method} ${path}`];
  if (since) return since;
  const role = BEFORE.admin.includes(`${method} ${path}`) ? 'admin' : method === 'GET' ? 'viewer' : 'responder';
  const app = BEFORE.app.some(([m, pattern]) => m === method && pattern.test(path));
  return app ? { role, app: true } : { role };
}

describe('route roles', () => {
  it('every documented route declares the role it needs', async () => {
    const ops = await operations();
    expect(ops.length).toBeGreaterThanOrEqual(50);
    expect(ops.filter((op) => op.access === undefined).map((op) => `${op.method} ${op.path}`)).toEqual([]);
  });

  it('the declared roles are what the server enforced before they were declared', async () => {
    const ops = await operations();
    const declared = Object.fromEntries(ops.map((op) => [`${op.method} ${op.path}`, op.access]));
    const expected = Object.fromEntries(ops.map((op) => [`${op.method} ${op.path}`, before(op.method, op.path)]));
    expect(declared).toEqual(expected);
  });

  it('says the role in each operation’s description too', async () => {
    const doc = (await (await app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    expect(doc.paths['/api/v1/tokens']?.post?.description).toBe('Needs an admin token.');
    expect(doc.paths['/api/v1/telemetry']?.post?.description).toBe(
      'Needs a responder or admin token, or an app token.',
    );
  });

  it('finds a request’s route the way the router does: fixed paths before parameters, HEAD as GET', () => {
    const table = accessTable(app);
    expect(findAccess(table, 'GET', '/api/v1/review/stats')).toEqual({ role: 'viewer' });
    expect(findAccess(table, 'GET', '/api/v1/review/REV-3')).toEqual({ role: 'viewer', app: true });
    expect(findAccess(table, 'HEAD', '/api/v1/controls/kill.chat')).toEqual({ role: 'viewer', app: true });
    expect(findAccess(table, 'DELETE', '/api/v1/tokens/TOK-2')).toEqual({ role: 'admin' });
    expect(findAccess(table, 'GET', '/api/v1/nothing-here')).toBeUndefined();
  });

  it('refuses to start with a route that declares no role', () => {
    const bare = router();
    bare.openapi(
      createRoute({ method: 'get', path: '/x', security, responses: { 200: json(EmptyRequest, 'x') } }),
      (c) => c.json({}, 200),
    );
    expect(() => accessTable(bare)).toThrow(/GET \/x declares no role/);
    const declared = router();
    declared.openapi(
      createRoute({
        method: 'get',
        path: '/x',
        security,
        ...needs('viewer'),
        responses: { 200: json(EmptyRequest, 'x') },
      }),
      (c) => c.json({}, 200),
    );
    expect(accessTable(declared).map((rule) => rule.access)).toEqual([{ role: 'viewer' }]);
  });
});
