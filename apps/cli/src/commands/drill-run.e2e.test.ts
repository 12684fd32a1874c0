import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinScenarioUrl } from '@firebreak/core';
import { FirebreakClient } from '@firebreak/sdk';
import { type RunningServer, startServer } from '@firebreak/server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyMigratedStore } from '../../../server/src/test/pglite-dir';
import { memoryIo } from '../io';
import { run } from '../main';

const ADMIN = 't0k3n-drill-run';

// A facilitator runs a tabletop drill from the CLI against the demo: set up, start, release an
// inject, the team declares in the exercise space, end, hotwash with an action, report.
describe('firebreak drill against the demo', () => {
  let server: RunningServer;
  let dir: string;
  let client: FirebreakClient;
  const cli = async (...argv: string[]) => {
    const io = memoryIo({ env: { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: ADMIN } });
    const code = await run(argv, io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'firebreak-drill-run-'));
    await copyMigratedStore(join(dir, 'data'));
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      dataDir: join(dir, 'data'),
      demo: true,
      // The demo without its quarter of history (which holds drills of its own): this drill is DRL-1.
      demoHistory: false,
      adminToken: ADMIN,
      logger: pino({ level: 'silent' }),
    });
    client = new FirebreakClient({ baseUrl: server.url, token: ADMIN });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a bad scenario file with file, line and field before calling the server', async () => {
    const leak = readFileSync(builtinScenarioUrl('copilot-retrieval-pii-leak'), 'utf8');
    const bad = join(dir, 'bad.yaml');
    await writeFile(bad, leak.replace('  onset: 15m\n', '  onset: soon\n'));
    const result = await cli('drill', 'new', '--file', bad);
    expect(result.code).toBe(1);
    const line = leak.split('\n').indexOf('  onset: 15m') + 1;
    expect(result.stderr).toMatch(new RegExp(`^${bad.replaceAll('/', '\\/')}:${line}: telemetry\\.onset: `, 'm'));
    expect((await client.listExercises()).exercises).toHaveLength(0);
    expect((await cli('drill', 'new')).stderr).toContain('give exactly one of <scenario>, --file or --replay');
    expect((await cli('drill', 'status', 'DRILL-1')).stderr).toContain('expected a drill id such as DRL-3');
  });

  it('runs a tabletop drill from set-up to report without touching the real system', async () => {
    const realBefore = (await client.listControls()).controls.filter((c) => c.system === 'support-copilot');
    const created = await cli(
      'drill',
      'new',
      'copilot-retrieval-pii-leak',
      '--mode',
      'tabletop',
      '--team',
      'support-ai',
      '--start',
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^DRL-1 {2}.* {2}RUNNING {2}tabletop$/m);
    expect(created.stdout).toMatch(
      /system +support-copilot \(never touched; the drill works on support-copilot-drill-1\)/,
    );
    expect(created.stdout).toMatch(/channel +none: drill notifications are held, never sent/);
    expect(created.stdout).toMatch(/vp-eta +due at 0:30:00/);

    const released = await cli('drill', 'inject', 'DRL-1', 'vp-eta', '--note', 'the VP is early today');
    expect(released.code, released.stderr).toBe(0);
    expect(released.stdout).toMatch(/vp-eta +released at 0:00:/);

    expect((await cli('drill', 'clock', 'DRL-1', 'speed')).stderr).toContain('--speed is required with speed');
    const faster = await cli('drill', 'clock', 'DRL-1', 'speed', '--speed', '30', '--reason', 'skip ahead');
    expect(faster.stdout).toContain('running at ×30');

    // A participant declares in the exercise space, as in the war room.
    const declared = await cli(
      'incident',
      'declare',
      '--title',
      'Copilot shows other customers’ orders',
      '--type',
      'privacy_leak',
      '--severity',
      'SEV1',
      '--system',
      'support-copilot-drill-1',
    );
    expect(declared.code, declared.stderr).toBe(0);
    // Mixing the drill's copy with the real system is refused, naming the field.
    const mixed = await cli(
      'incident',
      'declare',
      '--title',
      'x',
      '--type',
      'privacy_leak',
      '--severity',
      'SEV1',
      '--system',
      'support-copilot-drill-1,support-copilot',
    );
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain('systems');

    const ended = await cli('drill', 'clock', 'DRL-1', 'end', '--reason', 'objectives covered');
    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stdout).toMatch(/Scorecard {2}\d+\/100 {2}(PASSED|NOT PASSED)/);
    expect(ended.stdout).toMatch(/✓ +Incident declared +within 10m of onset/);
    expect(ended.stdout).not.toContain('Alert raised');

    const hot = await cli(
      'drill',
      'hotwash',
      'DRL-1',
      '--strength',
      'declared within minutes',
      '--improve',
      'nobody owned comms :: name a comms lead in the rota',
      '--owner',
      'dana-reyes',
    );
    expect(hot.code, hot.stderr).toBe(0);
    expect(hot.stdout).toMatch(/\+ declared within minutes/);
    const actionId = /- nobody owned comms → (ACT-\d+)/.exec(hot.stdout)?.[1];
    expect(actionId).toBeDefined();
    const action = await client.request<{ title: string; owner: string; systems: string[] }>(
      'GET',
      `/api/v1/actions/${actionId}`,
    );
    expect(action).toMatchObject({
      title: 'name a comms lead in the rota',
      owner: 'dana-reyes',
      systems: ['support-copilot'],
    });

    const report = await cli('drill', 'report', 'DRL-1');
    expect(report.stdout).toContain('# Drill report: DRL-1');
    expect(report.stdout).toContain('name a comms lead in the rota');
    const listed = await cli('drill', 'status');
    expect(listed.stdout).toMatch(/^DRL-1 +ended +copilot-retrieval-pii-leak +support-ai/m);

    // Nothing real moved: the real system's controls, and its incidents without drills.
    const realAfter = (await client.listControls()).controls.filter((c) => c.system === 'support-copilot');
    expect(realAfter).toEqual(realBefore);
    const real = await client.listIncidents({ exercise: 'exclude' });
    expect(real.incidents.every((incident) => !incident.systems.includes('support-copilot-drill-1'))).toBe(true);
  });
});
