import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FirebreakClient } from '@firebreak/sdk';
import { type RunningServer, startServer } from '@firebreak/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../../../server/src/test/pglite-dir';
import { type Result, spawnCli } from '../test/spawn-cli';

const ADMIN = 't0k3n-canary';
const KEY = 'support-copilot.model';
const card = {
  id: 'support-copilot',
  name: 'Support copilot',
  owner: 'support-ai',
  model: { name: 'gpt', version: 'm-12' },
  riskTier: 'limited',
  controls: [
    { id: 'auto-send', kind: 'kill_switch' },
    { id: 'model', kind: 'route', target: 'model', versions: ['m-11', 'm-12', 'm-13'], active: 'm-12' },
  ],
};

/** `n` events served by `model`, the first `pii` of them flagged pii. */
const events = (model: string, n: number, pii = 0) =>
  Array.from({ length: n }, (_, i) => ({
    system: 'support-copilot',
    ts: new Date().toISOString(),
    kind: 'generation' as const,
    model,
    ...(i < pii ? { flags: { pii: true } } : {}),
  }));

// The real bin against a running server whose canary runner ticks every 100 ms.
describe('firebreak canary against a running server', () => {
  let server: RunningServer;
  let dataDir: string;
  let client: FirebreakClient;
  let cli: (...args: string[]) => Promise<Result>;
  let incident: string;

  beforeAll(async () => {
    dataDir = await freshDataDir('firebreak-cli-canary-');
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminToken: ADMIN, canaryEveryMs: 100 });
    client = new FirebreakClient({ baseUrl: server.url, token: ADMIN });
    await client.applySystems([card] as never);
    incident = (
      await client.declareIncident({
        title: 'New model leaks PII',
        type: 'privacy_leak',
        severity: 'SEV3',
        systems: ['support-copilot'],
      })
    ).id;
    cli = (...args) => spawnCli(args, { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: ADMIN });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('names a bad candidate and a missing reason', async () => {
    const bad = await cli('canary', 'start', KEY, '--version', 'm-99', '--reason', 'try');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('version: m-99 is not a version of support-copilot.model');
    const noReason = await cli('canary', 'start', KEY, '--version', 'm-13');
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason is required');
    const none = await cli('canary', 'status', KEY);
    expect(none).toMatchObject({
      code: 0,
      stdout: `${KEY} has had no canary; start one with firebreak canary start\n`,
    });
  });

  it('starts a canary, shows its steps in words, and aborts it on PII from the candidate only', async () => {
    const started = await cli(
      'canary',
      'start',
      KEY,
      '--version',
      'm-13',
      '--incident',
      incident,
      '--signals',
      'pii,refusal',
      '--reason',
      'new model, evals green',
    );
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toMatch(/^CAN-1 support-copilot\.model: m-13 against m-12 — RUNNING/);
    expect(started.stdout).toMatch(/1\s+1%\s+current\s+\S+\s+not judged yet/);

    await client.sendTelemetry([...events('m-12', 990), ...events('m-13', 10, 3)]);
    let status: Result | undefined;
    for (let i = 0; i < 100; i += 1) {
      status = await cli('canary', 'status', KEY);
      if (status.stdout.includes('ABORTED')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status!.code).toBe(0);
    expect(status!.stdout).toMatch(/ABORTED by firebreak:canary/);
    expect(status!.stdout).toMatch(/aborted: pii did more harm on the candidate/);
    expect(status!.stdout).toMatch(
      /pii\s+1 \(1%\)\s+0\.00% \(0\/990\)\s+30\.00% \(3\/10\)\s+\S+\s+abort \(zero-tolerance flag on the candidate only; candidate-only evidence 13\.8, abort at 10\.6/,
    );
    const json = JSON.parse((await cli('canary', 'status', KEY, '--json')).stdout);
    expect(json.run).toMatchObject({ state: 'aborted', incidentId: incident });
    expect((await client.getControl(KEY)).state).toMatchObject({ active: 'm-12', canary: null });
    const timeline = await cli('incident', 'timeline', incident);
    expect(timeline.stdout).toMatch(
      /canary_aborted\s+canary CAN-1 of m-13 on support-copilot\.model aborted at 1%, route back to m-12/,
    );
  });

  it('cancels a running canary, and says so when none runs', async () => {
    expect((await cli('canary', 'start', KEY, '--version', 'm-11', '--reason', 'older model, cheaper')).code).toBe(0);
    const cancelled = await cli('canary', 'cancel', KEY, '--reason', 'release pulled');
    expect(cancelled.code, cancelled.stderr).toBe(0);
    expect(cancelled.stdout).toMatch(/CAN-2 support-copilot\.model: m-11 against m-12 — CANCELLED/);
    const again = await cli('canary', 'cancel', KEY, '--reason', 'again');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('has no canary running');
  });

  it('accepts a residual risk only when a zero-tolerance segment holds the step, and only with a reason', async () => {
    const bare = await cli('canary', 'accept-risk', KEY);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('--reason is required');
    const none = await cli('canary', 'accept-risk', KEY, '--reason', 'reviewed');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('has no canary running; there is no risk to accept');
    const started = await cli(
      'canary',
      'start',
      KEY,
      '--version',
      'm-11',
      '--segment-by',
      'language',
      '--reason',
      'try',
    );
    expect(started.code, started.stderr).toBe(0);
    const early = await cli('canary', 'accept-risk', KEY, '--reason', 'reviewed');
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/no zero-tolerance segment series holds step 1 \(1%\)/);
    expect((await cli('canary', 'cancel', KEY, '--reason', 'checked')).code).toBe(0);
  });

  it('takes a plan from --plan or --plan-file, and shows the server naming the step a bad one breaks', async () => {
    // m-11 as the candidate, with the plan options and reason given.
    const start = (...args: string[]) => cli('canary', 'start', KEY, '--version', 'm-11', ...args);
    const rising = await start('--plan', '1,5,3,100', '--reason', 'try');
    expect(rising.code).toBe(1);
    expect(rising.stderr).toMatch(/plan\[2\]\.percent: must rise above the step before \(5\)/);
    const typo = await start('--plan', '1,5:soon,100', '--reason', 'try');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('step 2 ("5:soon")');
    const file = join(dataDir, 'plan.yaml');
    await writeFile(file, 'plan:\n  - percent: 2\n    gate: no_abort\n    minDuration: 10m\n  - percent: 100\n');
    const both = await start('--plan', '1,100', '--plan-file', file, '--reason', 'x');
    expect(both.stderr).toContain('give --plan or --plan-file, not both');
    const fromFile = await start('--plan-file', file, '--reason', 'try', '--json');
    expect(fromFile.code, fromFile.stderr).toBe(0);
    expect(JSON.parse(fromFile.stdout).plan).toEqual([
      expect.objectContaining({ percent: 2, gate: 'no_abort', minDurationMs: 600_000 }),
      expect.objectContaining({ percent: 100, gate: 'pass' }),
    ]);
    expect((await cli('canary', 'cancel', KEY, '--reason', 'plan checked')).code).toBe(0);
    const started = await start('--plan', '1:smoke:30m,20,100', '--reason', 'try');
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toMatch(/1\s+1%\s+current/);
    expect(started.stdout).toMatch(/plan\s+1%[^\n]*30 min[^\n]*→ 20%[^\n]*→ 100%/);
    expect((await cli('canary', 'cancel', KEY, '--reason', 'plan checked')).code).toBe(0);
  });
});
