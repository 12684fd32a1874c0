import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { telemetryBatches } from '../db/schema';
import type { DetectionRuntime } from '../detection/runtime';
import { JetStreamTelemetry } from '../telemetry/jetstream';
import type { TelemetryLog } from '../telemetry/log';
import { drillHarness } from '../test/drill-harness';
import type { Harness } from '../test/harness';
import { NATS_URL } from '../test/scale-out';
import { STORE_TARGETS } from '../test/stores';
import { ExerciseRunner } from './runner';

// With API replicas and detection workers apart (ADR 42), the workers read only the JetStream
// log: a drill that wrote the telemetry table would never reach a monitor.
describe('a live-fire drill when detection runs in workers', () => {
  let h: Harness;
  let runtime: DetectionRuntime;
  let stream: JetStreamTelemetry;
  let runner: ExerciseRunner;

  beforeAll(async () => {
    ({ h, runtime } = await drillHarness(STORE_TARGETS[0]!));
    const tag = randomBytes(4).toString('hex');
    stream = await JetStreamTelemetry.open({
      url: NATS_URL,
      prefix: `fbdrill_${tag}`,
      stream: `FBDRILL_${tag}`,
      partitions: 4,
    });
    runner = new ExerciseRunner({
      db: h.store.db,
      log: pino({ level: 'silent' }),
      events: h.events,
      now: h.now,
      telemetryLog: stream,
    });
  });
  afterAll(async () => {
    await stream?.deleteStream();
    await stream?.close();
    await h?.close();
  });

  it('feeds the drill’s telemetry into the stream the workers read, and none into the table', async () => {
    const created = await h.call('POST', '/api/v1/exercises', {
      body: { scenario: 'copilot-retrieval-pii-leak', mode: 'live_fire', speed: 30 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const space = created.body.space.system as string;
    const started = await h.call('POST', `/api/v1/exercises/${created.body.id}/clock`, { body: { action: 'start' } });
    expect(started.status).toBe(200);
    for (let i = 0; i < 20; i++) {
      h.advance(1000);
      await runner.tick();
      await runtime.catchUp();
    }
    expect((await h.call('GET', `/api/v1/exercises/${created.body.id}`)).body.status).toBe('running');
    const counts = await Promise.all(
      [0, 1, 2, 3].map(async (partition) => {
        const r = await stream.reader(partition, 0);
        const deadline = Date.now() + 5_000;
        let events = 0;
        let systems = new Set<string>();
        while (Date.now() < deadline) {
          const batches = r.read(1000, 1_000_000);
          for (const batch of batches) {
            events += batch.count;
            systems = new Set([...systems, ...batch.systems]);
          }
          if (batches.length === 0) {
            if (events > 0 && r.behind() === 0) break;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
        await r.close();
        return { events, systems: [...systems] };
      }),
    );
    const total = counts.reduce((sum, c) => sum + c.events, 0);
    // The two days of warm-up and the live stretch since: thousands of events, all of the space's system.
    expect(total).toBeGreaterThan(1000);
    expect(new Set(counts.flatMap((c) => c.systems))).toEqual(new Set([space]));
    expect(await h.store.db.select({ seq: telemetryBatches.seq }).from(telemetryBatches)).toEqual([]);
  }, 60_000);

  it('stores each event once when the transaction after an append fails and the next tick feeds again', async () => {
    const tag = randomBytes(4).toString('hex');
    const retried = await JetStreamTelemetry.open({
      url: NATS_URL,
      prefix: `fbdrill_${tag}`,
      stream: `FBDRILL_${tag}`,
      partitions: 1,
    });
    try {
      // Every other append of a system's telemetry is durable on the stream and then fails, as
      // the drill's transaction would, so the tick after feeds that stretch again.
      const attempts = new Map<string, number>();
      const flaky: TelemetryLog = {
        async append(events, texts, receivedAt, db, key) {
          await retried.append(events, texts, receivedAt, db, key);
          const system = events[0]!.system;
          const attempt = (attempts.get(system) ?? 0) + 1;
          attempts.set(system, attempt);
          if (attempt % 2 === 1) throw new Error('the transaction failed after the append');
        },
      };
      const failing = new ExerciseRunner({
        db: h.store.db,
        log: pino({ level: 'silent' }),
        events: h.events,
        now: h.now,
        telemetryLog: flaky,
      });
      const created = await h.call('POST', '/api/v1/exercises', {
        body: { scenario: 'copilot-retrieval-pii-leak', mode: 'live_fire', speed: 30 },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const space = created.body.space.system as string;
      await h.call('POST', `/api/v1/exercises/${created.body.id}/clock`, { body: { action: 'start' } });
      for (let i = 0; i < 30; i++) {
        // The clock moves between a failed tick and its retry: a live stretch ends later the second time.
        h.advance(700);
        await failing.tick().catch(() => undefined);
      }
      expect(attempts.get(space)).toBeGreaterThan(4);
      const reader = await retried.reader(0, 0);
      const ids: string[] = [];
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        const batches = reader.read(1000, 1_000_000);
        for (const batch of batches)
          for (const event of JSON.parse(batch.events) as Array<{ system: string; id: string }>)
            if (event.system === space) ids.push(event.id);
        if (batches.length === 0) {
          if (ids.length > 0 && reader.behind() === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }
      await reader.close();
      expect(ids.length).toBeGreaterThan(1000);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await retried.deleteStream();
      await retried.close();
    }
  }, 60_000);
});
