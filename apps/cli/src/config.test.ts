import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, loadConfig, parseConfig } from './config';

const VALID = `version: 1
systems:
  - id: support-copilot
    name: Support copilot
    owner: Support AI team
    model: { name: gpt-4.1, version: "2025-04-14", provider: openai }
    riskTier: limited
  - id: fraud-model
    name: Card fraud scoring
    owner: Risk ML team
    model:
      name: fraud-gbm
      version: fraud-v12
    riskTier: high
`;

/** Problems as the CLI prints them. */
function problems(text: string): string[] {
  const result = parseConfig(text, 'firebreak.yaml');
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe('firebreak.yaml loader', () => {
  it('reads a valid file, filling the card defaults', () => {
    const result = parseConfig(VALID, 'firebreak.yaml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.systems.map((s) => s.id)).toEqual(['support-copilot', 'fraud-model']);
    expect(result.config.systems[1]).toMatchObject({ riskTier: 'high', dependencies: [], tags: [] });
  });

  it('places a wrong enum value at its line and column, with the field path', () => {
    const lines = problems(VALID.replace('riskTier: high', 'riskTier: extreme'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^firebreak\.yaml:14:15: systems\[1\]\.riskTier: Invalid option: expected one of .*"minimal"/,
    );
  });

  it('places a missing required field at the card that lacks it', () => {
    const lines = problems(VALID.replace('    owner: Risk ML team\n', ''));
    expect(lines).toEqual(['firebreak.yaml:8:5: systems[1].owner: required field is missing (expected string)']);
  });

  it('points at a key written with no value', () => {
    expect(problems(VALID.replace('owner: Risk ML team', 'owner:'))).toEqual([
      expect.stringMatching(/^firebreak\.yaml:10:5: systems\[1\]\.owner: /),
    ]);
  });

  it('names an unknown key where it is written', () => {
    const lines = problems(
      VALID.replace('      version: fraud-v12\n', '      version: fraud-v12\n      colour: red\n'),
    );
    expect(lines).toEqual(['firebreak.yaml:14:7: systems[1].model.colour: unknown field']);
  });

  it('reports every problem, top-level ones included', () => {
    const lines = problems(VALID.replace('version: 1', 'version: 2').replace('riskTier: limited', 'riskTier: lmited'));
    expect(lines).toEqual([
      'firebreak.yaml:1:10: version: expected version: 1',
      expect.stringMatching(/^firebreak\.yaml:7:15: systems\[0\]\.riskTier: /),
    ]);
  });

  it('catches a duplicate system id at the second card', () => {
    const lines = problems(VALID.replace('id: fraud-model', 'id: support-copilot'));
    expect(lines).toEqual(['firebreak.yaml:8:9: systems[1].id: duplicate system id support-copilot']);
  });

  it('reports a YAML syntax error with its position', () => {
    const lines = problems('version: 1\nsystems:\n  - id: a\n    name: [unclosed\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^firebreak\.yaml:\d+:\d+: /);
    expect(lines[0]).not.toMatch(/systems/);
  });

  it('reports duplicate keys as YAML errors at the duplicate', () => {
    expect(problems('version: 1\nversion: 1\n')[0]).toMatch(/^firebreak\.yaml:2:1: Map keys must be unique/);
  });

  it('says so when the file is empty', () => {
    expect(problems('# nothing yet\n')).toEqual([
      'firebreak.yaml:1:1: the file is empty: expected "version: 1" and a list of systems',
    ]);
  });

  it('loads from disk and refuses a missing file as a config error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'firebreak-config-'));
    const file = join(dir, 'firebreak.yaml');
    await writeFile(file, VALID);
    expect((await loadConfig(file)).ok).toBe(true);
    await expect(loadConfig(join(dir, 'missing.yaml'))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('no such file'),
    });
  });
});
