import { rm } from 'node:fs/promises';
import { FirebreakClient } from '@firebreak/sdk';
import { type RunningServer, startServer } from '@firebreak/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../../../server/src/test/pglite-dir';
import { type Result, spawnCli } from '../test/spawn-cli';

const ADMIN = 't0k3n-reports';

// The real bin against a running server; the report comes in through the public API, with no token.
describe('firebreak reports against a running server', () => {
  let server: RunningServer;
  let dataDir: string;
  let cli: (...args: string[]) => Promise<Result>;

  beforeAll(async () => {
    dataDir = await freshDataDir('firebreak-cli-reports-');
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminToken: ADMIN, demo: true });
    cli = (...args) => spawnCli(args, { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: ADMIN });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists, shows, acknowledges, updates and declares from a report', async () => {
    const anonymous = new FirebreakClient({ baseUrl: server.url });
    const receipt = await anonymous.submitReport({
      kind: 'user_harm',
      system: 'support-copilot',
      whatHappened: 'The copilot quoted another customer’s address to me.',
      email: 'ana@example.com',
      consent: true,
      attachments: [
        { name: 'chat.txt', mediaType: 'text/plain', content: Buffer.from('bot: 12 Rue Lafayette').toString('base64') },
      ],
    });
    const ref = receipt.reference;

    const list = await cli('reports', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(ref);
    expect(list.stdout).toMatch(/ack by \d{4}-\d\d-\d\dT\d\d:\d\dZ/);

    const show = await cli('reports', 'show', ref.toLowerCase());
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('The copilot quoted another customer’s address to me.');
    expect(show.stdout).toContain(`sha256 ${receipt.attachments[0]!.sha256}`);
    expect(show.stdout).toContain('public:api  received');

    const ack = await cli('reports', 'ack', ref, '--message', 'We are checking it');
    expect(ack.code).toBe(0);
    expect(ack.stdout).toContain(`${ref} acknowledged; the reporter is mailed at ana@example.com`);
    const twice = await cli('reports', 'ack', ref);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('send an update instead');

    const noMessage = await cli('reports', 'update', ref);
    expect(noMessage.code).toBe(2);
    expect(noMessage.stderr).toContain('--message');

    const declared = await cli('reports', 'declare', ref, '--type', 'privacy_leak', '--severity', 'SEV2');
    expect(declared.code).toBe(0);
    expect(declared.stdout).toMatch(new RegExp(`Declared INC-\\d+ \\(SEV2 privacy_leak\\) from ${ref}`));
    const incident = /Declared (INC-\d+)/.exec(declared.stdout)![1]!;
    const timeline = await cli('incident', 'timeline', incident);
    expect(timeline.stdout).toContain(`${ref} user_harm`);

    const none = await cli('reports', 'list', '--overdue');
    expect(none.stdout).toContain('No overdue open reports.');
    const bad = await cli('reports', 'show', 'R-1');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('ref: expected a report reference');
  });
});
