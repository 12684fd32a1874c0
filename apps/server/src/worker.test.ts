import { createEngine } from '@firebreak/detection';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, telemetryBatches } from './db/schema';
import { saveSnapshot } from './detection/snapshot-store';
import { partitionOf } from './telemetry/jetstream';
import { BASE, clock, openScaledGroup, piiCard, postgres, type ScaledGroup, silent, until } from './test/scale-out';
import { startWorker } from './worker';

const ADMIN = 'scale-out-admin-token';
const SYSTEMS = Array.from({ length: 12 }, (_, i) => `sys-${i}`);
const card = piiCard;

/**
 * Round r: five events per system, in minute r; system i leaks PII once, in round 1 + 2i, and
 * later rounds close that window by event time.
 */
const round = (r: number) =>
  SYSTEMS.flatMap((system, i) =>
    Array.from({ length: 5 }, (_, k) => ({
      system,
      ts: new Date(BASE + r * 60_000 + k * 1_000).toISOString(),
      id: `${system}-${r}-${k}`,
      flags: { pii: r === 1 + 2 * i && k === 0 },
    })),
  );

describe.skipIf(!postgres)('scaled-out detection on PostgreSQL and NATS JetStream', () => {
  let group: ScaledGroup;
  let store: ScaledGroup['store'];
  let nats: ScaledGroup['nats'];
  let workers: ScaledGroup['workers'];
  const api = (method: string, path: string, body?: unknown) => group.api(method, path, body);

  beforeAll(async () => {
    group = await openScaledGroup({ admin: ADMIN, partitions: 8 });
    ({ store, nats, workers } = group);
    const applied = await api('POST', '/api/v1/systems/apply', { systems: SYSTEMS.map(card) });
    expect(applied.status).toBe(200);
  }, 60_000);

  afterAll(() => group?.close(), 60_000);

  it('keeps every acknowledged event exactly once and raises each alert once when a worker dies mid-stream', async () => {
    const start = (id: string) =>
      startWorker({ databaseUrl: store.url!, nats, id, leaseMs: 1_500, logger: silent, now: clock });
    workers.push(await start('w1'), await start('w2'), await start('w3'));
    // Each takes its fair share (8 partitions, 3 workers: at most 3 each) and together all of them.
    // A worker that started first may claim more than its share before the others announce
    // themselves; it hands the surplus back once it sees them.
    const shares = await until('the partitions to be shared fairly', async () => {
      const owned = workers.map((worker) => worker.owned());
      return owned.flat().length === 8 && owned.every((o) => o.length <= 3) ? owned : undefined;
    });
    for (const owned of shares) expect(owned.length).toBeLessThanOrEqual(3);

    let acknowledged = 0;
    for (let r = 0; r < 30; r++) {
      if (r === 12) {
        // Died without a last checkpoint or a release, as kill -9 leaves it.
        await workers[0]!.kill();
      }
      const sent = await api('POST', '/api/v1/telemetry', round(r));
      expect(sent.status).toBe(202);
      acknowledged += sent.body.accepted;
    }
    expect(acknowledged).toBe(30 * 5 * SYSTEMS.length);
    const survivors = workers.slice(1);
    await until('the dead worker’s partitions to be taken over', async () =>
      survivors.flatMap((worker) => worker.owned()).length === 8 ? true : undefined,
    );
    // Every acknowledged event archived into telemetry_batches exactly once, by system.
    const archived = await until('every event to be processed and checkpointed', async () => {
      const [row] = await store.db
        .select({ n: sql<number>`coalesce(sum(${telemetryBatches.count}), 0)::int` })
        .from(telemetryBatches);
      return Number(row?.n) >= acknowledged ? Number(row?.n) : undefined;
    });
    expect(archived).toBe(acknowledged);
    const perSystem = (await store.db.execute(
      sql`select e->>'system' as system, count(*)::int as n, count(distinct e->>'id')::int as ids
          from ${telemetryBatches}, json_array_elements(${telemetryBatches.events}::json) e group by 1 order by 1`,
    )) as { rows: Array<{ system: string; n: number; ids: number }> };
    expect(perSystem.rows).toHaveLength(SYSTEMS.length);
    for (const row of perSystem.rows) expect(row).toMatchObject({ n: 150, ids: 150 });
    // One alert per system's leak: none lost with the dead worker, none raised twice by a replay.
    const raised = await until('an alert for every leak', async () => {
      const rows = await store.db
        .select({ fingerprint: alerts.fingerprint, n: sql<number>`count(*)::int` })
        .from(alerts)
        .groupBy(alerts.fingerprint);
      return rows.length === SYSTEMS.length ? rows : undefined;
    });
    for (const row of raised) expect(row.n).toBe(1);
    // Partitions really were spread: the systems sit on more than one.
    expect(new Set(SYSTEMS.map((system) => partitionOf(system, 8))).size).toBeGreaterThan(3);
    // An API replica answers monitor status from the partition checkpoints.
    const monitors = await api('GET', '/api/v1/systems/sys-0/monitors');
    expect(monitors.status).toBe(200);
    expect(monitors.body).toMatchObject({ live: false, monitors: [{ monitor: 'pii', detector: 'zero_tolerance' }] });
    // A store that once ran an embedded server keeps its last engine snapshot; the workers' newer
    // checkpoints are what runs now.
    await store.db.transaction((tx) => saveSnapshot(tx, createEngine([]), 0, new Date(0)));
    const after = await api('GET', '/api/v1/systems/sys-0/monitors');
    expect(after.body).toMatchObject({ live: false, monitors: [{ monitor: 'pii', detector: 'zero_tolerance' }] });
    // What each worker read still counts once its partitions are given up (the bench reports it).
    const read = survivors.map((worker) => worker.processed());
    for (const worker of survivors) await worker.stop();
    expect(survivors.map((worker) => worker.processed())).toEqual(read);
    expect(read.reduce((sum, n) => sum + n, workers[0]!.processed())).toBeGreaterThanOrEqual(acknowledged);
  }, 120_000);

  it('refuses a paused worker’s checkpoint once another took its partitions over (fencing)', async () => {
    const zombie = await startWorker({
      databaseUrl: store.url!,
      nats,
      id: 'zombie',
      leaseMs: 1_500,
      logger: silent,
      now: clock,
    });
    workers.push(zombie);
    // Alone: the first test stopped the survivors, so the zombie takes every partition.
    await until('the zombie to hold every partition', async () => (zombie.owned().length === 8 ? true : undefined));
    zombie.pauseLeases();
    const heir = await startWorker({
      databaseUrl: store.url!,
      nats,
      id: 'heir',
      leaseMs: 1_500,
      logger: silent,
      now: clock,
    });
    workers.push(heir);
    await until('the heir to take the partitions over', async () => (heir.owned().length === 8 ? true : undefined));
    // New telemetry reaches both engines; only the heir may commit what it makes of it.
    const sent = await api('POST', '/api/v1/telemetry', round(40));
    expect(sent.status).toBe(202);
    await until('the zombie to be fenced off every partition', async () =>
      zombie.owned().length === 0 ? true : undefined,
    );
    const total = async () => {
      const [row] = await store.db
        .select({ n: sql<number>`coalesce(sum(${telemetryBatches.count}), 0)::int` })
        .from(telemetryBatches);
      return Number(row?.n);
    };
    const expected = 31 * 5 * SYSTEMS.length;
    await until('the heir to archive the new round', async () => ((await total()) >= expected ? true : undefined));
    // Nothing the zombie read is committed on top: a while later the count is still exact.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await total()).toBe(expected);
  }, 60_000);

  it('gives a partition up when a step fails and retakes it from its last checkpoint: nothing skipped, no alert lost', async () => {
    // Only one worker runs from here: the last test's heir.
    const heir = workers.at(-1)!;
    for (const worker of workers.slice(0, -1)) await worker.kill().catch(() => undefined);
    await until('the heir to hold every partition', async () => (heir.owned().length === 8 ? true : undefined));
    const applied = await api('POST', '/api/v1/systems/apply', { systems: [card('sys-flaky')] });
    expect(applied.status).toBe(200);
    const run = (statement: string) => store.db.execute(sql.raw(statement));
    await run(
      `create function refuse_alerts() returns trigger language plpgsql as $$ begin raise exception 'alerts refused for this test'; end $$`,
    );
    await run('create trigger refuse_alerts before insert on alerts for each row execute function refuse_alerts()');
    const events = Array.from({ length: 20 }, (_, k) => ({
      system: 'sys-flaky',
      ts: new Date(BASE + 60 * 60_000 + k * 1_000).toISOString(),
      id: `flaky-${k}`,
      flags: { pii: k === 3 },
    }));
    // A later event closes the leak's window by event time.
    const closing = { system: 'sys-flaky', ts: new Date(BASE + 75 * 60_000).toISOString(), id: 'flaky-close' };
    try {
      expect((await api('POST', '/api/v1/telemetry', events)).status).toBe(202);
      expect((await api('POST', '/api/v1/telemetry', [closing])).status).toBe(202);
      // The checkpoint with the leak's alert is refused over and over; give it a few tries.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
    } finally {
      await run('drop trigger refuse_alerts on alerts');
      await run('drop function refuse_alerts()');
    }
    const flaky = async () =>
      (await store.db
        .select({ fingerprint: alerts.fingerprint })
        .from(alerts)
        .where(sql`${alerts.system} = 'sys-flaky'`)) as Array<{ fingerprint: string }>;
    const raised = await until('the leak’s alert once the database takes it', async () => {
      const rows = await flaky();
      return rows.length > 0 ? rows : undefined;
    });
    expect(raised).toHaveLength(1);
    // Every event of the flaky system archived exactly once, none skipped by the retake.
    const archived = await until('the flaky system’s events to be archived', async () => {
      const result = (await store.db.execute(
        sql`select count(*)::int as n, count(distinct e->>'id')::int as ids
            from ${telemetryBatches}, json_array_elements(${telemetryBatches.events}::json) e
            where e->>'system' = 'sys-flaky'`,
      )) as { rows: Array<{ n: number; ids: number }> };
      const row = result.rows[0]!;
      return row.n >= 21 ? row : undefined;
    });
    expect(archived).toEqual({ n: 21, ids: 21 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await flaky()).toHaveLength(1);
  }, 60_000);
});
