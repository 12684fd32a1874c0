import type {
  ChangeControlRequest,
  ChangeControlResponse,
  Control,
  ControlChange,
  RenewRequest,
  RollbackRequest,
} from '@firebreak/contract';
import {
  applyPatch,
  approvalNeeded,
  type ControlStateValue,
  DomainError,
  durationMs,
  invalid,
  type RequestedChange,
  riskOf,
  rollbackState,
} from '@firebreak/core';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { requireRecoveryGates } from '../recovery/gate';
import { requireControlAccess } from './access';
import { announceApproval, announceCommitted, type Committed, checkIncident, commitChange } from './commit';
import { presentApproval, presentChange, presentControl } from './presenter';
import {
  type ControlRow,
  controlNotFound,
  evidenceHolds,
  findControl,
  insertApproval,
  listChanges,
  listControlRows,
  lockControl,
  openSeriousIncidents,
} from './store';

export async function listControlsView({
  ctx,
  systems,
}: {
  ctx: Ctx;
  systems?: readonly string[];
}): Promise<{ controls: Control[] }> {
  return { controls: (await listControlRows(ctx.db, systems ? { systems } : {})).map(presentControl) };
}

export async function getControl({
  ctx,
  key,
}: {
  ctx: Ctx;
  key: string;
}): Promise<Control & { history: ControlChange[] }> {
  const row = await findControl(ctx.db, key);
  if (!row) throw await controlNotFound(ctx.db, key);
  const history = (await listChanges(ctx.db, key, 100)).map(presentChange);
  return { ...presentControl(row), history };
}

/**
 * Changes a control: checks the change against the control's kind and versions, and either
 * applies it (audited, on the incident's timeline, pushed to apps) or, when it re-enables or
 * rolls forward during an open SEV1/SEV2 on the system, files it for a second person's approval.
 */
export async function changeControl({
  ctx,
  key,
  input,
}: {
  ctx: Ctx;
  key: string;
  input: ChangeControlRequest;
}): Promise<ChangeControlResponse> {
  return requestChange(ctx, key, { type: 'set', ...input });
}

/** Moves a route back to its last known-good version (or a named one), dropping any canary. */
export async function rollbackControl({
  ctx,
  key,
  input,
}: {
  ctx: Ctx;
  key: string;
  input: RollbackRequest;
}): Promise<ChangeControlResponse> {
  return requestChange(ctx, key, { type: 'rollback', ...input });
}

async function requestChange(ctx: Ctx, key: string, requested: RequestedChange): Promise<ChangeControlResponse> {
  let change: RequestedChange = requested;
  const committed: Committed[] = [];
  const response = await ctx.db.transaction(async (tx) => {
    const row = await lockControl(tx, key);
    await requireControlAccess(tx, ctx.actor, row.system);
    await checkIncident(tx, change.incident);
    const next = nextState(row, change, ctx.now());
    // Widening traffic while a serious incident is open waits for its recovery gate.
    if (riskOf(row.state, next, versionsOf(row)) !== undefined)
      await requireRecoveryGates(tx, row.system, ctx.actor.name);
    const hold = await checkEvidenceHold(tx, row, next, change);
    if (hold && change.type !== 'revert') change = { ...change, reason: `${change.reason} (${hold})` };
    const why = await approvalFor(tx, row, next);
    if (why) {
      const approval = await insertApproval(tx, {
        key,
        status: 'pending',
        why,
        change,
        baseSeq: row.seq,
        requestedBy: ctx.actor.name,
        requestedByToken: ctx.actor.tokenId,
        requestedAt: ctx.now(),
      });
      ctx.log.info({ control: key, approval: approval.id }, 'control change waits for approval');
      return {
        outcome: 'pending_approval' as const,
        control: presentControl(row),
        approval: presentApproval(approval),
      };
    }
    const done = await applyRequested(ctx, tx, row, change, next, null);
    committed.push(done);
    return { outcome: 'applied' as const, control: done.control, approval: null };
  });
  announceCommitted(ctx, committed);
  if (response.approval) announceApproval(ctx, response.approval);
  return response;
}

/** The state a requested change leads to from the control's current state (a flush happens at `now`). */
export function nextState(row: ControlRow, change: RequestedChange, now: Date): ControlStateValue {
  const state = row.state;
  if (change.type === 'rollback') return rollbackState(state, versionsOf(row), change.to);
  if (change.type === 'revert') return change.state;
  const { reason: _reason, incident: _incident, expiresIn, type: _type, confirmHold: _confirm, ...patch } = change;
  // Reverting a flush would bring back a generation apps already left behind.
  if (state.kind === 'cache' && expiresIn !== undefined)
    throw invalid('expiresIn', 'a flush cannot be temporary: what apps dropped stays dropped');
  return applyPatch(state, patch, versionsOf(row), now);
}

/** Applies a change that needs no (more) approval. */
export async function applyRequested(
  ctx: Ctx,
  tx: Tx,
  row: ControlRow,
  change: RequestedChange,
  next: ControlStateValue,
  approval: { id: string; by: string } | null,
): Promise<Committed> {
  const temporary = change.expiresIn !== undefined;
  // A second temporary change keeps reverting to what was there before the first.
  const revertTo = temporary ? (row.expiresAt ? row.revertState : row.state) : null;
  const at = ctx.now();
  return commitChange(ctx, tx, row, next, {
    action: change.type === 'rollback' ? 'rolled_back' : change.type === 'revert' ? 'expired' : 'changed',
    reason: change.reason ?? 'revert of an expired temporary change',
    incidentId: change.incident ?? (change.type === 'revert' ? row.incidentId : null),
    expiresAt: temporary ? new Date(at.getTime() + durationMs(change.expiresIn!)) : null,
    revertState: revertTo,
    approvedBy: approval?.by ?? null,
    approvalId: approval?.id ?? null,
  });
}

/** Extends a temporary change; without renewal it reverts when its time is up. */
export async function renewControl({
  ctx,
  key,
  input,
}: {
  ctx: Ctx;
  key: string;
  input: RenewRequest;
}): Promise<Control> {
  const committed: Committed[] = [];
  const control = await ctx.db.transaction(async (tx) => {
    const row = await lockControl(tx, key);
    await requireControlAccess(tx, ctx.actor, row.system);
    if (!row.expiresAt)
      throw new DomainError('conflict', `${key} has no temporary change to renew; its state is permanent`);
    const done = await commitChange(ctx, tx, row, row.state, {
      action: 'renewed',
      reason: input.reason,
      incidentId: row.incidentId,
      expiresAt: new Date(ctx.now().getTime() + durationMs(input.for)),
      revertState: row.revertState,
    });
    committed.push(done);
    return done.control;
  });
  announceCommitted(ctx, committed);
  return control;
}

/**
 * Why moving the control to `next` needs a second person, if it does; the store is asked about
 * open SEV1/SEV2 incidents only for a change that takes containment back.
 */
export async function approvalFor(tx: Tx, row: ControlRow, next: ControlStateValue): Promise<string | undefined> {
  const before = row.state;
  if (riskOf(before, next, versionsOf(row)) === undefined) return undefined;
  return approvalNeeded(before, next, versionsOf(row), await openSeriousIncidents(tx, row.system));
}

export function versionsOf(row: ControlRow): string[] {
  return row.definition.kind === 'route' ? row.definition.versions : [];
}

/**
 * While an obligation that forbids altering the system before the authority is informed is
 * pending (AI Act Art. 73(6)), a change of what runs (another active version, a canary of a new
 * one) must be confirmed, and is noted as made past the hold. Containment that leaves the
 * versions as they are (a kill switch, review, a filter, a throttle) is never held.
 */
async function checkEvidenceHold(
  tx: Tx,
  row: ControlRow,
  next: ControlStateValue,
  change: RequestedChange,
): Promise<string | undefined> {
  if (change.type === 'revert' || !altersWhatRuns(row.state, next)) return undefined;
  const holds = await evidenceHolds(tx, row.system);
  if (holds.length === 0) return undefined;
  const named = holds.map((hold) => `${hold.id} (${hold.regime} ${hold.article}, ${hold.incidentId})`).join(', ');
  if (!change.confirmHold)
    throw new DomainError(
      'conflict',
      `${row.key} changes what runs on ${row.system} while ${named} holds its evidence: the system must not be altered in a way that affects the evaluation of the incident's causes before the authority is informed. File the report first, or repeat with confirmHold: true to go ahead; the change will be noted as made past the hold.`,
      { details: { field: 'confirmHold', holds: holds.map((hold) => hold.id) } },
    );
  return `made past the evidence hold of ${named}`;
}

function altersWhatRuns(state: ControlStateValue, next: ControlStateValue): boolean {
  if (state.kind !== 'route' || next.kind !== 'route') return false;
  return state.active !== next.active || (next.canary !== null && next.canary?.version !== state.canary?.version);
}
