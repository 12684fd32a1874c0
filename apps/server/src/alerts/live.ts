import type { MonitorStatus } from '@firebreak/detection';
import type { LiveSeriesSource } from './series';
import type { TuningSink } from './tuning';

/**
 * What the routes may ask of the running detection engine: a series' windows (charts), where
 * each monitor of a system stands, and a dismissal's lesson applied at once. The detection
 * runtime implements all of it; an app without one answers from the database and the last
 * snapshot, and the runtime picks tunings up from the log on its next step.
 */
export interface LiveDetection extends LiveSeriesSource, Partial<TuningSink> {
  monitorStatus?(system: string): MonitorStatus[];
  /** False until the runtime has loaded its snapshot: `GET /readyz` waits for it. */
  readonly loaded?: boolean;
}
