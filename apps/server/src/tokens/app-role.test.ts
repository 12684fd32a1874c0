import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copilotCard } from '../controls/fixtures';
import { type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';

describe('an app token', () => {
  let h: Harness;
  let app: string;
  beforeAll(async () => {
    h = await harness(STORE_TARGETS[0]!);
    await h.call('POST', '/api/v1/systems/apply', { token: h.tokens.admin, body: { systems: [copilotCard] } });
    app = (
      await h.call('POST', '/api/v1/tokens', { token: h.tokens.admin, body: { name: 'copilot-prod', role: 'app' } })
    ).body.token;
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

  it.each([
    ['POST', '/api/v1/controls/support-copilot.auto-send', { enabled: false, reason: 'x' }],
    ['GET', '/api/v1/incidents', undefined],
    ['GET', '/api/v1/review', undefined],
    ['POST', '/api/v1/incidents', { title: 't' }],
    ['GET', '/api/v1/alerts', undefined],
  ])('is refused %s %s', async (method, path, body) => {
    const response = await h.call(method, path, { token: app, ...(body ? { body } : {}) });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toMatch(
      /^role: an app token can only send telemetry, read its controls and queue review items/,
    );
  });
});
