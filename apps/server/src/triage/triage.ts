import type { TriageRule } from '@firebreak/contract';
import { compositeWindowMs, isComposite, matchesAlert, matchesComposite, OPEN_STATUSES } from '@firebreak/core';
import { and, arrayContains, desc, eq, inArray, sql } from 'drizzle-orm';
import { type AlertRow, recentAlerts } from '../alerts/store';
import type { Tx } from '../db/connect';
import { incidents, timelineEvents } from '../db/schema';

/** The first rule that matches the alert, alone or with the system's recent alerts (a composite rule). */
export async function firstMatch(
  tx: Tx,
  alert: AlertRow,
  rules: readonly TriageRule[],
): Promise<TriageRule | undefined> {
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
export async function openIncidentOfRule(tx: Tx, ruleId: string, system: string): Promise<string | undefined> {
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
