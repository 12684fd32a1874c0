import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './server';
import { STORE_TARGETS } from './test/stores';

const postgres = STORE_TARGETS.find((target) => target.name === 'postgres');

// The scaled-out layout starts its replicas together on one database and one data folder
// (deploy/Procfile.scale-out): they must agree on one admin token, one checkpoint key and one
// acknowledge-link secret, whoever comes first. In one process the file steps cannot interleave;
// the races themselves are exercised by tokens.test.ts (concurrent bootstraps) and
// fs/create-once.test.ts (processes racing for one file). This checks the whole start agrees.
describe.skipIf(!postgres)('replicas starting at once on an empty store', () => {
  it('create one admin token, one checkpoint key and one secret, and all start', async () => {
    const store = await postgres!.open();
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-first-'));
    const servers: RunningServer[] = [];
    try {
      const started = await Promise.all(
        [1, 2, 3].map(() =>
          startServer({
            port: 0,
            host: '127.0.0.1',
            dataDir: dir,
            databaseUrl: (store as { url?: string }).url!,
            logger: pino({ level: 'silent' }),
            rateLimits: false,
          }),
        ),
      );
      servers.push(...started);
      const created = started.filter((server) => server.adminTokenCreated);
      expect(created).toHaveLength(1);
      const token = created[0]!.adminToken!;
      const keys = await Promise.all(
        started.map(async (server) => {
          const res = await fetch(`${server.url}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } });
          expect(res.status).toBe(200);
          expect(((await res.json()) as { tokens: unknown[] }).tokens).toHaveLength(1);
          const exported = await fetch(`${server.url}/api/v1/checkpoints/export`, {
            headers: { authorization: `Bearer ${token}` },
          });
          expect(exported.status).toBe(200);
          return ((await exported.json()) as { publicKey?: string; keyId?: string }).keyId;
        }),
      );
      expect(new Set(keys).size).toBe(1);
      expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    } finally {
      for (const server of servers) await server.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
