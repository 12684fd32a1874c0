import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '@firebreak/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyMigratedStore } from '../../server/src/test/pglite-dir';
import { type Result, spawnCli } from './test/spawn-cli';

// The real bin in a child process against the real server in this process, on a fresh PGlite.
const FIXTURE = fileURLToPath(new URL('./fixtures/firebreak.yaml', import.meta.url));
const ADMIN = 't0k3n';

let server: RunningServer;
let dataDir: string;
let asAdmin: (...args: string[]) => Promise<Result>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'firebreak-cli-e2e-'));
  await copyMigratedStore(join(dataDir, 'data'));
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(dataDir, 'data'), adminToken: ADMIN });
  asAdmin = (...args) => spawnCli(args, { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: ADMIN });
});

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('firebreak against a running server', () => {
  let id = '';

  it('declares an incident and prints the server JSON with --json', async () => {
    const result = await asAdmin(
      'incident',
      'declare',
      '--title',
      'PII in copilot answers',
      '--type',
      'privacy_leak',
      '--severity',
      'P0',
      '--system',
      'support-copilot',
      '--json',
    );
    expect(result.code).toBe(0);
    const incident = JSON.parse(result.stdout);
    expect(incident).toMatchObject({ severity: 'SEV1', status: 'triage', type: 'privacy_leak', category: 'safety' });
    id = incident.id;
    expect(id).toMatch(/^INC-\d+$/);
    expect(result.stderr).toContain('warning: ');
  });

  it('declares with a one-line confirmation and its acknowledgement deadline', async () => {
    const result = await asAdmin(
      'incident',
      'declare',
      '--title',
      'Recall down',
      '--type',
      'model_degradation',
      '--severity',
      'SEV3',
      '--system',
      'fraud-model',
    );
    expect(result.stdout).toMatch(/^Declared INC-\d+ \(SEV3 model_degradation\) — acknowledge by .+ \(in 4h\)\n$/);
  });

  it('runs the incident: transition, assign, evidence, decision, update', async () => {
    expect((await asAdmin('incident', 'transition', id, 'active')).stdout).toBe(`${id} is now active\n`);
    expect((await asAdmin('incident', 'assign', id, '--role', 'incident_commander', '--person', 'Dana')).stdout).toBe(
      `Dana is now incident_commander of ${id}\n`,
    );

    const file = join(dataDir, 'answer.txt');
    await writeFile(file, 'Your order #4411 (placed by another customer) is refundable.\n');
    const evidence = await asAdmin(
      'incident',
      'evidence',
      id,
      '--kind',
      'model_output',
      '--title',
      'Leaking answer',
      '--file',
      file,
      '--json',
    );
    expect(evidence.code).toBe(0);
    const added = JSON.parse(evidence.stdout);
    expect(added).toMatchObject({
      storage: 'server',
      sha256: createHash('sha256')
        .update('Your order #4411 (placed by another customer) is refundable.\n')
        .digest('hex'),
    });

    const decision = await asAdmin(
      'incident',
      'decision',
      id,
      '--observation',
      'Answers quote other customers orders',
      '--hypothesis',
      'Retrieval ignores the tenant filter',
      '--decision',
      'Roll the index back',
      '--evidence',
      added.id,
    );
    expect(decision).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(new RegExp(`^Logged DEC-\\d+ on ${id}: Roll the index back\\n$`)),
    });

    const update = await asAdmin(
      'incident',
      'update',
      id,
      '--audience',
      'executive',
      '--what-happened',
      'Copilot leaked order numbers',
      '--impact',
      '12 conversations',
      '--status',
      'Investigating',
      '--next-steps',
      'Roll back',
      '--next-update',
      '2099-01-01T00:00:00Z',
    );
    expect(update.code).toBe(0);
    expect(update.stdout).toMatch(/^Posted UPD-\d+ to executive on INC-\d+; next update 2099-01-01T00:00Z/);
  });

  it('shows the incident as JSON and as a report', async () => {
    const json = await asAdmin('incident', 'show', id, '--json');
    const detail = JSON.parse(json.stdout);
    expect(detail).toMatchObject({ id, status: 'active', roles: [{ role: 'incident_commander', person: 'Dana' }] });
    expect(detail.decisions).toHaveLength(1);
    expect(detail.evidence).toHaveLength(1);
    expect(detail.statusUpdates).toHaveLength(1);

    const report = await asAdmin('incident', 'show', id);
    expect(report.stdout).toContain(`${id}  PII in copilot answers`);
    expect(report.stdout).toMatch(/incident_commander\s+Dana/);
    expect(report.stdout).toMatch(/Time to resolve\s+—/);
    expect(report.stdout).toMatch(/acknowledge by .+\n {2}contain by .+ \(in (1h|5\dm)\)\n/);
    expect(report.stdout).toContain(`(firebreak incident timeline ${id})`);
  });

  it('lists incidents and the timeline as tables', async () => {
    const list = await asAdmin('incident', 'list', '--open');
    expect(list.stdout).toMatch(/^ID\s+SEV\s+STATUS\s+TYPE\s+TITLE\s+SYSTEMS\s+AGE\s+ACK/);
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+SEV1\\s+active\\s+privacy_leak`));
    const timeline = await asAdmin('incident', 'timeline', id);
    expect(timeline.stdout).toMatch(/1\s+\S+\s+admin\s+declared\s+SEV1 privacy_leak "PII in copilot answers"/);
    expect(timeline.stdout).toMatch(/status_changed\s+triage → active/);
  });

  it('verifies the timeline, exit 0', async () => {
    const result = await asAdmin('incident', 'verify-timeline', id);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Timeline of ${id} intact: 6 entries, head [0-9a-f]{12}…\\n$`));
  });

  it('refuses a bad enum locally (exit 2) and a bad field on the server (exit 1), naming the field', async () => {
    const local = await asAdmin('incident', 'transition', id, 'fixed');
    expect(local.code).toBe(2);
    expect(local.stderr).toContain(
      "error: command-argument value 'fixed' is invalid for argument 'status'. expected one of triage, active, contained",
    );
    const remote = await asAdmin('incident', 'transition', id, 'triage');
    expect(remote.code).toBe(1);
    expect(remote.stderr).toMatch(
      /^error: status: cannot move an active incident to triage.*\n {2}\(request [\w-]+\)\n$/,
    );
  });

  it('refuses a write with a viewer token, saying why', async () => {
    const created = JSON.parse(
      (await asAdmin('token', 'create', '--name', 'vic', '--role', 'viewer', '--json')).stdout,
    );
    const result = await spawnCli(['incident', 'ack', id], {
      FIREBREAK_URL: server.url,
      FIREBREAK_TOKEN: created.token,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error: role: a viewer token cannot make changes; this needs responder or admin');
    const json = await spawnCli(['incident', 'ack', id, '--json'], {
      FIREBREAK_URL: server.url,
      FIREBREAK_TOKEN: created.token,
    });
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'forbidden', requestId: expect.any(String) });
  });

  it('applies firebreak.yaml, then finds nothing to change', async () => {
    const first = await asAdmin('system', 'apply', '-f', FIXTURE);
    expect(first).toMatchObject({
      code: 0,
      stdout: 'created   support-copilot (rev 1)\ncreated   fraud-model (rev 1)\n',
    });
    const again = await asAdmin('system', 'apply', '-f', FIXTURE);
    expect(again.stdout).toBe('unchanged support-copilot (rev 1)\nunchanged fraud-model (rev 1)\n');
    const list = await asAdmin('system', 'list');
    expect(list.stdout).toMatch(
      /support-copilot\s+Support copilot\s+Support AI team\s+limited\s+gpt-4.1@2025-04-14\s+1/,
    );
  });

  it('fails to serve on a port in use with one error line, exit 1', async () => {
    const result = await spawnCli(
      ['serve', '--port', String(new URL(server.url).port), '--data-dir', join(dataDir, 'second')],
      {},
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: port \d+ on 127\.0\.0\.1 is already in use: stop whatever holds it, or pass --port\n$/,
    );
  });

  it('serves, prints the admin token once, and stops cleanly on SIGINT', async () => {
    const result = await spawnCli(
      ['serve', '--port', '0', '--data-dir', join(dataDir, 'third')],
      { FIREBREAK_LOG_LEVEL: 'silent' },
      (out, child) => {
        if (out.includes('Press Ctrl-C to stop.') && !out.includes('shutting down')) child.kill('SIGINT');
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Firebreak listening on http:\/\/127\.0\.0\.1:\d+ \(store: PGlite at .+third\)$/m);
    expect(result.stdout).toMatch(/Admin token \(shown once, keep it\): fbk_\S+/);
    expect(result.stdout).toMatch(/export FIREBREAK_TOKEN=fbk_\S+/);
    expect(result.stdout).toContain('SIGINT: shutting down…\nStopped.\n');
  });

  it('takes a SIGINT repeated at once (foreman forwards the terminal’s) as one, and still shuts down cleanly', async () => {
    const dir = join(dataDir, 'fourth');
    await copyMigratedStore(dir);
    let first = false;
    let second = false;
    const result = await spawnCli(
      ['serve', '--port', '0', '--data-dir', dir],
      { FIREBREAK_LOG_LEVEL: 'silent' },
      (out, child) => {
        if (!first && out.includes('Press Ctrl-C to stop.')) {
          first = true;
          child.kill('SIGINT');
        } else if (first && !second && out.includes('shutting down')) {
          // The first was handled and the shutdown has begun: the repeat lands in it.
          second = true;
          child.kill('SIGINT');
        }
      },
    );
    expect(second).toBe(true);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('SIGINT: shutting down…\nStopped.\n');
    expect(result.stderr).toBe('');
  });
});
