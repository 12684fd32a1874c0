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
  type RollbackRequest,
} from './controls';
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

  it('refuses what core has no kind, level or field for', () => {
    for (const value of [
      { kind: 'dial', enabled: true },
      { kind: 'output_filter', level: 'loud' },
      { kind: 'kill_switch', enabled: true, level: 'strict' },
      { kind: 'route', active: 'v1', canary: null },
      { kind: 'route', active: 'v1', canary: null, knownGood: [], shadow: { version: 'v2', percent: 0 } },
      { kind: 'route', active: 'v1', canary: null, knownGood: [], shadow: { version: 'v2', percent: 5, show: true } },
    ]) {
      expect(ControlState.safeParse(value).success, JSON.stringify(value)).toBe(false);
    }
  });
});
