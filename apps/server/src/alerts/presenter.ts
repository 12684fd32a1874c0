import type { ALERT_CHANGES, Alert, LiveEvent } from '@firebreak/contract';
import type { AlertRow } from './store';

export type AlertChange = (typeof ALERT_CHANGES)[number];

/** The API's view of an alert row. */
export function presentAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    system: row.system,
    exercise: row.exerciseId,
    monitor: row.monitor,
    signal: row.signal,
    detector: row.detector,
    segment: row.segment ?? null,
    level: row.level as Alert['level'],
    status: row.status as Alert['status'],
    openedAt: row.openedAt.toISOString(),
    onset: row.onset.toISOString(),
    lastAt: row.lastAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    value: row.value,
    threshold: row.threshold,
    score: row.score,
    owner: row.owner,
    runbook: row.runbook,
    evidence: row.evidence,
    incidentId: row.incidentId,
    acknowledged:
      row.acknowledgedBy && row.acknowledgedAt
        ? { by: row.acknowledgedBy, at: row.acknowledgedAt.toISOString() }
        : null,
    dismissed:
      row.dismissedBy && row.dismissedAt
        ? { by: row.dismissedBy, at: row.dismissedAt.toISOString(), reason: row.dismissReason ?? '' }
        : null,
    suppressedUntil: row.suppressedUntil?.toISOString() ?? null,
  };
}

/** The live event that tells open screens an alert changed (they re-read it). */
export function alertChanged(row: AlertRow, change: AlertChange): Extract<LiveEvent, { type: 'alert' }> {
  return { type: 'alert', alertId: row.id, system: row.system, change, incidentId: row.incidentId };
}
