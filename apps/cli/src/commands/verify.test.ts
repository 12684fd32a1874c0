import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '@firebreak/server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run } from '../main';

// In process: the real server on a fresh PGlite with its checkpoint key in the data folder.
let server: RunningServer;
let dir: string;
const cli = async (...args: string[]) => {
  const io = memoryIo({ env: { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: 't0k3n' }, cwd: () => dir });
  const code = await run(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-verify-'));
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    adminToken: 't0k3n',
    logger: pino({ level: 'silent' }),
  });
}, 120_000);
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('firebreak verify', () => {
  it('signs, saves an export, and verifies the store and the export offline', async () => {
    const signed = await cli('verify', '--sign', '--save', 'checkpoints.json');
    expect(signed.code).toBe(0);
    expect(signed.stdout).toMatch(
      /^Intact: 0 incidents, 0 timeline entries, 1 audit entries, 0 evidence files, against \d signed checkpoints\.\n$/,
    );
    const exported = JSON.parse(await readFile(join(dir, 'checkpoints.json'), 'utf8'));
    expect(exported.format).toBe('firebreak-checkpoints/1');
    expect(exported.checkpoints[0].seq).toBe(1);
    const offline = await cli(
      'verify',
      '--checkpoints',
      'checkpoints.json',
      '--offline',
      '--public-key',
      exported.publicKey,
    );
    expect(offline).toMatchObject({ code: 0 });
    expect(offline.stdout).toMatch(
      /^Signatures hold: \d checkpoints signed by key [0-9a-f]{16}, each linked to the one before\.\n$/,
    );
    expect((await cli('verify', '--checkpoints', 'checkpoints.json')).code).toBe(0);
  });

  it('exits 1 naming the problem when the export was altered or signed by another key', async () => {
    const exported = JSON.parse(await readFile(join(dir, 'checkpoints.json'), 'utf8'));
    exported.checkpoints[0].body = exported.checkpoints[0].body.replace(
      '"incidents":[]',
      '"incidents":[{"id":"INC-1","length":1,"head":"x"}]',
    );
    await writeFile(join(dir, 'altered.json'), JSON.stringify(exported));
    const altered = await cli('verify', '--checkpoints', 'altered.json', '--offline');
    expect(altered.code).toBe(1);
    expect(altered.stdout).toContain('checkpoint 1: the signature does not match its body');
    const pinned = await cli(
      'verify',
      '--checkpoints',
      'checkpoints.json',
      '--offline',
      '--public-key',
      'A'.repeat(43),
    );
    expect(pinned.code).toBe(1);
    expect(pinned.stdout).toContain('the export names a different public key from the one pinned');
    expect((await cli('verify', '--offline')).code).toBe(2);
  });

  it('creates tokens with an expiry and app tokens with their systems', async () => {
    const app = await cli(
      'token',
      'create',
      '--name',
      'copilot-prod',
      '--role',
      'app',
      '--systems',
      'support-copilot',
      '--expires-in',
      '30d',
    );
    expect(app.code).toBe(0);
    expect(app.stdout).toMatch(
      /^Created TOK-\d+ "copilot-prod" \(app for support-copilot\), expires 2\d{3}-\d\d-\d\dT\d\d:\d\dZ\n/,
    );
    const loose = await cli('token', 'create', '--name', 'x', '--role', 'app');
    expect(loose.code).toBe(2);
    expect(loose.stderr).toContain('--systems');
  });
});
