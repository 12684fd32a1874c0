import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { memoryIo } from './io';
import { buildProgram, run } from './main';

/** Every command path: [['incident'], ['incident', 'declare'], …]. */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands
    .filter((sub) => sub.name() !== 'help')
    .flatMap((sub) => [[...prefix, sub.name()], ...commandPaths(sub, [...prefix, sub.name()])]);
}

// Port 9 (discard) is closed here: every server call fails to connect, nothing else is needed.
const CLOSED = { FIREBREAK_URL: 'http://127.0.0.1:9', FIREBREAK_TOKEN: 'fbk_test' };

async function cli(argv: string[], env: Record<string, string> = CLOSED) {
  const io = memoryIo({ env });
  const code = await run(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

// Every command registered, as the full help sees them.
const fullProgram = await buildProgram(memoryIo());

describe('firebreak (in-process)', () => {
  it('prints help with examples and exits 0', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Examples:');
    expect(result.stdout).toContain('incident');
  });

  it.each(commandPaths(fullProgram))('gives %s help with examples', async (...path) => {
    const { code, stdout } = await cli([...path, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Examples:\n  $ firebreak ');
  });

  it('offers --json on every command that talks to the server', () => {
    // `oncall` reads a local file; `oncall ical` writes a calendar and `postmortem export` a document, not data.
    const documents = ['oncall ical', 'postmortem export'];
    const leaves = commandPaths(fullProgram).filter(
      (path) => (path.length > 1 || ['whoami', 'taxonomy'].includes(path[0]!)) && !documents.includes(path.join(' ')),
    );
    const program = fullProgram;
    for (const path of leaves) {
      const command = path.reduce<Command>((cmd, name) => cmd.commands.find((sub) => sub.name() === name)!, program);
      // A group (`oncall override`) only holds its verbs.
      if (command.commands.length > 0) continue;
      expect(
        command.options.map((option) => option.long),
        path.join(' '),
      ).toContain('--json');
    }
  });

  it('explains every incident type and severity in declare --help', async () => {
    const { code, stdout } = await cli(['incident', 'declare', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/privacy_leak\s+Personal data or secrets disclosed/);
    expect(stdout).toMatch(/SEV1 \(P0\)\s+ack within 15m\s+contain within 1h\s+Safety violation/);
    expect(stdout).toMatch(/SEV4 \(P3\)\s+ack within 1d/);
  });

  it.each([
    [['incident', 'list', '--bogus'], "unknown option '--bogus'"],
    [
      ['incident', 'declare', '--title', 't', '--type', 'bias', '--severity', 'SEV2'],
      "required option '--system <id>' not specified",
    ],
    [
      ['incident', 'declare', '--title', 't', '--type', 'bias', '--severity', 'SEV5', '--system', 'a'],
      'expected one of SEV1, SEV2, SEV3, SEV4',
    ],
    [
      ['incident', 'declare', '--title', 't', '--type', 'bais', '--severity', 'SEV2', '--system', 'a'],
      'expected one of model_degradation',
    ],
    [['incident', 'transition', 'INC-1', 'open'], 'expected one of triage, active'],
    [
      [
        'incident',
        'update',
        'INC-1',
        '--audience',
        'press',
        '--what-happened',
        'w',
        '--impact',
        'i',
        '--status',
        's',
        '--next-steps',
        'n',
      ],
      'expected one of internal, executive, support, customer',
    ],
    [
      ['incident', 'evidence', 'INC-1', '--kind', 'photo', '--title', 't', '--content', 'x'],
      'expected one of telemetry_sample',
    ],
    [['incident', 'assign', 'INC-1', '--role', 'boss', '--person', 'Dana'], 'expected one of incident_commander'],
    [['token', 'create', '--name', 'x', '--role', 'root'], 'expected one of app, viewer, responder, admin'],
    [
      [
        'incident',
        'declare',
        '--title',
        't',
        '--type',
        'bias',
        '--severity',
        'SEV2',
        '--system',
        'a',
        '--onset',
        'yesterday',
      ],
      'expected an ISO-8601 timestamp',
    ],
    [['incident', 'show', 'X-1'], 'expected an incident id such as INC-3'],
  ])('refuses %j locally with exit 2', async (argv, message) => {
    const result = await cli(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('cannot reach');
  });

  it.each([
    [
      ['incident', 'evidence', 'INC-1', '--kind', 'log', '--title', 't'],
      'give exactly one of --file PATH, --content TEXT or --uri URI',
    ],
    [
      ['incident', 'evidence', 'INC-1', '--kind', 'log', '--title', 't', '--uri', 'https://x.example/a'],
      '--uri needs --sha256',
    ],
    [['incident', 'edit', 'INC-1', '--reason', 'r'], 'nothing to change'],
    [['incident', 'assign', 'INC-1', '--role', 'scribe'], 'give either --person NAME or --vacate'],
  ])('refuses %j before calling the server, exit 2', async (argv, message) => {
    const result = await cli(argv);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr.startsWith(`error: ${message}`)).toBe(true);
  });

  it('says how to get a token when there is none', async () => {
    const result = await cli(['incident', 'list'], { FIREBREAK_URL: CLOSED.FIREBREAK_URL });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: no API token: set FIREBREAK_TOKEN or pass --token (the server printed an admin token on first start)\n',
    );
  });

  it('takes --url and --token over the environment', async () => {
    const result = await cli(['incident', 'list', '--url', 'http://127.0.0.1:9/', '--token', 't'], {});
    expect(result.stderr).toBe(
      'error: cannot reach Firebreak at http://127.0.0.1:9: is the server running? Start it with: firebreak serve\n',
    );
  });

  it('explains a server that cannot be reached, in one line, exit 1', async () => {
    const result = await cli(['incident', 'show', 'INC-3']);
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'error: cannot reach Firebreak at http://127.0.0.1:9: is the server running? Start it with: firebreak serve\n',
    });
  });

  it('puts the error on stdout as JSON with --json', async () => {
    const result = await cli(['incident', 'list', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: 'connection_failed',
        message: expect.stringContaining('cannot reach Firebreak'),
        details: { url: 'http://127.0.0.1:9' },
      },
    });
  });

  it('prints the taxonomy without a server', async () => {
    const text = await cli(['taxonomy'], {});
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/SEV1\s+P0\s+15 min\s+60 min/);
    expect(text.stdout).toMatch(/resolved\s+no\s+active, closed/);
    const json = await cli(['taxonomy', '--json'], {});
    expect(JSON.parse(json.stdout).transitions.closed).toEqual([]);
  });

  it('checks firebreak.yaml with --dry-run without a server, exit 2 with file:line:col', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-cli-'));
    const file = join(dir, 'firebreak.yaml');
    await writeFile(
      file,
      'version: 1\nsystems:\n  - id: a\n    name: A\n    owner: o\n    model: { name: m, version: "1" }\n    riskTier: huge\n',
    );
    const bad = await cli(['system', 'apply', '-f', file, '--dry-run'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(new RegExp(`^${file}:7:15: systems\\[0\\]\\.riskTier: Invalid option`));
    expect(bad.stderr).toContain('nothing was applied');
    await writeFile(
      file,
      'version: 1\nsystems:\n  - id: a\n    name: A\n    owner: o\n    model: { name: m, version: "1" }\n    riskTier: high\n',
    );
    const good = await cli(['system', 'apply', '-f', file, '--dry-run'], {});
    expect(good).toMatchObject({ code: 0, stdout: `${file} is valid: 1 system (a)\n` });
  });
});
