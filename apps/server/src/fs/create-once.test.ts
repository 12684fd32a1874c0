import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileOnce } from './create-once';

const dir = mkdtempSync(join(tmpdir(), 'firebreak-once-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createFileOnce', () => {
  it('creates the file once, mode 0600, and leaves the first content', () => {
    const path = join(dir, 'a', 'secret');
    expect(createFileOnce(path, 'first')).toBe(true);
    expect(createFileOnce(path, 'second')).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('first');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'a'))).toEqual(['secret']);
  });

  it('gives one winner among processes racing for the same file, each reading the same whole content', async () => {
    const path = join(dir, 'race', 'key');
    const child = new URL('./create-once.fixture.ts', import.meta.url).pathname;
    const runs = await Promise.all(
      Array.from(
        { length: 6 },
        (_, i) =>
          new Promise<{ created: boolean; read: string }>((resolve, reject) => {
            const p = fork(child, [path, `content-${i}-${'x'.repeat(100_000)}`], {
              execArgv: ['--import', 'tsx'],
              stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
            });
            p.on('message', (m) => resolve(m as { created: boolean; read: string }));
            p.on('error', reject);
          }),
      ),
    );
    expect(runs.filter((r) => r.created)).toHaveLength(1);
    const content = readFileSync(path, 'utf8');
    for (const run of runs) expect(run.read).toBe(content);
    expect(readdirSync(join(dir, 'race'))).toEqual(['key']);
  });
});
