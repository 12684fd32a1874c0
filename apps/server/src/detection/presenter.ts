import type { Alert } from '@firebreak/contract';
import type { AlertRow } from './alerts-store';

export function presentAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    fingerprint: row.fingerprint,
    system: row.system,
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
    dismissed: row.dismissedBy && row.dismissedAt ? { by: row.dismissedBy, at: row.dismissedAt.toISOString(), reason: row.dismissReason ?? '' } : null,
    suppressedUntil: row.suppressedUntil?.toISOString() ?? null,
  };
}
