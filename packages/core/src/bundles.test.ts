import { describe, expect, it } from 'vitest';
import {
  bundleStatus,
  bundlesToPrune,
  deletionRefusal,
  describeBundle,
  sameContents,
  servedState,
  withoutVersions,
} from './bundles';
import type { CanarySplit, ControlStateValue } from './controls';

const route = (active: string, knownGood: string[] = [], canary: CanarySplit | null = null): ControlStateValue => ({
  kind: 'route',
  active,
  canary,
  knownGood,
});
const canary = (version: string): CanarySplit => ({ version, percent: 5, stickyBy: 'user' });

describe('route bundles', () => {
  it('compares contents whatever their key order and absent parts', () => {
    expect(sameContents({ model: 'm', tools: ['a'] }, { tools: ['a'], model: 'm', prompt: undefined })).toBe(true);
    expect(sameContents({ model: 'm', tools: ['a'] }, { model: 'm', tools: ['b'] })).toBe(false);
    expect(sameContents({ model: 'm' }, { model: 'm', index: 'i' })).toBe(false);
  });

  it('tells each bundle’s status from the route state', () => {
    const state = route('v5', ['v4', 'v3'], canary('v6'));
    expect(['v5', 'v6', 'v4', 'v3', 'v2'].map((v) => bundleStatus(state, v))).toEqual([
      'active',
      'canary',
      'known-good',
      'known-good',
      'available',
    ]);
  });

  it('refuses to delete the active bundle, the canary’s, the only fallback, and one of the last two known-good', () => {
    expect(deletionRefusal(route('v5', ['v4']), 'v5')).toMatch(/v5 is the active bundle/);
    expect(deletionRefusal(route('v5', ['v4'], canary('v6')), 'v6')).toMatch(/v6 is the canary's candidate/);
    expect(deletionRefusal(route('v5', ['v4']), 'v4')).toMatch(/v4 is the only known-good bundle/);
    expect(deletionRefusal(route('v5', ['v4', 'v3']), 'v3')).toMatch(/last 2 known-good bundles \(v4, v3\)/);
    expect(deletionRefusal(route('v5', ['v4', 'v3', 'v2']), 'v2')).toBeUndefined();
    expect(deletionRefusal(route('v5', ['v4', 'v3', 'v2']), 'v4')).toBeUndefined();
    expect(deletionRefusal(route('v5', ['v4']), 'v1')).toBeUndefined();
  });

  it('prunes the oldest bundles beyond the limit, never the active, canary or two most recent known-good', () => {
    const versions = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
    // v1 and v2 are protected (known-good, canary); v3 and v4 go.
    expect(bundlesToPrune(route('v6', ['v1', 'v5'], canary('v2')), versions, 4)).toEqual(['v3', 'v4']);
    expect(bundlesToPrune(route('v6', ['v5', 'v4', 'v1']), versions, 4)).toEqual(['v1', 'v2']);
    expect(bundlesToPrune(route('v6'), versions, 6)).toEqual([]);
    // What a temporary change reverts to stays too.
    expect(bundlesToPrune(route('v6', ['v5', 'v4']), versions, 4, ['v1'])).toEqual(['v2', 'v3']);
    // Nothing prunable: everything stays.
    expect(bundlesToPrune(route('v3', ['v2', 'v1']), ['v1', 'v2', 'v3'], 1)).toEqual([]);
  });

  it('drops gone versions from known-good', () => {
    expect(withoutVersions(route('v6', ['v5', 'v4', 'v1']), ['v1'])).toEqual(route('v6', ['v5', 'v4']));
  });

  it('serves the active and canary bundles’ contents with the state', () => {
    const bundles = { v1: { model: 'a' }, v2: { model: 'b', tools: ['t'] }, v3: { prompt: 'p' } };
    expect(servedState(route('v2', ['v1'], canary('v3')), bundles)).toEqual({
      ...route('v2', ['v1'], canary('v3')),
      bundles: { v2: { model: 'b', tools: ['t'] }, v3: { prompt: 'p' } },
    });
    expect(servedState(route('v2'), undefined)).toEqual(route('v2'));
    expect(describeBundle({ model: 'gpt-5', prompt: 'p-7', tools: ['search', 'refund'] })).toBe(
      'model gpt-5, prompt p-7, tools search+refund',
    );
  });
});
