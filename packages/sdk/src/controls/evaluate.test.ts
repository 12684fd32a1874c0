import { describe, expect, it } from 'vitest';
import { reviewDecision, routeBundle, routeDecision, routeVersion, stickyBucket, TokenBuckets } from './evaluate';

const route = (percent: number) => ({
  kind: 'route' as const,
  active: 'v11',
  canary: { version: 'v12', percent, stickyBy: 'user' },
  knownGood: [],
});

describe('shadow assignment', () => {
  const shadowed = (percent: number, canary: number | null = null) => ({
    kind: 'route' as const,
    active: 'v11',
    canary: canary === null ? null : { version: 'v12', percent: canary, stickyBy: 'user' },
    knownGood: [],
    shadow: { version: 'v13', percent, stickyBy: 'user' },
  });
  const users = Array.from({ length: 20_000 }, (_, i) => `u${i}`);

  it('copies the same users every time, about the stated share, and keeps them as the share grows', () => {
    const first = users.map((user) => routeDecision('k.model', shadowed(10), { user }));
    expect(users.map((user) => routeDecision('k.model', shadowed(10), { user }))).toEqual(first);
    expect(first.every((d) => d.version === 'v11')).toBe(true);
    const copied = first.filter((d) => d.shadow === 'v13').length / users.length;
    // Binomial sd at n=20000, p=0.1 is 0.0021; 5 sd.
    expect(Math.abs(copied - 0.1)).toBeLessThan(0.011);
    const at30 = users.map((user) => routeDecision('k.model', shadowed(30), { user }).shadow);
    expect(first.every((d, i) => d.shadow === null || at30[i] === 'v13')).toBe(true);
  });

  it('copies only requests the active version serves, with buckets of its own', () => {
    const both = users.map((user) => ({ user, ...routeDecision('k.model', shadowed(50, 50), { user }) }));
    expect(both.filter((d) => d.version === 'v12').every((d) => d.shadow === null)).toBe(true);
    // Independent of the canary's buckets: about half the active version's requests are copied.
    const active = both.filter((d) => d.version === 'v11');
    const copied = active.filter((d) => d.shadow === 'v13').length / active.length;
    expect(Math.abs(copied - 0.5)).toBeLessThan(0.03);
  });

  it('copies nothing without a shadow or the sticky attribute', () => {
    expect(routeDecision('k.model', route(0), { user: 'u1' })).toEqual({ version: 'v11', shadow: null });
    expect(routeDecision('k.model', shadowed(100), {})).toEqual({ version: 'v11', shadow: null });
    expect(routeDecision('k.model', shadowed(100), { user: 'u1' })).toEqual({ version: 'v11', shadow: 'v13' });
  });
});

describe('canary assignment', () => {
  it('gives the same user the same version every time', () => {
    const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);
    const first = users.map((user) => routeVersion('fraud-model.model', route(20), { user }));
    const again = users.map((user) => routeVersion('fraud-model.model', route(20), { user }));
    expect(again).toEqual(first);
  });

  it('keeps users on the canary as its share grows (no reshuffle)', () => {
    const users = Array.from({ length: 2000 }, (_, i) => `user-${i}`);
    const at10 = users.filter((user) => routeVersion('k.model', route(10), { user }) === 'v12');
    const at30 = new Set(users.filter((user) => routeVersion('k.model', route(30), { user }) === 'v12'));
    expect(at10.every((user) => at30.has(user))).toBe(true);
  });

  it('sends about the stated share of users to the canary', () => {
    const users = Array.from({ length: 20_000 }, (_, i) => `u${i}`);
    const share = users.filter((user) => routeVersion('k.model', route(25), { user }) === 'v12').length / users.length;
    // Binomial sd at n=20000, p=0.25 is 0.003; 5 sd.
    expect(Math.abs(share - 0.25)).toBeLessThan(0.015);
  });

  it('keeps a request without the sticky attribute on the active version', () => {
    expect(routeVersion('k.model', route(99), {})).toBe('v11');
    expect(routeVersion('k.model', route(100), { user: 'x' })).toBe('v12');
  });

  it('buckets depend on the control, so two canaries are independent', () => {
    expect(stickyBucket('a.model', 'user-1')).not.toBe(stickyBucket('b.model', 'user-1'));
    expect(stickyBucket('a.model', 'user-1')).toBeGreaterThanOrEqual(0);
    expect(stickyBucket('a.model', 'user-1')).toBeLessThan(100);
  });
});

describe('human review routing', () => {
  const state = {
    kind: 'human_review' as const,
    share: 0,
    when: [{ flag: 'pii' }, { segment: { region: 'EU' } }, { confidenceBelow: 0.6 }],
  };
  it.each([
    [{ flags: { pii: true } }, { review: true, reason: 'flag:pii' }],
    [{ segment: { region: 'EU' } }, { review: true, reason: 'segment:region=EU' }],
    [{ confidence: 0.4 }, { review: true, reason: 'confidence<0.6' }],
    [
      { confidence: 0.9, segment: { region: 'US' }, flags: { pii: false } },
      { review: false, reason: null },
    ],
  ])('decides %j', (item, expected) => {
    expect(reviewDecision('s.review', state, item)).toEqual(expected);
  });

  it('samples a share of items, sticky by id', () => {
    const sampled = { kind: 'human_review' as const, share: 0.1, when: [] };
    const ids = Array.from({ length: 10_000 }, (_, i) => `evt-${i}`);
    const picked = ids.filter((id) => reviewDecision('s.review', sampled, { id }).review);
    expect(Math.abs(picked.length / ids.length - 0.1)).toBeLessThan(0.02);
    expect(ids.filter((id) => reviewDecision('s.review', sampled, { id }).review)).toEqual(picked);
    expect(reviewDecision('s.review', { ...sampled, share: 1 }, {})).toEqual({ review: true, reason: 'sampled' });
  });
});

describe('throttle', () => {
  it('lets `rate` calls through per period per key, refilling over time', () => {
    const buckets = new TokenBuckets();
    const limit = { rate: 3, per: '1s' };
    const at = (now: number, key = 'a') => buckets.take(limit, key, now).allowed;
    expect([at(0), at(0), at(0), at(0)]).toEqual([true, true, true, false]);
    expect(buckets.take(limit, 'a', 0).retryAfterMs).toBe(334);
    expect(at(0, 'b')).toBe(true);
    expect(at(340)).toBe(true);
    expect(at(340)).toBe(false);
    expect([at(5000), at(5000), at(5000), at(5000)]).toEqual([true, true, true, false]);
  });

  it('refuses everything at rate 0 and lets everything through without a limit', () => {
    const buckets = new TokenBuckets();
    expect(buckets.take({ rate: 0, per: '1m' }, '', 0)).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(buckets.take(null, '', 0)).toEqual({ allowed: true, retryAfterMs: 0 });
  });

  it('keeps memory bounded by forgetting the oldest key', () => {
    const buckets = new TokenBuckets(2);
    const limit = { rate: 1, per: '1h' };
    buckets.take(limit, 'a', 0);
    buckets.take(limit, 'b', 0);
    buckets.take(limit, 'c', 0);
    expect(buckets.take(limit, 'a', 0).allowed).toBe(true); // forgotten, so full again
    expect(buckets.take(limit, 'c', 0).allowed).toBe(false);
  });
});

describe('bundle routes', () => {
  const OLD = { model: 'gpt-4o', prompt: 'answer-v6', tools: ['search'] };
  const NEW = { model: 'gpt-4.1', prompt: 'answer-v7', index: 'kb-12', tools: ['search', 'refund'] };
  const bundles = (percent: number) => ({ ...route(percent), bundles: { v11: OLD, v12: NEW } });
  const users = Array.from({ length: 2000 }, (_, i) => `user-${i}`);

  it('gives each request one whole bundle: the canary’s for its sticky share, the active one otherwise', () => {
    const runs = users.map((user) => routeBundle('k.stack', bundles(25), { user }));
    for (const [i, run] of runs.entries()) {
      const version = routeVersion('k.stack', bundles(25), { user: users[i]! });
      expect(run).toEqual({ version, contents: version === 'v12' ? NEW : OLD });
    }
    const share = runs.filter((run) => run?.version === 'v12').length / users.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
    expect(routeBundle('k.stack', bundles(25))).toEqual({ version: 'v11', contents: OLD });
  });

  it('is undefined for a route without bundle contents', () => {
    expect(routeBundle('k.model', route(50), { user: 'u' })).toBeUndefined();
  });
});
