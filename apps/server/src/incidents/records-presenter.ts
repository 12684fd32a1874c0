import type { Decision, Evidence, StatusUpdate } from '@firebreak/contract';
import type { DecisionRow, EvidenceRow, StatusUpdateRow } from './records-store';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function presentDecision(row: DecisionRow): Decision {
  return { ...row, decidedAt: row.decidedAt.toISOString() };
}

export function presentEvidence(row: EvidenceRow): Evidence {
  return {
    ...row,
    kind: row.kind as Evidence['kind'],
    storage: row.storage as Evidence['storage'],
    windowStart: iso(row.windowStart),
    windowEnd: iso(row.windowEnd),
    addedAt: row.addedAt.toISOString(),
  };
}

export function presentStatusUpdate(row: StatusUpdateRow): StatusUpdate {
  return {
    ...row,
    audience: row.audience as StatusUpdate['audience'],
    incidentStatus: row.incidentStatus as StatusUpdate['incidentStatus'],
    severity: row.severity as StatusUpdate['severity'],
    nextUpdateAt: iso(row.nextUpdateAt),
    postedAt: row.postedAt.toISOString(),
  };
}
