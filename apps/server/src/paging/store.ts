import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { acknowledgeLinkUses, escalationFirings, incidents } from '../db/schema';

/** Claims one escalation firing; false when it was carried out before (by this server or another). */
export async function claimFiring(
  tx: Tx,
  firing: { key: string; incidentId: string; policy: string; at: Date },
): Promise<boolean> {
  const inserted = await tx
    .insert(escalationFirings)
    .values({ key: firing.key, incidentId: firing.incidentId, policy: firing.policy, firedAt: firing.at })
    .onConflictDoNothing()
    .returning({ key: escalationFirings.key });
  return inserted.length > 0;
}

/** The keys of an incident's escalation firings carried out so far. */
export async function firedKeys(tx: Tx, incidentId: string): Promise<string[]> {
  const rows = await tx
    .select({ key: escalationFirings.key })
    .from(escalationFirings)
    .where(eq(escalationFirings.incidentId, incidentId));
  return rows.map((row) => row.key);
}

/** Marks an acknowledge link used; false when it had been used already. */
export async function useAckLink(
  tx: Tx,
  use: { nonce: string; subject: string; person: string; at: Date },
): Promise<boolean> {
  const inserted = await tx
    .insert(acknowledgeLinkUses)
    // incident_id holds the subject: an incident, or an alert no incident held.
    .values({ nonce: use.nonce, incidentId: use.subject, person: use.person, usedAt: use.at })
    .onConflictDoNothing()
    .returning({ nonce: acknowledgeLinkUses.nonce });
  return inserted.length > 0;
}

/** When and by whom a link was used, for the page that says it already was. */
export async function ackLinkUse(tx: Tx, nonce: string) {
  const [row] = await tx.select().from(acknowledgeLinkUses).where(eq(acknowledgeLinkUses.nonce, nonce));
  return row;
}

const WORKED = ['triage', 'active', 'contained', 'recovering'];

/** The ids of the incidents still being worked, oldest first: the ones escalation and reminders look at. */
export async function workedIncidentIds(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(inArray(incidents.status, WORKED)))
    .orderBy(asc(incidents.number));
  return rows.map((row) => row.id);
}
