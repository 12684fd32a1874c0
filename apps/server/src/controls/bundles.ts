import type { Bundle, BundleChange, BundleList, DeleteBundleRequest, RegisterBundleRequest } from '@firebreak/contract';
import {
  BUNDLE_RETENTION,
  type BundleContents,
  bundleStatus,
  bundlesToPrune,
  type ControlDefinition,
  type ControlStateValue,
  DomainError,
  deletionRefusal,
  describeBundle,
  invalid,
  sameContents,
  versionsInUse,
  withoutVersions,
} from '@firebreak/core';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { requireControlAccess } from './access';
import {
  type BundleRow,
  findBundle,
  insertBundle,
  listBundleRows,
  restoreBundle,
  retireBundles,
} from './bundles-store';
import { announceCommitted, type Committed, checkIncident, commitChange } from './commit';
import { presentControl } from './presenter';
import { type ControlRow, controlNotFound, findControl, lockControl } from './store';

// Route bundles (ADR 30): a `bundle` route's versions are immutable sets of model, prompt,
// policy, retrieval index and tools, registered by deploys (or declared on the card), kept
// within a retention limit, and deleted only when the route does not need them to fall back.

/** A route's bundles, oldest first, then the retired ones. */
export async function listBundles({ ctx, key }: { ctx: Ctx; key: string }): Promise<BundleList> {
  const row = await findControl(ctx.db, key);
  if (!row) throw await controlNotFound(ctx.db, key);
  bundleRoute(row);
  const rows = await listBundleRows(ctx.db, key);
  const bundles = rows.map((bundle) => presentBundle(bundle, row.state));
  return {
    key,
    bundles: [...bundles.filter((b) => b.status !== 'retired'), ...bundles.filter((b) => b.status === 'retired')],
  };
}

/**
 * Registers a bundle (a deploy): a new version with its contents, or the same version with the
 * same contents again (nothing changes). The same version with other contents is refused: a
 * bundle is immutable. Beyond the retention limit the oldest unused bundles are pruned.
 */
export async function registerBundle({
  ctx,
  key,
  input,
}: {
  ctx: Ctx;
  key: string;
  input: RegisterBundleRequest;
}): Promise<BundleChange & { created: boolean }> {
  // created: registered, or a retired bundle brought back; false: already live, nothing changed.
  const committed: Committed[] = [];
  const result = await ctx.db.transaction(async (tx) => {
    const row = await lockControl(tx, key);
    bundleRoute(row);
    await requireControlAccess(tx, ctx.actor, row.system);
    await checkIncident(tx, input.incident);
    const existing = await findBundle(tx, key, input.version);
    if (existing) {
      assertSameContents(existing, input.contents, 'contents');
      if (existing.retiredAt === null)
        return {
          bundle: presentBundle(existing, row.state),
          control: presentControl(row),
          pruned: [],
          created: false,
        };
    }
    const bundle = existing
      ? await restoreBundle(tx, key, input.version)
      : await insertBundle(tx, {
          key,
          version: input.version,
          contents: input.contents,
          registeredAt: ctx.now(),
          registeredBy: ctx.actor.name,
          reason: input.reason,
          incidentId: input.incident ?? null,
        });
    const live = await liveBundles(tx, key);
    const added = await commitChange(ctx, tx, row, row.state, {
      action: 'bundle_added',
      reason: input.reason,
      incidentId: input.incident ?? null,
      definition: withBundles(row.definition, live),
      summary: `${key}: bundle ${input.version} added (${describeBundle(input.contents)})`,
      details: { version: input.version, contents: input.contents },
      bookkeeping: true,
      expiresAt: row.expiresAt,
      revertState: row.revertState,
    });
    committed.push(added);
    const after: ControlRow = {
      ...row,
      definition: withBundles(row.definition, live),
      seq: added.control.seq,
      incidentId: input.incident ?? row.incidentId,
    };
    const pruned = bundlesToPrune(
      liveOnly(after.state, live),
      live.map((b) => b.version),
      BUNDLE_RETENTION,
      versionsInUse(row.revertState),
    );
    if (pruned.length > 0) {
      const reason = `retention: a route keeps ${BUNDLE_RETENTION} bundles; the oldest unused ones go`;
      await retireBundles(tx, key, pruned, { retiredAt: ctx.now(), retiredBy: ctx.actor.name, retireReason: reason });
      committed.push(
        await commitChange(ctx, tx, after, withoutVersions(after.state, pruned), {
          action: 'bundle_pruned',
          reason,
          incidentId: input.incident ?? null,
          definition: withBundles(row.definition, await liveBundles(tx, key)),
          summary: `${key}: bundle${pruned.length > 1 ? 's' : ''} ${pruned.join(', ')} pruned (more than ${BUNDLE_RETENTION})`,
          details: { versions: pruned },
          bookkeeping: true,
          expiresAt: row.expiresAt,
          revertState: row.revertState,
        }),
      );
    }
    const control = committed.at(-1)!.control;
    return { bundle: presentBundle(bundle, control.state), control, pruned, created: true };
  });
  announceCommitted(ctx, committed);
  return result;
}

/**
 * Deletes (retires) a bundle, refused while the route needs it: the active bundle, the canary's
 * candidate, or a known-good bundle the route would be left short of.
 */
export async function deleteBundle({
  ctx,
  key,
  version,
  input,
}: {
  ctx: Ctx;
  key: string;
  version: string;
  input: DeleteBundleRequest;
}): Promise<BundleChange> {
  const committed: Committed[] = [];
  const result = await ctx.db.transaction(async (tx) => {
    const row = await lockControl(tx, key);
    const definition = bundleRoute(row);
    await requireControlAccess(tx, ctx.actor, row.system);
    await checkIncident(tx, input.incident);
    const bundle = await findBundle(tx, key, version);
    if (!bundle)
      throw new DomainError(
        'not_found',
        `bundle ${version} of ${key} not found; it has ${definition.versions.join(', ')}`,
        { details: { key, version } },
      );
    if (bundle.retiredAt)
      throw new DomainError(
        'conflict',
        `bundle ${version} of ${key} was already retired (${bundle.retireReason ?? 'deleted'})`,
      );
    const refusal =
      deletionRefusal(liveOnly(row.state, await liveBundles(tx, key)), version) ??
      (versionsInUse(row.revertState).includes(version)
        ? `a temporary change reverts to it at ${row.expiresAt?.toISOString()}`
        : undefined);
    if (refusal) throw new DomainError('conflict', `bundle ${version} cannot be deleted: ${refusal}`);
    const at = ctx.now();
    await retireBundles(tx, key, [version], { retiredAt: at, retiredBy: ctx.actor.name, retireReason: input.reason });
    const done = await commitChange(ctx, tx, row, withoutVersions(row.state, [version]), {
      action: 'bundle_deleted',
      reason: input.reason,
      incidentId: input.incident ?? null,
      definition: withBundles(row.definition, await liveBundles(tx, key)),
      summary: `${key}: bundle ${version} deleted (${describeBundle(bundle.contents)})`,
      details: { version, contents: bundle.contents },
      bookkeeping: true,
      expiresAt: row.expiresAt,
      revertState: row.revertState,
    });
    committed.push(done);
    const retired = { ...bundle, retiredAt: at, retiredBy: ctx.actor.name, retireReason: input.reason };
    return { bundle: presentBundle(retired, done.control.state), control: done.control, pruned: [] };
  });
  announceCommitted(ctx, committed);
  return result;
}

/**
 * The bundles a card declares, made known (inside the caller's transaction): a version new to
 * the route is registered; a known one must have the same contents (bundles are immutable); a
 * retired one stays retired. Returns the definition to store: the card's, with every live
 * bundle of the route, in the order they became known.
 */
export async function declareBundles(
  ctx: Ctx,
  tx: Tx,
  key: string,
  config: ControlDefinition,
  at: string,
): Promise<ControlDefinition> {
  if (config.kind !== 'route' || config.target !== 'bundle') return config;
  const known = new Map((await listBundleRows(tx, key)).map((row) => [row.version, row]));
  for (const version of config.versions) {
    const contents = config.bundles?.[version] ?? {};
    const existing = known.get(version);
    if (existing) assertSameContents(existing, contents, `${at}.bundles.${version}`);
    else
      await insertBundle(tx, {
        key,
        version,
        contents,
        registeredAt: ctx.now(),
        registeredBy: ctx.actor.name,
        reason: 'declared on the system card',
        incidentId: null,
      });
  }
  return withBundles(config, await liveBundles(tx, key));
}

function assertSameContents(existing: BundleRow, contents: BundleContents, path: string): void {
  if (sameContents(existing.contents, contents)) return;
  throw new DomainError(
    'conflict',
    `${path}: bundle ${existing.version} is already registered (by ${existing.registeredBy}, ${existing.registeredAt.toISOString()}) with other contents (${describeBundle(existing.contents)}); a bundle is immutable: register the new contents under a new version`,
    { details: { version: existing.version, contents: existing.contents } },
  );
}

/**
 * The state with only live bundles as known-good: one a revert brought back after it was retired
 * counts neither towards the two kept nor as a fallback.
 */
function liveOnly(state: ControlStateValue, live: readonly BundleRow[]): ControlStateValue {
  if (state.kind !== 'route') return state;
  const versions = new Set(live.map((row) => row.version));
  return withoutVersions(
    state,
    state.knownGood.filter((version) => !versions.has(version)),
  );
}

async function liveBundles(tx: Tx, key: string): Promise<BundleRow[]> {
  return (await listBundleRows(tx, key)).filter((row) => row.retiredAt === null);
}

/** A route definition whose versions and contents are the live bundles, oldest first. */
function withBundles(definition: ControlDefinition, live: readonly BundleRow[]): ControlDefinition {
  if (definition.kind !== 'route') return definition;
  return {
    ...definition,
    versions: live.map((row) => row.version),
    bundles: Object.fromEntries(live.map((row) => [row.version, row.contents])),
  };
}

function bundleRoute(row: ControlRow): Extract<ControlDefinition, { kind: 'route' }> {
  const definition = row.definition;
  if (definition.kind !== 'route' || definition.target !== 'bundle')
    throw invalid(
      'key',
      `${row.key} is a ${definition.kind === 'route' ? `${definition.target} route` : definition.kind}, not a bundle route; declare a route with target: bundle on the system card`,
    );
  return definition;
}

function presentBundle(row: BundleRow, state: ControlStateValue): Bundle {
  return {
    version: row.version,
    contents: row.contents,
    status: row.retiredAt ? 'retired' : bundleStatus(state, row.version),
    registeredAt: row.registeredAt.toISOString(),
    registeredBy: row.registeredBy,
    reason: row.reason,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    retiredBy: row.retiredBy,
    retireReason: row.retireReason,
  };
}
