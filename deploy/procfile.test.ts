import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JetStreamTelemetry } from '@firebreak/server';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cliIsStale } from '../scripts/build-cli';

/**
 * Runs deploy/Procfile.scale-out as a Procfile runner would: each line through /bin/sh from the
 * repository root, with the environment docs/scale-out.md asks for, after the one-off first
 * start the file's header describes. Rewritten, and only these: every port (to free ones, so a
 * server someone runs on 7311 does not collide) and `.firebreak/` (to a temporary folder).
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROCFILE = join(ROOT, 'deploy/Procfile.scale-out');
const POSTGRES_URL = process.env.FIREBREAK_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NATS_URL = process.env.FIREBREAK_TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
const ADMIN = `procfile-admin-${randomBytes(6).toString('hex')}`;
const CLI = 'node apps/cli/bin/firebreak.js';

interface Running {
  name: string;
  child: ChildProcess;
  output: string;
  exited: Promise<number | null>;
}

/** The Procfile's processes: `name: command`, comments and blank lines left out. */
function procfileLines(text: string): Array<{ name: string; command: string }> {
  return text
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const match = /^([A-Za-z0-9_-]+):\s*(.+)$/.exec(line);
      if (!match) throw new Error(`not a Procfile line: ${line}`);
      return { name: match[1]!, command: match[2]! };
    });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function until<T>(what: string, check: () => Promise<T | undefined>, ms: number, show: () => string) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${show()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Gone: no process is left in the group the shell started. */
function groupGone(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return false;
  } catch {
    return true;
  }
}

describe('deploy/Procfile.scale-out', () => {
  const database = `firebreak_procfile_${randomBytes(5).toString('hex')}`;
  const tag = randomBytes(4).toString('hex');
  const running: Running[] = [];
  const ports = new Map<string, number>();
  let dir: string;
  let env: NodeJS.ProcessEnv;

  const start = (name: string, command: string): Running => {
    // Its own process group, so the clean-up below can reach whatever the shell leaves behind.
    const child = spawn('/bin/sh', ['-c', command], { cwd: ROOT, env, detached: true, stdio: 'pipe' });
    const entry: Running = {
      name,
      child,
      output: '',
      exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    };
    const keep = (chunk: Buffer) => {
      entry.output = (entry.output + chunk.toString()).slice(-4_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    running.push(entry);
    return entry;
  };
  const outputs = () => running.map((entry) => `--- ${entry.name}\n${entry.output}`).join('\n');
  /** A Procfile command with each port mapped to a free one and `.firebreak/` to the temporary folder. */
  const rewritten = async (command: string) => {
    let text = command.replaceAll('.firebreak/', `${dir}/`);
    for (const [, port] of text.matchAll(/--(?:metrics-)?port (\d+)/g)) {
      if (!ports.has(port!)) ports.set(port!, await freePort());
      text = text.replace(new RegExp(`(--(?:metrics-)?port )${port}\\b`), `$1${ports.get(port!)}`);
    }
    return text;
  };

  beforeAll(async () => {
    // Six processes would otherwise each rebuild a stale CLI bundle at once.
    if (cliIsStale()) await buildCli();
    dir = await mkdtemp(join(tmpdir(), 'firebreak-procfile-'));
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create database ${database}`);
    await admin.end();
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${database}`;
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: url.toString(),
      FIREBREAK_NATS_URL: NATS_URL,
      // A stream of its own on the shared NATS server, deleted afterwards.
      FIREBREAK_NATS_PREFIX: `fbprocfile_${tag}`,
      FIREBREAK_NATS_STREAM: `FBPROCFILE_${tag}`,
      FIREBREAK_ADMIN_TOKEN: ADMIN,
      FIREBREAK_LOG_LEVEL: 'warn',
    };
    // The first start the header asks for, alone on the empty database; stopped once it listens.
    const header = readFileSync(PROCFILE, 'utf8').match(/^#\s+npx firebreak serve (.+)$/m);
    expect(header, 'the Procfile header says how to start the first server').not.toBeNull();
    const first = start('first-start', `exec ${CLI} serve --port ${await freePort()} ${await rewritten(header![1]!)}`);
    await until(
      'the first server to listen',
      async () => first.output.includes('listening on') || undefined,
      90_000,
      outputs,
    );
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
  }, 180_000);

  afterAll(async () => {
    for (const entry of running) if (!groupGone(entry.child.pid!)) process.kill(-entry.child.pid!, 'SIGKILL');
    if (env) {
      const stream = await JetStreamTelemetry.open({
        url: NATS_URL,
        partitions: 16,
        prefix: env.FIREBREAK_NATS_PREFIX,
        stream: env.FIREBREAK_NATS_STREAM,
      });
      await stream.deleteStream();
      await stream.close();
    }
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('runs three replicas and three workers that detect together, and stops on the runner’s signal', async () => {
    const lines = procfileLines(readFileSync(PROCFILE, 'utf8'));
    expect(lines.map((line) => line.name)).toEqual(['api1', 'api2', 'api3', 'worker1', 'worker2', 'worker3']);
    const started: Array<Running & { url: string }> = [];
    for (const line of lines) {
      const command = await rewritten(line.command);
      const port = /--(?:metrics-)?port (\d+)/.exec(command)?.[1];
      expect(port, `${line.name} listens on a port of its own`).toBeDefined();
      started.push({ ...start(line.name, command), url: `http://127.0.0.1:${port}` });
    }
    const apis = started.filter((entry) => entry.name.startsWith('api'));
    const [api1, , api3] = apis;
    const workers = started.filter((entry) => entry.name.startsWith('worker'));
    for (const api of apis)
      await until(
        `${api.name}'s /readyz`,
        async () => ((await fetch(`${api.url}/readyz`)).ok ? true : undefined),
        120_000,
        outputs,
      );
    const held = async (worker: { url: string }) => {
      const families = parsePrometheusTextFormat(await (await fetch(`${worker.url}/metrics`)).text());
      const gauge = families.find((family) => family.name === 'firebreak_worker_partitions_held');
      return Number(gauge?.metrics[0]?.value);
    };
    // The workers share the stream's 16 partitions: all held, each its fair share once they have
    // all seen each other (a worker that started last gets its share as the others hand it back).
    await until(
      'the workers to share every partition',
      async () => {
        const counts = await Promise.all(workers.map(held));
        return counts.reduce((sum, n) => sum + n, 0) === 16 && counts.every((n) => n > 0 && n <= 6) ? true : undefined;
      },
      120_000,
      outputs,
    );

    const call = (url: string, method: string, path: string, body?: unknown) =>
      fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const card = {
      id: 'procfile-copilot',
      name: 'Procfile copilot',
      owner: 'ml-oncall',
      model: { name: 'm', version: '1' },
      riskTier: 'limited',
    };
    expect((await call(api1!.url, 'POST', '/api/v1/systems/apply', { systems: [card] })).status).toBe(200);
    // Ten minutes ago: the window has closed by the wall clock, so the default PII monitor judges it at once.
    const ts = new Date(Date.now() - 10 * 60_000).toISOString();
    const sent = await call(api1!.url, 'POST', '/api/v1/telemetry', [
      { system: card.id, ts, id: 'procfile-1', flags: { pii: false } },
      { system: card.id, ts, id: 'procfile-2', flags: { pii: true } },
    ]);
    expect(sent.status).toBe(202);
    const alert = await until(
      'the alert on replica 3',
      async () => {
        const response = await call(api3!.url, 'GET', `/api/v1/alerts?system=${card.id}`);
        const { alerts } = (await response.json()) as { alerts: Array<Record<string, unknown>> };
        return alerts.find((candidate) => candidate.system === card.id);
      },
      60_000,
      outputs,
    );
    expect(alert).toMatchObject({ system: card.id, signal: 'flag:pii', detector: 'zero_tolerance', level: 'page' });

    // One group: a checkpoint one replica signs verifies on another (they share the data folder's key).
    const keys = await Promise.all(
      apis.map(
        async (api) =>
          ((await (await call(api.url, 'GET', '/api/v1/checkpoints/export')).json()) as { publicKey: string })
            .publicKey,
      ),
    );
    expect(new Set(keys).size).toBe(1);
    expect((await call(api1!.url, 'POST', '/api/v1/checkpoints', {})).status).toBe(201);
    const report = (await (await call(api3!.url, 'GET', '/api/v1/verify')).json()) as {
      intact: boolean;
      problems: unknown[];
    };
    expect(report).toMatchObject({ intact: true, problems: [] });

    // A runner signals the process it started (the shell): with `exec` that is node, which stops
    // cleanly and leaves nothing behind in its group.
    for (const entry of started) entry.child.kill('SIGTERM');
    const codes = await Promise.all(started.map((entry) => entry.exited));
    expect(codes, outputs()).toEqual(started.map(() => 0));
    await until(
      'every process group to be empty',
      async () => (started.every((entry) => groupGone(entry.child.pid!)) ? true : undefined),
      10_000,
      outputs,
    );
  }, 360_000);
});
