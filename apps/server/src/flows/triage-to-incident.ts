import { type Incident, TriageRule } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import { declareForAlert, linkAlert } from '../alerts/link';
import { type AlertRow, findAlert } from '../alerts/store';
import type { Ctx } from '../context';
import { containmentHeldBack } from '../controls/auto-containment';
import { containForRule } from '../controls/contain';
import type { Tx } from '../db/connect';
import { changeIncident } from '../incidents/change';
import { loadIncident } from '../incidents/load';
import { markAccepted, openProposal, proposeFromRule } from '../triage/proposals';
import { firstMatch, openIncidentOfRule } from '../triage/triage';

/**
 * The path from a matching triage rule to a contained incident, across alerts, triage,
 * incidents and controls. Applies the first triage rule that matches a new (or newly paging)
 * alert: declares the incident, or links the alert to the open incident that rule already
 * declared for the system, or opens a triage proposal for a person; then applies the rule's
 * containment unless the alert rests on too few events. Every decision is on the incident's
 * timeline with the rule as actor.
 */
export async function triageAlert(ctx: Ctx, tx: Tx, alert: AlertRow, rules: readonly TriageRule[]): Promise<void> {
  const rule = await firstMatch(tx, alert, rules);
  if (!rule) return;
  if (!rule.then.declare) {
    await proposeFromRule(ctx, tx, alert, rule);
    return;
  }
  const ruleCtx: Ctx = { ...ctx, db: tx, actor: { name: `rule:${rule.id}`, role: 'responder', tokenId: null } };
  const existing = await openIncidentOfRule(tx, rule.id, alert.system);
  const incidentId = existing ?? (await declareFor(ruleCtx, alert, rule)).id;
  await linkAlert(ruleCtx, alert, incidentId, existing === undefined ? rule : undefined);
  const heldBack = containmentHeldBack(rule, alert);
  if (heldBack) await changeIncident(ruleCtx, incidentId, ({ record }) => record('note_added', { text: heldBack }));
  else await containForRule(ruleCtx, rule, alert, incidentId);
}

/**
 * A person accepts what a rule proposed: the incident is declared by them, the alert and the
 * rule's required actions go on its timeline, and the rule's containment is applied with the
 * rule as actor.
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
    await markAccepted(tx, id, ctx.actor.name, now, incident.id);
    return loadIncident(tx, incident.id, now);
  });
}

function declareFor(ctx: Ctx, alert: AlertRow, rule: TriageRule) {
  return declareForAlert(ctx, alert, {
    type: rule.then.type,
    severity: rule.then.severity,
    title: rule.then.title,
    summary: `Declared by triage rule ${rule.id} from alert ${alert.id}: monitor ${alert.monitor} saw ${alert.signal} at ${round(alert.value)} against a threshold of ${round(alert.threshold)}.`,
  });
}

const round = (value: number) => Number(value.toPrecision(4));
