import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FirebreakClient } from '@firebreak/sdk';
import { type RunningServer, startServer } from '@firebreak/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackages } from './build-packages';

// What an app outside this repository gets: the packages built and packed as for the registry,
// installed from the tarballs into a fresh project, and the SDK README's snippets run with plain
// node against a real server. Each snippet must exit by itself.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN = 'fbk_packed_test';
const SNIPPET = /```js\n\/\/ (\S+\.mjs)\n([\s\S]*?)```/g;

/** npm as a user runs it: without the npm_* settings of the `npm test` that started vitest. */
function npm(args: string[], cwd: string): string {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  const result = spawnSync('npm', args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function installedVersion(name: string): string {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}

let app: string;
let server: RunningServer;

beforeAll(async () => {
  app = mkdtempSync(join(tmpdir(), 'firebreak-app-'));
  const tarballs = (await buildPackages()).map((dist) => {
    const [packed] = JSON.parse(npm(['pack', dist, '--json', '--pack-destination', app], app)) as {
      filename: string;
    }[];
    return join(app, packed!.filename);
  });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'an-ai-app', private: true, type: 'module' }));
  // The registry's packages come from npm's cache when it has them (the repository's own install put them there).
  npm(
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      ...tarballs,
      `@openfeature/server-sdk@${installedVersion('@openfeature/server-sdk')}`,
    ],
    app,
  );
  server = await startServer({ port: 0, host: '127.0.0.1', dataDir: join(app, 'data'), adminToken: ADMIN });
  // The system and controls the README's snippets name.
  await new FirebreakClient({ baseUrl: server.url, token: ADMIN }).putSystem({
    id: 'support-copilot',
    name: 'Support copilot',
    owner: 'support-ai team',
    model: { name: 'copilot', version: 'copilot-v3' },
    riskTier: 'limited',
    controls: [
      { id: 'auto-send', kind: 'kill_switch' },
      { id: 'prompt', kind: 'route', target: 'prompt', versions: ['tmpl-6', 'tmpl-7'] },
      { id: 'review', kind: 'human_review', share: 0.05 },
    ],
  });
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (app) rmSync(app, { recursive: true, force: true });
});

/** Not spawnSync: the server answering the snippet runs in this process. */
function runSnippet(file: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [file], {
    cwd: app,
    env: { PATH: process.env.PATH, FIREBREAK_URL: server.url, FIREBREAK_TOKEN: ADMIN },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A snippet that leaves a timer or a connection open never exits: that is the failure.
    timeout: 60_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

const readme = readFileSync(join(ROOT, 'packages/sdk/README.md'), 'utf8');
const snippets = new Map([...readme.matchAll(SNIPPET)].map((match) => [match[1]!, match[2]!]));

describe('the packed SDK, installed in an app outside the repository', () => {
  it('has the three README snippets the checks below run', () => {
    expect([...snippets.keys()]).toEqual(['report.mjs', 'controls.mjs', 'openfeature.mjs']);
  });

  it.each([
    ['report.mjs', /sent: 1,/],
    ['controls.mjs', /auto-send: on/],
    ['openfeature.mjs', /auto-send: on/],
  ])('runs %s with plain node, which exits by itself', async (name, expected) => {
    const file = join(app, name);
    writeFileSync(file, snippets.get(name)!);
    const result = await runSnippet(file);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(expected);
  });

  it('ships type declarations a Node ESM TypeScript project resolves (no any)', () => {
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        // skipLibCheck as most apps set it; the @ts-expect-error below still fails if a type is missing.
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: [],
        },
        files: ['check.mts'],
      }),
    );
    writeFileSync(
      join(app, 'check.mts'),
      [
        "import { FirebreakControls, TelemetryReporter, type ReporterStats } from '@firebreak/sdk';",
        "import type { Incident } from '@firebreak/contract';",
        "const reporter = new TelemetryReporter({ baseUrl: 'http://127.0.0.1:7311' });",
        'const stats: ReporterStats = reporter.stats;',
        '// @ts-expect-error: an event needs a system (fails if the types were missing and became any)',
        "reporter.report({ ts: '2026-11-24T10:00:00Z' });",
        "const controls = new FirebreakControls({ baseUrl: 'http://127.0.0.1:7311', systems: ['support-copilot'] });",
        "const enabled: boolean = controls.isEnabled('support-copilot.auto-send');",
        "const severity: Incident['severity'] = 'SEV1';",
        'export { enabled, severity, stats };',
      ].join('\n'),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', app], {
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });

  it("ships core's built-in rule pack where BUILTIN_RULE_PACK_URL points", async () => {
    writeFileSync(
      join(app, 'pack.mjs'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { BUILTIN_RULE_PACK_URL } from '@firebreak/core';",
        "console.log(readFileSync(BUILTIN_RULE_PACK_URL, 'utf8').includes('id: gdpr.33'));",
      ].join('\n'),
    );
    const run = await runSnippet(join(app, 'pack.mjs'));
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('true');
  });

  it("ships core's drill scenarios where builtinScenarioUrl points", async () => {
    writeFileSync(
      join(app, 'drills.mjs'),
      [
        "import { readFileSync } from 'node:fs';",
        "import { BUILTIN_SCENARIO_IDS, builtinScenarioUrl } from '@firebreak/core';",
        "console.log(BUILTIN_SCENARIO_IDS.every((id) => readFileSync(builtinScenarioUrl(id), 'utf8').includes('id: ' + id)));",
      ].join('\n'),
    );
    const run = await runSnippet(join(app, 'drills.mjs'));
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('true');
  });
});
