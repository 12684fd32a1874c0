import type { TriageProposal, TriageRule } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import type { AlertRow } from '../alerts/store';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { insertProposal, listProposalRows, lockProposal, type ProposalRow, updateProposal } from './proposals-store';

export type { ProposalRow } from './proposals-store';

export function presentProposal(row: ProposalRow): TriageProposal {
  return {
    id: row.id,
    alertId: row.alertId,
    rule: row.ruleId,
    decision: row.decision,
    status: row.status as TriageProposal['status'],
    createdAt: row.createdAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reason: row.reason,
    incidentId: row.incidentId,
  };
}

export async function listProposals({ ctx, status }: { ctx: Ctx; status?: string | undefined }) {
  const rows = await listProposalRows(ctx.db, status);
  return { proposals: rows.map(presentProposal) };
}

/** A rule that does not declare by itself opens a proposal for a person (once per alert and rule). */
export async function proposeFromRule(ctx: Ctx, tx: Tx, alert: AlertRow, rule: TriageRule): Promise<void> {
  await insertProposal(tx, {
    alertId: alert.id,
    ruleId: rule.id,
    decision: rule.then,
    createdAt: ctx.now(),
  });
}

/** The proposal, locked, while it is still open: a decided one is a conflict. */
export async function openProposal(ctx: Ctx, id: string): Promise<ProposalRow> {
  const row = await lockProposal(ctx.db, id);
  if (!row) throw new DomainError('not_found', `triage proposal ${id} not found`, { details: { id } });
  if (row.status !== 'open')
    throw new DomainError('conflict', `triage proposal ${id} was already ${row.status}`, {
      details: { status: row.status },
    });
  return row;
}

/** Records that a person accepted the proposal and which incident it declared. */
export async function markAccepted(tx: Tx, id: string, by: string, at: Date, incidentId: string): Promise<void> {
  await updateProposal(tx, id, { status: 'accepted', decidedBy: by, decidedAt: at, incidentId });
}

/** A person rejects what a rule proposed, saying why; the alert stays as it is. */
export async function rejectProposal({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: { reason: string };
}): Promise<TriageProposal> {
  return ctx.db.transaction(async (tx) => {
    await openProposal({ ...ctx, db: tx }, id);
    const row = await updateProposal(tx, id, {
      status: 'rejected',
      decidedBy: ctx.actor.name,
      decidedAt: ctx.now(),
      reason: input.reason,
    });
    return presentProposal(row);
  });
}
