import type { Verdict } from '../detector';
import type { Aggregate } from './aggregate';
import type { MonitorSpec } from './monitor';

/**
 * A detector as the engine runs it: it judges whole windows of one signal. `judge` returns no
 * verdict while the reference period is still filling. State is plain data.
 */
export interface WindowDetector<State = unknown> {
  create(spec: MonitorSpec): State;
  judge(state: State, window: Aggregate, spec: MonitorSpec): { state: State; verdict: Verdict | null };
}
