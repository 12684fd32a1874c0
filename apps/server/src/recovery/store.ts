import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { canaryRuns, timelineEvents } from '../db/schema';

/** An incident's recovery checks as they went on its timeline, oldest first. */
export async function recoveryEntries(
  tx: Tx,
  incidentId: string,
): Promise<Array<{ at: Date; actor: string; payload: Record<string, unknown> }>> {
  return tx
    .select({ at: timelineEvents.at, actor: timelineEvents.actor, payload: timelineEvents.payload })
    .from(timelineEvents)
    .where(and(eq(timelineEvents.incidentId, incidentId), eq(timelineEvents.kind, 'recovery_checked')))
    .orderBy(asc(timelineEvents.seq));
}

/**
 * Canary runs on routes of these systems started at or after `since`, oldest first: what a
 * recovery gate's canary item reads (the runs themselves are the canary domain's).
 */
export async function canaryRunsSince(
  tx: Tx,
  systems: readonly string[],
  since: Date,
): Promise<Array<Pick<typeof canaryRuns.$inferSelect, 'id' | 'key' | 'candidate' | 'baseline' | 'state' | 'steps'>>> {
  if (systems.length === 0) return [];
  return tx
    .select({
      id: canaryRuns.id,
      key: canaryRuns.key,
      candidate: canaryRuns.candidate,
      baseline: canaryRuns.baseline,
      state: canaryRuns.state,
      steps: canaryRuns.steps,
    })
    .from(canaryRuns)
    .where(and(inArray(canaryRuns.system, [...systems]), gte(canaryRuns.startedAt, since)))
    .orderBy(asc(canaryRuns.startedAt))
    .limit(200);
}
