import { describe, expect, it } from 'vitest';
import type { Override, Schedule } from './model';
import { overridesFor, whoIsOnCall } from './on-call';

/** Weekly primary (ana, ben, cai) from Monday 23 March 2026 09:00 Berlin; a holiday cover layer above it. */
const SCHEDULE: Schedule = {
  id: 'support-ai',
  name: 'Support AI',
  timeZone: 'Europe/Berlin',
  layers: [
    {
      id: 'primary',
      rotations: [{ members: ['ana', 'ben', 'cai'], turn: 'weekly', handoff: '09:00', start: '2026-03-23' }],
    },
    {
      id: 'easter-cover',
      rotations: [{ members: ['dev'], turn: 'daily', handoff: '09:00', start: '2026-04-03', end: '2026-04-07' }],
    },
  ],
};

const withOverrides = (...overrides: Override[]): Schedule => ({ ...SCHEDULE, overrides });

describe('who is on call', () => {
  it.each([
    ['2026-03-23T07:59:00Z', null, null],
    ['2026-03-23T08:00:00Z', 'ana', 'primary'],
    ['2026-03-30T06:59:00Z', 'ana', 'primary'],
    ['2026-03-30T07:00:00Z', 'ben', 'primary'],
    ['2026-04-03T06:59:00Z', 'ben', 'primary'],
    ['2026-04-03T07:00:00Z', 'dev', 'easter-cover'],
    ['2026-04-06T12:00:00Z', 'dev', 'easter-cover'],
    ['2026-04-07T07:00:00Z', 'cai', 'primary'],
    ['2026-04-13T07:00:00Z', 'ana', 'primary'],
  ])('at %s: %s, decided by layer %s', (at, person, layer) => {
    expect(whoIsOnCall(SCHEDULE, at)).toEqual({ person, layer, override: null });
  });

  it('falls through a higher layer that has nobody to the layer below', () => {
    const schedule: Schedule = {
      ...SCHEDULE,
      layers: [
        SCHEDULE.layers[0]!,
        { id: 'empty', rotations: [{ members: [], turn: 'daily', handoff: '09:00', start: '2026-03-01' }] },
      ],
    };
    expect(whoIsOnCall(schedule, '2026-03-24T12:00:00Z')).toEqual({ person: 'ana', layer: 'primary', override: null });
  });

  it('puts an override above every layer, reporting the layer it replaced', () => {
    const schedule = withOverrides({
      id: 'o-1',
      schedule: 'support-ai',
      person: 'eve',
      from: '2026-04-05T00:00:00Z',
      to: '2026-04-08T00:00:00Z',
    });
    expect(whoIsOnCall(schedule, '2026-04-05T00:00:00Z')).toEqual({
      person: 'eve',
      layer: 'easter-cover',
      override: 'o-1',
    });
    expect(whoIsOnCall(schedule, '2026-04-07T12:00:00Z')).toMatchObject({ person: 'eve', layer: 'primary' });
    expect(whoIsOnCall(schedule, '2026-04-08T00:00:00Z')).toEqual({ person: 'cai', layer: 'primary', override: null });
  });

  it('applies an override that replaces a named person only while that person is on call', () => {
    const schedule = withOverrides({
      id: 'swap',
      schedule: 'support-ai',
      person: 'eve',
      replacing: 'ben',
      from: '2026-03-29T00:00:00Z',
      to: '2026-03-31T00:00:00Z',
    });
    expect(whoIsOnCall(schedule, '2026-03-29T12:00:00Z')).toMatchObject({ person: 'ana', override: null });
    expect(whoIsOnCall(schedule, '2026-03-30T12:00:00Z')).toMatchObject({ person: 'eve', override: 'swap' });
  });

  it('lets the later of two overlapping overrides win', () => {
    const base = { schedule: 'support-ai', from: '2026-03-24T00:00:00Z', to: '2026-03-26T00:00:00Z' };
    const schedule = withOverrides({ ...base, id: 'first', person: 'eve' }, { ...base, id: 'second', person: 'fay' });
    expect(whoIsOnCall(schedule, '2026-03-25T00:00:00Z')).toMatchObject({ person: 'fay', override: 'second' });
  });

  it('puts someone on call by override where no layer has anyone', () => {
    const schedule = withOverrides({
      id: 'early',
      schedule: 'support-ai',
      person: 'eve',
      from: '2026-03-20T00:00:00Z',
      to: '2026-03-23T08:00:00Z',
    });
    expect(whoIsOnCall(schedule, '2026-03-22T00:00:00Z')).toEqual({ person: 'eve', layer: null, override: 'early' });
  });

  it('takes a Date as well as an ISO string, and refuses something that is not a time', () => {
    expect(whoIsOnCall(SCHEDULE, new Date('2026-03-24T00:00:00Z')).person).toBe('ana');
    expect(() => whoIsOnCall(SCHEDULE, 'next tuesday')).toThrow(/^at: expected an ISO-8601 timestamp/);
  });

  it('picks one schedule’s overrides from the config’s list', () => {
    const mine = { id: 'a', schedule: 'support-ai', person: 'eve', from: 'x', to: 'y' };
    const theirs = { ...mine, id: 'b', schedule: 'fraud' };
    expect(overridesFor('support-ai', [mine, theirs])).toEqual([mine]);
  });
});
