import canonicalize from 'canonicalize';
import { BUNDLE_RETENTION, type BundleContents, type ControlStateValue } from './controls';
import { DomainError } from './errors';

// Route bundles (ADR 30): a `bundle` route's versions are immutable sets of model, prompt,
// policy, retrieval index and tools. These rules decide which bundles a route must keep.

/** Where a bundle stands on its route: in use (active, canary, known-good), deployable, or retired. */
export const BUNDLE_STATUSES = ['active', 'canary', 'known-good', 'available', 'retired'] as const;
export type BundleStatus = (typeof BUNDLE_STATUSES)[number];

type RouteState = Extract<ControlStateValue, { kind: 'route' }>;

/** How many known-good bundles a route keeps whenever it has that many: a rollback, and one more. */
export const KEPT_KNOWN_GOOD = 2;

/** Two bundles are the same when their parts are (key order and absent parts aside). */
export function sameContents(a: BundleContents, b: BundleContents): boolean {
  return canonicalize(clean(a)) === canonicalize(clean(b));
}

function clean(contents: BundleContents): BundleContents {
  return Object.fromEntries(Object.entries(contents).filter(([, value]) => value !== undefined));
}

/** A bundle in one line: `model gpt-5, prompt p-7, tools search+refund`. */
export function describeBundle(contents: BundleContents): string {
  const parts: string[] = [];
  if (contents.model !== undefined) parts.push(`model ${contents.model}`);
  if (contents.prompt !== undefined) parts.push(`prompt ${contents.prompt}`);
  if (contents.policy !== undefined) parts.push(`policy ${contents.policy}`);
  if (contents.index !== undefined) parts.push(`index ${contents.index}`);
  if (contents.tools !== undefined)
    parts.push(`tools ${contents.tools.length > 0 ? contents.tools.join('+') : '(none)'}`);
  return parts.join(', ');
}

/** Where one live bundle stands in a route's state. */
export function bundleStatus(state: ControlStateValue, version: string): BundleStatus {
  const route = asRoute(state);
  if (route.active === version) return 'active';
  if (route.canary?.version === version) return 'canary';
  if (route.knownGood.includes(version)) return 'known-good';
  return 'available';
}

/**
 * Why a bundle may not be deleted, or undefined when it may: the active bundle, the canary's
 * candidate, and a known-good bundle the route would be left short of (it keeps two whenever it
 * has two, and never its only fallback).
 */
export function deletionRefusal(state: ControlStateValue, version: string): string | undefined {
  const route = asRoute(state);
  if (route.active === version)
    return `${version} is the active bundle; roll back or forward to another before deleting it`;
  if (route.canary?.version === version)
    return `${version} is the canary's candidate; end the canary before deleting it`;
  if (!route.knownGood.includes(version)) return undefined;
  if (route.knownGood.length === 1)
    return `${version} is the only known-good bundle, the route's only fallback; a route keeps at least one known-good bundle to roll back to`;
  if (route.knownGood.length <= KEPT_KNOWN_GOOD)
    return `${version} is one of the route's last ${KEPT_KNOWN_GOOD} known-good bundles (${route.knownGood.join(', ')}); a route keeps ${KEPT_KNOWN_GOOD} known-good bundles whenever it has them`;
  return undefined;
}

/**
 * The bundles to prune so that at most `limit` stay live: the oldest (first in `versions`) that
 * are neither active, nor the canary's, nor among the two most recent known-good ones, nor in
 * `keep` (what a temporary change reverts to).
 */
export function bundlesToPrune(
  state: ControlStateValue,
  versions: readonly string[],
  limit: number = BUNDLE_RETENTION,
  keep: readonly string[] = [],
): string[] {
  const route = asRoute(state);
  const kept = new Set([route.active, ...(route.canary ? [route.canary.version] : []), ...keep]);
  for (const version of route.knownGood.slice(0, KEPT_KNOWN_GOOD)) kept.add(version);
  const excess = versions.length - limit;
  if (excess <= 0) return [];
  return versions.filter((version) => !kept.has(version)).slice(0, excess);
}

/** The versions a state points at (active and canary): a temporary change's revert state needs them. */
export function versionsInUse(state: ControlStateValue | null): string[] {
  if (state?.kind !== 'route') return [];
  return [state.active, ...(state.canary ? [state.canary.version] : [])];
}

/** The state without the versions gone from the route (deleted or pruned): they are no longer known-good. */
export function withoutVersions(state: ControlStateValue, gone: readonly string[]): ControlStateValue {
  const route = asRoute(state);
  return { ...route, knownGood: route.knownGood.filter((version) => !gone.includes(version)) };
}

/**
 * The route state as apps get it: with the contents of the active bundle and of the canary's,
 * so an app switches model, prompt, policy, index and tools together.
 */
export function servedState(
  state: ControlStateValue,
  bundles: Readonly<Record<string, BundleContents>> | undefined,
): ControlStateValue {
  if (state.kind !== 'route' || !bundles) return state;
  const served: Record<string, BundleContents> = {};
  for (const version of [state.active, ...(state.canary ? [state.canary.version] : [])]) {
    const contents = bundles[version];
    if (contents) served[version] = contents;
  }
  return { ...state, bundles: served };
}

function asRoute(state: ControlStateValue): RouteState {
  if (state.kind !== 'route') throw new DomainError('conflict', `only a route has bundles; this is a ${state.kind}`);
  return state;
}
