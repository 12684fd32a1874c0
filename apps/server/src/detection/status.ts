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
 * Monitor status from the running engine when this server runs detection; otherwise from what
 * was saved last: the workers' partition checkpoints on an API replica of the scaled-out layout
 * (ADR 42), or the snapshot the embedded runtime last saved (at most its snapshot interval old).
 * A store that ran both (an embedded server before the move to workers, or the other way round)
 * has both; the newer one is what runs now.
 */
export async function statusReader(db: Tx, live: LiveDetection | undefined): Promise<StatusReader> {
  const running = live?.monitorStatus?.bind(live);
  if (running) return { live: true, of: running };
  const snapshot = await loadSnapshot(db);
  const partitions = (await partitionStates(db)).filter((row) => row.state !== null && row.savedAt !== null);
  const newestPartition = Math.max(-Infinity, ...partitions.map((row) => row.savedAt!.getTime()));
  if (snapshot && snapshot.savedAt.getTime() >= newestPartition) {
    return { live: false, of: (system) => monitorStatus(snapshot.state, system) };
  }
  // Scaled out: a system's monitors are in one partition's checkpoint.
  const states = partitions.map((row) => row.state!);
  return {
    live: false,
    of: (system) => {
      const state = states.find((candidate) => candidate.systems[system] !== undefined);
      return state ? monitorStatus(state, system) : [];
    },
  };
}
