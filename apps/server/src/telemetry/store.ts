import type { TelemetryEvent } from '@firebreak/contract';
import { and, arrayContains, asc, gt, gte, lt, lte, sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { LOCKS } from '../db/locks';
import { telemetryBatches } from '../db/schema';

/** Serialises appends to the log, so positions commit in order (see `appendTelemetry`). */

/** The largest row a batch is stored in, as JSON text: larger batches take several rows. */
export const MAX_TELEMETRY_ROW_BYTES = 1024 * 1024;

/**
 * Appends a batch of accepted events to the durable telemetry log, in the caller's transaction.
 * `texts` are the events as JSON when the caller has them already (ingest measured them).
 *
 * A batch is stored in rows of at most `maxRowBytes` of JSON, one statement each, so no single
 * write holds the event loop for the whole of a 16 MiB batch (the driver serialises a value in
 * one go; PGlite writes in-thread). Appends take a transaction-scoped lock: positions (`seq`) are
 * handed out and committed in the same order, so a reader that has seen position n never later
 * finds a smaller one committing behind it (which it would skip for good).
 */
export async function appendTelemetry(
  tx: Tx,
  events: readonly TelemetryEvent[],
  receivedAt: Date,
  texts?: readonly string[],
  options: { maxRowBytes?: number } = {},
): Promise<void> {
  const maxRowBytes = options.maxRowBytes ?? MAX_TELEMETRY_ROW_BYTES;
  const jsons = texts ?? events.map((event) => JSON.stringify(event));
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCKS.telemetryAppend})`);
  let start = 0;
  while (start < events.length) {
    // Lengths in UTF-16 units: close enough to bytes for a bound on work, never an overrun by more than 3×.
    let end = start;
    let size = 2;
    while (end < events.length && (end === start || size + jsons[end]!.length + 1 <= maxRowBytes)) {
      size += jsons[end]!.length + 1;
      end += 1;
    }
    const chunk = events.slice(start, end);
    await tx.insert(telemetryBatches).values({
      receivedAt,
      count: chunk.length,
      systems: [...new Set(chunk.map((event) => event.system))],
      events: `[${jsons.slice(start, end).join(',')}]`,
    });
    start = end;
  }
}

/**
 * The batches after `offset`, oldest first, at most `limit` of them and, when `maxEvents` is
 * given, no more events than that in all (but always the first batch): a reader's memory is
 * bounded by events, not by how the senders happened to batch them.
 */
export async function readTelemetry(
  tx: Tx,
  offset: number,
  limit: number,
  maxEvents?: number,
): Promise<Array<{ seq: number; events: TelemetryEvent[] }>> {
  const rows = await readTelemetryRows(tx, offset, limit, maxEvents);
  return rows.map((row) => ({ seq: row.seq, events: JSON.parse(row.events) as TelemetryEvent[] }));
}

/** As `readTelemetry`, each batch's events left as the JSON text stored, for a reader that parses as it goes. */
export async function readTelemetryRows(
  tx: Tx,
  offset: number,
  limit: number,
  maxEvents?: number,
): Promise<Array<{ seq: number; events: string }>> {
  let last: number | undefined;
  if (maxEvents !== undefined) {
    const counts = await tx
      .select({ seq: telemetryBatches.seq, count: telemetryBatches.count })
      .from(telemetryBatches)
      .where(gt(telemetryBatches.seq, offset))
      .orderBy(asc(telemetryBatches.seq))
      .limit(limit);
    if (counts.length === 0) return [];
    let total = 0;
    for (const row of counts) {
      if (last !== undefined && total + row.count > maxEvents) break;
      total += row.count;
      last = row.seq;
    }
  }
  const rows = await tx
    .select({ seq: telemetryBatches.seq, events: telemetryBatches.events })
    .from(telemetryBatches)
    .where(
      last === undefined
        ? gt(telemetryBatches.seq, offset)
        : and(gt(telemetryBatches.seq, offset), lte(telemetryBatches.seq, last)),
    )
    .orderBy(asc(telemetryBatches.seq))
    .limit(limit);
  return rows;
}

/**
 * What a reader at `offset` has still to read: the events in the batches after it, and when the
 * oldest of them arrived (null when there are none). What detection's lag gauges report.
 */
export async function telemetryBehind(tx: Tx, offset: number): Promise<{ events: number; oldest: Date | null }> {
  const [row] = await tx
    .select({
      events: sql<string | null>`sum(${telemetryBatches.count})`,
      oldest: sql<string | Date | null>`min(${telemetryBatches.receivedAt})`,
    })
    .from(telemetryBatches)
    .where(gt(telemetryBatches.seq, offset));
  const oldest = row?.oldest ?? null;
  return { events: Number(row?.events ?? 0), oldest: oldest === null ? null : new Date(oldest) };
}

/** Deletes raw events received before `before`; returns how many events went. */
export async function pruneTelemetry(tx: Tx, before: Date): Promise<number> {
  const deleted = await tx
    .delete(telemetryBatches)
    .where(lt(telemetryBatches.receivedAt, before))
    .returning({ count: telemetryBatches.count });
  return deleted.reduce((sum, row) => sum + row.count, 0);
}

/** How late an event may arrive after its timestamp and still be found by `telemetryAround`. */
const LATE_ARRIVAL_MS = 6 * 3_600_000;

/**
 * A system's stored events with timestamps in [from, to], oldest first, for replaying an
 * incident. Batches are found by when they arrived (events reach the log within hours of their
 * timestamp) and read a page at a time; at most `maxEvents`, keeping the latest.
 */
export async function telemetryAround(
  tx: Tx,
  system: string,
  from: Date,
  to: Date,
  maxEvents: number,
): Promise<TelemetryEvent[]> {
  const start = from.getTime();
  const end = to.getTime();
  const found: TelemetryEvent[] = [];
  let after = 0;
  for (;;) {
    const rows = await tx
      .select({ seq: telemetryBatches.seq, events: telemetryBatches.events })
      .from(telemetryBatches)
      .where(
        and(
          gt(telemetryBatches.seq, after),
          arrayContains(telemetryBatches.systems, [system]),
          gte(telemetryBatches.receivedAt, new Date(start - 3_600_000)),
          lte(telemetryBatches.receivedAt, new Date(end + LATE_ARRIVAL_MS)),
        ),
      )
      .orderBy(asc(telemetryBatches.seq))
      .limit(200);
    if (rows.length === 0) break;
    for (const row of rows) {
      for (const event of JSON.parse(row.events) as TelemetryEvent[]) {
        if (event.system !== system) continue;
        const at = Date.parse(event.ts);
        if (at >= start && at <= end) found.push(event);
      }
      after = row.seq;
    }
    if (found.length > maxEvents * 2) found.splice(0, found.length - maxEvents);
  }
  found.sort((a, b) => Date.parse(a.ts) - Date.parse(b.ts));
  return found.length > maxEvents ? found.slice(found.length - maxEvents) : found;
}

/** The newest position of the telemetry log (0 when empty): a reader starting now reads after it. */
export async function latestTelemetrySeq(tx: Tx): Promise<number> {
  const [row] = await tx.select({ seq: sql<number | null>`max(${telemetryBatches.seq})` }).from(telemetryBatches);
  return Number(row?.seq ?? 0);
}

/**
 * A system's batches after `offset`, oldest first, at most `limit`, as stored JSON text (events
 * of other systems in a batch are left for the reader to skip).
 */
export async function readSystemTelemetryRows(
  tx: Tx,
  system: string,
  offset: number,
  limit: number,
): Promise<Array<{ seq: number; events: string }>> {
  return tx
    .select({ seq: telemetryBatches.seq, events: telemetryBatches.events })
    .from(telemetryBatches)
    .where(and(gt(telemetryBatches.seq, offset), arrayContains(telemetryBatches.systems, [system])))
    .orderBy(asc(telemetryBatches.seq))
    .limit(limit);
}

/**
 * Copies batches a detection worker consumed from the JetStream log into `telemetry_batches`,
 * in the transaction of the checkpoint that covers them, so PostgreSQL keeps every acknowledged
 * event exactly once for replay, evidence and retention (ADR 42).
 */
export async function archiveTelemetry(
  tx: Tx,
  batches: ReadonlyArray<{ events: string; count: number; systems: string[]; receivedAt: Date }>,
): Promise<void> {
  if (batches.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCKS.telemetryAppend})`);
  for (let start = 0; start < batches.length; start += 100)
    await tx.insert(telemetryBatches).values(
      batches.slice(start, start + 100).map((batch) => ({
        receivedAt: batch.receivedAt,
        count: batch.count,
        systems: batch.systems,
        events: batch.events,
      })),
    );
}
