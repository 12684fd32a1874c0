import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declareBody, type Harness, harness } from '../test/harness';
import { STORE_TARGETS } from '../test/stores';
import { copilotCard } from './fixtures';

/** The copilot with a queue of work to ingest and a cache of answers, and a preset that drains the queue. */
const card = {
  ...copilotCard,
  controls: [
    ...copilotCard.controls,
    { id: 'ingest', kind: 'queue', description: 'Documents waiting to be indexed' },
    { id: 'answers', kind: 'cache', description: 'Answers cached per tenant' },
  ],
  presets: [{ id: 'drain', changes: [{ control: 'ingest', paused: true, retryAfter: '1m' }] }],
};

describe.each(STORE_TARGETS)('queue and cache controls on $name', (target) => {
  let h: Harness;
  let incident: string;
  const change = (name: string, body: Record<string, unknown>, token?: string) =>
    h.call('POST', `/api/v1/controls/support-copilot.${name}`, { body, ...(token ? { token } : {}) });
  const control = async (name: string) => (await h.call('GET', `/api/v1/controls/support-copilot.${name}`)).body;
  const lastEntry = async () => (await h.call('GET', `/api/v1/incidents/${incident}/timeline`)).body.entries.at(-1);

  beforeAll(async () => {
    h = await harness(target);
    const applied = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      // Approvals are what these tests are about; recovery gates come before them (recovery.test.ts).
      body: { systems: [card], directory: { recovery: { requiredFor: [] } } },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    incident = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ severity: 'SEV3' }) })).body.id;
  });
  afterAll(() => h.close());

  it('starts a queue running (failing open) and a cache at generation 0', async () => {
    expect(await control('ingest')).toMatchObject({
      kind: 'queue',
      failMode: 'open',
      state: { kind: 'queue', paused: false, retryAfter: null },
    });
    expect(await control('answers')).toMatchObject({
      kind: 'cache',
      failMode: null,
      state: { kind: 'cache', generation: 0, flushedAt: null, scope: null },
    });
  });

  it('pauses a queue with a retry-after hint, on the record and the incident’s timeline', async () => {
    const paused = await change('ingest', { paused: true, retryAfter: '30s', reason: 'poisoned documents', incident });
    expect(paused.status, JSON.stringify(paused.body)).toBe(200);
    expect(paused.body.control.state).toEqual({ kind: 'queue', paused: true, retryAfter: '30s' });
    expect((await control('ingest')).history[0]).toMatchObject({
      action: 'changed',
      actor: 'dana',
      reason: 'poisoned documents',
      after: { paused: true, retryAfter: '30s' },
    });
    expect(await lastEntry()).toMatchObject({
      kind: 'control_changed',
      payload: { summary: 'support-copilot.ingest: running → paused (retry after 30s)' },
    });
    const again = await change('ingest', { paused: true, retryAfter: '30s', reason: 'x' });
    expect(again.body.error.message).toBe('paused: nothing to change: the control is already paused (retry after 30s)');
  });

  it('names the field of a bad queue or cache change', async () => {
    const cases: Array<[string, Record<string, unknown>, string | RegExp]> = [
      ['ingest', { paused: true, retryAfter: 'soon' }, /^retryAfter: expected a duration/],
      ['ingest', { paused: 'yes' }, /^paused: /],
      ['ingest', { flush: {} }, 'flush: a queue control has no flush; it takes paused, retryAfter'],
      ['ingest', { paused: false, retryAfter: '1m' }, /^retryAfter: a resumed queue has no retry-after hint/],
      ['answers', { paused: true }, 'paused: a cache control has no paused; it takes flush'],
      ['answers', { flush: { scope: 'a b' } }, /^flush\.scope: expected a scope/],
      ['answers', { flush: { everything: true } }, 'flush.everything: unknown field'],
      [
        'answers',
        { flush: {}, expiresIn: '5m' },
        'expiresIn: a flush cannot be temporary: what apps dropped stays dropped',
      ],
    ];
    for (const [name, body, message] of cases) {
      const response = await change(name, { reason: 'x', ...body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      if (typeof message === 'string') expect(response.body.error.message).toBe(message);
      else expect(response.body.error.message).toMatch(message);
    }
  });

  it('flushes a cache: a new generation each time, scoped or whole, never waiting for approval', async () => {
    await h.call('POST', `/api/v1/incidents/${incident}/severity`, {
      body: { severity: 'SEV1', reason: 'poisoned answers served' },
    });
    const first = await change('answers', { flush: { scope: 'tenant:acme' }, reason: 'poisoned answers', incident });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.control.state).toEqual({
      kind: 'cache',
      generation: 1,
      flushedAt: h.now().toISOString(),
      scope: 'tenant:acme',
    });
    expect(await lastEntry()).toMatchObject({
      payload: { summary: 'support-copilot.answers: flushed scope tenant:acme (generation 0 → 1)' },
    });
    const second = await change('answers', { flush: {}, reason: 'everything, to be sure' });
    expect(second.body.control.state).toMatchObject({ generation: 2, scope: null });
    expect(await lastEntry()).toMatchObject({
      payload: { summary: 'support-copilot.answers: flushed everything (generation 1 → 2)' },
    });
  });

  it('needs a second person to resume a paused queue during an open SEV1', async () => {
    const asked = await change('ingest', { paused: false, reason: 'documents cleaned', incident });
    expect(asked.status).toBe(202);
    expect(asked.body.approval.why).toMatch(new RegExp(`resuming a paused queue during open ${incident} \\(SEV1\\)`));
    expect((await control('ingest')).state.paused).toBe(true);
    const approved = await h.call('POST', `/api/v1/approvals/${asked.body.approval.id}/approve`, {
      token: h.tokens.admin,
      body: {},
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.control.state).toEqual({ kind: 'queue', paused: false, retryAfter: null });
    expect(await lastEntry()).toMatchObject({
      payload: { summary: 'support-copilot.ingest: paused (retry after 30s) → running', approvedBy: 'admin' },
    });
  });

  it('pauses the queue through a preset, and refuses a preset that would flush a cache', async () => {
    const applied = await h.call('POST', '/api/v1/systems/support-copilot/presets/drain/apply', {
      body: { reason: 'drain while we look', incident },
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect((await control('ingest')).state).toEqual({ kind: 'queue', paused: true, retryAfter: '1m' });
    const bad = await h.call('POST', '/api/v1/systems/apply', {
      token: h.tokens.admin,
      body: { systems: [{ ...card, presets: [{ id: 'wipe', changes: [{ control: 'answers' }] }] }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.issues).toEqual([
      expect.objectContaining({
        path: 'systems[0].presets[0].changes[0].control',
        message: expect.stringMatching(/answers is a cache: a preset is reverted as one and a flush cannot be/),
      }),
    ]);
  });

  it('leaves a flushed cache out of the containment an ended incident leaves standing', async () => {
    const minor = (await h.call('POST', '/api/v1/incidents', { body: declareBody({ severity: 'SEV3' }) })).body.id;
    const resolved = await h.call('POST', `/api/v1/incidents/${minor}/transition`, {
      token: h.tokens.admin,
      body: { status: 'resolved', reason: 'cleaned up' },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const standing: string[] = resolved.body.warnings;
    expect(standing.some((line) => line.includes('support-copilot.ingest paused'))).toBe(true);
    expect(standing.some((line) => line.includes('support-copilot.answers'))).toBe(false);
  });
});
