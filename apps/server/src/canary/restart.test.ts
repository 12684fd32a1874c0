import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FirebreakClient } from '@firebreak/sdk';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../server';
import { T0 } from '../test/harness';
import { canaryCard, MODEL } from './fixtures';

const ADMIN = 't0k3n-canary-restart';

/** `n` events of the model route, 1% of them on the candidate. */
const events = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    system: 'support-copilot',
    ts: T0.toISOString(),
    kind: 'generation' as const,
    model: i % 100 === 0 ? 'm-13' : 'm-12',
  }));

// A real restart of a server on the same data folder: the counts live in the store, with the log
// position they include, so nothing accepted before the restart is lost or counted twice.
describe('a canary across a server restart', () => {
  let dataDir: string;
  let server: RunningServer | undefined;
  const open = async (canaryEveryMs: number) => {
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      adminToken: ADMIN,
      logger: pino({ level: 'silent' }),
      now: () => T0,
      canaryEveryMs,
    });
    return new FirebreakClient({ baseUrl: server.url, token: ADMIN });
  };
  const counted = async (client: FirebreakClient) => {
    const step = (await client.getCanary(MODEL)).run!.steps[0]!;
    return step.baseline.events + step.candidate.events;
  };
  const until = async (client: FirebreakClient, total: number) => {
    for (let i = 0; i < 200 && (await counted(client)) !== total; i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    return counted(client);
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'firebreak-canary-restart-'));
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('counts what was accepted before the restart once, and keeps what was counted', async () => {
    let client = await open(50);
    await client.applySystems([canaryCard] as never);
    await client.startCanary(MODEL, { version: 'm-13', signals: ['refusal'], reason: 'restart test' });
    await client.sendTelemetry(events(1000));
    expect(await until(client, 1000)).toBe(1000);
    await server!.close();

    // Accepted, then the server stops before its runner looks (it would look only in an hour).
    client = await open(3_600_000);
    await client.sendTelemetry(events(500));
    expect(await counted(client)).toBe(1000);
    await server!.close();

    client = await open(50);
    expect(await until(client, 1500)).toBe(1500);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const run = (await client.getCanary(MODEL)).run!;
    expect(run.steps[0]!.candidate.events).toBe(15);
    expect(run.steps[0]!.baseline.events).toBe(1485);
    expect(run.state).toBe('running');
  });
});
