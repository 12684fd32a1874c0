import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { Store } from '../db/connect';
import { type RunningServer, startServer } from '../server';
import { type JetStreamOptions, JetStreamTelemetry } from '../telemetry/jetstream';
import type { RunningWorker } from '../worker';
import { STORE_TARGETS } from './stores';

export { until } from './until';

/** The NATS server (with JetStream) the scaled-out tests run against; .ci/run starts it when it is down. */
export const NATS_URL = process.env.FIREBREAK_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
/** PostgreSQL, which the scaled-out layout needs (undefined when the tests skip it). */
export const postgres = STORE_TARGETS.find((target) => target.name === 'postgres');
export const silent = pino({ level: process.env.FIREBREAK_TEST_LOG_LEVEL ?? 'silent' });
/** Where the scaled-out tests' telemetry starts. */
export const BASE = Date.UTC(2026, 10, 20);
const t0 = Date.now();
/**
 * The workers' clock starts where the telemetry does: on the wall clock an engine would take
 * these events as late ones and count them in a window that closes minutes from now.
 */
export const clock = () => new Date(BASE + (Date.now() - t0));

/** A system card with one zero-tolerance PII monitor. */
export const piiCard = (id: string) => ({
  id,
  name: id,
  owner: 'ml-oncall',
  model: { name: 'm', version: '1' },
  riskTier: 'limited',
  monitors: [{ id: 'pii', signal: 'flag:pii', detector: 'zero_tolerance' }],
});

/** One API replica on a fresh PostgreSQL database and a stream of its own, and the workers a test starts. */
export interface ScaledGroup {
  store: Store & { url?: string };
  server: RunningServer;
  nats: JetStreamOptions;
  workers: RunningWorker[];
  /** An admin request to the replica, its JSON body parsed. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  /** Stops the workers and the replica, deletes the stream, the database's store and the data folder. */
  close(): Promise<void>;
}

export async function openScaledGroup(options: { admin: string; partitions: number }): Promise<ScaledGroup> {
  const store = await postgres!.open();
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-scale-'));
  const tag = randomBytes(4).toString('hex');
  const nats = { url: NATS_URL, prefix: `fbtest_${tag}`, stream: `FBTEST_${tag}`, partitions: options.partitions };
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
    databaseUrl: store.url!,
    adminToken: options.admin,
    logger: silent,
    rateLimits: false,
    nats,
  });
  const workers: RunningWorker[] = [];
  return {
    store,
    server,
    nats,
    workers,
    api: async (method, path, body) => {
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${options.admin}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json() };
    },
    close: async () => {
      for (const worker of workers) await worker.stop().catch(() => undefined);
      await server.close();
      const stream = await JetStreamTelemetry.open(nats);
      await stream.deleteStream();
      await stream.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
