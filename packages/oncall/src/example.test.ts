import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Override, Schedule } from './model';
import { overridesFor, whoIsOnCall } from './on-call';

// The example config as plain YAML data, not through the contract (this package may not import
// it): the shapes the contract checks are the ones the model takes.
const example = parse(readFileSync(new URL('../../../examples/firebreak.yaml', import.meta.url), 'utf8')) as {
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
});
