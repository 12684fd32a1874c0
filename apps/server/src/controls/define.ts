import type { ControlConfig } from '@firebreak/contract';
import { type ControlDefinition, type ControlStateValue, initialState, invalid } from '@firebreak/core';
import canonicalize from 'canonicalize';
import { appendAudit, lockAudit } from '../audit/store';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { declareBundles } from './bundles';
import { type Committed, commitChange } from './commit';
import { presentControl } from './presenter';
import { appendChange, findControl, insertControl } from './store';

/**
 * Brings a system's controls in line with its card: new controls start in their declared state;
 * a changed definition (description, fail mode, versions) is recorded, and the state is kept
 * unless the new definition no longer allows it. Controls dropped from the card stay, in their
 * last state, since running apps may still read them. Inside the caller's transaction.
 */
export async function defineControls(
  ctx: Ctx,
  tx: Tx,
  system: string,
  configs: readonly ControlConfig[],
  path: string,
): Promise<Committed[]> {
  const committed: Committed[] = [];
  for (const [index, config] of configs.entries()) {
    const key = `${system}.${config.id}`;
    const at = `${path}[${index}]`;
    // A bundle route's definition also holds the bundles registered since the card was applied.
    const definition = await declareBundles(ctx, tx, key, config, at);
    const existing = await findControl(tx, key);
    if (!existing) {
      committed.push(await createControl(ctx, tx, system, definition, key));
      continue;
    }
    if (canonicalize(existing.definition) === canonicalize(definition)) continue;
    if (existing.kind !== config.kind)
      throw invalid(`${at}.kind`, `${key} is a ${existing.kind}; a control cannot change kind (give it a new id)`);
    const next = reconcile(existing.state, definition, at);
    committed.push(
      await commitChange(ctx, tx, existing, next, {
        action: 'defined',
        reason: 'definition changed on the system card',
        definition,
        expiresAt: existing.expiresAt,
        revertState: existing.revertState,
      }),
    );
  }
  return committed;
}

async function createControl(
  ctx: Ctx,
  tx: Tx,
  system: string,
  definition: ControlDefinition,
  key: string,
): Promise<Committed> {
  const at = ctx.now();
  const state = initialState(definition);
  await lockAudit(tx);
  const seq = await appendChange(tx, {
    key,
    at,
    actor: ctx.actor.name,
    action: 'created',
    reason: 'declared on the system card',
    before: null,
    after: state,
  });
  const row = {
    key,
    system,
    name: definition.id,
    kind: definition.kind,
    definition,
    state,
    seq,
    updatedAt: at,
    updatedBy: ctx.actor.name,
    expiresAt: null,
    revertState: null,
    incidentId: null,
    exerciseId: null,
  };
  await insertControl(tx, row);
  await appendAudit(tx, {
    at,
    actor: ctx.actor.name,
    action: 'control.created',
    subject: key,
    payload: { seq, definition, state },
  });
  return {
    control: presentControl(row),
    action: 'created',
    actor: ctx.actor.name,
    reason: 'declared on the system card',
    timeline: [],
  };
}

/** The current state under a new definition: a route keeps its pointer if it is still deployable. */
function reconcile(state: ControlStateValue, config: ControlDefinition, at: string): ControlStateValue {
  if (state.kind !== 'route' || config.kind !== 'route') return state;
  if (!config.versions.includes(state.active)) {
    throw invalid(`${at}.versions`, `must keep ${state.active}, the active version; roll back or forward first`);
  }
  const canary = state.canary && config.versions.includes(state.canary.version) ? state.canary : null;
  const { shadow, ...route } = state;
  const kept = shadow && config.versions.includes(shadow.version) ? { shadow } : {};
  return { ...route, canary, knownGood: state.knownGood.filter((v) => config.versions.includes(v)), ...kept };
}
