import { rm } from 'node:fs/promises';
import { FirebreakClient } from '@firebreak/sdk';
import { type RunningServer, startServer } from '@firebreak/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../../../server/src/test/pglite-dir';
import { type Result, spawnCli } from '../test/spawn-cli';

const ADMIN = 't0k3n-shadow';
const KEY = 'support-copilot.model';
const card = {
  id: 'support-copilot',
  name: 'Support copilot',
  owner: 'support-ai',
  model: { name: 'gpt', version: 'm-12' },
  riskTier: 'limited',
  controls: [{ id: 'model', kind: 'route', target: 'model', versions: ['m-11', 'm-12', 'm-13'], active: 'm-12' }],
};

/** `n` events served by `model`, the first `pii` of them flagged pii; shadow copies when asked. */
const events = (model: string, n: number, pii: number, shadow = false) =>
  Array.from({ length: n }, (_, i) => ({
    system: 'support-copilot',
    ts: new Date().toISOString(),
    kind: 'generation' as const,
    model,
    ...(i < pii ? { flags: { pii: true } } : {}),
    ...(shadow ? { shadow: true } : {}),
  }));

// The real bin against a running server whose runner (canaries, then shadows) ticks every 100 ms.
describe('firebreak shadow against a running server', () => {
  let server: RunningServer;
  let dataDir: string;
  let client: FirebreakClient;
  let cli: (...args: string[]) => Promise<Result>;

  beforeAll(async () => {
    dataDir = await freshDataDir('firebreak-cli-shadow-');
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminToken: ADMIN, canaryEveryMs: 100 });
    client = new FirebreakClient({ baseUrl: server.url, token: ADMIN });
    await client.applySystems([card] as never);
    cli = (...args) => spawnCli(args, { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: ADMIN });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('names a bad version and a missing reason, and says when no shadow ran', async () => {
    const bad = await cli('shadow', 'start', KEY, 'm-12', '--percent', '10', '--reason', 'try');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('shadow.version');
    const noReason = await cli('shadow', 'start', KEY, 'm-13', '--percent', '10');
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason is required');
    const none = await cli('shadow', 'status', KEY);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain(`${KEY} has no shadow running.`);
  });

  it('starts a shadow, stops it by itself when its version leaks PII, and shows the verdicts', async () => {
    const started = await cli('shadow', 'start', KEY, 'm-13', '--percent', '10', '--reason', 'try m-13 unseen');
    expect(started.code, started.stderr).toBe(0);
    expect(started.stdout).toContain(`${KEY} is now m-12, shadow m-13 on 10%`);

    await client.sendTelemetry([...events('m-12', 990, 0), ...events('m-13', 100, 10, true)]);
    let status: Result | undefined;
    for (let i = 0; i < 100; i += 1) {
      status = await cli('shadow', 'status', KEY);
      if (status.stdout.includes('(regressed)')) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status!.code).toBe(0);
    expect(status!.stdout).toContain(`${KEY} has no shadow running.`);
    expect(status!.stdout).toMatch(/Verdict\s+regressed/);
    expect(status!.stdout).toMatch(/pii\s+regressed\s+10\.00%\s+0\.00%/);
    expect(status!.stdout).toMatch(/Ended\s+.* by firebreak:shadow: m-13 did more harm than m-12: pii/);
    const json = JSON.parse((await cli('shadow', 'status', KEY, '--json')).stdout);
    expect(json).toMatchObject({
      shadow: null,
      run: { state: 'regressed', candidateEvents: 100, baselineEvents: 990 },
    });
  });

  it('stops a shadow by hand, and names the field when there is none to stop', async () => {
    expect((await cli('shadow', 'start', KEY, 'm-11', '--percent', '5', '--reason', 'older, cheaper')).code).toBe(0);
    const stopped = await cli('shadow', 'stop', KEY, '--reason', 'seen enough');
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toContain(`${KEY} is now m-12.`);
    const again = await cli('shadow', 'stop', KEY, '--reason', 'again');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('nothing to change');
  });
});
