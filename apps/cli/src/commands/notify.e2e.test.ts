import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '@firebreak/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../../../server/src/test/pglite-dir';
import { memoryIo } from '../io';
import { run } from '../main';

// The CLI in-process against the real server on a fresh PGlite, both on one simulated clock. Email
// goes to a closed port (9, discard) with one attempt, so every email notification fails at once.
const FIXTURE = fileURLToPath(new URL('../fixtures/notify.yaml', import.meta.url));
const ADMIN = 'fbk-notify-e2e';
const START = new Date('2026-12-07T10:00:00.000Z');

let clock = START;
let server: RunningServer;
let dataDir: string;
let incident = '';

async function cli(...argv: string[]) {
  const io = memoryIo({ env: { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: ADMIN }, now: () => clock });
  const code = await run(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

beforeAll(async () => {
  dataDir = await freshDataDir('firebreak-cli-notify-');
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dataDir, 'data'),
    adminToken: ADMIN,
    now: () => clock,
    channels: { email: { host: '127.0.0.1', port: 9, from: 'Firebreak <firebreak@example.com>' } },
    notifications: { retry: { baseMs: 1, capMs: 1, maxAttempts: 1 }, pollMs: 20 },
  });
  expect((await cli('system', 'apply', '-f', FIXTURE)).code).toBe(0);
  const declared = await cli(
    ...['incident', 'declare', '--title', 'Screener leaks CVs', '--type', 'privacy_leak', '--severity', 'SEV1'],
    ...['--system', 'talent-screener', '--json'],
  );
  expect(declared.code).toBe(0);
  incident = JSON.parse(declared.out).id;
});

/** The incident's notifications once the worker has tried each one (it fails them all). */
async function settledNotifications(): Promise<Array<{ id: number; status: string; channel: string }>> {
  for (let tries = 0; tries < 200; tries++) {
    const { notifications } = JSON.parse((await cli('notify', 'list', incident, '--json')).out);
    if (notifications.length > 0 && notifications.every((n: { status: string }) => n.status === 'failed'))
      return notifications;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { notifications } = JSON.parse((await cli('notify', 'list', incident, '--json')).out);
  throw new Error(`the notifications of ${incident} never all failed: ${JSON.stringify(notifications)}`);
}

afterAll(async () => {
  await server?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the update clock', () => {
  it('shows when the next update is owed in incident list and incident show', async () => {
    const list = await cli('incident', 'list');
    expect(list.code).toBe(0);
    expect(list.out.split('\n')[0]).toMatch(/ACK\s+UPDATE$/);
    expect(list.out).toMatch(new RegExp(`${incident}\\s.*\\s+in 30m\\n`));
    const show = await cli('incident', 'show', incident);
    expect(show.out).toContain('  next update due 10:30 UTC (in 30m; none posted yet)');
  });
});

describe('firebreak notify', () => {
  // Leadership hears of a SEV1 within 15 minutes: a quarter of an hour on, everything queued so
  // far is due. The clock only moves forward in this file.
  beforeAll(() => {
    clock = new Date(START.getTime() + 16 * 60_000);
  });

  it('previews who the matrix tells, marks what is queued, and names the escalation policy', async () => {
    await settledNotifications();
    const preview = await cli('notify', 'preview', incident);
    expect(preview).toMatchObject({ code: 0, err: '' });
    expect(preview.out).toContain(`${incident} · SEV1`);
    expect(preview.out).toMatch(/DUE\s+AT \(UTC\)\s+AUDIENCE\s+RECIPIENT\s+CHANNEL\s+KIND\s+QUEUED\n/);
    expect(preview.out).toMatch(/on_call\s+(Amara Okafor|Jonas Becker)\s+email\s+page\s+yes\n/);
    expect(preview.out).toMatch(/\d+ of \d+ already queued: firebreak notify list INC-\d+\n/);
    expect(preview.out).toContain('Not reached:');
    expect(preview.out.trimEnd().split('\n').at(-1)).toBe(
      'If nobody acknowledges: escalation policy talent-ai-default',
    );
    const json = JSON.parse((await cli('notify', 'preview', incident, '--json')).out);
    expect(json).toMatchObject({ subject: incident, row: 'SEV1', escalationPolicy: 'talent-ai-default' });
  });

  it('lists the notifications, the failed ones with their error and how to retry them', async () => {
    const [first] = await settledNotifications();
    const human = await cli('notify', 'list', incident, '--failed');
    expect(human.code).toBe(0);
    const lines = human.out.split('\n');
    expect(lines[0]).toMatch(/^ID\s+STATUS\s+CHANNEL\s+RECIPIENT\s+AUDIENCE\s+KIND\s+ATTEMPTS\s+WHEN\s+ERROR$/);
    expect(lines[1]).toMatch(new RegExp(`^${first!.id}\\s+failed\\s+email\\s+\\S.*\\s+\\d+\\s+—\\s+\\S`));
    expect(human.out).toContain(`Send a failed one again: firebreak notify retry ${incident} ${first!.id}`);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(100);
  });

  it('puts each failed delivery on the timeline in words', async () => {
    await settledNotifications();
    const { out } = await cli('incident', 'timeline', incident);
    expect(out).toMatch(/notification_failed\s+page to (Amara Okafor|Jonas Becker) \(on_call\) by email failed: /);
  });

  it('sends a failed notification again', async () => {
    const [first] = await settledNotifications();
    const retried = await cli('notify', 'retry', incident, String(first!.id));
    expect(retried).toMatchObject({ code: 0, err: '' });
    expect(retried.out).toMatch(new RegExp(`^Notification ${first!.id} \\(page to .* by email\\) is pending again`));
  });

  it('shows the rules in force: matrix, the policy from the file, audiences, cadence, channels', async () => {
    const { code, out } = await cli('notify', 'settings');
    expect(code).toBe(0);
    expect(out).toMatch(/^Notification rules from directory revision \d+\n/);
    expect(out).toMatch(/\nSEV1\s+\S+/);
    expect(out).toContain('  talent-ai-default  (talent-screener; runs once)');
    expect(out).toContain('    1. after 0m   → schedule talent-ai-oncall');
    expect(out).toContain('    2. after 10m  → team talent-ai');
    expect(out).toMatch(/leadership\s+person sam-ortiz/);
    expect(out).toMatch(/CHANNEL\s+STATE\s+WHERE/);
    const json = JSON.parse((await cli('notify', 'settings', '--json')).out);
    expect(json.escalationPolicies.map((p: { id: string }) => p.id)).toEqual(['talent-ai-default']);
  });

  it('refuses an unknown incident with the server message, exit 1', async () => {
    const unknown = await cli('notify', 'list', 'INC-999');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^error: .*INC-999/);
  });

  it.each([
    [['notify', 'preview', 'INC-x'], "argument 'id'. expected an incident id such as INC-3"],
    [['notify', 'retry', 'INC-1', 'abc'], "argument 'notification'. expected a notification id such as 12"],
    [['notify', 'list'], "missing required argument 'id'"],
  ])('refuses %j locally, exit 2, naming the argument', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});

describe('firebreak oncall override', () => {
  it('adds an override as a new directory revision and removes it again', async () => {
    const before = JSON.parse((await cli('notify', 'settings', '--json')).out).revision as number;
    const added = await cli(
      ...['oncall', 'override', 'add', '--schedule', 'talent-ai-oncall', '--person', 'sam-ortiz'],
      ...['--from', '2026-12-07T12:00:00Z', '--to', '2026-12-08T12:00:00+01:00', '--reason', 'Amara is ill'],
    );
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toContain(
      `Override sam-ortiz-2026-12-07 added (directory revision ${before + 1}): sam-ortiz on talent-ai-oncall from 2026-12-07T12:00Z to 2026-12-08T11:00Z`,
    );
    expect(added.out).toContain("Note: `firebreak system apply` replaces the server's overrides with the file's");
    expect(added.out).toContain('    to: "2026-12-08T11:00:00.000Z"');

    const removed = await cli('oncall', 'override', 'remove', 'sam-ortiz-2026-12-07', '--json');
    expect(removed.code).toBe(0);
    const view = JSON.parse(removed.out);
    expect(view.revision).toBe(before + 2);
    expect(view.directory.overrides).toEqual([]);
  });

  it('refuses to remove an override that is not there, with the server message', async () => {
    const { code, err } = await cli('oncall', 'override', 'remove', 'nobody-here');
    expect(code).toBe(1);
    expect(err).toMatch(/^error: .*nobody-here/);
  });
});

describe('firebreak oncall without a file', () => {
  it('asks the server named by FIREBREAK_URL when there is no firebreak.yaml here', async () => {
    const answer = await cli('oncall', '--at', '2026-12-07T10:00:00Z');
    expect(answer.code).toBe(0);
    expect(answer.out).toMatch(/^On call at 2026-12-07T10:00:00\.000Z \(server, directory revision \d+\)/);
    expect(answer.out).toMatch(/talent-ai-oncall\s+talent-ai\s+\S/);
    const json = JSON.parse((await cli('oncall', '--schedule', 'talent-ai-oncall', '--json')).out);
    expect(json.onCall.map((row: { schedule: string }) => row.schedule)).toEqual(['talent-ai-oncall']);
  });

  it('still reads the file when -f names one', async () => {
    const answer = await cli('oncall', '-f', FIXTURE, '--at', '2026-12-07T10:00:00Z');
    expect(answer.out.split('\n')[0]).toBe('On call at 2026-12-07T10:00:00.000Z');
  });
});

describe('the update clock, later', () => {
  it('says by how much the update is overdue once its time has passed', async () => {
    // Last in the file: the clock never goes back, or what the jump queues would wait, pending,
    // for a time that never comes again.
    clock = new Date(START.getTime() + 38 * 60_000);
    expect((await cli('incident', 'list')).out).toMatch(new RegExp(`${incident}\\s.*\\s+overdue 8m\\n`));
    expect((await cli('incident', 'show', incident)).out).toContain(
      '  OVERDUE by 8m: next update was due 10:30 UTC (none posted yet)',
    );
  });
});
