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

  describe('on-call sections', () => {
    // Lines 15 onwards, after the two system cards; the first card is owned by the team.
    const ONCALL = `${VALID.replace('owner: Support AI team', 'owner: support-ai')}people:
  - id: ana
    name: Ana Lima
    timeZone: Europe/Berlin
  - id: ben
    name: Ben Okafor
    timeZone: Europe/London
teams:
  - id: support-ai
    name: Support AI
    members: [ana, ben]
    schedule: primary
schedules:
  - id: primary
    name: Primary
    timeZone: Europe/Paris
    layers:
      - id: weekly
        rotations:
          - members: [ana, ben]
            turn: weekly
            start: "2026-03-02"
            end: "2026-06-01"
          - members: [ben, ana]
            turn: weekly
            start: "2026-06-01"
overrides:
  - id: swap
    schedule: primary
    person: ben
    from: "2026-03-03T08:00:00Z"
    to: "2026-03-04T08:00:00Z"
`;

    it('reads people, teams, a schedule and an override, and a system owned by a team', () => {
      const result = parseConfig(ONCALL, 'firebreak.yaml');
      expect(result.ok && result.config.schedules?.[0]?.layers[0]?.rotations.map((r) => r.handoff)).toEqual([
        '09:00',
        '09:00',
      ]);
      expect(result.ok && result.config.systems[0]?.owner).toBe('support-ai');
    });

    it.each([
      [
        'an unknown person in a team',
        ['members: [ana, ben]\n    schedule', 'members: [ana, bob]\n    schedule'],
        'firebreak.yaml:25:20: teams[0].members[1]: unknown person bob: declare it under people',
      ],
      [
        'an unknown person in a rotation',
        ['members: [ben, ana]', 'members: [ben, cy]'],
        'firebreak.yaml:38:28: schedules[0].layers[0].rotations[1].members[1]: unknown person cy: declare it under people',
      ],
      [
        'an unknown schedule',
        ['schedule: primary\nschedules', 'schedule: primry\nschedules'],
        'firebreak.yaml:26:15: teams[0].schedule: unknown schedule primry: declare it under schedules',
      ],
      [
        'an unknown time zone',
        ['timeZone: Europe/Paris', 'timeZone: Europe/Pariss'],
        'firebreak.yaml:30:15: schedules[0].timeZone: unknown time zone: expected an IANA name such as Europe/Berlin or America/New_York',
      ],
      [
        'a duplicate id',
        ['  - id: ben\n', '  - id: ben\n    name: Ben Again\n    timeZone: UTC\n  - id: ben\n'],
        'firebreak.yaml:22:9: people[2].id: duplicate person id ben',
      ],
      [
        'an override that ends before it starts',
        ['to: "2026-03-04T08:00:00Z"', 'to: "2026-03-02T08:00:00Z"'],
        'firebreak.yaml:46:9: overrides[0].to: must be after from (2026-03-03T08:00:00.000Z)',
      ],
      [
        'overlapping rotations in one layer',
        ['            start: "2026-06-01"\n', '            start: "2026-05-01"\n'],
        'firebreak.yaml:40:20: schedules[0].layers[0].rotations[1].start: overlaps rotations[0] (2026-03-02T09:00 to 2026-06-01T09:00): rotations of one layer must follow each other; end the earlier one or put this one on another layer',
      ],
    ])('reports %s with file, line and field', (_, [from, to], line) => {
      expect(ONCALL).toContain(from);
      expect(problems(ONCALL.replace(from!, to!))).toEqual([line]);
    });
  });
});
