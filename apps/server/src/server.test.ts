import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, trustProxyFromEnv } from './server';
import { TEST_POSTGRES_URL } from './test/stores';

const silent = pino({ level: 'silent' });
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-server-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function api(url: string, path: string, init: RequestInit = {}, token = 't0k3n') {
  const response = await fetch(url + path, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('firebreak server', () => {
  it('keeps what it acknowledged across a restart on the same data folder', async () => {
    const dataDir = join(dir, 'restart');
    const first = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminToken: 't0k3n', logger: silent });
    expect(first.adminTokenCreated).toBe(true);
    expect(first.adminToken).toBeUndefined();
    const declared = await api(first.url, '/api/v1/incidents', {
      method: 'POST',
      body: JSON.stringify({
        title: 'PII in answers',
        type: 'privacy_leak',
        severity: 'SEV1',
        systems: ['support-copilot'],
      }),
    });
    expect(declared.status).toBe(201);
    await api(first.url, `/api/v1/incidents/${declared.body.id}/transition`, {
      method: 'POST',
      body: JSON.stringify({ status: 'active' }),
    });
    await first.close();

    const second = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      adminToken: 'ignored-now',
      logger: silent,
    });
    try {
      expect(second.adminTokenCreated).toBe(false);
      const shown = await api(second.url, `/api/v1/incidents/${declared.body.id}`);
      expect(shown.body).toMatchObject({ id: declared.body.id, status: 'active', timeline: { length: 2 } });
      expect((await api(second.url, `/api/v1/incidents/${declared.body.id}/timeline/verify`)).body.intact).toBe(true);
    } finally {
      await second.close();
    }
  }, 120_000); // two PGlite starts on a data folder, migrated from nothing: slow on a loaded machine

  it.skipIf(process.env.FIREBREAK_TEST_SKIP_POSTGRES === '1')(
    'on PostgreSQL keeps its checkpoint key in the data folder, so checkpoints still verify after a restart',
    async () => {
      const name = `firebreak_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      const url = new URL(TEST_POSTGRES_URL);
      url.pathname = `/${name}`;
      const dataDir = join(dir, 'postgres-key');
      const options = { port: 0, host: '127.0.0.1', databaseUrl: url.toString(), dataDir, logger: silent };
      try {
        const first = await startServer({ ...options, adminToken: 't0k3n' });
        try {
          expect((await api(first.url, '/api/v1/checkpoints', { method: 'POST', body: '{}' })).status).toBe(201);
        } finally {
          await first.close();
        }
        const second = await startServer(options);
        try {
          const verdict = await api(second.url, '/api/v1/verify');
          expect(verdict.body.problems).toEqual([]);
          expect(verdict.body.intact).toBe(true);
        } finally {
          await second.close();
        }
      } finally {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      }
    },
  );

  it('loses nothing acknowledged when the process is killed without warning', async () => {
    const dataDir = join(dir, 'kill');
    const fixture = fileURLToPath(new URL('./test/serve-fixture.ts', import.meta.url));
    const run = async (): Promise<{ child: ChildProcess; url: string }> => {
      const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir, '0'], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      return { child, url: (JSON.parse(line) as { url: string }).url };
    };
    const first = await run();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await api(first.url, '/api/v1/incidents', {
        method: 'POST',
        body: JSON.stringify({ title: `incident ${i}`, type: 'bias', severity: 'SEV2', systems: ['fraud-model'] }),
      });
      expect(response.status).toBe(201);
      ids.push(response.body.id);
    }
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await run();
    try {
      const list = await api(second.url, '/api/v1/incidents?limit=500');
      expect(list.body.incidents.map((i: { id: string }) => i.id).sort()).toEqual([...ids].sort());
    } finally {
      second.child.kill('SIGTERM');
    }
  }, 90_000); // two servers started through tsx: slow on a loaded 2-core machine

  it('seeds the demo once, and serves a valid OpenAPI 3.1 document', async () => {
    const dataDir = join(dir, 'demo');
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true, logger: silent });
    try {
      expect(server.demoSeeded).toBe(true);
      expect(server.adminToken).toMatch(/^fbk_/);
      const token = server.adminToken!;
      const systems = await api(server.url, '/api/v1/systems', {}, token);
      // The two demo systems, and the drill copies of them its past drills ran in (ADR 37).
      expect(systems.body.systems.map((s: { id: string }) => s.id)).toEqual([
        'fraud-model',
        'fraud-model-drill-902',
        'fraud-model-drill-904',
        'support-copilot',
        'support-copilot-drill-901',
        'support-copilot-drill-903',
      ]);
      // INC-1, and a quarter of history numbered from 901 so the README's numbers hold (ADR 38).
      const incidents = await api(server.url, '/api/v1/incidents?exercise=exclude', {}, token);
      const ids = incidents.body.incidents.map((i: { id: string }) => i.id);
      expect(ids[0]).toBe('INC-1');
      expect(ids.slice(1).every((id: string) => Number(id.slice(4)) > 900)).toBe(true);
      expect(ids).toHaveLength(10);
      const [demo] = incidents.body.incidents;
      expect(demo).toMatchObject({
        status: 'resolved',
        metrics: { timeToDetect: 1680, timeToAcknowledge: 480, timeToContain: 1560 },
      });
      const detail = await api(server.url, `/api/v1/incidents/${demo.id}`, {}, token);
      expect(detail.body.decisions).toHaveLength(1);
      expect(detail.body.statusUpdates.map((u: { audience: string }) => u.audience)).toEqual(['internal', 'customer']);
      expect(detail.body.evidence.map((e: { kind: string }) => e.kind)).toEqual(['model_output', 'telemetry_sample']);
      // It shipped with its postmortem published, its residual risk accepted, and a monitor the
      // incident lacked verified by replaying the incident's own telemetry.
      const postmortem = await api(server.url, `/api/v1/incidents/${demo.id}/postmortem`, {}, token);
      expect(postmortem.body).toMatchObject({ status: 'published', owner: 'dana-reyes', lint: [] });
      const listed = (await api(server.url, `/api/v1/incidents/${demo.id}/actions`, {}, token)).body.actions;
      const actions = [...listed].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id));
      expect(actions.map((a: { status: string }) => a.status)).toEqual(['closed', 'open', 'open']);
      expect(actions[0].lastVerification).toMatchObject({ kind: 'replay', passed: true });
      expect(actions[0].lastVerification.details.firstAlert.monitor).toBe('policy-contradictions');
      expect(actions[0].lastVerification.details.firstAlert.delaySeconds).toBeLessThanOrEqual(600);
      expect(actions[2].overdue).toBe(true);
      const closing = await api(server.url, `/api/v1/incidents/${demo.id}/close-check`, {}, token);
      expect(closing.body).toMatchObject({ ready: true, missing: [] });
      // The status page: the comms lead's published update, the component back to operational, maintenance ahead.
      const status = (await api(server.url, '/status.json', {})).body;
      expect(status.components.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
        ['support-assistant', 'operational'],
        ['payment-screening', 'operational'],
      ]);
      expect(status.pastIncidents).toEqual([
        expect.objectContaining({
          name: 'Incorrect refund information from the support assistant',
          status: 'resolved',
        }),
      ]);
      expect(status.scheduledMaintenances).toEqual([expect.objectContaining({ status: 'scheduled' })]);

      const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
      const result = await new Validator().validate(doc);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toContain('/api/v1/incidents/{id}/timeline/verify');
    } finally {
      await server.close();
    }
    const again = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: true, logger: silent });
    expect(again.demoSeeded).toBe(false);
    await again.close();
  }, 120_000); // a PGlite store migrated from nothing and the demo seeded: slow on a loaded machine

  it('says clearly when the port is taken', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', logger: silent });
    try {
      await expect(startServer({ port: server.port, host: '127.0.0.1', logger: silent })).rejects.toThrow(
        `cannot listen: port ${server.port} on 127.0.0.1 is already in use`,
      );
    } finally {
      await server.close();
    }
  });
});

describe('FIREBREAK_TRUST_PROXY', () => {
  it('is off unless set, takes its older name FIREBREAK_INTAKE_TRUST_PROXY, and refuses a bad or contradicting value', () => {
    expect(trustProxyFromEnv({})).toBe(0);
    expect(trustProxyFromEnv({ FIREBREAK_TRUST_PROXY: '1' })).toBe(1);
    expect(trustProxyFromEnv({ FIREBREAK_TRUST_PROXY: '2' })).toBe(2);
    expect(trustProxyFromEnv({ FIREBREAK_INTAKE_TRUST_PROXY: '1' })).toBe(1);
    expect(trustProxyFromEnv({ FIREBREAK_TRUST_PROXY: '1', FIREBREAK_INTAKE_TRUST_PROXY: '1' })).toBe(1);
    expect(trustProxyFromEnv({ FIREBREAK_TRUST_PROXY: ' ' })).toBe(0);
    for (const bad of ['yes', '-1', '1.5', '11', '0x1'])
      expect(() => trustProxyFromEnv({ FIREBREAK_TRUST_PROXY: bad })).toThrow(
        `FIREBREAK_TRUST_PROXY is "${bad}": expected how many proxies you run in front (1, 2…, at most 10) or 0`,
      );
    expect(() => trustProxyFromEnv({ FIREBREAK_TRUST_PROXY: '0', FIREBREAK_INTAKE_TRUST_PROXY: '1' })).toThrow(
      /disagree/,
    );
  });
});
