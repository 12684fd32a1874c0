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
  // A drill's alert meets the rules as its real system's would (ADR 37): `<system>-drill-<n>`
  // matches what names `<system>`; the alerts a composite rule looks at stay the drill's own.
  const system = realSystem(alert);
  const seen = { ...alert, system };
  for (const rule of rules) {
    if (matchesAlert(rule, seen)) return rule;
    if (isComposite(rule)) {
      const since = new Date(alert.openedAt.getTime() - compositeWindowMs(rule));
      const recent = (await recentAlerts(tx, alert.system, since)).filter((other) => other.id !== alert.id);
      if (
        matchesComposite(
          rule,
          seen,
          recent.map((other) => ({ ...other, system })),
        )
      )
        return rule;
    }
  }
  return undefined;
}

/** The system an alert speaks for: its own, or for a drill's exercise space, the real one it copies. */
export function realSystem(alert: Pick<AlertRow, 'system' | 'exerciseId'>): string {
  if (!alert.exerciseId) return alert.system;
  const suffix = `-drill-${alert.exerciseId.replace(/^DRL-/, '')}`;
  return alert.system.endsWith(suffix) ? alert.system.slice(0, -suffix.length) : alert.system;
}

/**
 * The open incident a rule already has on the system: one it declared, or the one that took over
 * an incident it declared when that was merged as a duplicate (docs/adr/0018), so the next alert
 * joins the incident being worked instead of declaring the duplicate again.
 */
export function openIncidentOfRule(tx: Tx, ruleId: string, system: string): Promise<string | undefined> {
  return openIncidentDeclaredBy(tx, `rule:${ruleId}`, system);
}
