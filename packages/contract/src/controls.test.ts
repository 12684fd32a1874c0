import {
  applyPatch,
  type ChangeNote,
  type ControlDefinition,
  type ControlPatch,
  type ControlStateValue,
  DomainError,
  describeState,
  FAIL_MODES,
  FILTER_LEVELS,
  initialState,
  type RequestedChange,
  ROUTE_TARGETS,
  rollbackState,
} from '@firebreak/core';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type ChangeControlRequest,
  ContainAction,
  ControlConfig,
  ControlState,
  RegisterBundleRequest,
  type RollbackRequest,
} from './controls';
import { toFieldIssues } from './issues';
import type { z } from './zod';

/** A type written out as one object per union member, so an intersection compares with its sum. */
type Flat<T> = T extends unknown ? { [K in keyof T]: T[K] } : never;

/**
 * Core holds the one model of a control (its state, its definition, a change); the server types
 * its jsonb columns with it and the contract validates what crosses the API with these schemas.
 * Both must describe the same values: the types are equal, and values go from one to the other.
 */
describe('core control types agree with the contract schemas', () => {
  it('infers exactly the core types from the schemas', () => {
    expectTypeOf<z.output<typeof ControlState>>().toEqualTypeOf<ControlStateValue>();
    expectTypeOf<z.output<typeof ControlConfig>>().toEqualTypeOf<Flat<ControlDefinition>>();
    expectTypeOf<ChangeControlRequest>().toEqualTypeOf<Flat<ChangeNote & ControlPatch>>();
    expectTypeOf<RollbackRequest>().toEqualTypeOf<Flat<ChangeNote & { to?: string | undefined }>>();
    expectTypeOf<Extract<z.output<typeof ContainAction>, { set: unknown }>['set']>().toEqualTypeOf<ControlPatch>();
    expectTypeOf<{ type: 'set' } & ChangeControlRequest>().toExtend<RequestedChange>();
    expectTypeOf<{ type: 'rollback' } & RollbackRequest>().toExtend<RequestedChange>();
  });

  const VERSIONS = ['v1', 'v2', 'v3', 'v4'];
  const version = fc.constantFrom(...VERSIONS);
  const slug = fc.constantFrom('user', 'tenant', 'org.id');
  const duration = fc.constantFrom('1s', '30s', '5m', '1h', '7d');
  const share = fc.double({ min: 0, max: 1, noNaN: true });
  const rule = fc.oneof(
    fc.record({ flag: slug }),
    fc.record({ segment: fc.dictionary(slug, fc.string({ maxLength: 8 }), { minKeys: 1, maxKeys: 2 }) }),
    fc.record({ confidenceBelow: share }),
  );
  const limit = fc.option(
    fc.record(
      { rate: fc.integer({ min: 0, max: 1_000_000 }), per: duration, by: slug },
      { requiredKeys: ['rate', 'per'] },
    ),
    { nil: null },
  );
  const canary = fc.option(
    fc.record({ version, percent: fc.double({ min: 0, max: 100, noNaN: true }), stickyBy: slug }),
    { nil: null },
  );

  const shadow = fc.option(
    fc.record(
      { version, percent: fc.double({ min: 0.5, max: 100, noNaN: true }), stickyBy: slug, segmentBy: slug },
      { requiredKeys: ['version', 'percent', 'stickyBy'] },
    ),
    { nil: null },
  );

  /** Any state a control can be in, written against core's type. */
  const state: fc.Arbitrary<ControlStateValue> = fc.oneof(
    fc.record({ kind: fc.constant('kill_switch' as const), enabled: fc.boolean() }),
    fc.record({
      kind: fc.constant('route' as const),
      active: version,
      canary,
      knownGood: fc.uniqueArray(version, { maxLength: 3 }),
    }),
    fc.record({
      kind: fc.constant('route' as const),
      active: version,
      canary,
      knownGood: fc.uniqueArray(version, { maxLength: 3 }),
      shadow,
    }),
    fc.record({ kind: fc.constant('throttle' as const), limit }),
    fc.record({ kind: fc.constant('human_review' as const), share, when: fc.array(rule, { maxLength: 3 }) }),
    fc.record({ kind: fc.constant('output_filter' as const), level: fc.constantFrom(...FILTER_LEVELS) }),
    fc.record({
      kind: fc.constant('queue' as const),
      paused: fc.boolean(),
      retryAfter: fc.option(duration, { nil: null }),
    }),
    fc.record({
      kind: fc.constant('cache' as const),
      generation: fc.nat(),
      flushedAt: fc.option(fc.constant('2026-12-07T00:20:00.000Z'), { nil: null }),
      scope: fc.option(fc.constantFrom('tenant:acme', 'answers/'), { nil: null }),
    }),
  );

  /** Any definition a system card can declare, written against core's type. */
  const definition: fc.Arbitrary<ControlDefinition> = fc.oneof(
    fc.record({
      id: fc.constant('auto-send'),
      kind: fc.constant('kill_switch' as const),
      failMode: fc.constantFrom(...FAIL_MODES),
      enabled: fc.boolean(),
    }),
    fc
      .record({
        id: fc.constant('model'),
        description: fc.constant('the model the copilot answers with'),
        kind: fc.constant('route' as const),
        target: fc.constantFrom(...ROUTE_TARGETS),
        versions: fc.uniqueArray(version, { minLength: 1, maxLength: 4 }),
      })
      .map((route) =>
        route.target === 'bundle'
          ? { ...route, bundles: Object.fromEntries(route.versions.map((v) => [v, { model: `m-${v}`, tools: [v] }])) }
          : route,
      )
      .chain((route) =>
        fc
          .option(fc.constantFrom(...route.versions), { nil: undefined })
          .map((active) => (active === undefined ? route : { ...route, active })),
      ),
    fc.record({ id: fc.constant('rate'), kind: fc.constant('throttle' as const), limit }),
    fc.record({
      id: fc.constant('review'),
      kind: fc.constant('human_review' as const),
      share,
      when: fc.array(rule, { maxLength: 3 }),
    }),
    fc.record({
      id: fc.constant('filter'),
      kind: fc.constant('output_filter' as const),
      level: fc.constantFrom(...FILTER_LEVELS),
    }),
    fc.record({
      id: fc.constant('ingest'),
      kind: fc.constant('queue' as const),
      failMode: fc.constantFrom(...FAIL_MODES),
      paused: fc.boolean(),
    }),
    fc.record({ id: fc.constant('answers'), kind: fc.constant('cache' as const) }),
  );

  /** A change as a person or a rule may ask for it, fields of every kind mixed, some out of range. */
  const patch: fc.Arbitrary<Record<string, unknown>> = fc.record(
    {
      enabled: fc.boolean(),
      active: fc.oneof(version, fc.constant('v9')),
      canary,
      shadow: fc.option(
        fc.record({ version, percent: fc.double({ min: -10, max: 110, noNaN: true }), stickyBy: slug }),
        { nil: null },
      ),
      limit,
      share: fc.double({ min: -0.5, max: 1.5, noNaN: true }),
      when: fc.array(rule, { maxLength: 2 }),
      level: fc.constantFrom(...FILTER_LEVELS, 'loud'),
      paused: fc.boolean(),
      retryAfter: fc.option(fc.constantFrom('30s', '0s', 'soon'), { nil: null }),
      flush: fc.record({ scope: fc.constantFrom('tenant:acme', 'a b') }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  );

  it('accepts every core state and definition unchanged', () => {
    fc.assert(
      fc.property(state, definition, (s, d) => {
        expect(ControlState.parse(s)).toEqual(s);
        expect(ControlConfig.parse(d)).toEqual(d);
      }),
      { numRuns: 300, seed: 20261205 },
    );
  });

  it('gives core only values its rules handle, and core gives back values the schemas accept', () => {
    fc.assert(
      fc.property(definition, state, patch, fc.option(version, { nil: undefined }), (d, s, p, to) => {
        const config = ControlConfig.parse(d);
        const declared = initialState(config);
        expect(ControlState.parse(declared)).toEqual(declared);
        const current = ControlState.parse(s);
        expect(describeState(current)).not.toBe('');
        const asked = ContainAction.safeParse({ control: 'auto-send', set: p });
        const steps: Array<() => ControlStateValue> = [() => rollbackState(current, VERSIONS, to)];
        if (asked.success && 'set' in asked.data) {
          const { set } = asked.data;
          steps.push(() => applyPatch(current, set, VERSIONS));
        }
        for (const step of steps) {
          try {
            const next = step();
            expect(ControlState.parse(next)).toEqual(next);
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
          }
        }
      }),
      { numRuns: 300, seed: 20261205 },
    );
  });

  it('names the field of a bad queue or cache declaration', () => {
    const issues = (value: unknown) =>
      ControlConfig.safeParse(value).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(issues({ id: 'ingest', kind: 'queue', paused: 'no' })).toEqual([
      'paused: Invalid input: expected boolean, received string',
    ]);
    expect(issues({ id: 'ingest', kind: 'queue', failMode: 'ajar' })?.[0]).toMatch(/^failMode: /);
    expect(issues({ id: 'answers', kind: 'cache', generation: 3 })?.[0]).toMatch(/generation/);
    expect(ControlConfig.parse({ id: 'ingest', kind: 'queue' })).toEqual({
      id: 'ingest',
      kind: 'queue',
      failMode: 'open',
      paused: false,
    });
  });

  it('refuses what core has no kind, level or field for', () => {
    for (const value of [
      { kind: 'dial', enabled: true },
      { kind: 'output_filter', level: 'loud' },
      { kind: 'kill_switch', enabled: true, level: 'strict' },
      { kind: 'route', active: 'v1', canary: null },
      { kind: 'queue', paused: true, retryAfter: 'soon' },
      { kind: 'queue', paused: true },
      { kind: 'cache', generation: -1, flushedAt: null, scope: null },
      { kind: 'cache', generation: 1.5, flushedAt: null, scope: null },
      { kind: 'route', active: 'v1', canary: null, knownGood: [], shadow: { version: 'v2', percent: 0 } },
      { kind: 'route', active: 'v1', canary: null, knownGood: [], shadow: { version: 'v2', percent: 5, show: true } },
    ]) {
      expect(ControlState.safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
  });
});

describe('bundle routes on a system card', () => {
  const issues = (config: unknown) => {
    const parsed = ControlConfig.safeParse(config);
    return parsed.success ? [] : toFieldIssues(parsed.error, 'controls[2]').map((i) => `${i.path}: ${i.message}`);
  };
  const route = { id: 'stack', kind: 'route', target: 'bundle', versions: ['v40', 'v41'] };
  const contents = { model: 'gpt-4.1', prompt: 'answer-v7', tools: ['search', 'refund'] };

  it('accepts a bundle route whose every version has contents', () => {
    expect(issues({ ...route, bundles: { v40: { model: 'gpt-4o' }, v41: contents } })).toEqual([]);
  });

  it('names the field of each problem', () => {
    expect(issues({ ...route, bundles: { v40: { model: 'gpt-4o' }, v41: { ...contents, tools: ['', 'x'] } } })).toEqual(
      ['controls[2].bundles.v41.tools[0]: must not be empty'],
    );
    expect(issues({ ...route, bundles: { v40: {}, v41: { ...contents, tools: ['a', 'a'] } } })).toEqual([
      'controls[2].bundles.v40: name at least one of model, prompt, policy, index, tools',
      'controls[2].bundles.v41.tools[1]: duplicate tool a',
    ]);
    expect(issues({ ...route, bundles: { v40: { model: 'm', colour: 'red' }, v41: contents } })).toEqual([
      'controls[2].bundles.v40.colour: unknown field',
    ]);
    expect(issues({ ...route, bundles: { v41: { model: 'x'.repeat(201) } } })).toEqual([
      'controls[2].bundles.v41.model: at most 200 characters',
      'controls[2].bundles.v40: versions[0] is v40: give its contents (model, prompt, policy, index, tools) under bundles',
    ]);
    expect(issues({ ...route, bundles: { v40: contents, v41: contents, v42: contents } })).toEqual([
      'controls[2].bundles.v42: v42 is not one of versions (v40, v41); list it there, oldest first',
    ]);
    expect(issues(route)).toHaveLength(2);
    expect(
      issues({ ...route, bundles: { v40: contents, v41: { tools: Array.from({ length: 51 }, (_, i) => `t${i}`) } } }),
    ).toEqual(['controls[2].bundles.v41.tools: Too big: expected array to have <=50 items']);
  });

  it('refuses bundles on a route that selects one model, prompt or policy', () => {
    expect(issues({ ...route, target: 'model', bundles: { v40: contents, v41: contents } })).toEqual([
      'controls[2].bundles: only a route with target bundle has bundles; this one selects a model',
    ]);
  });

  it('serves bundle contents with a route’s state, and refuses a malformed bundle there too', () => {
    const state = { kind: 'route', active: 'v41', canary: null, knownGood: ['v40'], bundles: { v41: contents } };
    expect(ControlState.parse(state)).toEqual(state);
    expect(ControlState.safeParse({ ...state, bundles: { v41: {} } }).success).toBe(false);
  });

  it('takes a registration with a version, contents and a reason', () => {
    expect(RegisterBundleRequest.safeParse({ version: 'v42', contents, reason: 'deploy 42' }).success).toBe(true);
    const missing = RegisterBundleRequest.safeParse({ version: 'v42', contents: { tools: [] }, reason: ' ' });
    expect(missing.success ? [] : toFieldIssues(missing.error).map((i) => i.path)).toEqual(['reason']);
  });
});
