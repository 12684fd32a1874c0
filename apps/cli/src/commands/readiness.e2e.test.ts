import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type RunningServer, startServer } from '@firebreak/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../../../server/src/test/pglite-dir';
import { type Result, spawnCli } from '../test/spawn-cli';

const ADMIN = 't0k3n-readiness';

// The real bin against the demo, which ships a quarter of history: every metric has a value.
describe('firebreak readiness on the demo', () => {
  let server: RunningServer;
  let dataDir: string;
  let cli: (...args: string[]) => Promise<Result>;

  beforeAll(async () => {
    dataDir = await freshDataDir('firebreak-cli-readiness-');
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminToken: ADMIN, demo: true });
    cli = (...args) => spawnCli(args, { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: ADMIN });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints every metric, each with a value', async () => {
    const { code, stdout, stderr } = await cli('readiness');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    for (const time of ['MTTD', 'MTTA', 'MTTI', 'MTTC', 'MTTR']) {
      const line = stdout.split('\n').find((l) => l.startsWith(`${time}  `));
      // median and mean are durations, never the empty mark
      expect(line, time).toMatch(/→ [a-z ]+\s+\d+[dhms][\dhms ]*\s+\d+[dhms][\dhms ]*\s+\d+$/);
    }
    expect(stdout).toMatch(/Postmortems published within 10 business days\s+\d+% \(\d+ on time/);
    expect(stdout).toMatch(/Actions closed on time\s+\d+% /);
    expect(stdout).toMatch(/Closed actions verified\s+\d+% /);
    expect(stdout).toMatch(/Alert precision\s+\d+% \(\d+ acted on, \d+ dismissed/);
    expect(stdout).toMatch(/Drills passed\s+\d+% \(\d+ of \d+\)/);
    for (const section of [
      'BY SEVERITY',
      'BY TYPE',
      'BY SYSTEM',
      'TREND (mean per week)',
      'ALERT PRECISION PER MONITOR',
    ]) {
      expect(stdout).toContain(section);
    }
    expect(stdout).toMatch(/^SEV1 +\d/m);
    expect(stdout).toMatch(/^privacy_leak +\d/m);
    expect(stdout).toMatch(/^support-copilot +negative-feedback +2 +0 +2 +0 +0%$/m);
    expect(stdout).toMatch(/^fraud-model +\d+ +\d+\/12 \d+%/m);
    expect(stdout).toMatch(/^risk-ml +2 +1 +1 +50%$/m);
    expect(stdout).toMatch(/^support-ai +2 +2 +0 +100%$/m);
  });

  it('agrees with the JSON, and writes the quarterly report as Markdown and HTML', async () => {
    const json = JSON.parse((await cli('readiness', '--json')).stdout);
    expect(json.drills).toMatchObject({ run: 4, passed: 3 });
    expect(json.incidents.declared).toBe(10);
    const md = join(dataDir, 'readiness.md');
    const wrote = await cli('readiness', '--format', 'md', '-o', md);
    expect(wrote.code).toBe(0);
    expect(wrote.stderr).toContain(`Wrote ${md}`);
    expect(await readFile(md, 'utf8')).toMatch(/^# Readiness report: /);
    const html = await cli('readiness', '--format', 'html');
    expect(html.stdout.match(/<svg /g)?.length).toBe(5);
  });

  it('names the field it refuses', async () => {
    const bad = await cli('readiness', '--from', 'last-week');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('from');
    const format = await cli('readiness', '--format', 'pdf');
    expect(format.code).not.toBe(0);
    expect(format.stderr).toContain('table, json, md, html');
  });
});
