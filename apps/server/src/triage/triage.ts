import type { TriageRule } from '@firebreak/contract';
import { compositeWindowMs, isComposite, matchesAlert, matchesComposite, OPEN_STATUSES } from '@firebreak/core';
import { and, arrayContains, desc, eq, inArray, sql } from 'drizzle-orm';
import { declareForAlert, linkAlert } from '../alerts/link';
import { type AlertRow, recentAlerts } from '../alerts/store';
import type { Ctx } from '../context';
import { containmentHeldBack } from '../controls/auto-containment';
import { containForRule } from '../controls/contain';
import type { Tx } from '../db/connect';
import { incidents, proposalNumbers, timelineEvents, triageProposals } from '../db/schema';
import { nextval } from '../db/sequence';
import { changeIncident } from '../incidents/change';

/**
 * Applies the first triage rule that matches a new (or newly paging) alert: declares the
 * incident, or links the alert to the open incident that rule already declared for the
 * system, or opens a triage proposal for a person. Every decision is on the incident's
 * timeline with the rule as actor.
 */
export async function triageAlert(ctx: Ctx, tx: Tx, alert: AlertRow, rules: readonly TriageRule[]): Promise<void> {
  const rule = await firstMatch(tx, alert, rules);
  if (!rule) return;
  if (!rule.then.declare) {
    await tx
      .insert(triageProposals)
      .values({
        id: `TRI-${await nextval(tx, proposalNumbers)}`,
        alertId: alert.id,
        ruleId: rule.id,
        decision: rule.then as unknown as Record<string, unknown>,
        status: 'open',
        createdAt: ctx.now(),
      })
      .onConflictDoNothing();
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

async function firstMatch(tx: Tx, alert: AlertRow, rules: readonly TriageRule[]): Promise<TriageRule | undefined> {
  for (const rule of rules) {
    if (matchesAlert(rule, alert)) return rule;
    if (isComposite(rule)) {
      const since = new Date(alert.openedAt.getTime() - compositeWindowMs(rule));
      const recent = (await recentAlerts(tx, alert.system, since)).filter((other) => other.id !== alert.id);
      if (matchesComposite(rule, alert, recent)) return rule;
    }
  }
  return undefined;
}

/**
 * The open incident a rule already has on the system: one it declared, or the one that took over
 * an incident it declared when that was merged as a duplicate (docs/adr/0018), so the next alert
 * joins the incident being worked instead of declaring the duplicate again.
 */
async function openIncidentOfRule(tx: Tx, ruleId: string, system: string): Promise<string | undefined> {
  const declared = and(eq(incidents.declaredBy, `rule:${ruleId}`), arrayContains(incidents.systems, [system]));
  const open = inArray(incidents.status, [...OPEN_STATUSES]);
  const [own] = await tx.select({ id: incidents.id }).from(incidents).where(and(declared, open)).limit(1);
  if (own) return own.id;
  const [survivor] = await tx
    .select({ id: incidents.id })
    .from(incidents)
    .innerJoin(timelineEvents, eq(timelineEvents.incidentId, incidents.id))
    .where(
      and(
        open,
        eq(timelineEvents.kind, 'duplicate_merged'),
        inArray(
          sql`${timelineEvents.payload}->>'from'`,
          tx.select({ id: incidents.id }).from(incidents).where(declared),
        ),
      ),
    )
    .orderBy(desc(incidents.number))
    .limit(1);
  return survivor?.id;
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
