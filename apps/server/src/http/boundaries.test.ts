import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

describe.each(STORE_TARGETS)('bad input at the HTTP boundary on $name', (target) => {
  let h: Harness;
  let id: string;
  beforeAll(async () => {
    h = await harness(target);
    id = (await h.call('POST', '/api/v1/incidents', { body: declareBody() })).body.id;
  });
  afterAll(() => h.close());

  const expectError = (
    response: { status: number; body: any },
    status: number,
    code: string,
    message?: RegExp | string,
  ) => {
    expect(response.status).toBe(status);
    expect(response.body.error).toMatchObject({ code, requestId: expect.any(String) });
    if (message) expect(response.body.error.message).toMatch(message);
  };

  it('answers malformed JSON with 400 malformed_body', async () => {
    expectError(
      await h.call('POST', '/api/v1/incidents', { raw: '{"title": "x",' }),
      400,
      'malformed_body',
      /malformed JSON/,
    );
  });

  it('names an unknown enum value and lists the allowed ones', async () => {
    const response = await h.call('POST', '/api/v1/incidents', { body: declareBody({ type: 'llm_oops' }) });
    expectError(response, 400, 'validation_failed', /^type: Invalid option: expected one of .*privacy_leak/);
    expect(response.body.error.details.issues).toEqual([expect.objectContaining({ path: 'type' })]);
  });

  it('names a missing field', async () => {
    const { title: _t, ...body } = declareBody();
    expectError(await h.call('POST', '/api/v1/incidents', { body }), 400, 'validation_failed', /^title: /);
  });

  it('names an unknown field rather than ignoring it', async () => {
    expectError(
      await h.call('POST', '/api/v1/incidents', { body: { ...declareBody(), sevrity: 'SEV1' } }),
      400,
      'validation_failed',
      'sevrity: unknown field',
    );
  });

  it('names a nested field and a query parameter', async () => {
    expectError(
      await h.call('POST', '/api/v1/incidents', { body: declareBody({ systems: ['ok', 'Not A Slug'] }) }),
      400,
      'validation_failed',
      /^systems\[1\]: expected a lower-case slug/,
    );
    expectError(await h.call('GET', '/api/v1/incidents?limit=many'), 400, 'validation_failed', /^query\.limit: /);
    expectError(
      await h.call('GET', '/api/v1/incidents?colour=red'),
      400,
      'validation_failed',
      'query.colour: unknown field',
    );
  });

  it('refuses text with NUL characters instead of failing in the database', async () => {
    expectError(
      await h.call('POST', '/api/v1/incidents', { body: declareBody({ title: 'a\u0000b' }) }),
      400,
      'validation_failed',
      /^title: must not contain NUL/,
    );
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await h.call('POST', '/api/v1/incidents', {
      body: declareBody({ summary: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expectError(response, 413, 'payload_too_large', /body: larger than the limit of 1048576 bytes/);
  });

  it('refuses a body that is not JSON with 415', async () => {
    expectError(
      await h.call('POST', '/api/v1/incidents', {
        raw: 'title=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported_media_type',
      /content-type: expected application\/json/,
    );
  });

  it('refuses a missing, malformed, unknown or revoked token with 401', async () => {
    const missing = await h.call('GET', '/api/v1/incidents', { token: null });
    expectError(missing, 401, 'unauthenticated', /missing API token/);
    expect(missing.headers.get('www-authenticate')).toContain('Bearer');
    expectError(
      await h.call('GET', '/api/v1/incidents', { token: null, headers: { authorization: 'Token abc' } }),
      401,
      'unauthenticated',
      /expected "Bearer <token>"/,
    );
    expectError(
      await h.call('GET', '/api/v1/incidents', { token: 'fbk_not_a_real_token' }),
      401,
      'unauthenticated',
      /not valid/,
    );
    const created = await h.call('POST', '/api/v1/tokens', {
      token: h.tokens.admin,
      body: { name: 'temp', role: 'responder' },
    });
    await h.call('DELETE', `/api/v1/tokens/${created.body.id}`, { token: h.tokens.admin });
    expectError(
      await h.call('GET', '/api/v1/incidents', { token: created.body.token }),
      401,
      'unauthenticated',
      /unknown or revoked/,
    );
  });

  it('refuses an unknown incident with 404 and a malformed id with 400', async () => {
    expectError(await h.call('GET', '/api/v1/incidents/INC-99999'), 404, 'not_found', 'incident INC-99999 not found');
    expectError(
      await h.call('POST', '/api/v1/incidents/INC-99999/transition', { body: { status: 'active' } }),
      404,
      'not_found',
      'incident INC-99999 not found',
    );
    expectError(
      await h.call('GET', '/api/v1/incidents/42'),
      400,
      'validation_failed',
      /^id: expected an incident id such as INC-42/,
    );
    expectError(await h.call('GET', '/api/v1/nowhere'), 404, 'not_found', 'no route GET /api/v1/nowhere');
  });

  it('refuses an illegal transition with 409', async () => {
    await h.call('POST', `/api/v1/incidents/${id}/transition`, {
      body: { status: 'dismissed', reason: 'duplicate of INC-1' },
    });
    expectError(
      await h.call('POST', `/api/v1/incidents/${id}/transition`, { body: { status: 'contained' } }),
      409,
      'invalid_transition',
      /cannot move a dismissed incident to contained/,
    );
  });

  it('refuses a viewer on every mutating route, read from the OpenAPI document', async () => {
    const doc = (await h.call('GET', '/api/v1/openapi.json', { token: null })).body;
    // Inbound endpoints take an integration's secret and no API token at all (integrations.test.ts).
    const api = Object.entries(doc.paths as Record<string, Record<string, unknown>>).filter(
      ([path]) => !path.startsWith('/api/v1/inbound/'),
    );
    const all = api.flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, Record<string, unknown>>)
        .filter(([method]) => method !== 'get')
        .map(([method, op]) => [method.toUpperCase(), path, op['x-firebreak-role']] as const),
    );
    // The one write a viewer may make, by its route's declaration (postmortems.test.ts calls it).
    expect(all.filter(([, , role]) => role === 'viewer').map(([method, path]) => `${method} ${path}`)).toEqual([
      'POST /api/v1/postmortems/lint',
    ]);
    const writes = all.filter(([, , role]) => role !== 'viewer');
    expect(writes.length).toBeGreaterThanOrEqual(14);
    for (const [method, path] of writes) {
      const url = path.replace(
        '{id}',
        path.startsWith('/api/v1/tokens')
          ? 'TOK-1'
          : path.startsWith('/api/v1/integrations')
            ? 'INT-999'
            : path.startsWith('/api/v1/systems')
              ? 'support-copilot'
              : path.startsWith('/api/v1/directory/overrides')
                ? 'no-such-override'
                : id,
      );
      const response = await h.call(method, url, { token: h.tokens.viewer, body: {} });
      expect({ method, url, status: response.status, code: response.body.error?.code }).toEqual({
        method,
        url,
        status: 403,
        code: 'forbidden',
      });
      expect(response.body.error.message).toMatch(/^role: a viewer token cannot make changes/);
      // The route is real: with rights, the same empty body gets past auth to validation.
      const allowed = await h.call(method, url, { token: h.tokens.admin, body: { unexpected: true } });
      // Deleting a bundle takes its reason in the body, so the stray field is refused like a write's.
      // OTLP receivers must ignore unknown fields (ADR 41): there it is an empty export, taken.
      const refused = url.includes('/otlp/')
        ? 200
        : method !== 'DELETE' || url.includes('/bundles/')
          ? 400
          : url.includes('/overrides/') || url.includes('/integrations/')
            ? 404
            : 409;
      expect({ url, status: allowed.status }).toEqual({ url, status: refused });
    }
  });

  it('refuses a responder on admin routes', async () => {
    expectError(
      await h.call('POST', '/api/v1/tokens', { body: { name: 'x', role: 'admin' } }),
      403,
      'forbidden',
      'role: this needs an admin token; dana has responder',
    );
    expectError(await h.call('GET', '/api/v1/tokens'), 403, 'forbidden');
  });

  it('never answers random JSON with a 500', async () => {
    const routes = [
      '/api/v1/incidents',
      `/api/v1/incidents/${id}/evidence`,
      `/api/v1/incidents/${id}/decisions`,
      `/api/v1/incidents/${id}/roles`,
      '/api/v1/systems/apply',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.jsonValue(), async (route, value) => {
        const response = await h.call('POST', route, { raw: JSON.stringify(value), token: h.tokens.admin });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});
