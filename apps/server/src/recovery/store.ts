import { OPEN_STATUSES } from '@firebreak/core';
import { and, arrayContains, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { incidents, timelineEvents } from '../db/schema';

/** The open incidents on a system whose severity is one of `severities`, oldest first. */
export async function openIncidentsOfSeverity(
  tx: Tx,
  system: string,
  severities: readonly string[],
): Promise<Array<{ id: string; severity: string }>> {
  if (severities.length === 0) return [];
  return tx
    .select({ id: incidents.id, severity: incidents.severity })
    .from(incidents)
    .where(
      and(
        arrayContains(incidents.systems, [system]),
        inArray(incidents.status, [...OPEN_STATUSES]),
        inArray(incidents.severity, [...severities]),
      ),
    )
    .orderBy(asc(incidents.number));
}

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
