import type { Alert } from '@firebreak/contract';
import { lazy, Suspense } from 'react';
import { Loading } from '../../ui/states';

// The charting library loads with the first chart, not with the war room.
const Charts = lazy(() => import('./alert-charts').then((module) => ({ default: module.AlertCharts })));

/** An alert's charts, loaded on first use. */
export function LazyAlertCharts({ alert }: { alert: Alert }) {
  return (
    <Suspense fallback={<Loading what="charts" />}>
      <Charts alert={alert} />
    </Suspense>
  );
}
