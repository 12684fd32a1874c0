import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { alertNumbers, alerts } from '../db/schema';
import { nextval } from '../db/sequence';

// The demo's quarter of history is numbered in its own block (INC-901…, ACT-901…) so the numbers
// the README tour gives (INC-2, ALR-1, ACT-4, OB-1) stay true after it is seeded (ADR 38).

export interface SequenceValue {
  name: string;
  value: number | null;
}

/**
 * The sequences of public numbers (`incident_number_seq`, `action_number_seq`…) and the last
 * number each handed out (null: none yet). Internal ids and orderings (timeline ids, change and
 * telemetry offsets) are not among them and keep counting.
 */
export async function sequenceValues(tx: Tx): Promise<SequenceValue[]> {
  const result = (await tx.execute(
    sql`select sequencename as name, last_value as value from pg_sequences where schemaname = current_schema() and right(sequencename, 11) = '_number_seq'`,
  )) as { rows: Array<{ name: string; value: string | number | null }> };
  return result.rows.map((row) => ({ name: row.name, value: row.value === null ? null : Number(row.value) }));
}

/** Sets each sequence so its next number follows `value` (or is 1 when `value` is null). */
export async function setSequences(tx: Tx, values: readonly SequenceValue[]): Promise<void> {
  for (const { name, value } of values) {
    if (value === null) await tx.execute(sql`select setval(${name}::regclass, 1, false)`);
    else await tx.execute(sql`select setval(${name}::regclass, ${value}, true)`);
  }
}

/**
 * A past alert as the engine would have recorded it, resolved (what people did with it follows
 * through the alert services). Its fingerprint is the history's own, so dismissing it teaches no
 * live series (ADR 38).
 */
export async function insertPastAlert(
  tx: Tx,
  alert: { system: string; monitor: string; signal: string; owner: string; openedAt: Date; onset: Date },
): Promise<string> {
  const id = `ALR-${await nextval(tx, alertNumbers)}`;
  await tx.insert(alerts).values({
    id,
    fingerprint: `history:${alert.system}/${alert.monitor}/${id}`,
    system: alert.system,
    monitor: alert.monitor,
    signal: alert.signal,
    detector: 'rate',
    segment: null,
    level: 'page',
    status: 'resolved',
    openedAt: alert.openedAt,
    onset: alert.onset,
    lastAt: alert.openedAt,
    resolvedAt: new Date(alert.openedAt.getTime() + 30 * 60_000),
    value: 1,
    threshold: 0,
    score: 1,
    owner: alert.owner,
    runbook: null,
    evidence: {},
  });
  return id;
}
