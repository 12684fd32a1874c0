import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '@firebreak/server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run } from '../main';

// The README's tour, run as written: its shell blocks, in order, by bash, against a demo server
// on a fresh data folder. `npx firebreak` is a shim that hands each command to the CLI's run()
// in this process (the same code, without a TypeScript start-up per command).
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ADMIN = 'fbk_readme_tour_admin';

/** The ```sh blocks of the tour sections, minus the lines that point the shell at a server. */
function tourScript(readme: string): string {
  const start = readme.indexOf('## Five-minute tour');
  const end = readme.indexOf('\n## ', start + 1);
  const tour = readme.slice(start, end);
  const blocks = [...tour.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
  return blocks
    .join('\n')
    .split('\n')
    .filter((line) => !/^export FIREBREAK_(URL|TOKEN)=/.test(line))
    .join('\n');
}

let server: RunningServer;
let shim: Server;
let dir: string;
const ran: Array<{ argv: string[]; code: number; stdout: string; stderr: string }> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-tour-'));
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    demo: true,
    adminToken: ADMIN,
    logger: pino({ level: 'silent' }),
  });
  shim = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', async () => {
      const { argv, cwd } = JSON.parse(body) as { argv: string[]; cwd: string };
      const io = memoryIo({ env: { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: ADMIN }, cwd: () => cwd });
      // Relative paths in the tour (answer.json, examples/…) are the shell's: run where it runs.
      const home = process.cwd();
      process.chdir(cwd);
      const code = await run(argv, io).finally(() => process.chdir(home));
      ran.push({ argv, code, stdout: io.stdout, stderr: io.stderr });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code, stdout: io.stdout, stderr: io.stderr }));
    });
  });
  await new Promise<void>((resolve) => shim.listen(0, '127.0.0.1', resolve));
  const shimUrl = `http://127.0.0.1:${(shim.address() as AddressInfo).port}`;
  await mkdir(join(dir, 'bin'));
  await writeFile(
    join(dir, 'bin', 'firebreak-shim.mjs'),
    `const response = await fetch(${JSON.stringify(shimUrl)}, { method: 'POST', body: JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }) });
const { code, stdout, stderr } = await response.json();
process.stdout.write(stdout);
process.stderr.write(stderr);
process.exitCode = code;
`,
  );
  await writeFile(
    join(dir, 'bin', 'npx'),
    `#!/usr/bin/env bash\nif [ "$1" = firebreak ]; then shift; exec node "${join(dir, 'bin', 'firebreak-shim.mjs')}" "$@"; fi\necho "the tour runs only npx firebreak, not npx $1" >&2; exit 127\n`,
  );
  await chmod(join(dir, 'bin', 'npx'), 0o755);
  await mkdir(join(dir, 'work'));
  await symlink(join(ROOT, 'examples'), join(dir, 'work', 'examples'));
}, 120_000);

afterAll(async () => {
  await new Promise<void>((resolve) => shim?.close(() => resolve()));
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the README tour', () => {
  it('runs top to bottom as written', async () => {
    const script = tourScript(await readFile(join(ROOT, 'README.md'), 'utf8'));
    const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn('bash', ['-eu', '-c', script], {
        cwd: join(dir, 'work'),
        env: {
          ...process.env,
          PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
          FIREBREAK_URL: server.url,
          FIREBREAK_TOKEN: ADMIN,
        },
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('close', (code) => resolve({ code, output }));
    });
    if (process.env.FIREBREAK_TOUR_LOG) await writeFile(process.env.FIREBREAK_TOUR_LOG, result.output);
    const failed = ran.find((command) => command.code !== 0);
    expect(failed, failed ? `firebreak ${failed.argv.join(' ')}\n${failed.stderr}` : '').toBeUndefined();
    expect(result.code, result.output.slice(-3000)).toBe(0);
    const said = (...argv: string[]) =>
      ran.findLast((command) => command.argv.join(' ') === argv.join(' '))?.stdout ?? '';
    // What the tour says happens, happens: the rule contains INC-4 by itself, the merge links them.
    const ruleIncident = said('incident', 'show', 'INC-4');
    expect(ruleIncident).toMatch(/SEV1 · contained/);
    expect(ruleIncident).toContain('Required by rule copilot-pii');
    expect(said('incident', 'show', 'INC-2')).toMatch(/Duplicates +INC-4/);
    expect(said('control', 'show', 'support-copilot.auto-send')).toContain('rule:copilot-pii');
    // The drill ran in its own space: the inject released early, the real system untouched.
    const drill = ran.findLast((command) => command.argv[0] === 'drill' && command.argv[1] === 'status')?.stdout;
    expect(drill).toMatch(/vp-eta +released at 0:00:/);
    expect(drill).toMatch(/never touched; the drill works on support-copilot-drill-\d+/);
    // The plan step prints every section of the response plan, its gaps named.
    const plan = said('plan', 'support-copilot');
    expect(plan).toContain('## 11. Roles and on-call');
    expect(plan).toContain('**Gap `no-role:legal`**');
  }, 180_000);
});
