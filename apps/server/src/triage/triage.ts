import type { TriageRule } from '@firebreak/contract';
import { compositeWindowMs, isComposite, matchesAlert, matchesComposite } from '@firebreak/core';
import { type AlertRow, recentAlerts } from '../alerts/store';
import type { Tx } from '../db/connect';
import { openIncidentDeclaredBy } from '../incidents/store';

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
export function openIncidentOfRule(tx: Tx, ruleId: string, system: string): Promise<string | undefined> {
  return openIncidentDeclaredBy(tx, `rule:${ruleId}`, system);
}
