import type {
  Action,
  ActionList,
  ActionListQuery,
  AddActionRequest,
  CloseActionRequest,
  UpdateActionRequest,
  Verification,
  VerificationResult,
  VerifyActionRequest,
  VerifyActionResponse,
} from '@firebreak/contract';
import {
  type ActionStatus,
  DomainError,
  FOLLOW_UP_DAYS,
  followUpDates,
  invalid,
  isActionFinished,
  isActionOverdue,
  type VerificationKind,
} from '@firebreak/core';
import canonicalize from 'canonicalize';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { type ChangeScope, changeIncident } from '../incidents/change';
import { loadIncident } from '../incidents/load';
import { displayNames, namesOf, requirePerson } from '../oncall/people';
import { missingSystems } from '../systems/store';
import { readTimeline } from '../timeline/store';
import {
  type ActionRow,
  findAction,
  followUpsOf,
  insertAction,
  insertVerification,
  lastVerifications,
  listActions,
  lockAction,
  nextActionNumber,
  nextVerificationId,
  updateAction,
  type VerificationRow,
  verificationsOf,
} from './store';
import { checkVerification, runCheck } from './verify';

export function presentVerification(row: VerificationRow): VerificationResult {
  return {
    id: row.id,
    actionId: row.actionId,
    kind: row.kind as VerificationKind,
    passed: row.passed,
    summary: row.summary,
    details: row.details,
    at: row.at.toISOString(),
    by: row.by,
    trigger: row.trigger,
  };
}

/** Actions as the API shows them, with their last verification and follow-ups, in a few queries. */
export async function presentActions(tx: Tx, rows: readonly ActionRow[], now: Date): Promise<Action[]> {
  const ids = rows.map((row) => row.id);
  const last = await lastVerifications(tx, ids);
  const followUps = await followUpsOf(tx, ids);
  const name = await displayNames(tx);
  return rows.map((row) => {
    const done = new Map((followUps.get(row.id) ?? []).map((f) => [f.day, f]));
    const verification = last.get(row.id);
    return {
      id: row.id,
      incidentId: row.incidentId,
      title: row.title,
      description: row.description,
      type: row.type as Action['type'],
      category: row.category as Action['category'],
      priority: row.priority as Action['priority'],
      status: row.status as ActionStatus,
      owner: row.owner,
      ownerName: name(row.owner),
      dueAt: row.dueAt?.toISOString() ?? null,
      overdue: isActionOverdue({ status: row.status as ActionStatus, dueAt: row.dueAt?.toISOString() ?? null }, now),
      systems: row.systems,
      tracker: row.tracker,
      verification: row.verification,
      lastVerification: verification ? presentVerification(verification) : null,
      followUps: followUpDates(row.createdAt).map((dueAt, index) => {
        const day = FOLLOW_UP_DAYS[index]!;
        const record = done.get(day);
        return {
          day,
          dueAt: dueAt.toISOString(),
          doneAt: record?.doneAt.toISOString() ?? null,
          outcome: (record?.outcome as Action['followUps'][number]['outcome']) ?? null,
        };
      }),
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy,
      updatedAt: row.updatedAt.toISOString(),
      closedAt: row.closedAt?.toISOString() ?? null,
      closedBy: row.closedBy,
    };
  });
}

async function presentAction(tx: Tx, row: ActionRow, now: Date): Promise<Action> {
  return (await presentActions(tx, [row], now))[0]!;
}

function futureDue(value: string, now: Date): Date {
  const due = new Date(value);
  if (due.getTime() <= now.getTime()) throw invalid('dueAt', 'is in the past; an action is due later than now');
  return due;
}

/** Adds a corrective or preventive action to an incident, on its timeline. */
export function addAction({ ctx, id, input }: { ctx: Ctx; id: string; input: AddActionRequest }): Promise<Action> {
  return changeIncident(ctx, id, async ({ tx, at, record }) => {
    const incident = await loadIncident(tx, id, at);
    if (incident.status === 'dismissed')
      throw new DomainError(
        'invalid_transition',
        `status: ${id} was dismissed as a false positive; it takes no actions`,
      );
    const owner = input.owner !== undefined ? (await requirePerson(tx, input.owner, 'owner')).id : null;
    const dueAt = input.dueAt !== undefined ? futureDue(input.dueAt, at) : null;
    const systems = input.systems ?? incident.systems;
    const missing = await missingSystems(tx, systems);
    if (missing.length > 0) throw invalid('systems', `not in the catalog: ${missing.join(', ')}`);
    if (input.verification) await checkVerification(tx, incident, input.verification);
    const number = await nextActionNumber(tx);
    const row: ActionRow = {
      id: `ACT-${number}`,
      number,
      incidentId: id,
      title: input.title,
      description: input.description ?? null,
      type: input.type,
      category: input.category,
      priority: input.priority,
      status: 'open',
      owner,
      dueAt,
      systems,
      tracker: input.tracker ?? null,
      verification: input.verification ?? null,
      createdAt: at,
      createdBy: ctx.actor.name,
      updatedAt: at,
      closedAt: null,
      closedBy: null,
    };
    await insertAction(tx, row);
    await record('action_added', {
      id: row.id,
      title: row.title,
      type: row.type,
      category: row.category,
      priority: row.priority,
      owner,
      dueAt: dueAt?.toISOString() ?? null,
      tracker: row.tracker,
      verification: row.verification,
    });
    return presentAction(tx, row, at);
  });
}

export async function getAction({ ctx, id }: { ctx: Ctx; id: string }): Promise<Action> {
  return presentAction(ctx.db, await findAction(ctx.db, id), ctx.now());
}

export async function listActionsView({ ctx, query }: { ctx: Ctx; query: ActionListQuery }): Promise<ActionList> {
  const { owner, ...rest } = query;
  const owners = owner === undefined ? undefined : await namesOf(ctx.db, owner === 'me' ? ctx.actor.name : owner);
  const now = ctx.now();
  const { rows, total } = await listActions(ctx.db, { ...rest, owners, now });
  return { actions: await presentActions(ctx.db, rows, now), total };
}

export async function listVerificationsView({ ctx, id }: { ctx: Ctx; id: string }) {
  await findAction(ctx.db, id);
  return { verifications: (await verificationsOf(ctx.db, id)).map(presentVerification) };
}

/** Changes an action's fields or status (not closing: that needs a passing verification). */
export function updateActionFields({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: UpdateActionRequest;
}): Promise<Action> {
  return changeOfAction(ctx, id, async ({ tx, at, row, record }) => {
    const { reason, ...fields } = input;
    if (Object.keys(fields).length === 0) throw invalid('title', 'nothing to change: give a field to update');
    if (isActionFinished(row.status as ActionStatus) && fields.status === undefined)
      throw new DomainError(
        'invalid_transition',
        `status: ${id} is ${row.status}; reopen it (status open, with a reason) to change it`,
      );
    if (fields.status === 'cancelled' && !reason?.trim())
      throw invalid('reason', 'cancelling an action needs a reason');
    if (row.status === 'closed' && fields.status !== undefined && !reason?.trim())
      throw invalid('reason', 'reopening a closed action needs a reason');
    const patch: Partial<ActionRow> = { updatedAt: at };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set = <K extends keyof ActionRow>(key: K, value: ActionRow[K]) => {
      changes[key] = {
        from: row[key] instanceof Date ? (row[key] as Date).toISOString() : row[key],
        to: value instanceof Date ? value.toISOString() : value,
      };
      patch[key] = value;
    };
    if (fields.title !== undefined) set('title', fields.title);
    if (fields.description !== undefined) set('description', fields.description);
    if (fields.category !== undefined) set('category', fields.category);
    if (fields.priority !== undefined) set('priority', fields.priority);
    if (fields.tracker !== undefined) set('tracker', fields.tracker);
    if (fields.owner !== undefined) set('owner', (await requirePerson(tx, fields.owner, 'owner')).id);
    if (fields.dueAt !== undefined) set('dueAt', futureDue(fields.dueAt, at));
    if (fields.verification !== undefined) {
      await checkVerification(tx, await loadIncident(tx, row.incidentId, at), fields.verification);
      set('verification', fields.verification);
    }
    if (fields.status !== undefined && fields.status !== row.status) {
      set('status', fields.status);
      if (row.status === 'closed') {
        patch.closedAt = null;
        patch.closedBy = null;
      }
    }
    await updateAction(tx, id, patch);
    await record(row.status === 'closed' && fields.status !== undefined ? 'action_reopened' : 'action_updated', {
      id,
      changes,
      reason: reason ?? null,
    });
    return { ...row, ...patch };
  });
}

interface ActionScope {
  tx: Tx;
  at: Date;
  row: ActionRow;
  record: ChangeScope['record'];
}

/**
 * One change to an action, in its incident's change (the incident row locked, the timeline
 * entry appended in the same transaction), allowed after the incident ended: follow-ups run long
 * after it closed.
 */
async function changeOfAction(
  ctx: Ctx,
  id: string,
  change: (scope: ActionScope) => Promise<ActionRow>,
): Promise<Action> {
  const incidentId = (await findAction(ctx.db, id)).incidentId;
  return changeIncident(ctx, incidentId, async ({ tx, at, record }) => {
    const row = await lockAction(tx, id);
    const next = await change({ tx, at, row, record });
    return presentAction(tx, next, at);
  });
}

/**
 * Runs the action's verification now and records the result, passed or not. An attestation
 * passes only when a second person (neither the action's owner nor whoever set the link) verifies.
 */
export async function verifyAction({
  ctx,
  id,
  input,
  trigger = 'manual',
}: {
  ctx: Ctx;
  id: string;
  input: VerifyActionRequest;
  trigger?: string;
}): Promise<VerifyActionResponse> {
  // The check runs before the change, outside any transaction: a replay reads and judges up to
  // hundreds of thousands of events, and must hold neither the incident's lock nor (on PGlite)
  // the store's one connection while it does.
  const before = await findAction(ctx.db, id);
  if (!before.verification)
    throw invalid('verification', `${id} has no verification to run; set one first (PATCH /actions/${id})`);
  if (before.status === 'cancelled') throw new DomainError('invalid_transition', `status: ${id} is cancelled`);
  const spec = before.verification as Verification;
  const outcome =
    spec.kind === 'attestation'
      ? await attest(ctx.db, ctx, before, spec)
      : await runCheck(ctx.db, await loadIncident(ctx.db, before.incidentId, ctx.now()), spec);
  let result: VerificationResult | undefined;
  return changeOfAction(ctx, id, async ({ tx, at, row, record }) => {
    if (canonicalize(row.verification) !== canonicalize(spec))
      throw new DomainError('conflict', `verification: ${id}'s verification changed while it ran; run it again`);
    const { id: verificationId, number } = await nextVerificationId(tx);
    const verification: VerificationRow = {
      id: verificationId,
      number,
      actionId: id,
      kind: spec.kind,
      passed: outcome.passed,
      summary: outcome.summary,
      details: { ...outcome.details, ...(input.note ? { note: input.note } : {}) },
      at,
      by: ctx.actor.name,
      trigger,
    };
    await insertVerification(tx, verification);
    await record('action_verified', {
      id,
      verification: verificationId,
      kind: spec.kind,
      passed: outcome.passed,
      summary: outcome.summary,
      trigger,
    });
    result = presentVerification(verification);
    return { ...row, updatedAt: at };
  }).then((action) => ({ action, result: result! }));
}

async function attest(
  tx: Tx,
  ctx: Ctx,
  row: ActionRow,
  spec: Extract<Verification, { kind: 'attestation' }>,
): Promise<{ passed: boolean; summary: string; details: Record<string, unknown> }> {
  const me = new Set((await namesOf(tx, ctx.actor.name)).map((name) => name.toLowerCase()));
  const owner = row.owner ? (await namesOf(tx, row.owner)).map((name) => name.toLowerCase()) : [];
  const setter = await whoSetVerification(tx, row);
  const sameAsOwner = owner.some((name) => me.has(name));
  const sameAsSetter = setter !== null && me.has(setter.toLowerCase());
  if (sameAsOwner || sameAsSetter)
    return {
      passed: false,
      summary: `an attestation needs a second person: ${ctx.actor.name} ${sameAsOwner ? 'owns the action' : 'set the link'}`,
      details: { url: spec.url, what: spec.what, attestedBy: ctx.actor.name },
    };
  return {
    passed: true,
    summary: `${ctx.actor.name} attests: ${spec.what} (${spec.url})`,
    details: { url: spec.url, what: spec.what, attestedBy: ctx.actor.name, setBy: setter },
  };
}

/** Who last set the action's verification: the last update that changed it, else its creator. */
async function whoSetVerification(tx: Tx, row: ActionRow): Promise<string | null> {
  const changed = (await readTimeline(tx, row.incidentId)).filter((entry) => {
    const payload = entry.payload as { id?: string; changes?: Record<string, unknown> };
    return entry.kind === 'action_updated' && payload.id === row.id && payload.changes?.verification !== undefined;
  });
  return changed.at(-1)?.actor ?? row.createdBy;
}

/** Closes an action: only when its last verification passed. */
export function closeAction({ ctx, id, input }: { ctx: Ctx; id: string; input: CloseActionRequest }): Promise<Action> {
  return changeOfAction(ctx, id, async ({ tx, at, row, record }) => {
    if (isActionFinished(row.status as ActionStatus))
      throw new DomainError('invalid_transition', `status: ${id} is already ${row.status}`);
    const last = (await lastVerifications(tx, [id])).get(id);
    if (!row.verification)
      throw new DomainError(
        'invalid_transition',
        `verification: ${id} has no verification; set one and pass it to close`,
        {
          details: { issues: [{ path: 'verification', message: 'none set' }] },
        },
      );
    if (!last?.passed || last.kind !== row.verification.kind)
      throw new DomainError(
        'invalid_transition',
        `verification: ${id} cannot close until its ${row.verification.kind} verification passes${last ? ` (the last run failed: ${last.summary})` : ' (it has not been run)'}`,
        { details: { issues: [{ path: 'verification', message: last ? 'last run failed' : 'not run' }] } },
      );
    const patch: Partial<ActionRow> = { status: 'closed', closedAt: at, closedBy: ctx.actor.name, updatedAt: at };
    await updateAction(tx, id, patch);
    await record('action_closed', { id, verification: last.id, reason: input.reason ?? null });
    return { ...row, ...patch };
  });
}

export { changeOfAction };
