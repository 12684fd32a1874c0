import type { Approval, ChangeControlResponse } from '@firebreak/contract';
import { type ChainedEntry, DomainError, isFinished, riskOf, type Status } from '@firebreak/core';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { announce } from '../incidents/change';
import { findCitedIncident } from '../incidents/store';
import { requireRecoveryGates } from '../recovery/gate';
import { requireControlAccess } from './access';
import { announceApproval, announceCommitted, type Committed, recordOnIncidents } from './commit';
import { presentApproval } from './presenter';
import { applyRequested, nextState, versionsOf } from './service';
import { describePending } from './standing';
import { type ApprovalRow, listApprovals, lockApproval, lockControl, updateApproval } from './store';

export async function listApprovalsView({
  ctx,
  status,
  key,
}: {
  ctx: Ctx;
  status?: string | undefined;
  key?: string | undefined;
}): Promise<{ approvals: Approval[] }> {
  return { approvals: (await listApprovals(ctx.db, { status, key })).map(presentApproval) };
}

/**
 * A second person approves a pending change, which is then applied as it was asked. The one who
 * asked cannot approve it, and an approval of a control that has changed since is refused.
 */
export async function approveChange({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: { reason?: string | undefined };
}): Promise<ChangeControlResponse> {
  const committed: Committed[] = [];
  const response = await ctx.db.transaction(async (tx) => {
    const approval = await lockApproval(tx, id);
    assertPending(approval);
    assertSecondPerson(ctx, approval);
    const row = await lockControl(tx, approval.key);
    await requireControlAccess(tx, ctx.actor, row.system);
    const at = ctx.now();
    if (row.seq !== approval.baseSeq) {
      await updateApproval(tx, id, {
        status: 'superseded',
        decidedAt: at,
        decisionReason: 'the control changed after this was asked',
      });
      throw new DomainError(
        'conflict',
        `${approval.key} changed after ${id} was asked; ask again against its current state`,
      );
    }
    const asked = approval.change;
    // An incident that ended while this waited is read-only: the change then goes on the incidents
    // still open on the system, like any change that names none.
    const change = (await citesFinished(tx, asked.incident)) ? { ...asked, incident: undefined } : asked;
    // The change is the asker's, applied as asked; the approver is recorded as approving it.
    const asker: Ctx = {
      ...ctx,
      actor: { name: approval.requestedBy, role: ctx.actor.role, tokenId: approval.requestedByToken },
    };
    const next = nextState(row, change, at);
    // The gate may have changed while this waited: it is read again, for the asker.
    if (riskOf(row.state, next, versionsOf(row)) !== undefined)
      await requireRecoveryGates(tx, row.system, approval.requestedBy);
    const done = await applyRequested(asker, tx, row, change, next, { id, by: ctx.actor.name });
    await updateApproval(tx, id, {
      status: 'approved',
      decidedBy: ctx.actor.name,
      decidedAt: at,
      decisionReason: input.reason ?? null,
    });
    committed.push(done);
    const decided = {
      ...approval,
      status: 'approved',
      decidedBy: ctx.actor.name,
      decidedAt: at,
      decisionReason: input.reason ?? null,
    };
    return { outcome: 'applied' as const, control: done.control, approval: presentApproval(decided) };
  });
  announceCommitted(ctx, committed);
  if (response.approval) announceApproval(ctx, response.approval);
  return response;
}

/** Refuses a pending change, saying why; the control stays as it is. */
export async function rejectChange({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: { reason: string };
}): Promise<Approval> {
  const timeline: ChainedEntry[] = [];
  const rejected = await ctx.db.transaction(async (tx) => {
    const approval = await lockApproval(tx, id);
    assertPending(approval);
    await requireControlAccess(tx, ctx.actor, approval.key.slice(0, approval.key.indexOf('.')));
    const at = ctx.now();
    await updateApproval(tx, id, {
      status: 'rejected',
      decidedBy: ctx.actor.name,
      decidedAt: at,
      decisionReason: input.reason,
    });
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'control.approval_rejected',
      subject: approval.key,
      payload: { approval: id, reason: input.reason, change: approval.change },
    });
    const cited = (approval.change as { incident?: string }).incident ?? null;
    const system = approval.key.slice(0, approval.key.indexOf('.'));
    const control = await lockControl(tx, approval.key);
    timeline.push(
      ...(await recordOnIncidents(ctx, tx, system, cited, 'approval_rejected', () => ({
        approval: id,
        key: approval.key,
        summary: describePending(control, approval.change),
        requestedBy: approval.requestedBy,
        requestReason: (approval.change as { reason?: string }).reason ?? null,
        reason: input.reason,
      }))),
    );
    return presentApproval({
      ...approval,
      status: 'rejected',
      decidedBy: ctx.actor.name,
      decidedAt: at,
      decisionReason: input.reason,
    });
  });
  announceApproval(ctx, rejected);
  announce(ctx, timeline);
  return rejected;
}

async function citesFinished(tx: Tx, incidentId: string | undefined): Promise<boolean> {
  if (incidentId === undefined) return false;
  const { status } = await findCitedIncident(tx, incidentId);
  return isFinished(status as Status);
}

function assertPending(approval: ApprovalRow): void {
  if (approval.status !== 'pending')
    throw new DomainError('conflict', `${approval.id} is already ${approval.status}`, {
      details: { status: approval.status },
    });
}

function assertSecondPerson(ctx: Ctx, approval: ApprovalRow): void {
  const sameToken = approval.requestedByToken !== null && approval.requestedByToken === ctx.actor.tokenId;
  if (sameToken || approval.requestedBy === ctx.actor.name) {
    throw new DomainError(
      'forbidden',
      `approval: ${approval.requestedBy} asked for this change; a second person must approve it`,
      { details: { requestedBy: approval.requestedBy } },
    );
  }
}
