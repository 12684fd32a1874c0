import { BUNDLE_RETENTION } from '@firebreak/core';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../db/schema';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { copilotCard } from './fixtures';

const KEY = 'support-copilot.stack';
const B1 = { model: 'gpt-4o', prompt: 'answer-v5' };
const B2 = { model: 'gpt-4o', prompt: 'answer-v6', tools: ['search'] };
const B3 = { model: 'gpt-4.1', prompt: 'answer-v6', policy: 'safety-3', index: 'kb-2026-11', tools: ['search'] };
const B4 = {
  model: 'gpt-4.1',
  prompt: 'answer-v7',
  policy: 'safety-3',
  index: 'kb-2026-12',
  tools: ['search', 'refund'],
};

/** The copilot card with a bundle route: three bundles declared, the newest active. */
const card = {
  ...copilotCard,
  controls: [
    ...copilotCard.controls,
    { id: 'stack', kind: 'route', target: 'bundle', versions: ['b1', 'b2', 'b3'], bundles: { b1: B1, b2: B2, b3: B3 } },
  ],
};

describe.each(STORE_TARGETS)('route bundles on $name', (target) => {
  let h: Harness;
  let incident: string;
  const apply = (body: unknown) =>
    h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [body], directory: { recovery: { requiredFor: [] } } },
    });
  const control = async () => (await h.call('GET', `/api/v1/controls/${KEY}`)).body;
  const bundles = async () => (await h.call('GET', `/api/v1/controls/${KEY}/bundles`)).body.bundles;
  const statuses = async () =>
    Object.fromEntries((await bundles()).map((b: { version: string; status: string }) => [b.version, b.status]));
  const register = (version: string, contents: unknown, extra: Record<string, unknown> = {}) =>
    h.call('POST', `/api/v1/controls/${KEY}/bundles`, {
      body: { version, contents, reason: `deploy ${version}`, ...extra },
    });
  const remove = (version: string, extra: Record<string, unknown> = {}) =>
    h.call('DELETE', `/api/v1/controls/${KEY}/bundles/${version}`, { body: { reason: 'clean up', ...extra } });

  beforeAll(async () => {
    h = await harness(target);
    expect((await apply(card)).status).toBe(200);
    incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ severity: 'SEV3' }) })).body.id;
  });
  afterAll(() => h.close());

  it('serves the active bundle’s contents with the route’s state, and lists each bundle’s status', async () => {
    expect((await control()).state).toEqual({
      kind: 'route',
      active: 'b3',
      canary: null,
      knownGood: ['b2', 'b1'],
      bundles: { b3: B3 },
    });
    expect(await bundles()).toMatchObject([
      {
        version: 'b1',
        contents: B1,
        status: 'known-good',
        registeredBy: 'admin',
        reason: 'declared on the system card',
      },
      { version: 'b2', contents: B2, status: 'known-good' },
      { version: 'b3', contents: B3, status: 'active', retiredAt: null },
    ]);
    // Apps polling the list get the same contents.
    const listed = (await h.call('GET', '/api/v1/controls?system=support-copilot')).body.controls;
    expect(listed.find((c: { key: string }) => c.key === KEY).state.bundles).toEqual({ b3: B3 });
  });

  it('registers a bundle once: the same contents again change nothing, other contents are refused', async () => {
    const added = await register('b4', B4, { incident });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      bundle: { version: 'b4', status: 'available', registeredBy: 'dana' },
      pruned: [],
    });
    expect(added.body.control.versions).toEqual(['b1', 'b2', 'b3', 'b4']);
    const seq = (await control()).seq;
    const again = await register('b4', Object.fromEntries(Object.entries(B4).reverse()));
    expect(again.status).toBe(200);
    expect((await control()).seq).toBe(seq);
    const changed = await register('b4', { ...B4, tools: ['search'] });
    expect(changed.status).toBe(409);
    expect(changed.body.error.message).toMatch(
      /^contents: bundle b4 is already registered \(by dana, .*\) with other contents .*; a bundle is immutable: register the new contents under a new version$/,
    );
    expect((await register('b1', B2)).status).toBe(409);
    // Who, when, why: in the history, the audit chain and the named incident's timeline.
    expect((await control()).history[0]).toMatchObject({ action: 'bundle_added', actor: 'dana', reason: 'deploy b4' });
    const [audited] = await h.store.db.select().from(auditLog).where(eq(auditLog.action, 'control.bundle_added'));
    expect(audited).toMatchObject({ actor: 'dana', subject: KEY, payload: { version: 'b4', contents: B4 } });
    const entries = (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries;
    expect(entries.at(-1)).toMatchObject({
      kind: 'control_changed',
      payload: {
        action: 'bundle_added',
        summary: expect.stringMatching(/bundle b4 added \(model gpt-4\.1, prompt answer-v7/),
      },
    });
  });

  it('names the field of bad input', async () => {
    const empty = await register('b9', {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/contents: name at least one of model, prompt, policy, index, tools/);
    const tools = await register('b9', { tools: ['ok', ''] });
    expect(tools.body.error.message).toMatch(/contents\.tools\[1\]: must not be empty/);
    const noReason = await h.call('DELETE', `/api/v1/controls/${KEY}/bundles/b1`, { body: {} });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/^reason: /);
    const model = await h.call('GET', '/api/v1/controls/support-copilot.model/bundles');
    expect(model.status).toBe(400);
    expect(model.body.error.message).toMatch(/^key: support-copilot.model is a model route, not a bundle route/);
    expect((await remove('b99')).status).toBe(404);
    // A canary run counts telemetry by model, prompt or policy: a bundle has no single one.
    const run = await h.call('POST', `/api/v1/controls/${KEY}/canary`, { body: { version: 'b4', reason: 'try b4' } });
    expect(run.status).toBe(400);
    expect(run.body.error.message).toMatch(
      /^key: support-copilot.stack is a bundle route; a canary run counts telemetry/,
    );
  });

  it('switches every part together: forward, canary and rollback restore whole bundles', async () => {
    const forward = await h.call('POST', `/api/v1/controls/${KEY}`, { body: { active: 'b4', reason: 'ship b4' } });
    expect(forward.body.control.state).toMatchObject({
      active: 'b4',
      knownGood: ['b3', 'b2', 'b1'],
      bundles: { b4: B4 },
    });
    const back = await h.call('POST', `/api/v1/controls/${KEY}/rollback`, { body: { reason: 'b4 refunds too much' } });
    expect(back.body.control.state).toEqual({
      kind: 'route',
      active: 'b3',
      canary: null,
      knownGood: ['b2', 'b1'],
      bundles: { b3: B3 },
    });
    const canary = await h.call('POST', `/api/v1/controls/${KEY}`, {
      body: { canary: { version: 'b4', percent: 5 }, reason: 'try b4 again' },
    });
    expect(canary.body.control.state.bundles).toEqual({ b3: B3, b4: B4 });
    expect(await statuses()).toEqual({ b1: 'known-good', b2: 'known-good', b3: 'active', b4: 'canary' });
  });

  it('refuses to delete what the route needs, naming the rule', async () => {
    const active = await remove('b3');
    expect(active.status).toBe(409);
    expect(active.body.error.message).toBe(
      'bundle b3 cannot be deleted: b3 is the active bundle; roll back or forward to another before deleting it',
    );
    expect((await remove('b4')).body.error.message).toMatch(/b4 is the canary's candidate/);
    const kept = await remove('b1');
    expect(kept.status).toBe(409);
    expect(kept.body.error.message).toMatch(/b1 is one of the route's last 2 known-good bundles \(b2, b1\)/);
    await h.call('POST', `/api/v1/controls/${KEY}`, { body: { canary: null, reason: 'end canary' } });
    // Rolling back from b3 to b2 leaves b1 the only fallback.
    await h.call('POST', `/api/v1/controls/${KEY}/rollback`, { body: { reason: 'b3 again' } });
    expect((await control()).state).toMatchObject({ active: 'b2', knownGood: ['b1'] });
    expect((await remove('b1')).body.error.message).toMatch(
      /b1 is the only known-good bundle, the route's only fallback/,
    );
  });

  it('retires a deleted bundle for good: its version never names other contents', async () => {
    const deleted = await remove('b3', { incident });
    expect(deleted.status).toBe(200);
    expect(deleted.body.bundle).toMatchObject({ version: 'b3', status: 'retired', retiredBy: 'dana' });
    expect(deleted.body.control.versions).toEqual(['b1', 'b2', 'b4']);
    expect((await statuses()).b3).toBe('retired');
    expect((await control()).history[0]).toMatchObject({ action: 'bundle_deleted', reason: 'clean up' });
    expect((await register('b3', B4)).status).toBe(409);
    expect((await remove('b3')).status).toBe(409);
    // The very same contents bring it back (a redeploy of the same bundle), and it can go again.
    const back = await register('b3', B3);
    expect(back.status).toBe(201);
    expect(back.body.bundle).toMatchObject({ version: 'b3', status: 'available', retiredAt: null });
    expect((await remove('b3')).status).toBe(200);
    // Re-applying the card (which still lists b3) keeps it retired, and keeps b4.
    expect((await apply(card)).status).toBe(200);
    expect((await control()).versions).toEqual(['b1', 'b2', 'b4']);
    // A card that changes a known bundle's contents is refused.
    const changed = {
      ...card,
      controls: [...copilotCard.controls, { ...card.controls.at(-1)!, bundles: { b1: B2, b2: B2, b3: B3 } }],
    };
    const refused = await apply(changed);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/controls\[5\]\.bundles\.b1: bundle b1 is already registered/);
    // The rows themselves cannot change.
    await expect(h.store.db.execute(sql`update control_bundles set contents = '{}'`)).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/holds immutable bundles/) },
    });
  });

  it(`prunes the oldest unused bundles beyond ${BUNDLE_RETENTION}, keeping the active and two known-good`, async () => {
    // Live now: b1 (known-good), b2 (active), b4 (unused).
    await h.call('POST', `/api/v1/controls/${KEY}`, { body: { active: 'b4', reason: 'ship b4' } });
    expect((await control()).state).toMatchObject({ active: 'b4', knownGood: ['b2', 'b1'] });
    for (let n = 10; n < 10 + BUNDLE_RETENTION - 3; n++)
      expect((await register(`b${n}`, { model: `m-${n}` })).status).toBe(201);
    expect((await control()).versions).toHaveLength(BUNDLE_RETENTION);
    const over = await register('b40', { model: 'm-40' });
    expect(over.status).toBe(201);
    expect(over.body.pruned).toEqual(['b10']);
    const more = await register('b41', { model: 'm-41' });
    expect(more.body.pruned).toEqual(['b11']);
    const list = await statuses();
    expect([list.b1, list.b2, list.b4, list.b10, list.b11, list.b12]).toEqual([
      'known-good',
      'known-good',
      'active',
      'retired',
      'retired',
      'available',
    ]);
    expect((await control()).history[0]).toMatchObject({ action: 'bundle_pruned' });
  });
});
