import type { CanaryRun } from '@firebreak/contract';
import { canary } from '@firebreak/detection';
import { evidenceOf } from './evidence';
import type { CanaryRunRow } from './store';

/** A run as the API shows it, with the evidence behind its verdicts. */
export function presentCanaryRun(row: CanaryRunRow): CanaryRun {
  return {
    id: row.id,
    key: row.key,
    system: row.system,
    target: row.target,
    baseline: row.baseline,
    candidate: row.candidate,
    stickyBy: row.stickyBy,
    state: row.state as CanaryRun['state'],
    plan: row.plan,
    step: row.step,
    signals: row.signals,
    signalSettings: Object.fromEntries(
      row.signals.map((signal) => [signal, canary.resolveSignalSettings(signal, row.signalSettings[signal])]),
    ),
    segmentBy: row.segmentBy,
    startedAt: row.startedAt.toISOString(),
    startedBy: row.startedBy,
    reason: row.reason,
    incidentId: row.incidentId,
    endedAt: row.endedAt?.toISOString() ?? null,
    endedBy: row.endedBy,
    endReason: row.endReason,
    steps: row.steps,
    evidence: evidenceOf(row),
  };
}
