import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SystemCardInput, TriageRuleInput } from '@firebreak/contract';
import { FirebreakClient } from '@firebreak/sdk';
import { type RunningServer, startServer } from '@firebreak/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../../../server/src/test/pglite-dir';
import { type Result, spawnCli } from '../test/spawn-cli';
import { renderCheck } from './plan';

const ADMIN = 't0k3n-plan';

/** A scoring model with everything its plan asks for but a kill switch. */
const gateModel = (controls: SystemCardInput['controls']): SystemCardInput => ({
  id: 'gate-model',
  name: 'Gate model',
  owner: 'support-ai',
  onCall: 'support-ai-oncall',
  model: { name: 'gbm', version: 'v3' },
  riskTier: 'minimal',
  runbook: 'https://runbooks.example.com/gate-model',
  monitors: [
    { id: 'errors', signal: 'error_rate' },
    { id: 'drift', signal: 'feature:amount' },
    { id: 'latency', signal: 'latency_ms' },
  ],
  controls,
});
const ROUTE: NonNullable<SystemCardInput['controls']>[number] = {
  id: 'model',
  kind: 'route',
  target: 'model',
  versions: ['v2', 'v3'],
};
const RULES: TriageRuleInput[] = (['model_degradation', 'distribution_shift', 'infrastructure'] as const).map(
  (type) => ({ id: `gate-${type}`, when: { system: 'gate-model' }, then: { type, severity: 'SEV3' } }),
);

describe('firebreak plan against a running demo server', () => {
  let server: RunningServer;
  let dataDir: string;
  let admin: FirebreakClient;
  let cli: (...args: string[]) => Promise<Result>;

  beforeAll(async () => {
    dataDir = await freshDataDir('firebreak-cli-plan-');
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminToken: ADMIN, demo: true });
    admin = new FirebreakClient({ baseUrl: server.url, token: ADMIN });
    cli = (...args) => spawnCli(args, { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: ADMIN });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("prints the demo copilot's whole plan in Markdown, gaps named", async () => {
    const result = await cli('plan', 'support-copilot');
    expect(result.code).toBe(0);
    for (const title of ['1. Context and blast radius', '4. Runbooks by failure type', '11. Roles and on-call'])
      expect(result.stdout).toContain(`## ${title}`);
    expect(result.stdout).toContain('**Gap `no-monitor:bias`**: no monitor watches fairness (bias) for this system');
  }, 60_000);

  it('fails --check on a system with a gap, and passes once the gap is fixed', async () => {
    // The demo directory names no legal role and escalates only its own two systems.
    const { directory } = await admin.directory();
    directory.notifications!.audiences.legal = [{ person: 'alex-morgan' }];
    directory.notifications!.escalationPolicies[0]!.systems.push('gate-model');
    await admin.applySystems([gateModel([ROUTE])], RULES, directory);

    const failing = await cli('plan', 'gate-model', '--check');
    expect(failing.code).toBe(1);
    expect(failing.stdout).toBe(
      'gate-model: 1 gap in its response plan\n' +
        '  no-kill-switch  no kill switch: nothing stops the system acting on its own output at once\n' +
        '                  fix: declare a control of kind kill_switch on the card\n',
    );

    await admin.applySystems([gateModel([ROUTE, { id: 'auto', kind: 'kill_switch' }])]);
    const passing = await cli('plan', 'gate-model', '--check');
    expect(passing.code).toBe(0);
    expect(passing.stdout).toBe('gate-model: no gaps; the response plan covers every section\n');
  }, 60_000);

  it('writes HTML to a file, and refuses a bad system id and format before calling', async () => {
    const file = join(dataDir, 'plan.html');
    const written = await cli('plan', 'support-copilot', '--format', 'html', '-o', file);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain(`Wrote ${file}`);
    expect(await readFile(file, 'utf8')).toContain('<h2>5. Containment and rollback</h2>');
    const badId = await cli('plan', 'Not A System');
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('is not a system id');
    const badFormat = await cli('plan', 'support-copilot', '--format', 'docx');
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('md, html, pdf, json');
    const unknown = await cli('plan', 'no-such-system');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('system no-such-system not found');
  }, 60_000);

  it('lists gaps with their fixes, aligned, in the --check output', () => {
    expect(
      renderCheck({
        system: 's',
        gaps: [
          { id: 'no-role:legal', section: 'roles', message: 'no owner for the legal role', fix: 'name one' },
          { id: 'no-on-call', section: 'roles', message: 'no on-call schedule', fix: 'add one' },
        ],
      }),
    ).toEqual([
      's: 2 gaps in its response plan',
      '  no-role:legal  no owner for the legal role\n                 fix: name one',
      '  no-on-call     no on-call schedule\n                 fix: add one',
    ]);
  });
});
