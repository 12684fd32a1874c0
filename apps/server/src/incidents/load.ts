import type { Incident } from '@firebreak/contract';
import type { Tx } from '../db/connect';
import { readMetricEvents } from '../timeline/store';
import { presentIncident } from './presenter';
import { currentRoles, findIncident, type IncidentRow } from './store';

/** Reads one incident as the API shows it. */
export async function loadIncident(tx: Tx, id: string, now: Date): Promise<Incident> {
  const row = await findIncident(tx, id);
  const [presented] = await presentRows(tx, [row], now);
  return presented!;
}

/** Presents many incident rows with two further queries, not two per incident. */
export async function presentRows(tx: Tx, rows: readonly IncidentRow[], now: Date): Promise<Incident[]> {
  const ids = rows.map((row) => row.id);
  const [roles, events] = await Promise.all([currentRoles(tx, ids), readMetricEvents(tx, ids)]);
  return rows.map((row) => presentIncident(row, roles.get(row.id) ?? [], events.get(row.id) ?? [], now));
}
