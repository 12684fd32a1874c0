import type { ChainedEntry, TimelineKind } from '@firebreak/core';
import type { Ctx } from '../context';
import { recordOnIncidents } from '../controls/commit';
import type { Tx } from '../db/connect';
import type { CanaryRunRow } from './store';

/**
 * Puts an entry about a canary on the timeline of the incident it serves; with `openIncidents`
 * and no incident named, on every incident open on the system (an abort is containment,
 * responders must see it). Inside the caller's transaction; announce the entries after commit.
 */
export async function recordCanary(
  ctx: Ctx,
  tx: Tx,
  run: CanaryRunRow,
  kind: TimelineKind,
  payload: Record<string, unknown>,
  options: { openIncidents?: boolean } = {},
): Promise<ChainedEntry[]> {
  if (!run.incidentId && !options.openIncidents) return [];
  return recordOnIncidents(ctx, tx, run.system, run.incidentId, kind, () => ({
    run: run.id,
    key: run.key,
    baseline: run.baseline,
    candidate: run.candidate,
    step: run.step,
    percent: run.steps[run.step]?.percent ?? null,
    ...payload,
  }));
}
