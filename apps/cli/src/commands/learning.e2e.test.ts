import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningServer, startServer } from '@firebreak/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyMigratedStore } from '../../../server/src/test/pglite-dir';
import { memoryIo } from '../io';
import { run } from '../main';

// The learning half end to end: the CLI in-process against the real server on a fresh PGlite,
// both on one simulated clock. A SEV1 is declared, run, resolved, written up and closed.
const FIXTURE = fileURLToPath(new URL('../fixtures/learning.yaml', import.meta.url));
const ADMIN = 'fbk-learning-e2e';
const START = new Date('2026-12-07T10:00:00.000Z');
const minutes = (n: number) => new Date(START.getTime() + n * 60_000);

let clock = START;
let server: RunningServer;
let dir: string;
let incident = '';

async function cli(...argv: string[]) {
  const io = memoryIo({ env: { FIREBREAK_URL: server.url, FIREBREAK_TOKEN: ADMIN }, now: () => clock });
  const code = await run(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

async function ok(...argv: string[]) {
  const result = await cli(...argv);
  expect(result, argv.join(' ')).toMatchObject({ code: 0 });
  return result;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-cli-learning-'));
  await copyMigratedStore(join(dir, 'data'));
  server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'data'),
    adminToken: ADMIN,
    now: () => clock,
  });
  await ok('system', 'apply', '-f', FIXTURE);
  const declared = await ok(
    ...['incident', 'declare', '--title', 'Copilot misstates the refund window', '--type', 'hallucination_spike'],
    ...['--severity', 'SEV1', '--system', 'support-copilot', '--onset', minutes(-20).toISOString(), '--json'],
  );
  incident = JSON.parse(declared.out).id;
  clock = minutes(5);
  await ok('incident', 'ack', incident);
  await ok('incident', 'assign', incident, '--role', 'incident_commander', '--person', 'dana-reyes');
  await ok('incident', 'transition', incident, 'active');
  clock = minutes(15);
  await ok(
    ...['incident', 'decision', incident, '--observation', 'Answers state a 90-day refund window'],
    ...['--decision', 'Roll the prompt back to v6', '--key'],
  );
  await ok('incident', 'isolated', incident, '--cause', 'Prompt v7 dropped the policy excerpt from the context');
  clock = minutes(25);
  await ok('incident', 'transition', incident, 'contained', '--reason', 'prompt rolled back to v6');
  clock = minutes(60);
  await ok('incident', 'transition', incident, 'resolved', '--reason', 'v6 answers checked');
}, 60_000);

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a SEV1 from resolved to closed', () => {
  it('stars the decision logged with --key, and shows ★ in the timeline', async () => {
    const { out } = await ok('incident', 'timeline', incident);
    expect(out).toMatch(/^\d+ ★\s+\S+\s+\S+\s+decision_logged\s+DEC-\d+: Roll the prompt back to v6$/m);
    expect(out).toMatch(/key_moment_marked\s+★ entry \d+ marked a key moment/);
    expect(out).toMatch(/cause_isolated\s+cause isolated 2026-12-07T10:15Z: Prompt v7 dropped/);
  });

  it('refuses to close before the postmortem is published, saying what is missing and what to run', async () => {
    const refused = await cli('incident', 'transition', incident, 'closed');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`error: ${incident} cannot close yet`);
    expect(refused.err).toMatch(/\n {2}postmortem: .*published postmortem/);
    expect(refused.err).toContain(`→ firebreak postmortem publish ${incident}`);
    expect(refused.err).toMatch(/\n {2}residual_risk: /);
    const check = await ok('incident', 'close-check', incident);
    expect(check.out).toContain(`${incident} (resolved) is not ready to close`);
    expect(check.out).toContain('  postmortem     none drafted');
  });

  it('drafts the postmortem from the timeline, figures filled', async () => {
    const drafted = await ok('postmortem', 'draft', incident);
    expect(drafted.out).toMatch(new RegExp(`^Drafted the postmortem of ${incident} \\(template \\S+\\): owner `));
    expect(drafted.out).toMatch(/ {2}timeline\s+drafted \(\d+ moments, 1 starred\)/);
    const shown = await ok('postmortem', 'show', incident);
    expect(shown.out).toMatch(new RegExp(`^${incident} · SEV1 hallucination_spike · postmortem draft\\n`));
    expect(shown.out).toContain('  onset         2026-12-07T09:40Z');
    expect(shown.out).toMatch(/ {2}detected\s+2026-12-07T10:00Z {2}\+20m/);
    expect(shown.out).toMatch(/ {2}acknowledged\s+2026-12-07T10:05Z {2}\+5m/);
    expect(shown.out).toMatch(/ {2}isolated\s+2026-12-07T10:15Z {2}\+10m/);
    expect(shown.out).toMatch(/ {2}contained\s+2026-12-07T10:25Z {2}\+10m/);
    expect(shown.out).toMatch(/ {2}resolved\s+2026-12-07T11:00Z {2}\+35m/);
    expect(shown.out).toMatch(/ {2}onset→resolved 1h 20m/);
    expect(shown.out).toMatch(/ {2}★ 10:15Z {2}#\d+\s+/);
    const json = JSON.parse((await ok('postmortem', 'show', incident, '--json')).out);
    expect(json.figures.onsetToResolve).toBe(80 * 60);
  });

  it('saves factors from a YAML file against the version read, and shows them by category', async () => {
    const file = join(dir, 'factors.yaml');
    await writeFile(
      file,
      [
        '- category: prompt_guardrails',
        '  description: Prompt v7 dropped the policy excerpt from the retrieval context',
        '  citations: [{ kind: decision, ref: DEC-1 }]',
        '- category: detection_gap',
        '  description: No monitor watched answers that contradict the refund policy',
        '  citations: [{ kind: timeline, ref: "1" }]',
      ].join('\n'),
    );
    const edited = await ok('postmortem', 'edit', incident, '--section', 'factors', '--factors-file', file);
    expect(edited.out).toMatch(new RegExp(`^Saved factors of the postmortem of ${incident} \\(version \\d+\\)`));
    const shown = await ok('postmortem', 'show', incident);
    expect(shown.out).toMatch(/\n {2}CATEGORY\s+FACTOR\s+CITES\n/);
    expect(shown.out).toMatch(/\n {2}Prompt and guardrails\s+Prompt v7 dropped the policy excerpt.*\s+DEC-1\n/);
    expect(shown.out).toMatch(/\n {2}Detection gaps\s+No monitor watched.*\s+#1\n/);
    expect(shown.out).toMatch(/## Contributing factors \(factors; edited by admin 2026-12-07T11:00Z\)/);
  });

  it('drafts a section again from the incident', async () => {
    const again = await ok('postmortem', 'regenerate', incident, '--section', 'timeline', '--reason', 'starred later');
    expect(again.out).toMatch(
      new RegExp(`^Drafted timeline of the postmortem of ${incident} again \\(version \\d+\\)\n$`),
    );
  });

  it('refuses a factors file with a wrong category before sending, naming the entry and field', async () => {
    const file = join(dir, 'bad-factors.yaml');
    await writeFile(file, '- category: prompts\n  description: v7\n');
    const refused = await cli('postmortem', 'edit', incident, '--section', 'factors', '--factors-file', file);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`${file}: 0.category: `);
  });

  it('lints a Markdown file: one line per finding, exit 1', async () => {
    const file = join(dir, 'draft.md');
    await writeFile(file, 'The outage happened because Sam was careless and should have checked the prompt.\n');
    const linted = await cli('postmortem', 'lint', '--file', file, '--incident', incident);
    expect(linted.code).toBe(1);
    expect(linted.out).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:\\d+ [a-z-]+: .+ — .+$`, 'm'),
    );
  });

  it('refuses an action owner who is not in the directory, naming the field', async () => {
    const refused = await cli(
      ...['action', 'add', incident, '--title', 'Rate monitor on policy contradictions', '--category', 'monitoring'],
      ...['--owner', 'nobody-we-know', '--due', '+14d'],
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^error: .*owner/);
  });

  it('adds an action with a replay verification, lists it, and verifies it', async () => {
    const added = await ok(
      ...['action', 'add', incident, '--title', 'Rate monitor on policy contradictions', '--category', 'monitoring'],
      ...['--owner', 'sam-ortiz', '--due', '+14d', '--verify-replay', '--within', '10m'],
    );
    expect(added.out).toMatch(new RegExp(`^Added (ACT-\\d+) to ${incident}: Rate monitor on policy contradictions\\n`));
    expect(added.out).toContain('due 2026-12-21T11:00Z (in 14d); verification: replay');
    const id = /Added (ACT-\d+)/.exec(added.out)![1]!;
    const list = await ok('action', 'list', '--incident', incident);
    expect(list.out).toMatch(
      new RegExp(`^${id}\\s+${incident}\\s+Rate monitor.*Sam Ortiz\\s+2026-12-21\\s+open\\s+replay: not run$`, 'm'),
    );
    const verified = await cli('action', 'verify', id);
    expect(verified.out).toMatch(new RegExp(`^${id} (PASSED|FAILED) \\(replay\\): \\S`));
    expect(verified.code).toBe(verified.out.includes('PASSED') ? 0 : 1);
    if (verified.code === 1) {
      const refused = await cli('action', 'close', id);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/^error: .*verification/);
    }
    const updated = await ok(
      ...['action', 'update', id, '--status', 'in_progress', '--owner', 'dana-reyes', '--due', '+7d'],
      ...['--reason', 'handover'],
    );
    expect(updated.out).toBe(`${id} updated: in_progress, owner Dana Reyes, due 2026-12-14T11:00Z (in 7d)\n`);
    const stray = await cli('action', 'update', id, '--within', '5m');
    expect(stray).toMatchObject({ code: 2, err: 'error: --within goes with --verify-replay\n' });
    const shown = await ok('action', 'show', id);
    expect(shown.out).toMatch(
      /Verifications:\n {2}ID\s+AT \(UTC\)\s+BY\s+TRIGGER\s+RESULT\s+SUMMARY\n {2}VER-\d+\s+2026-12-07T11:00Z/,
    );
  });

  it('verifies a control action, PASSED, and closes it', async () => {
    const added = await ok(
      ...['action', 'add', incident, '--title', 'Auto-send stays behind its kill switch', '--category'],
      ...['architecture_guardrails', '--owner', 'dana-reyes', '--verify-control', 'support-copilot.auto-send'],
    );
    const id = /Added (ACT-\d+)/.exec(added.out)![1]!;
    expect(added.out).toContain('verification: control support-copilot.auto-send exists');
    const verified = await ok('action', 'verify', id, '--note', 'checked in the catalog');
    expect(verified.out).toMatch(new RegExp(`^${id} PASSED \\(control\\): \\S`));
    expect(verified.out).toContain(`Close it: firebreak action close ${id}`);
    const closed = await ok('action', 'close', id, '--reason', 'kill switch in place');
    expect(closed.out).toMatch(
      new RegExp(`^Closed ${id} \\(VER-\\d+ passed 2026-12-07\\); checked again at 30, 60 and 90 days\n$`),
    );
    const open = await ok('action', 'list', '--incident', incident, '--open');
    expect(open.out).not.toContain(id);
  });

  it('hands the postmortem to another owner', async () => {
    const moved = await ok('postmortem', 'owner', incident, '--owner', 'sam-ortiz', '--reason', 'Dana is on leave');
    expect(moved.out).toBe(`Postmortem of ${incident}: owner Sam Ortiz, due 2026-12-21T11:00Z (in 14d)\n`);
  });

  it('refuses to publish over blameless findings, listing them and how to accept them', async () => {
    await ok(
      ...['postmortem', 'edit', incident, '--section', 'went_badly'],
      ...['--body', 'Sam should have checked the prompt before shipping it.'],
    );
    const linted = await cli('postmortem', 'lint', incident);
    expect(linted.code).toBe(1);
    expect(linted.out).toMatch(/^sections\.went_badly:1:\d+ [a-z-]+: .+ — .+$/m);
    const refused = await cli('postmortem', 'publish', incident);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^sections\.went_badly:1:\d+ [a-z-]+: /m);
    expect(refused.err).toMatch(/\nerror: status: \d+ blameless-lint finding\(s\) remain/);
    expect(refused.err).toContain(`  firebreak postmortem publish ${incident} --accept-findings --reason "…"`);
    const local = await cli('postmortem', 'publish', incident, '--accept-findings');
    expect(local).toMatchObject({ code: 2, err: 'error: --accept-findings needs --reason: why the findings stay\n' });
  });

  it('publishes with the findings accepted, accepts the residual risk, and closes', async () => {
    const published = await cli(
      ...['postmortem', 'publish', incident, '--accept-findings', '--reason', 'quoted from the review, kept verbatim'],
    );
    expect(published).toMatchObject({ code: 0, out: `Postmortem of ${incident} is now published\n` });
    const accepted = await ok(
      ...['incident', 'accept-risk', incident, '--by', 'dana-reyes'],
      ...['--risk', 'v7 fix unproven; refund answers stay on review until it is'],
    );
    expect(accepted.out).toContain(`${incident} is ready to close: firebreak incident transition ${incident} closed`);
    const closed = await ok('incident', 'transition', incident, 'closed');
    expect(closed.out).toBe(`${incident} is now closed\n`);
    const { out } = await ok('incident', 'timeline', incident);
    expect(out).toMatch(/postmortem_status_changed\s+postmortem draft → published/);
    expect(out).toMatch(/residual_risk_accepted\s+residual risk accepted by Dana Reyes: v7 fix unproven/);
    expect(out).toMatch(/postmortem_edited\s+postmortem owner → sam-ortiz: Dana is on leave/);
    expect(out).toMatch(/postmortem_edited\s+postmortem section factors edited \(factors\)/);
    expect(out).toMatch(/action_added\s+ACT-\d+ "Rate monitor on policy contradictions" for sam-ortiz/);
    expect(out).not.toMatch(/\s\{"/);
  });

  it('finds no earlier incident like this one on a fresh server', async () => {
    const related = await ok('incident', 'related', incident);
    expect(related.out).toBe(`No earlier incidents like ${incident} (same system and type or factor).\n`);
  });

  it('exports the published postmortem as Markdown to a file', async () => {
    const file = join(dir, 'postmortem.md');
    const exported = await ok('postmortem', 'export', incident, '-o', file);
    expect(exported.err).toMatch(new RegExp(`^Wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ bytes`));
    expect(await readFile(file, 'utf8')).toContain('Copilot misstates the refund window');
    const pdf = await cli('postmortem', 'export', incident, '--format', 'pdf');
    expect(pdf).toMatchObject({
      code: 2,
      err: 'error: a PDF is binary: write it to a file with -o FILE (or redirect stdout)\n',
    });
  });
});
