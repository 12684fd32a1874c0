import net from 'node:net';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_TARGETS } from '../test/stores';
import { electLeader, type Leadership } from './leader';

const postgres = STORE_TARGETS.find((target) => target.name === 'postgres');
const log = pino({ level: 'silent' });
const until = async (test: () => boolean, ms = 5000) => {
  const start = Date.now();
  while (!test() && Date.now() - start < ms) await new Promise((resolve) => setTimeout(resolve, 20));
  return test();
};

describe('leader election without PostgreSQL', () => {
  it('leads at once, and stops the work on close', async () => {
    let running = 0;
    const leader = await electLeader({
      log,
      lead: () => {
        running++;
        return () => void running--;
      },
    });
    expect([leader.leading, running]).toEqual([true, 1]);
    await leader.close();
    expect(running).toBe(0);
  });
});

describe.skipIf(!postgres)('leader election on PostgreSQL', () => {
  let database: Awaited<ReturnType<NonNullable<typeof postgres>['open']>>;
  const elections: Leadership[] = [];
  beforeAll(async () => {
    database = await postgres!.open();
  });
  afterAll(async () => {
    for (const election of elections) await election.close();
    await database?.close();
  });

  /** Three replicas contending; counts the work started and running. */
  const contend = async (replicas: number) => {
    const counts = { started: 0, running: 0 };
    for (let i = 0; i < replicas; i++)
      elections.push(
        await electLeader({
          databaseUrl: database.url!,
          log,
          everyMs: 50,
          lead: () => {
            counts.started++;
            counts.running++;
            return () => void counts.running--;
          },
        }),
      );
    return counts;
  };

  it('runs the work on one replica only, and on another when the leader closes', async () => {
    const counts = await contend(3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(counts).toEqual({ started: 1, running: 1 });
    expect(elections.filter((e) => e.leading)).toHaveLength(1);
    await elections.find((e) => e.leading)!.close();
    expect(await until(() => counts.started === 2)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(counts).toEqual({ started: 2, running: 1 });
  });

  it('stops the work when its session is killed, and one replica takes over', async () => {
    const before = elections.filter((e) => e.leading);
    expect(before).toHaveLength(1);
    const admin = new pg.Client({ connectionString: database.url! });
    await admin.connect();
    await admin.query(
      "select pg_terminate_backend(l.pid) from pg_locks l join pg_stat_activity a using (pid) where l.locktype = 'advisory' and l.granted and a.application_name = 'firebreak-leader' and a.datname = current_database()",
    );
    await admin.end();
    expect(await until(() => !before[0]!.leading || elections.filter((e) => e.leading).length !== 1)).toBe(true);
    expect(await until(() => elections.filter((e) => e.leading).length === 1)).toBe(true);
  });
});

describe.skipIf(!postgres)('a leader cut off from PostgreSQL', () => {
  it('steps down when its check goes unanswered (a network gone quiet, nothing closed)', async () => {
    const database = await postgres!.open();
    const target = new URL(database.url!);
    // A TCP relay that can stop relaying without closing anything: a network that went quiet.
    let frozen = false;
    const sockets: net.Socket[] = [];
    const relay = net.createServer((inbound) => {
      const outbound = net.connect(Number(target.port || 5432), target.hostname);
      sockets.push(inbound, outbound);
      inbound.on('data', (chunk) => void (frozen || outbound.write(chunk)));
      outbound.on('data', (chunk) => void (frozen || inbound.write(chunk)));
      inbound.on('error', () => outbound.destroy());
      outbound.on('error', () => inbound.destroy());
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const port = (relay.address() as net.AddressInfo).port;
    const url = new URL(database.url!);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    let running = 0;
    const leader = await electLeader({
      databaseUrl: url.toString(),
      log,
      everyMs: 100,
      checkTimeoutMs: 500,
      lead: () => {
        running++;
        return () => void running--;
      },
    });
    try {
      expect([leader.leading, running]).toEqual([true, 1]);
      frozen = true;
      expect(await until(() => running === 0, 5_000)).toBe(true);
      expect(leader.leading).toBe(false);
    } finally {
      await leader.close();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => relay.close(resolve));
      await database.close();
    }
  }, 30_000);
});
