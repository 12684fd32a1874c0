import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FirebreakConfig, isTimeZone, toFieldIssues } from './index';

const person = (id: string) => ({ id, name: id, email: `${id}@example.com`, timeZone: 'Europe/Berlin' });
const rotation = { members: ['ana', 'ben'], turn: 'weekly', handoff: '09:00', start: '2026-03-02' };

/** A valid config with every on-call section, fresh each time; each case below breaks one thing. */
function config(): Record<string, unknown> & { [key: string]: any } {
  return structuredClone({
    version: 1,
    systems: [
      {
        id: 'copilot',
        name: 'Copilot',
        owner: 'support-ai',
        model: { name: 'm', version: '1' },
        riskTier: 'limited',
      },
    ],
    people: [person('ana'), person('ben')],
    teams: [{ id: 'support-ai', name: 'Support AI', members: ['ana', 'ben'], schedule: 'primary' }],
    schedules: [
      { id: 'primary', name: 'Primary', timeZone: 'Europe/Berlin', layers: [{ id: 'weekly', rotations: [rotation] }] },
    ],
    overrides: [
      {
        id: 'swap',
        schedule: 'primary',
        person: 'ben',
        replacing: 'ana',
        from: '2026-03-03T08:00:00Z',
        to: '2026-03-04T08:00:00Z',
      },
    ],
  });
}

function issues(input: unknown) {
  const result = FirebreakConfig.safeParse(input);
  return result.success ? [] : toFieldIssues(result.error);
}

describe('on-call sections of firebreak.yaml', () => {
  it('accepts people, teams, schedules and overrides that refer to each other, filling defaults', () => {
    const parsed = FirebreakConfig.parse(config());
    expect(parsed.people?.[0]).toMatchObject({ id: 'ana', contactMethods: [] });
    expect(parsed.schedules?.[0]?.layers[0]?.rotations[0]).toEqual(rotation);
    expect(parsed.overrides?.[0]?.from).toBe('2026-03-03T08:00:00.000Z');
  });

  it('keeps every on-call section optional', () => {
    const { people, teams, schedules, overrides, ...rest } = config();
    expect(issues(rest)).toEqual([]);
  });

  it('fills a rotation’s hand-off at 09:00 when it gives none', () => {
    const input = config();
    delete input.schedules[0].layers[0].rotations[0].handoff;
    expect(FirebreakConfig.parse(input).schedules?.[0]?.layers[0]?.rotations[0]?.handoff).toBe('09:00');
  });

  it.each<[string, (c: ReturnType<typeof config>) => void, string, RegExp]>([
    [
      'an unknown person in a team',
      (c) => (c.teams[0].members[1] = 'bob'),
      'teams[0].members[1]',
      /unknown person bob/,
    ],
    [
      'an unknown person in a rotation',
      (c) => (c.schedules[0].layers[0].rotations[0].members = ['ana', 'cy']),
      'schedules[0].layers[0].rotations[0].members[1]',
      /unknown person cy: declare it under people/,
    ],
    [
      'an unknown schedule on a team',
      (c) => (c.teams[0].schedule = 'nope'),
      'teams[0].schedule',
      /unknown schedule nope/,
    ],
    [
      'an unknown schedule on an override',
      (c) => (c.overrides[0].schedule = 'nope'),
      'overrides[0].schedule',
      /unknown schedule/,
    ],
    [
      'an override for an unknown person',
      (c) => (c.overrides[0].person = 'zed'),
      'overrides[0].person',
      /unknown person zed/,
    ],
    [
      'an override replacing an unknown person',
      (c) => (c.overrides[0].replacing = 'zed'),
      'overrides[0].replacing',
      /unknown person/,
    ],
    [
      'an unknown time zone on a schedule',
      (c) => (c.schedules[0].timeZone = 'Europe/Berlinn'),
      'schedules[0].timeZone',
      /unknown time zone/,
    ],
    [
      'an unknown time zone on a person',
      (c) => (c.people[1].timeZone = 'CEST+1'),
      'people[1].timeZone',
      /unknown time zone/,
    ],
    ['a duplicate person id', (c) => c.people.push(person('ana')), 'people[2].id', /duplicate person id ana/],
    ['a duplicate team id', (c) => c.teams.push({ ...c.teams[0] }), 'teams[1].id', /duplicate team id support-ai/],
    [
      'a duplicate schedule id',
      (c) => c.schedules.push({ ...c.schedules[0] }),
      'schedules[1].id',
      /duplicate schedule id/,
    ],
    [
      'a duplicate override id',
      (c) => c.overrides.push({ ...c.overrides[0] }),
      'overrides[1].id',
      /duplicate override id swap/,
    ],
    [
      'a duplicate layer id',
      (c) => c.schedules[0].layers.push({ id: 'weekly', rotations: [rotation] }),
      'schedules[0].layers[1].id',
      /duplicate layer id weekly/,
    ],
    [
      'an override that ends before it starts',
      (c) => (c.overrides[0].to = '2026-03-02T08:00:00Z'),
      'overrides[0].to',
      /must be after from \(2026-03-03T08:00:00\.000Z\)/,
    ],
    [
      'a rotation that ends before it starts',
      (c) => (c.schedules[0].layers[0].rotations[0].end = '2026-03-01'),
      'schedules[0].layers[0].rotations[0].end',
      /must be after start/,
    ],
    [
      'overlapping rotations in one layer',
      (c) => c.schedules[0].layers[0].rotations.push({ ...rotation, members: ['ben'], start: '2026-04-06' }),
      'schedules[0].layers[0].rotations[1].start',
      /overlaps rotations\[0\] \(2026-03-02T09:00 to no end\)/,
    ],
    [
      'a turn length it cannot read',
      (c) => (c.schedules[0].layers[0].rotations[0].turn = 'fortnightly'),
      'schedules[0].layers[0].rotations[0].turn',
      /expected daily, weekly/,
    ],
    [
      'a hand-off time that is not a time',
      (c) => (c.schedules[0].layers[0].rotations[0].handoff = '24:00'),
      'schedules[0].layers[0].rotations[0].handoff',
      /24-hour time/,
    ],
    [
      'a rotation with nobody in it',
      (c) => (c.schedules[0].layers[0].rotations[0].members = []),
      'schedules[0].layers[0].rotations[0].members',
      /at least one member/,
    ],
    [
      'a bad phone number',
      (c) => (c.people[0].contactMethods = [{ kind: 'sms', to: '0301234' }]),
      'people[0].contactMethods[0].to',
      /E\.164/,
    ],
    ['an unknown field on a person', (c) => (c.people[0].pager = 'x'), 'people[0].pager', /unknown field/],
  ])('refuses %s, naming the field', (_, breakIt, path, message) => {
    const input = config();
    breakIt(input);
    const found = issues(input);
    expect(found).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('accepts rotations of one layer that follow each other, the second starting at the first one’s end', () => {
    const input = config();
    input.schedules[0].layers[0].rotations = [
      { ...rotation, end: '2026-04-06' },
      { ...rotation, members: ['ben'], start: '2026-04-06', handoff: '09:00' },
    ];
    expect(issues(input)).toEqual([]);
  });

  it('keeps free-text owners working next to owners that name a team', () => {
    const input = config();
    input.systems.push({ ...input.systems[0], id: 'fraud', owner: 'Risk ML team' });
    expect(issues(input)).toEqual([]);
  });

  it.each([
    ['Europe/Berlin', true],
    ['UTC', true],
    ['America/Argentina/Buenos_Aires', true],
    ['Mars/Olympus', false],
    ['+01:00', false],
    ['', false],
  ])('knows %j is a time zone: %s', (zone, known) => {
    expect(isTimeZone(zone)).toBe(known);
  });

  it('accepts the example firebreak.yaml, whose system is owned by a declared team', () => {
    const text = readFileSync(new URL('../../../examples/firebreak.yaml', import.meta.url), 'utf8');
    const parsed = FirebreakConfig.parse(parse(text));
    expect(parsed.systems[0]?.owner).toBe('talent-ai');
    expect(parsed.teams?.map((team) => [team.id, team.schedule])).toEqual([['talent-ai', 'talent-ai-oncall']]);
    expect(parsed.schedules?.[0]?.layers.map((layer) => layer.id)).toEqual(['weekly', 'holiday-cover']);
  });

  it('checks that escalation steps name declared people, teams and schedules', () => {
    const input = config();
    input.notifications = {
      escalationPolicies: [
        {
          id: 'copilot-default',
          steps: [
            { targets: [{ schedule: 'primary' }] },
            { delay: '10m', targets: [{ person: 'ana' }, { team: 'support-ai' }] },
            { delay: '10m', targets: [{ person: 'zoe' }, { team: 'nobody' }, { schedule: 'night' }] },
          ],
        },
      ],
    };
    expect(issues(input).map((issue) => `${issue.path}: ${issue.message}`)).toEqual([
      'notifications.escalationPolicies[0].steps[2].targets[0].person: unknown person zoe: declare it under people',
      'notifications.escalationPolicies[0].steps[2].targets[1].team: unknown team nobody: declare it under teams',
      'notifications.escalationPolicies[0].steps[2].targets[2].schedule: unknown schedule night: declare it under schedules',
    ]);
    input.notifications.escalationPolicies[0].steps.pop();
    expect(FirebreakConfig.parse(input).notifications?.matrix.SEV1.length).toBeGreaterThan(0);
  });
});
