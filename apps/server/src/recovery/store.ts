import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { timelineEvents } from '../db/schema';

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
