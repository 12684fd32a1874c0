import { type MonitorStatus, monitorStatus } from '@firebreak/detection';
import type { LiveDetection } from '../alerts/live';
import type { Tx } from '../db/connect';
import { partitionStates } from './partition-store';
import { loadSnapshot } from './snapshot-store';

/** Where each monitor of a system stands, read once per request. */
export interface StatusReader {
  /** true: the running engine's state; false: its last saved snapshot (or nothing yet). */
  live: boolean;
  of(system: string): MonitorStatus[];
}

/**
 * Monitor status from the running engine when this server runs detection, otherwise from the
 * snapshot the runtime last saved (at most its snapshot interval old), so a server that runs
 * no detection, or a test without a runtime, still answers; on an API replica of the scaled-out
 * layout, from the detection workers' partition checkpoints.
 */
export async function statusReader(db: Tx, live: LiveDetection | undefined): Promise<StatusReader> {
  const running = live?.monitorStatus?.bind(live);
  if (running) return { live: true, of: running };
  const snapshot = await loadSnapshot(db);
  if (snapshot) return { live: false, of: (system) => monitorStatus(snapshot.state, system) };
  // Scaled out (ADR 42): the workers' partition checkpoints; a system's monitors are in one of them.
  const states = (await partitionStates(db)).flatMap((row) => (row.state ? [row.state] : []));
  return {
    live: false,
    of: (system) => {
      const state = states.find((candidate) => candidate.systems[system] !== undefined);
      return state ? monitorStatus(state, system) : [];
    },
  };
}
