import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '@firebreak/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../../../server/src/test/pglite-dir';
import { type Result, spawnCli } from '../test/spawn-cli';

const ADMIN = 't0k3n-integration';
const SAMPLE = fileURLToPath(
  new URL('../../../server/src/integrations/fixtures/alertmanager-sample-v4.json', import.meta.url),
);

// The real bin against a running server: create an integration, post as Alertmanager would, replay.
describe('firebreak integration against a running server', () => {
  let server: RunningServer;
  let dataDir: string;
  let cli: (...args: string[]) => Promise<Result>;

  beforeAll(async () => {
    dataDir = await freshDataDir('firebreak-cli-integration-');
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminToken: ADMIN });
    cli = (...args) => spawnCli(args, { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: ADMIN });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates an integration whose secret posts the documented sample, and replays it without storing', async () => {
    const created = await cli(
      'integration',
      'create',
      '--kind',
      'alertmanager',
      '--name',
      'prom-prod',
      '--system-label',
      'job',
      '--level',
      'critical=page',
      '--json',
    );
    expect(created.code).toBe(0);
    const integration = JSON.parse(created.stdout);
    expect(integration).toMatchObject({ id: 'INT-1', mapping: { systemLabel: 'job', levels: { critical: 'page' } } });

    const replay = await cli(
      'integration',
      'replay',
      '--format',
      'alertmanager',
      '--file',
      SAMPLE,
      '--integration',
      'int-1',
    );
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain('INT-1|1a30ba71cca2921f');
    expect(replay.stdout).toContain('http_checks');
    expect(replay.stdout).toContain('nothing was stored');
    const before = await fetch(`${server.url}/api/v1/alerts`, { headers: { authorization: `Bearer ${ADMIN}` } });
    expect((await before.json()).alerts).toEqual([]);

    const { readFile } = await import('node:fs/promises');
    const posted = await fetch(`${server.url}/api/v1/inbound/alertmanager`, {
      method: 'POST',
      headers: { authorization: `Bearer ${integration.secret}`, 'content-type': 'application/json' },
      body: await readFile(SAMPLE, 'utf8'),
    });
    expect(posted.status).toBe(200);
    const listed = await cli('integration', 'list');
    expect(listed.stdout).toMatch(/INT-1\s+prom-prod\s+alertmanager\s+label job/);

    const bad = await cli('integration', 'create', '--kind', 'nagios', '--name', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected one of alertmanager, grafana, pagerduty, cloudevents');
  });
});
