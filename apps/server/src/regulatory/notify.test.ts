import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../context';
import { EventBus } from '../events/bus';
import { listIncidentNotifications } from '../notifications/store';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { setFact } from './service';

const card = {
  id: 'loan-screen',
  name: 'Loan pre-screening',
  owner: 'credit-ml',
  model: { name: 'credit-gbm', version: 'v7' },
  riskTier: 'high',
  jurisdictions: ['EU'],
  personalData: { processed: true, categories: ['income'] },
  regulatory: { role: 'provider', dataRole: 'controller' },
};

describe.each(STORE_TARGETS)('a new obligation reaches legal and privacy on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness(target);
    const applied = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: {
        systems: [card],
        directory: {
          people: [
            { id: 'lena', name: 'Lena Hoffmann', email: 'lena@example.com', timeZone: 'Europe/Berlin' },
            { id: 'omar', name: 'Omar Haddad', email: 'omar@example.com', timeZone: 'Europe/Paris' },
          ],
        },
      },
    });
    expect(applied.body).toMatchObject({ directory: { people: 2 } });
  });
  afterAll(() => h.close());

  it('queues one mail per role holder for the obligation, in the same change, and none for a fact that opens nothing', async () => {
    const id = (
      await h.call('POST', '/api/v1/incidents', { body: declareBody({ systems: ['loan-screen'], severity: 'SEV2' }) })
    ).body.id;
    for (const [role, person] of [
      ['legal', 'lena'],
      ['privacy', 'omar'],
    ])
      expect((await h.call('POST', `/api/v1/incidents/${id}/roles`, { body: { role, person } })).status).toBe(200);
    const ctx: Ctx = {
      db: h.store.db,
      actor: { name: 'dana', role: 'responder', tokenId: null },
      now: h.now,
      log: pino({ level: 'silent' }),
      requestId: 'test',
      events: new EventBus(),
      notify: { publicUrl: 'https://firebreak.example.com', channels: ['email'], slackPostsToChannel: false },
    };
    const before = (await listIncidentNotifications(h.store.db, id)).length;
    await setFact({ ctx, id, input: { fact: 'people_affected', value: 40, reason: 'access log' } });
    expect((await listIncidentNotifications(h.store.db, id)).length).toBe(before);
    const after = await setFact({ ctx, id, input: { fact: 'aware', reason: 'the DPO heard from an applicant' } });
    const gdpr = after.obligations.find((o) => o.ruleId === 'gdpr.33')!;
    const queued = (await listIncidentNotifications(h.store.db, id)).filter((row) =>
      row.idempotencyKey.startsWith(`obligation:${gdpr.id}:`),
    );
    expect(queued.map((row) => [row.recipient, row.channel]).sort()).toEqual([
      ['lena', 'email'],
      ['omar', 'email'],
    ]);
    const summary = JSON.stringify(queued[0]!.payload);
    expect(summary).toContain('GDPR Art. 33(1)');
    expect(summary).toContain('Record the filing or why none is required');
  });
});
