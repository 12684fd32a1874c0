import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../http/app';
import { type Harness, harness, T0 } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { bootstrapAdminToken } from './service';

describe.each(STORE_TARGETS)('API tokens on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target);
  });
  afterAll(() => h.close());

  it('creates the admin token from FIREBREAK_ADMIN_TOKEN only on first start', async () => {
    expect(await bootstrapAdminToken(h.store.db, T0, 'another-value')).toEqual({ created: false });
    const who = await h.call('GET', '/api/v1/whoami', { token: h.tokens.admin });
    expect(who.body).toMatchObject({ name: 'admin', role: 'admin' });
    expect((await h.call('GET', '/api/v1/whoami', { token: 'another-value' })).status).toBe(401);
  });

  it('creates a token whose secret is shown once and never listed', async () => {
    const created = await h.call('POST', '/api/v1/tokens', {
      token: h.tokens.admin,
      body: { name: 'ci-bot', role: 'viewer' },
    });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^fbk_[A-Za-z0-9_-]{32}$/);
    const list = await h.call('GET', '/api/v1/tokens', { token: h.tokens.admin });
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(list.body.tokens.map((t: { name: string }) => t.name)).toEqual(['admin', 'dana', 'vic', 'ci-bot']);
  });

  it('makes the token holder the actor on what it changes', async () => {
    const incident = await h.call('POST', '/api/v1/incidents', {
      token: h.tokens.admin,
      body: { title: 't', type: 'misuse', severity: 'SEV4', systems: ['x'] },
    });
    expect(incident.body.declaredBy).toBe('admin');
    const timeline = await h.call('GET', `/api/v1/incidents/${incident.body.id}/timeline`);
    expect(timeline.body.entries[0].actor).toBe('admin');
  });

  it('refuses revoking a token twice, or the token in use', async () => {
    const created = await h.call('POST', '/api/v1/tokens', {
      token: h.tokens.admin,
      body: { name: 'tmp', role: 'admin' },
    });
    expect(
      (await h.call('DELETE', `/api/v1/tokens/${created.body.id}`, { token: h.tokens.admin })).body.revokedAt,
    ).toBe(T0.toISOString());
    expect((await h.call('DELETE', `/api/v1/tokens/${created.body.id}`, { token: h.tokens.admin })).status).toBe(409);
    const self = await h.call('POST', '/api/v1/tokens', {
      token: h.tokens.admin,
      body: { name: 'self', role: 'admin' },
    });
    const response = await h.call('DELETE', `/api/v1/tokens/${self.body.id}`, { token: self.body.token });
    expect(response.body.error.message).toContain('cannot revoke itself');
  });

  it('refuses a token after its expiry with 401 saying it expired', async () => {
    const created = await h.call('POST', '/api/v1/tokens', {
      token: h.tokens.admin,
      body: { name: 'contractor', role: 'viewer', expiresIn: '30d' },
    });
    expect(created.body.expiresAt).toBe(new Date(h.now().getTime() + 30 * 86_400_000).toISOString());
    expect((await h.call('GET', '/api/v1/whoami', { token: created.body.token })).status).toBe(200);
    h.advance(30 * 86_400_000);
    const expired = await h.call('GET', '/api/v1/whoami', { token: created.body.token });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toBe(
      `API token ${created.body.id} (contractor) expired at ${created.body.expiresAt}; ask an admin for a new one (firebreak token create)`,
    );
    const bad = await h.call('POST', '/api/v1/tokens', {
      token: h.tokens.admin,
      body: { name: 'x', role: 'viewer', expiresIn: 'soon' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('expiresIn');
  });
});

describe('admin token bootstrap without FIREBREAK_ADMIN_TOKEN', () => {
  it('generates a random admin token and returns it once', async () => {
    const store = await STORE_TARGETS[0]!.open();
    try {
      const first = await bootstrapAdminToken(store.db, T0);
      expect(first.secret).toMatch(/^fbk_/);
      expect(await bootstrapAdminToken(store.db, T0)).toEqual({ created: false });
      const app = createApp({ db: store.db, log: pino({ level: 'silent' }), store: store.kind, version: 't' });
      const who = await app.request('/api/v1/whoami', { headers: { authorization: `Bearer ${first.secret}` } });
      expect(await who.json()).toMatchObject({ role: 'admin' });
    } finally {
      await store.close();
    }
  });
});

describe.each(STORE_TARGETS)('admin token bootstrap when replicas start at once on $name', (target) => {
  it('creates one admin token, not one per process', async () => {
    const store = await target.open();
    try {
      const results = await Promise.all([1, 2, 3, 4].map(() => bootstrapAdminToken(store.db, T0)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const app = createApp({ db: store.db, log: pino({ level: 'silent' }), store: store.kind, version: 't' });
      const secret = results.find((r) => r.created)!.secret!;
      const tokens = await app.request('/api/v1/tokens', { headers: { authorization: `Bearer ${secret}` } });
      expect(((await tokens.json()) as { tokens: unknown[] }).tokens).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
