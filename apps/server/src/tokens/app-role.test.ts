import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copilotCard } from '../controls/fixtures';
import { apiTokens } from '../db/schema';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { hashToken } from './service';

describe('an app token', () => {
  let h: Harness;
  let app: string;
  let other: string;
  const fraudCard = { ...copilotCard, id: 'fraud-model', name: 'Fraud model', controls: [] };
  beforeAll(async () => {
    h = await harness(STORE_TARGETS[0]!);
    await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [copilotCard, fraudCard] },
    });
    const create = async (name: string, systems: string[]) =>
      (await h.call('POST', '/api/v1/tokens', { token: h.tokens.admin, body: { name, role: 'app', systems } })).body
        .token;
    app = await create('copilot-prod', ['support-copilot']);
    other = await create('fraud-prod', ['fraud-model']);
  });
  afterAll(() => h.close());

  it('sends telemetry, reads its controls and queues review items', async () => {
    expect(
      (
        await h.call('POST', '/api/v1/telemetry', {
          token: app,
          body: [{ system: 'support-copilot', ts: '2026-11-24T10:00:00Z' }],
        })
      ).status,
    ).toBe(202);
    expect((await h.call('GET', '/api/v1/controls?system=support-copilot', { token: app })).body.controls).toHaveLength(
      5,
    );
    expect((await h.call('GET', '/api/v1/controls', { token: app })).body.controls).toHaveLength(5);
    expect((await h.call('GET', '/api/v1/controls/support-copilot.auto-send', { token: app })).status).toBe(200);
    const item = await h.call('POST', '/api/v1/review', {
      token: app,
      body: { system: 'support-copilot', content: { answer: 'a' } },
    });
    expect(item.body).toMatchObject({ submittedBy: 'copilot-prod', status: 'pending' });
    expect((await h.call('GET', `/api/v1/review/${item.body.id}`, { token: app })).status).toBe(200);
    expect((await h.call('GET', '/api/v1/whoami', { token: app })).body).toMatchObject({
      name: 'copilot-prod',
      role: 'app',
    });
  });

  it('has telemetry for other systems rejected event by event, naming the field', async () => {
    const mixed = await h.call('POST', '/api/v1/telemetry', {
      token: other,
      body: [
        { system: 'fraud-model', ts: '2026-11-24T10:00:00Z' },
        { system: 'support-copilot', ts: '2026-11-24T10:00:00Z', flags: { pii: true } },
      ],
    });
    expect(mixed.status).toBe(202);
    expect(mixed.body).toMatchObject({
      accepted: 1,
      rejectedTotal: 1,
      rejected: [
        {
          index: 1,
          issues: [
            { path: 'system', message: 'app token fraud-prod may act for fraud-model only, not support-copilot' },
          ],
        },
      ],
    });
    const none = await h.call('POST', '/api/v1/telemetry', {
      token: other,
      body: [{ system: 'support-copilot', ts: '2026-11-24T10:00:00Z', flags: { pii: true } }],
    });
    expect(none.status).toBe(400);
    expect(none.body.error.message).toContain('event 0: system: app token fraud-prod may act for fraud-model only');
  });

  it('must name its systems when created', async () => {
    const response = await h.call('POST', '/api/v1/tokens', {
      token: h.tokens.admin,
      body: { name: 'loose', role: 'app' },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain('systems');
    const viewer = await h.call('POST', '/api/v1/tokens', {
      token: h.tokens.admin,
      body: { name: 'v', role: 'viewer', systems: ['fraud-model'] },
    });
    expect(viewer.status).toBe(400);
  });

  it('is refused the controls of systems it was not created for', async () => {
    for (const path of ['/api/v1/controls?system=support-copilot', '/api/v1/controls/support-copilot.auto-send']) {
      const response = await h.call('GET', path, { token: other });
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/may act for fraud-model only, not support-copilot/);
    }
    const stream = await h.call('GET', '/api/v1/controls/stream?system=support-copilot', { token: other });
    expect(stream.status).toBe(403);
  });

  it('cannot queue review items for another system', async () => {
    const response = await h.call('POST', '/api/v1/review', {
      token: other,
      body: { system: 'support-copilot', content: { answer: 'a' } },
    });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(/^system: app token fraud-prod may act for fraud-model only/);
  });

  it('reads only the review items it queued, by id or by re-posting their event id', async () => {
    const mine = await h.call('POST', '/api/v1/review', {
      token: app,
      body: { system: 'support-copilot', eventId: 'evt-secret', content: { answer: 'the customer address' } },
    });
    const twin = (
      await h.call('POST', '/api/v1/tokens', {
        token: h.tokens.admin,
        body: { name: 'copilot-canary', role: 'app', systems: ['support-copilot'] },
      })
    ).body.token;
    const byId = await h.call('GET', `/api/v1/review/${mine.body.id}`, { token: twin });
    expect(byId.status).toBe(404);
    const byEvent = await h.call('POST', '/api/v1/review', {
      token: twin,
      body: { system: 'support-copilot', eventId: 'evt-secret', content: { answer: 'x' } },
    });
    expect(byEvent.status).toBe(409);
    expect(JSON.stringify(byEvent.body)).not.toContain('customer address');
    expect((await h.call('GET', `/api/v1/review/${mine.body.id}`, { token: h.tokens.viewer })).status).toBe(200);
    const again = await h.call('POST', '/api/v1/review', {
      token: app,
      body: { system: 'support-copilot', eventId: 'evt-secret', content: { answer: 'retry' } },
    });
    expect(again.status).toBe(200);
  });

  it('from before scoping (no systems) is refused until re-issued', async () => {
    await h.store.db.insert(apiTokens).values({
      id: 'TOK-900',
      name: 'legacy-app',
      role: 'app',
      tokenHash: hashToken('legacy-secret'),
      createdAt: h.now(),
      createdBy: 'admin',
    });
    const response = await h.call('GET', '/api/v1/controls', { token: 'legacy-secret' });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toContain('firebreak token create --role app --systems');
  });

  it.each([
    ['POST', '/api/v1/controls/support-copilot.auto-send', { enabled: false, reason: 'x' }],
    ['GET', '/api/v1/incidents', undefined],
    ['GET', '/api/v1/review', undefined],
    ['POST', '/api/v1/incidents', { title: 't' }],
    ['GET', '/api/v1/alerts', undefined],
    ['GET', '/api/v1/verify', undefined],
  ])('is refused %s %s', async (method, path, body) => {
    const response = await h.call(method, path, { token: app, ...(body ? { body } : {}) });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(
      /^role: an app token can only send telemetry, read its controls and queue review items/,
    );
  });
});
