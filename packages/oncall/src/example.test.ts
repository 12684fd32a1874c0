import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Override, Schedule } from './model';
import { overridesFor, whoIsOnCall } from './on-call';
import { onCallReport } from './report';

// The example config as plain YAML data, not through the contract (this package may not import
// it): the shapes the contract checks are the ones the model takes.
const example = parse(readFileSync(new URL('../../../examples/firebreak.yaml', import.meta.url), 'utf8')) as {
  people: Array<{ id: string; name: string; timeZone: string }>;
  teams: Array<{ id: string; name: string; members: string[]; schedule?: string }>;
  schedules: Schedule[];
  overrides: Override[];
};
const schedule: Schedule = {
  ...example.schedules[0]!,
  overrides: overridesFor('talent-ai-oncall', example.overrides),
};

describe('the example firebreak.yaml', () => {
  it.each([
    ['2026-11-02T08:00:00Z', 'jonas-becker', 'weekly', null],
    ['2026-11-04T12:00:00Z', 'amara-okafor', 'weekly', 'jonas-conference'],
    ['2026-11-06T12:00:00Z', 'jonas-becker', 'weekly', null],
    ['2026-11-09T08:00:00Z', 'amara-okafor', 'weekly', null],
    ['2026-12-24T16:59:59Z', 'amara-okafor', 'weekly', null],
    ['2026-12-24T17:00:00Z', 'sam-ortiz', 'holiday-cover', null],
    ['2026-12-25T12:00:00Z', 'priya-nair', 'holiday-cover', null],
    ['2026-12-27T17:00:00Z', 'amara-okafor', 'weekly', null],
    ['2027-01-04T08:00:00Z', 'jonas-becker', 'weekly', null],
    ['2027-01-25T08:00:00Z', 'sam-ortiz', 'weekly', null],
  ])('at %s puts %s on call (layer %s, override %s)', (at, person, layer, override) => {
    expect(whoIsOnCall(schedule, at)).toEqual({ person, layer, override });
  });

  it('reports who is on call per schedule, with the team, the name and when the shift ends', () => {
    expect(onCallReport(example, '2026-11-04T12:00:00Z')).toEqual([
      {
        schedule: 'talent-ai-oncall',
        team: 'talent-ai',
        person: 'amara-okafor',
        name: 'Amara Okafor',
        layer: 'weekly',
        override: 'jonas-conference',
        until: '2026-11-05T17:00:00.000Z',
      },
    ]);
    expect(onCallReport(example, '2026-11-04T12:00:00Z', 'no-such-schedule')).toEqual([]);
    // Before the first rotation starts nobody is on call, and the report says so.
    expect(onCallReport(example, '2026-10-01T00:00:00Z')[0]).toMatchObject({ person: null, name: null, until: null });
  });
});
