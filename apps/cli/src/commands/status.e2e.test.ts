import { rm } from 'node:fs/promises';
import { FirebreakClient } from '@firebreak/sdk';
import { type RunningServer, startServer } from '@firebreak/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../../../server/src/test/pglite-dir';
import { type Result, spawnCli } from '../test/spawn-cli';

const ADMIN = 't0k3n-status';

// The real bin against a running demo server: its status page has support-assistant and
// payment-screening, and Lee Park (a `lee` token) is who the demo seats as comms lead.
describe('firebreak status against a running server', () => {
  let server: RunningServer;
  let dataDir: string;
  let admin: FirebreakClient;
  let as: (token: string, ...args: string[]) => Promise<Result>;
  let lee: string;
  let incident: string;
  let update: string;

  beforeAll(async () => {
    dataDir = await freshDataDir('firebreak-cli-status-');
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminToken: ADMIN, demo: true });
    admin = new FirebreakClient({ baseUrl: server.url, token: ADMIN });
    lee = (await admin.createToken({ name: 'lee', role: 'responder' })).token;
    as = (token, ...args) => spawnCli(args, { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: token });
    incident = (
      await admin.declareIncident({
        title: 'Index shard 7 stale',
        type: 'infrastructure',
        severity: 'SEV2',
        systems: ['support-copilot'],
      })
    ).id;
    await admin.assignRole(incident, { role: 'comms_lead', person: 'Lee Park' });
    update = (
      await admin.postStatusUpdate(incident, {
        audience: 'customer',
        whatHappened: 'Some answers fail.',
        impact: 'One in five answers.',
        currentStatus: 'Moving traffic.',
        nextSteps: 'More within the hour.',
      })
    ).id;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a bad state and a missing reason before calling the server', async () => {
    const bad = await as(ADMIN, 'status', 'set', 'support-assistant', 'sideways', '--reason', 'x');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected one of operational, maintenance, degraded_quality');
    const noReason = await as(ADMIN, 'status', 'set', 'support-assistant', 'major_outage');
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason');
  });

  it('publishes only as the comms lead, with the component state, and shows who set it', async () => {
    const args = [
      'status',
      'publish',
      incident,
      update,
      '--title',
      'Failed answers',
      '--state',
      'support-assistant=partial_outage',
    ];
    const refused = await as(ADMIN, ...args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('only the comms lead');
    const published = await as(lee, ...args);
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toContain(`${update} of ${incident} is on the status page as "Failed answers"`);
    expect(published.stdout).toContain('approved by lee as comms lead');
    const shown = await as(ADMIN, 'status', 'show');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(
      /support-assistant\s+Partial outage \(lee, .* UTC: published with UPD-\d+ of INC-\d+, INC-\d+\)/,
    );
    expect(shown.stdout).toMatch(/payment-screening\s+Operational/);
    expect((await admin.statusSummary()).incidents[0]).toMatchObject({
      name: 'Failed answers',
      status: 'investigating',
    });
  });

  it('sets a state with a reason, schedules and cancels maintenance', async () => {
    const set = await as(ADMIN, 'status', 'set', 'payment-screening', 'degraded_quality', '--reason', 'slow warm-up');
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('payment-screening now shows Degraded quality');
    const start = new Date(Date.now() + 3_600_000).toISOString();
    const end = new Date(Date.now() + 7_200_000).toISOString();
    const scheduled = await as(
      ADMIN,
      'status',
      'schedule',
      'Index rebuild',
      '--component',
      'support-assistant',
      '--start',
      start,
      '--end',
      end,
      '--description',
      'Answers may be slow.',
      '--json',
    );
    expect(scheduled.code, scheduled.stderr).toBe(0);
    const window = JSON.parse(scheduled.stdout);
    expect(window).toMatchObject({ title: 'Index rebuild', components: ['support-assistant'] });
    const cancelled = await as(ADMIN, 'status', 'cancel', window.id, '--reason', 'not needed');
    expect(cancelled.stdout).toContain(`${window.id} cancelled by`);
  });
});
