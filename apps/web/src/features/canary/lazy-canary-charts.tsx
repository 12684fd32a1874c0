import type { CanaryEvidence } from '@firebreak/contract';
import { lazy, Suspense } from 'react';
import { Loading } from '../../ui/states';

// The charting library loads with the first chart, not with the war room.
const Charts = lazy(() => import('./canary-chart').then((module) => ({ default: module.CanaryCharts })));

/** A canary's evidence as charts of candidate against baseline, loaded on first use. */
export function LazyCanaryCharts({ evidence }: { evidence: CanaryEvidence }) {
  return (
    <Suspense fallback={<Loading what="chart" />}>
      <Charts evidence={evidence} />
    </Suspense>
  );
}
