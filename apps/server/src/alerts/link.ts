import { durationMs, type Incident, type TriageRule } from '@firebreak/contract';
import type { Ctx } from '../context';
import { changeIncident } from '../incidents/change';
import { declareIncident } from '../incidents/declare';
import { type AlertRow, updateAlert } from './store';

/** Puts an alert on an incident's timeline, with the rule's required actions when it declared it. */
export async function linkAlert(
  ctx: Ctx,
  alert: AlertRow,
  incidentId: string,
  rule?: TriageRule,
  how: { attachedBy?: string; reason?: string | null } = {},
): Promise<void> {
  await changeIncident(ctx, incidentId, async ({ tx, at, record }) => {
    await updateAlert(tx, alert.id, { incidentId });
    await record('alert_linked', {
      alertId: alert.id,
      system: alert.system,
      monitor: alert.monitor,
      signal: alert.signal,
      segment: alert.segment,
      level: alert.level,
      openedAt: alert.openedAt.toISOString(),
      onset: alert.onset.toISOString(),
      value: alert.value,
      threshold: alert.threshold,
      owner: alert.owner,
      runbook: alert.runbook,
      ...how,
    });
    if (rule) {
      const actions = rule.then.actions.map((a) => ({
        action: a.action,
        role: a.role ?? null,
        due: new Date(at.getTime() + durationMs(a.within)).toISOString(),
      }));
      await record('rule_applied', {
        rule: rule.id,
        description: rule.description ?? null,
        actions,
        notify: rule.then.notify,
      });
    }
  });
}

/**
 * Declares an incident for an alert: detected when the alert opened and begun at its estimated
 * onset (both clamped to now: telemetry clocks run ahead sometimes, and an incident is never
 * detected in our future). Rules, proposals and people opening an incident from an alert all
 * come through here.
 */
export function declareForAlert(
  ctx: Ctx,
  alert: AlertRow,
  decision: {
    type: Incident['type'];
    severity: Incident['severity'];
    title?: string | undefined;
    summary?: string | undefined;
  },
) {
  const now = ctx.now();
  const detectedAt = alert.openedAt < now ? alert.openedAt : now;
  const onsetAt = alert.onset < detectedAt ? alert.onset : detectedAt;
  const segment = alert.segment
    ? ` (${Object.entries(alert.segment)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')})`
    : '';
  return declareIncident({
    ctx,
    input: {
      title: decision.title ?? `${alert.signal} ${alert.level} on ${alert.system}${segment}`,
      ...(decision.summary ? { summary: decision.summary } : {}),
      type: decision.type,
      severity: decision.severity,
      systems: [alert.system],
      nearMiss: false,
      detectedAt: detectedAt.toISOString(),
      onsetAt: onsetAt.toISOString(),
    },
  });
}
