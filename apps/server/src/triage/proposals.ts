import type { Incident } from '@firebreak/contract';
import { type TriageProposal, TriageRule } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import { asc, eq } from 'drizzle-orm';
import { declareForAlert, linkAlert } from '../alerts/link';
import { findAlert } from '../alerts/store';
import type { Ctx } from '../context';
import { containForRule } from '../controls/contain';
import { triageProposals } from '../db/schema';
import { loadIncident } from '../incidents/load';

export type ProposalRow = typeof triageProposals.$inferSelect;

export function presentProposal(row: ProposalRow): TriageProposal {
  return {
    id: row.id,
    alertId: row.alertId,
    rule: row.ruleId,
    decision: row.decision as TriageProposal['decision'],
    status: row.status as TriageProposal['status'],
    createdAt: row.createdAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    reason: row.reason,
    incidentId: row.incidentId,
  };
}

export async function listProposals({ ctx, status }: { ctx: Ctx; status?: string | undefined }) {
  const rows = await ctx.db
    .select()
    .from(triageProposals)
    .where(status ? eq(triageProposals.status, status) : undefined)
    .orderBy(asc(triageProposals.createdAt));
  return { proposals: rows.map(presentProposal) };
}

async function openProposal(ctx: Ctx, id: string): Promise<ProposalRow> {
  const [row] = await ctx.db.select().from(triageProposals).where(eq(triageProposals.id, id)).for('update');
  if (!row) throw new DomainError('not_found', `triage proposal ${id} not found`, { details: { id } });
  if (row.status !== 'open')
    throw new DomainError('conflict', `triage proposal ${id} was already ${row.status}`, {
      details: { status: row.status },
    });
  return row;
}

/**
 * A person accepts what a rule proposed: the incident is declared by them, the alert and the
 * rule's required actions go on its timeline.
 */
export async function acceptProposal({ ctx, id }: { ctx: Ctx; id: string }): Promise<Incident> {
  return ctx.db.transaction(async (tx) => {
    const inner: Ctx = { ...ctx, db: tx };
    const proposal = await openProposal(inner, id);
    const alert = await findAlert(tx, proposal.alertId);
    if (!alert) throw new DomainError('not_found', `alert ${proposal.alertId} not found`);
    const decision = proposal.decision as { type: Incident['type']; severity: Incident['severity']; title?: string };
    const now = ctx.now();
    const incident = await declareForAlert(inner, alert, {
      ...decision,
      summary: `Proposed by triage rule ${proposal.ruleId} from alert ${alert.id}; accepted by ${ctx.actor.name}.`,
    });
    const rule = TriageRule.parse({ id: proposal.ruleId, when: {}, then: proposal.decision });
    await linkAlert(inner, alert, incident.id, rule);
    await containForRule(
      { ...inner, actor: { name: `rule:${rule.id}`, role: 'responder', tokenId: null } },
      rule,
      alert,
      incident.id,
    );
    await tx
      .update(triageProposals)
      .set({ status: 'accepted', decidedBy: ctx.actor.name, decidedAt: now, incidentId: incident.id })
      .where(eq(triageProposals.id, id));
    return loadIncident(tx, incident.id, now);
  });
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
    const [row] = await tx
      .update(triageProposals)
      .set({ status: 'rejected', decidedBy: ctx.actor.name, decidedAt: ctx.now(), reason: input.reason })
      .where(eq(triageProposals.id, id))
      .returning();
    return presentProposal(row!);
  });
}
