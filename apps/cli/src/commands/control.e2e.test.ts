import { rm } from 'node:fs/promises';
import { FirebreakClient } from '@firebreak/sdk';
import { type RunningServer, startServer } from '@firebreak/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../../../server/src/test/pglite-dir';
import { type Result, spawnCli } from '../test/spawn-cli';

const ADMIN = 't0k3n-controls';
const cards = [
  {
    id: 'support-copilot',
    name: 'Support copilot',
    owner: 'support-ai',
    model: { name: 'gpt', version: '1' },
    riskTier: 'limited',
    controls: [
      { id: 'auto-send', kind: 'kill_switch' },
      { id: 'review', kind: 'human_review' },
      { id: 'ingest', kind: 'queue' },
      { id: 'answers', kind: 'cache' },
    ],
    presets: [
      {
        id: 'safe-mode',
        description: 'No auto-send, every answer reviewed',
        changes: [
          { control: 'auto-send', enabled: false },
          { control: 'review', share: 1, when: [{ flag: 'pii' }, { flag: 'secret' }] },
        ],
      },
    ],
    tiers: { SEV1: 'safe-mode' },
  },
  {
    id: 'fraud-model',
    name: 'Fraud model',
    owner: 'risk-ml',
    model: { name: 'xgb', version: 'fraud-v12' },
    riskTier: 'high',
    controls: [{ id: 'model', kind: 'route', target: 'model', versions: ['fraud-v10', 'fraud-v11', 'fraud-v12'] }],
  },
];

// The real bin against a running server: the commands issue 4 names, and their failures.
describe('firebreak control and rollback against a running server', () => {
  let server: RunningServer;
  let dataDir: string;
  let cli: (...args: string[]) => Promise<Result>;
  let incident: string;

  beforeAll(async () => {
    dataDir = await freshDataDir('firebreak-cli-controls-');
    server = await startServer({ port: 0, host: '127.0.0.1', dataDir, adminToken: ADMIN });
    const client = new FirebreakClient({ baseUrl: server.url, token: ADMIN });
    // The gate asks one thing here: a smoke test someone other than the lifter attests.
    await client.applySystems(cards as never, undefined, {
      recovery: {
        checklists: {
          default: [{ id: 'smoke-test', kind: 'attestation', what: 'Smoke test of the fixed filter passed' }],
        },
      },
    });
    incident = (
      await client.declareIncident({
        title: 'PII in answers',
        type: 'privacy_leak',
        severity: 'SEV3',
        systems: ['support-copilot'],
      })
    ).id;
    cli = (...args) => spawnCli(args, { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: ADMIN });
  });
  afterAll(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('kills a capability with a reason and an incident, and lists the controls', async () => {
    const killed = await cli(
      'control',
      'kill',
      'support-copilot.auto-send',
      '--reason',
      'PII leak',
      '--incident',
      incident,
    );
    expect(killed).toMatchObject({
      code: 0,
      stdout: 'support-copilot.auto-send is now off (killed). Apps obey it within a second.\n',
    });
    const list = await cli('control', 'list', 'support-copilot');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(
      /support-copilot\.auto-send\s+kill_switch\s+off \(killed\)\s+admin, (just now|\S+ ago)\s+INC-1/,
    );
    const shown = await cli('control', 'show', 'support-copilot.auto-send');
    expect(shown.stdout).toMatch(/admin\s+changed\s+off \(killed\) {2}— PII leak/);
  });

  it('rolls a model back to its last known-good version', async () => {
    const rolled = await cli('rollback', 'fraud-model');
    expect(rolled).toMatchObject({
      code: 0,
      stdout: 'fraud-model.model is now fraud-v11. Apps obey it within a second.\n',
    });
    const named = await cli('rollback', 'fraud-model', '--to', 'fraud-v10', '--reason', 'v11 too', '--json');
    expect(JSON.parse(named.stdout)).toMatchObject({ outcome: 'applied', control: { state: { active: 'fraud-v10' } } });
  });

  it('sets a canary and a temporary review share', async () => {
    expect(
      (
        await cli(
          'control',
          'set',
          'fraud-model.model',
          '--canary',
          'fraud-v12',
          '--percent',
          '5',
          '--reason',
          'retry v12 on 5%',
        )
      ).stdout,
    ).toBe('fraud-model.model is now fraud-v10, canary fraud-v12 at 5% by user. Apps obey it within a second.\n');
    const review = await cli(
      'control',
      'set',
      'support-copilot.review',
      '--share',
      '1',
      '--when',
      'flag:pii',
      '--for',
      '2h',
      '--reason',
      'review all',
    );
    expect(review.stdout).toMatch(
      /^support-copilot.review is now 100% of traffic, and any item with flag pii until \d{4}-\d\d-\d\dT\d\d:\d\dZ, then it reverts unless renewed/,
    );
  });

  it('pauses and resumes a queue, flushes a cache, and shows them', async () => {
    const paused = await cli(
      'control',
      'pause',
      'support-copilot.ingest',
      '--retry-after',
      '30s',
      '--reason',
      'poisoned documents',
      '--incident',
      incident,
    );
    expect(paused).toMatchObject({
      code: 0,
      stdout: 'support-copilot.ingest is now paused (retry after 30s). Apps obey it within a second.\n',
    });
    const list = await cli('control', 'list', 'support-copilot');
    expect(list.stdout).toMatch(/support-copilot\.ingest\s+queue\s+paused \(retry after 30s\)/);
    expect(list.stdout).toMatch(/support-copilot\.answers\s+cache\s+generation 0 \(never flushed\)/);
    const flushed = await cli(
      'control',
      'flush',
      'support-copilot.answers',
      '--scope',
      'tenant:acme',
      '--reason',
      'stale answers',
    );
    expect(flushed).toMatchObject({
      code: 0,
      stdout: 'support-copilot.answers flushed scope tenant:acme: apps drop what they cached (generation 1).\n',
    });
    const shown = await cli('control', 'show', 'support-copilot.ingest');
    expect(shown.stdout).toMatch(/fails\s+open when an app has never heard from Firebreak/);
    const resumed = await cli('control', 'resume', 'support-copilot.ingest', '--reason', 'documents cleaned');
    expect(resumed.stdout).toBe('support-copilot.ingest is now running. Apps obey it within a second.\n');
    const timeline = await cli('incident', 'timeline', incident);
    expect(timeline.stdout).toContain('support-copilot.ingest: running → paused (retry after 30s): poisoned documents');
    expect(timeline.stdout).toContain('support-copilot.answers: flushed scope tenant:acme (generation 0 → 1)');
    const noReason = await cli('control', 'resume', 'support-copilot.ingest');
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toContain("required option '--reason <text>' not specified");
    const badScope = await cli('control', 'flush', 'support-copilot.answers', '--scope', 'a b', '--reason', 'x');
    expect(badScope.code).not.toBe(0);
    expect(badScope.stderr).toContain('flush.scope: expected a scope');
    const badHint = await cli('control', 'pause', 'support-copilot.ingest', '--retry-after', 'soon', '--reason', 'x');
    expect(badHint.code).not.toBe(0);
    expect(badHint.stderr).toMatch(/--retry-after/);
  });

  it('explains what is wrong, and exits non-zero', async () => {
    const unknown = await cli('rollback', 'support-copilot');
    expect(unknown).toMatchObject({ code: 2 });
    expect(unknown.stderr).toMatch(/support-copilot has no model route; declare one on its system card/);
    const badPercent = await cli('control', 'set', 'fraud-model.model', '--canary', 'fraud-v12', '--percent', '120');
    expect(badPercent.code).toBe(2);
    expect(badPercent.stderr).toMatch(/--percent.*expected a number from 0 to 100/);
    const wrongField = await cli('control', 'set', 'support-copilot.auto-send', '--level', 'strict', '--reason', 'x');
    expect(wrongField.code).toBe(1);
    expect(wrongField.stderr).toMatch(/level: a kill_switch control has no level; it takes enabled/);
    const badWhen = await cli('control', 'set', 'support-copilot.review', '--when', 'pii');
    expect(badWhen.stderr).toMatch(/--when "pii": expected flag:<name>/);
  });

  it('refuses to re-enable during a SEV1 until its recovery gate passes, then waits for a second person', async () => {
    const client = new FirebreakClient({ baseUrl: server.url, token: ADMIN });
    await client.changeSeverity(incident, { severity: 'SEV1', reason: 'confirmed' });
    const early = await cli('control', 'enable', 'support-copilot.auto-send', '--reason', 'fixed');
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('recovery gate not passed, so traffic on support-copilot may not widen yet');
    expect(early.stderr).toContain('smoke-test not checked yet');
    const status = await cli('recovery', 'status', incident);
    expect(status.stdout).toMatch(/^INC-1 recovery gate: not passed\n {2}· smoke-test {15}attestation Smoke test/);

    // Your own word does not lift your own change; a colleague's does.
    const own = await cli('recovery', 'check', incident, 'smoke-test', '--link', 'https://ci.example.com/runs/7');
    expect(own.stdout).toMatch(
      /^smoke-test recorded, not counted yet: attested only by admin: it counts for a change someone else makes/,
    );
    const { token } = await client.createToken({ name: 'priya', role: 'responder' });
    const priya = new FirebreakClient({ baseUrl: server.url, token });
    await priya.request('POST', `/api/v1/incidents/${incident}/recovery/checks`, {
      item: 'smoke-test',
      url: 'https://ci.example.com/runs/8',
    });
    expect((await cli('recovery', 'status', incident)).stdout).toMatch(/^INC-1 recovery gate: PASSED/);

    const asked = await cli('control', 'enable', 'support-copilot.auto-send', '--reason', 'fixed');
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(
      /^Not applied yet: re-enabling a killed capability during open INC-1 \(SEV1\) needs a second person’s approval\.\nAsk someone else to run: {2}firebreak control approve APR-1/,
    );
    const self = await cli('control', 'approve', 'APR-1');
    expect(self.code).toBe(1);
    expect(self.stderr).toMatch(/admin asked for this change; a second person must approve it/);
    expect((await cli('control', 'approvals')).stdout).toMatch(/APR-1\s+pending\s+support-copilot.auto-send/);
  });

  it('applies the SEV1 tier’s preset in one command, and lifts it as one once the SEV1’s recovery gate passed', async () => {
    const listed = await cli('preset', 'list', 'support-copilot');
    expect(listed.stdout).toMatch(/^safe-mode \[SEV1\] {2}not applied\n {2}No auto-send, every answer reviewed\n/);
    const applied = await cli(
      'preset',
      'apply',
      'support-copilot',
      '--tier',
      'SEV1',
      '--incident',
      incident,
      '--reason',
      'PII',
    );
    expect(applied, applied.stderr).toMatchObject({ code: 0 });
    // auto-send was already killed: the preset moved what was left.
    expect(applied.stdout).toBe(
      `safe-mode applied on support-copilot (PRE-1, ${incident}): 1 control\n  support-copilot.review\n`,
    );
    expect((await cli('preset', 'list', 'support-copilot')).stdout).toMatch(
      /safe-mode \[SEV1\] {2}IN FORCE since .* \(PRE-1, by admin\)/,
    );
    // The SEV1's recovery gate passed above, with priya's attestation: a second person's word, so
    // safe mode lifts as one (without it, the gate refuses: presets.test.ts).
    const lifted = await cli('preset', 'revert', 'support-copilot', 'safe-mode', '--reason', 'looks fine');
    expect(lifted, lifted.stderr).toMatchObject({ code: 0 });
    expect(lifted.stdout).toMatch(/^safe-mode reverted on support-copilot \(PRE-1/);
    const noReason = await cli('preset', 'apply', 'support-copilot', 'safe-mode');
    expect(noReason).toMatchObject({ code: 2 });
    expect(noReason.stderr).toMatch(/--reason is required/);
  });
});
