import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from './test/spawn-cli';

// The bundle the bin builds into apps/cli/dist, as `npx firebreak` runs it (the other CLI tests
// spawn it too); FIREBREAK_CLI_SOURCE is dropped so a developer's setting cannot bypass it here.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIST = join(ROOT, 'apps/cli/dist');
const { FIREBREAK_CLI_SOURCE: _source, ...bundleEnv } = process.env;

function bundled(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    env: { ...bundleEnv, FIREBREAK_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const step of cleanup) await step();
});

describe('the firebreak bin', () => {
  it('runs the bundle, built from sources no newer than it', async () => {
    const result = await finished(bundled(['--version']));
    expect(result).toMatchObject({ code: 0, stdout: '0.1.0\n' });
    const info = JSON.parse(readFileSync(join(DIST, 'build.json'), 'utf8')) as { builtAt: number; inputs: string[] };
    expect(info.inputs).toContain('apps/cli/src/main.ts');
    expect(info.inputs).toContain('apps/server/src/server.ts');
    for (const input of info.inputs)
      expect(statSync(join(ROOT, input)).mtimeMs, input).toBeLessThanOrEqual(info.builtAt);
  });

  it('serves from the bundle (migrations found, store opened) and answers the bundled incident list', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'firebreak-bin-'));
    const server = bundled(['serve', '--port', '0', '--data-dir', join(dataDir, 'data')], {
      FIREBREAK_ADMIN_TOKEN: 'fbk_bin_test',
    });
    const stopped = finished(server);
    cleanup.push(async () => {
      server.kill('SIGTERM');
      await stopped;
      await rm(dataDir, { recursive: true, force: true });
    });
    const url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      server.stdout!.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /listening on (http:\/\/\S+)/.exec(seen);
        if (match) resolve(match[1]!);
      });
      server.on('close', (code) => reject(new Error(`serve exited ${code}: ${seen}`)));
    });

    const list = await finished(
      bundled(['incident', 'list', '--json'], { FIREBREAK_URL: url, FIREBREAK_TOKEN: 'fbk_bin_test' }),
    );
    expect(list.stderr).not.toMatch(/error/i);
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual({ incidents: [], total: 0 });
  }, 180_000);
});
