import type { CanaryEvidence, TimelineEntry } from '@firebreak/contract';
import { LazyCanaryCharts } from './lazy-canary-charts';

/** A canary entry's evidence, as the server writes it (old or odd payloads show no chart). */
function isEvidence(value: unknown): value is CanaryEvidence {
  return typeof value === 'object' && value !== null && Array.isArray((value as { series?: unknown }).series);
}

/** Below a canary abort on the timeline: its evidence chart, one click away; nothing for other entries. */
export function CanaryEntryChart({ entry }: { entry: TimelineEntry }) {
  if (entry.kind !== 'canary_aborted' || !isEvidence(entry.payload.evidence)) return null;
  return (
    <details className="timeline-chart">
      <summary>Chart: candidate against baseline</summary>
      <LazyCanaryCharts evidence={entry.payload.evidence} />
    </details>
  );
}
