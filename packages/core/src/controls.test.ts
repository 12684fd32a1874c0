import { describe, expect, it } from 'vitest';
import {
  applyPatch,
  approvalNeeded,
  type CanarySplit,
  type ControlStateValue,
  describeChange,
  describePatch,
  initialState,
  riskOf,
  rollbackState,
} from './controls';
import { isDomainError } from './errors';

const VERSIONS = ['v10', 'v11', 'v12'];
const route = (active: string, knownGood: string[] = [], canary: CanarySplit | null = null): ControlStateValue => ({
  kind: 'route',
  active,
  canary,
  knownGood,
});
const kill = (enabled: boolean): ControlStateValue => ({ kind: 'kill_switch', enabled });

describe('initialState', () => {
  it('starts a route on the newest version, remembering the earlier ones as known-good', () => {
    expect(initialState({ id: 'model', kind: 'route', target: 'model', versions: VERSIONS })).toEqual(
      route('v12', ['v11', 'v10']),
    );
  });
  it('starts a route on the declared version, with only older versions known-good', () => {
    expect(initialState({ id: 'model', kind: 'route', target: 'model', versions: VERSIONS, active: 'v11' })).toEqual(
      route('v11', ['v10']),
    );
  });
  it('starts a kill switch as declared', () => {
    expect(initialState({ id: 'auto-send', kind: 'kill_switch', enabled: true, failMode: 'closed' })).toEqual(
      kill(true),
    );
  });
});

describe('applyPatch', () => {
  it.each([
    ['kills a capability', kill(true), { enabled: false }, kill(false)],
    [
      'rolls forward, remembering the old version as known-good',
      route('v11', ['v10']),
      { active: 'v12' },
      route('v12', ['v11', 'v10']),
    ],
    [
      'retreats to an older version, forgetting the one it left',
      route('v12', ['v11', 'v10']),
      { active: 'v10' },
      route('v10', ['v11']),
    ],
    [
      'sets a canary',
      route('v11', ['v10']),
      { canary: { version: 'v12', percent: 5, stickyBy: 'user' } },
      route('v11', ['v10'], { version: 'v12', percent: 5, stickyBy: 'user' }),
    ],
    [
      'sets a throttle',
      { kind: 'throttle', limit: null } as ControlStateValue,
      { limit: { rate: 10, per: '1s' } },
      { kind: 'throttle', limit: { rate: 10, per: '1s' } },
    ],
    [
      'raises the filter',
      { kind: 'output_filter', level: 'standard' } as ControlStateValue,
      { level: 'strict' as const },
      { kind: 'output_filter', level: 'strict' },
    ],
  ])('%s', (_, state, patch, expected) => {
    expect(applyPatch(state, patch, VERSIONS)).toEqual(expected);
  });

  it('sees no change in a state whose keys come back in another order', () => {
    const stored = { when: [], share: 1, kind: 'human_review' } as unknown as ControlStateValue;
    expect(() => applyPatch(stored, { share: 1 }, [])).toThrow(/nothing to change: the control is already/);
  });

  it.each([
    ['a field of another kind', kill(true), { level: 'strict' as const }, /kill_switch control has no level/],
    ['nothing at all', kill(true), {}, /nothing to change/],
    ['no change', kill(true), { enabled: true }, /nothing to change: the control is already/],
    ['an undeployable version', route('v12'), { active: 'v9' }, /v9 is not a deployable version/],
    [
      'a canary on the active version',
      route('v12'),
      { canary: { version: 'v12', percent: 5, stickyBy: 'user' } },
      /already the active version/,
    ],
  ])('refuses %s, naming the field', (_, state, patch, message) => {
    expect(() => applyPatch(state, patch, VERSIONS)).toThrow(message);
  });
});

describe('shadow', () => {
  const shadow = { version: 'v12', percent: 10, stickyBy: 'user' };
  it('starts, changes and stops a shadow, leaving the field out once it is gone', () => {
    const started = applyPatch(route('v11', ['v10']), { shadow }, VERSIONS);
    expect(started).toEqual({ ...route('v11', ['v10']), shadow });
    const wider = applyPatch(started, { shadow: { ...shadow, percent: 50 } }, VERSIONS);
    expect(wider).toEqual({ ...route('v11', ['v10']), shadow: { ...shadow, percent: 50 } });
    expect(applyPatch(wider, { shadow: null }, VERSIONS)).toEqual(route('v11', ['v10']));
  });
  it('refuses a shadow on the active version, on no version of the route, or on no traffic, naming the field', () => {
    expect(() => applyPatch(route('v12'), { shadow }, VERSIONS)).toThrow(/shadow\.version.*active version/);
    expect(() => applyPatch(route('v11'), { shadow: { ...shadow, version: 'v9' } }, VERSIONS)).toThrow(
      /shadow\.version.*not a deployable version/,
    );
    expect(() => applyPatch(route('v11'), { shadow: { ...shadow, percent: 0 } }, VERSIONS)).toThrow(/shadow\.percent/);
    expect(() => applyPatch(route('v11'), { shadow: null }, VERSIONS)).toThrow(/nothing to change/);
  });
  it('drops the shadow when its version becomes active, by a change or a rollback, and keeps it otherwise', () => {
    const shadowed = { ...route('v11', ['v10']), shadow };
    expect(applyPatch(shadowed, { active: 'v12' }, VERSIONS)).toEqual(route('v12', ['v11', 'v10']));
    const onV12 = (version: string): ControlStateValue => ({
      kind: 'route',
      active: 'v12',
      canary: null,
      knownGood: ['v11'],
      shadow: { ...shadow, version },
    });
    expect(rollbackState(onV12('v11'), VERSIONS)).toEqual(route('v11'));
    expect(rollbackState(onV12('v10'), VERSIONS)).toEqual({
      ...route('v11'),
      shadow: { ...shadow, version: 'v10' },
    });
  });
  it('is no risk: starting or widening a shadow needs no approval during an open SEV1', () => {
    const before = route('v11', ['v10']);
    const after = applyPatch(before, { shadow: { ...shadow, percent: 100 } }, VERSIONS);
    expect(riskOf(before, after, VERSIONS)).toBeUndefined();
    expect(approvalNeeded(before, after, VERSIONS, ['INC-4 (SEV1)'])).toBeUndefined();
  });
});

describe('rollbackState', () => {
  it('goes back to the last known-good version and forgets the bad one and the canary', () => {
    const state = route('v12', ['v11', 'v10'], { version: 'v12', percent: 10, stickyBy: 'user' });
    expect(rollbackState(state, VERSIONS)).toEqual(route('v11', ['v10']));
  });
  it('goes to a named version', () => {
    expect(rollbackState(route('v12', ['v11', 'v10']), VERSIONS, 'v10')).toEqual(route('v10', ['v11']));
  });
  it('refuses when nothing is known to be good', () => {
    let error: unknown;
    try {
      rollbackState(route('v10'), VERSIONS);
    } catch (caught) {
      error = caught;
    }
    expect(isDomainError(error, 'conflict')).toBe(true);
  });
  it('refuses a kill switch', () => {
    expect(() => rollbackState(kill(true), VERSIONS)).toThrow(/only a route/);
  });
});

describe('riskOf', () => {
  it('names what a change takes back, whatever incidents are open', () => {
    expect(riskOf(kill(false), kill(true), VERSIONS)).toBe('re-enabling a killed capability');
    expect(riskOf(kill(true), kill(false), VERSIONS)).toBeUndefined();
  });
});

describe('queues and caches', () => {
  const queue = (paused: boolean, retryAfter: string | null = null): ControlStateValue => ({
    kind: 'queue',
    paused,
    retryAfter,
  });
  const cache = (
    generation: number,
    scope: string | null = null,
    flushedAt: string | null = null,
  ): ControlStateValue => ({
    kind: 'cache',
    generation,
    flushedAt,
    scope,
  });
  const at = new Date('2026-12-07T00:30:00.000Z');

  it('pauses with a hint, changes the hint, resumes without one', () => {
    expect(applyPatch(queue(false), { paused: true, retryAfter: '30s' }, [])).toEqual(queue(true, '30s'));
    expect(applyPatch(queue(true, '30s'), { retryAfter: '2m' }, [])).toEqual(queue(true, '2m'));
    expect(applyPatch(queue(true, '30s'), { paused: false }, [])).toEqual(queue(false));
    expect(() => applyPatch(queue(false), { retryAfter: '2m' }, [])).toThrow(/only a paused queue/);
  });

  it('flushes into a new generation every time, at the given time', () => {
    expect(applyPatch(cache(0), { flush: { scope: 'tenant:acme' } }, [], at)).toEqual(
      cache(1, 'tenant:acme', at.toISOString()),
    );
    expect(applyPatch(cache(1, 'tenant:acme', at.toISOString()), { flush: { scope: 'tenant:acme' } }, [], at)).toEqual(
      cache(2, 'tenant:acme', at.toISOString()),
    );
  });

  it('counts resuming a paused queue as widening, and a flush or a pause as not', () => {
    expect(riskOf(queue(true, '30s'), queue(false), [])).toBe('resuming a paused queue');
    expect(riskOf(queue(false), queue(true), [])).toBeUndefined();
    expect(riskOf(queue(true), queue(true, '1m'), [])).toBeUndefined();
    expect(riskOf(cache(1), cache(2), [])).toBeUndefined();
  });

  it('words a pause, a resume and a flush', () => {
    expect(describeChange('s.ingest', queue(false), queue(true, '30s'))).toBe(
      's.ingest: running → paused (retry after 30s)',
    );
    expect(describeChange('s.answers', cache(0), cache(1, 'tenant:acme', at.toISOString()))).toBe(
      's.answers: flushed scope tenant:acme (generation 0 → 1)',
    );
    expect(describePatch({ paused: true, retryAfter: '1m' })).toBe('paused (retry after 1m)');
    expect(describePatch({ flush: {} })).toBe('flush everything');
  });
});

describe('approvalNeeded', () => {
  const open = ['INC-4 (SEV1)'];
  it.each([
    ['re-enabling during an open SEV1', kill(false), kill(true), open, /re-enabling/],
    ['killing during an open SEV1', kill(true), kill(false), open, undefined],
    ['re-enabling with no serious incident open', kill(false), kill(true), [], undefined],
    ['rolling forward', route('v11'), route('v12'), open, /rolling forward to v12/],
    ['rolling back', route('v12'), route('v11'), open, undefined],
    [
      'a larger canary of a newer version',
      route('v11', [], { version: 'v12', percent: 5, stickyBy: 'user' }),
      route('v11', [], { version: 'v12', percent: 50, stickyBy: 'user' }),
      open,
      /more traffic/,
    ],
    [
      'a smaller canary',
      route('v11', [], { version: 'v12', percent: 50, stickyBy: 'user' }),
      route('v11', [], { version: 'v12', percent: 5, stickyBy: 'user' }),
      open,
      undefined,
    ],
    [
      'a lower filter level',
      { kind: 'output_filter', level: 'strict' } as ControlStateValue,
      { kind: 'output_filter', level: 'standard' } as ControlStateValue,
      open,
      /lowering the output filter to standard/,
    ],
    [
      'a stricter filter level',
      { kind: 'output_filter', level: 'standard' } as ControlStateValue,
      { kind: 'output_filter', level: 'strict' } as ControlStateValue,
      open,
      undefined,
    ],
    [
      'lifting a throttle',
      { kind: 'throttle', limit: { rate: 10, per: '1m' } } as ControlStateValue,
      { kind: 'throttle', limit: null } as ControlStateValue,
      open,
      /lifting the throttle/,
    ],
    [
      'a wider throttle',
      { kind: 'throttle', limit: { rate: 10, per: '1m' } } as ControlStateValue,
      { kind: 'throttle', limit: { rate: 1, per: '1s' } } as ControlStateValue,
      open,
      /loosening the throttle/,
    ],
    [
      'a tighter throttle',
      { kind: 'throttle', limit: { rate: 10, per: '1m' } } as ControlStateValue,
      { kind: 'throttle', limit: { rate: 10, per: '1h' } } as ControlStateValue,
      open,
      undefined,
    ],
    [
      'less human review',
      { kind: 'human_review', share: 1, when: [] } as ControlStateValue,
      { kind: 'human_review', share: 0.5, when: [] } as ControlStateValue,
      open,
      /sending less to human review/,
    ],
    [
      'dropping a review condition',
      { kind: 'human_review', share: 0, when: [{ flag: 'pii' }] } as ControlStateValue,
      { kind: 'human_review', share: 0, when: [] } as ControlStateValue,
      open,
      /sending less to human review/,
    ],
    [
      'more human review',
      { kind: 'human_review', share: 0, when: [{ flag: 'pii' }] } as ControlStateValue,
      { kind: 'human_review', share: 0.2, when: [{ flag: 'pii' }, { confidenceBelow: 0.5 }] } as ControlStateValue,
      open,
      undefined,
    ],
  ])('%s', (_, before, after, incidents, expected) => {
    const why = approvalNeeded(before, after, VERSIONS, incidents);
    if (expected === undefined) expect(why).toBeUndefined();
    else expect(why).toMatch(expected);
  });
});
