import { configure, createEngine, type EngineState, ingest } from '@firebreak/detection';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_TARGETS } from '../test/stores';
import { loadSnapshot, saveSnapshot } from './snapshot-store';

const options = { defaultOwner: 'risk-ml' };

/** An engine that has seen some telemetry, so its state has series, windows and history. */
function engineAfter(events: number): EngineState {
  const state = createEngine([]);
  configure(state, 'fraud-model', null);
  const start = Date.UTC(2026, 10, 24);
  ingest(
    state,
    Array.from({ length: events }, (_, i) => ({
      system: 'fraud-model',
      ts: new Date(start + i * 10_000).toISOString(),
      id: `e-${i}`,
      prediction: i % 7 === 0 ? 'decline' : 'approve',
      confidence: 0.8 + (i % 5) / 100,
      latency_ms: 200 + (i % 11),
      segment: { region: i % 2 === 0 ? 'EU' : 'US' },
      flags: { refusal: i % 50 === 0 },
    })),
    options,
  );
  return state;
}

describe.each(STORE_TARGETS)('the detection snapshot on $name', (target) => {
  let store: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    store = await target.open();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('is empty until the engine is first saved', async () => {
    expect(await loadSnapshot(store.db)).toBeUndefined();
  });

  it('replaces the saved state, offset and time on every save, keeping one row', async () => {
    const first = engineAfter(100);
    await saveSnapshot(store.db, first, 3, new Date('2026-11-24T10:00:00Z'));
    const second = engineAfter(400);
    await saveSnapshot(store.db, second, 9, new Date('2026-11-24T11:00:00Z'));

    const loaded = await loadSnapshot(store.db);
    expect(loaded?.offset).toBe(9);
    // Snapshot-exact: what comes back is what was saved, to the last number.
    expect(loaded?.state).toEqual(JSON.parse(JSON.stringify(second)));
    const rows = await store.db.execute(sql`select count(*)::int as n, max(saved_at) as at from detection_snapshots`);
    const [row] = (rows as unknown as { rows: Array<{ n: number; at: Date | string }> }).rows;
    expect(row?.n).toBe(1);
    expect(new Date(row!.at).toISOString()).toBe('2026-11-24T11:00:00.000Z');
  });

  it('gives back the saved state as it was written, key order included (json, not jsonb: migration 0015)', async () => {
    const state = engineAfter(200);
    await saveSnapshot(store.db, state, 11, new Date('2026-11-24T10:30:00Z'));
    const loaded = await loadSnapshot(store.db);
    // jsonb reordered every object's keys (shortest first), so a restarted engine walked its
    // series in another order than the engine that saved them.
    expect(JSON.stringify(loaded?.state)).toBe(JSON.stringify(state));
  });

  it('saves inside the caller transaction, so a rollback keeps the previous snapshot', async () => {
    const before = await loadSnapshot(store.db);
    await expect(
      store.db.transaction(async (tx) => {
        await saveSnapshot(tx, engineAfter(10), 42, new Date('2026-11-24T12:00:00Z'));
        throw new Error('alert write failed');
      }),
    ).rejects.toThrow('alert write failed');
    expect((await loadSnapshot(store.db))?.offset).toBe(before?.offset);
  });

  it('stores the log and the snapshot lz4-compressed where the server has lz4 (migrations 0011 and 0014)', async () => {
    const result = await store.db.execute(
      sql`select attrelid::regclass::text as "table", attcompression as compression from pg_attribute
          where (attrelid, attname) in (('telemetry_batches'::regclass, 'events'), ('detection_snapshots'::regclass, 'state'))`,
    );
    const rows = (result as unknown as { rows: Array<{ table: string; compression: string }> }).rows;
    // PostgreSQL 15 on Debian is built with lz4 ('l'); PGlite is not and keeps the default ('').
    const expected = target.name === 'postgres' ? 'l' : '';
    expect(rows.map((row) => row.compression)).toEqual([expected, expected]);
  });
});
