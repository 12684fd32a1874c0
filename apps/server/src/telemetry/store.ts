import type { TelemetryEvent } from '@firebreak/contract';
import { lt } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { telemetry } from '../db/schema';

const CHUNK = 500;

/** Appends accepted events to the durable telemetry log, in one transaction. */
export async function appendTelemetry(tx: Tx, events: readonly TelemetryEvent[], receivedAt: Date): Promise<void> {
  for (let start = 0; start < events.length; start += CHUNK) {
    const rows = events.slice(start, start + CHUNK).map((event) => ({
      system: event.system,
      ts: new Date(event.ts),
      kind: event.kind,
      eventId: event.id ?? null,
      event: event as unknown as Record<string, unknown>,
      receivedAt,
    }));
    await tx.insert(telemetry).values(rows);
  }
}

/** Deletes raw events received before `before`; returns how many went. */
export async function pruneTelemetry(tx: Tx, before: Date): Promise<number> {
  const deleted = await tx.delete(telemetry).where(lt(telemetry.receivedAt, before)).returning({ seq: telemetry.seq });
  return deleted.length;
}
