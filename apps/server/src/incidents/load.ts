import type { Incident } from '@firebreak/contract';
import { DEFAULT_UPDATE_CADENCE } from '@firebreak/core';
import type { Tx } from '../db/connect';
import { currentDirectory } from '../oncall/store';
import { lastStatusUpdates, readMetricEvents } from '../timeline/store';
import { presentIncident } from './presenter';
import { currentRoles, findIncident, type IncidentRow, pendingObligations } from './store';

/** Reads one incident as the API shows it. */
export async function loadIncident(tx: Tx, id: string, now: Date): Promise<Incident> {
  const row = await findIncident(tx, id);
  const [presented] = await presentRows(tx, [row], now);
  return presented!;
}

/** Presents many incident rows with a few further queries, not a few per incident. */
export async function presentRows(tx: Tx, rows: readonly IncidentRow[], now: Date): Promise<Incident[]> {
  const ids = rows.map((row) => row.id);
  // In sequence: PGlite has one connection, and a transaction's queries run one at a time anyway.
  const roles = await currentRoles(tx, ids);
  const events = await readMetricEvents(tx, ids);
  const updates = await lastStatusUpdates(tx, ids);
  const clocks = await pendingObligations(tx, ids);
  const { directory } = await currentDirectory(tx);
  const cadence = directory.notifications?.updateCadence ?? DEFAULT_UPDATE_CADENCE;
  return rows.map((row) =>
    presentIncident(
      row,
      roles.get(row.id) ?? [],
      events.get(row.id) ?? [],
      now,
      {
        lastUpdateAt: updates.get(row.id) ?? null,
        cadence,
      },
      clocks.get(row.id) ?? [],
    ),
  );
}
