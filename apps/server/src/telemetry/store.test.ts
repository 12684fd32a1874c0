import type { TelemetryEvent } from '@firebreak/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_TARGETS } from '../test/stores';
import { appendTelemetry, readTelemetry } from './store';

const event = (id: string, prediction = 'ok'): TelemetryEvent =>
  ({ system: 'fraud-model', ts: '2026-11-24T10:00:00.000Z', id, prediction }) as TelemetryEvent;

describe.each(STORE_TARGETS)('the telemetry log on $name', (target) => {
  let store: Awaited<ReturnType<typeof target.open>>;
  beforeAll(async () => {
    store = await target.open();
  });
  afterAll(async () => {
    await store?.close();
  });

  // PGlite runs one transaction at a time, so there the order holds by construction (and this
  // test, which holds one transaction open while reading, would wait on itself).
  it.skipIf(target.name === 'pglite')('never lets a reader pass a batch that is still being written', async () => {
    // A reader that saw a later batch before an earlier one committed would move its offset past
    // the earlier one and never read it: appends must commit in the order of their positions.
    const before = (await readTelemetry(store.db, 0, 1_000)).at(-1)?.seq ?? 0;
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let firstWritten!: () => void;
    const written = new Promise<void>((resolve) => {
      firstWritten = resolve;
    });
    const slow = store.db.transaction(async (tx) => {
      await appendTelemetry(tx, [event('slow')], new Date());
      firstWritten();
      await held;
    });
    await written;
    const fast = store.db.transaction((tx) => appendTelemetry(tx, [event('fast')], new Date()));
    await Promise.race([fast, new Promise((resolve) => setTimeout(resolve, 300))]);
    const seen = (await readTelemetry(store.db, before, 1_000)).flatMap((batch) => batch.events.map((e) => e.id));
    release();
    await Promise.all([slow, fast]);
    expect(seen).not.toEqual(['fast']);
    const all = (await readTelemetry(store.db, before, 1_000)).flatMap((batch) => batch.events.map((e) => e.id));
    expect(all).toEqual(['slow', 'fast']);
  });

  it('stores a large batch as rows of bounded size, read back whole and in order', async () => {
    const before = (await readTelemetry(store.db, 0, 1_000)).at(-1)?.seq ?? 0;
    const big = 'x'.repeat(10_000);
    const events = Array.from({ length: 300 }, (_, i) => event(`big-${i}`, big));
    await store.db.transaction((tx) => appendTelemetry(tx, events, new Date(), undefined, { maxRowBytes: 1_000_000 }));
    const batches = await readTelemetry(store.db, before, 1_000);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    for (const batch of batches) expect(JSON.stringify(batch.events).length).toBeLessThanOrEqual(1_000_000);
    expect(batches.flatMap((batch) => batch.events.map((e) => e.id))).toEqual(events.map((e) => e.id));
  });
});
