import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finalSchedule } from './final-schedule';
import type { Layer, Override, Rotation, Schedule, Shift } from './model';
import { onCallAt, planSchedule } from './on-call';
import { shifts } from './shifts';

const SCHEDULE: Schedule = {
  id: 'support-ai',
  name: 'Support AI',
  timeZone: 'Europe/Berlin',
  layers: [
    { id: 'primary', rotations: [{ members: ['ana', 'ben'], turn: 'weekly', handoff: '09:00', start: '2026-03-23' }] },
    {
      id: 'cover',
      rotations: [{ members: ['dev'], turn: 'daily', handoff: '09:00', start: '2026-04-03', end: '2026-04-05' }],
    },
  ],
  overrides: [
    { id: 'o-1', schedule: 'support-ai', person: 'eve', from: '2026-03-25T12:00:00Z', to: '2026-03-26T12:00:00Z' },
  ],
};

describe('shifts', () => {
  it('cuts a schedule into merged shifts, with the layer and override of each', () => {
    expect(shifts(SCHEDULE, '2026-03-23T00:00:00Z', '2026-04-07T00:00:00Z')).toEqual([
      {
        person: 'ana',
        start: '2026-03-23T08:00:00.000Z',
        end: '2026-03-25T12:00:00.000Z',
        layer: 'primary',
        override: null,
      },
      {
        person: 'eve',
        start: '2026-03-25T12:00:00.000Z',
        end: '2026-03-26T12:00:00.000Z',
        layer: 'primary',
        override: 'o-1',
      },
      {
        person: 'ana',
        start: '2026-03-26T12:00:00.000Z',
        end: '2026-03-30T07:00:00.000Z',
        layer: 'primary',
        override: null,
      },
      {
        person: 'ben',
        start: '2026-03-30T07:00:00.000Z',
        end: '2026-04-03T07:00:00.000Z',
        layer: 'primary',
        override: null,
      },
      // Two daily turns of a one-person rotation are one shift.
      {
        person: 'dev',
        start: '2026-04-03T07:00:00.000Z',
        end: '2026-04-05T07:00:00.000Z',
        layer: 'cover',
        override: null,
      },
      {
        person: 'ben',
        start: '2026-04-05T07:00:00.000Z',
        end: '2026-04-06T07:00:00.000Z',
        layer: 'primary',
        override: null,
      },
      {
        person: 'ana',
        start: '2026-04-06T07:00:00.000Z',
        end: '2026-04-07T00:00:00.000Z',
        layer: 'primary',
        override: null,
      },
    ]);
  });

  it('leaves out the time nobody is on call', () => {
    const result = shifts(SCHEDULE, '2026-03-22T00:00:00Z', '2026-03-24T00:00:00Z');
    expect(result.map((shift) => [shift.person, shift.start])).toEqual([['ana', '2026-03-23T08:00:00.000Z']]);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => shifts(SCHEDULE, '2026-03-24T00:00:00Z', '2026-03-23T00:00:00Z')).toThrow(/^to: must be after from/);
  });
});

describe('the final schedule', () => {
  it('shows each layer alone, the overrides, and the final result merged by person', () => {
    const schedule: Schedule = {
      ...SCHEDULE,
      overrides: [
        {
          id: 'ana-again',
          schedule: 'support-ai',
          person: 'ana',
          from: '2026-03-30T07:00:00Z',
          to: '2026-03-31T00:00:00Z',
        },
      ],
    };
    const final = finalSchedule(schedule, '2026-03-29T00:00:00Z', '2026-04-01T00:00:00Z');
    expect(final.layers.map((layer) => [layer.layer, layer.shifts.length])).toEqual([
      ['primary', 2],
      ['cover', 0],
    ]);
    expect(final.overrides).toEqual([expect.objectContaining({ person: 'ana', override: 'ana-again' })]);
    expect(final.final).toEqual([
      { person: 'ana', start: '2026-03-29T00:00:00.000Z', end: '2026-03-31T00:00:00.000Z' },
      { person: 'ben', start: '2026-03-31T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' },
    ]);
  });
});

// Zones with daylight saving in either hemisphere, a half-hour shift (Lord Howe) and none.
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago'];
const PEOPLE = ['ana', 'ben', 'cai', 'dev', 'eve'];
const DAY = 86_400_000;
const BASE = Date.parse('2026-01-01T00:00:00Z');

const date = (days: number) => new Date(BASE + days * DAY).toISOString().slice(0, 10);
const members = (min: number) => fc.array(fc.constantFrom(...PEOPLE), { minLength: min, maxLength: 4 });
const turn = fc.oneof(
  fc.constantFrom('daily', 'weekly'),
  fc.integer({ min: 1, max: 14 }).map((n) => `${n}d`),
  fc.integer({ min: 1, max: 48 }).map((n) => `${n}h`),
);
const handoff = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

/** A rotation over [startDay, endDay) days after 2026-01-01, or open-ended. */
const rotation = (min: number, startDay: number, endDay?: number) =>
  fc
    .record({ members: members(min), turn, handoff })
    .map((r): Rotation => ({ ...r, start: date(startDay), ...(endDay === undefined ? {} : { end: date(endDay) }) }));

/** A higher layer: up to two rotations one after the other within the year. */
const upperLayer = (id: string, min: number) =>
  fc
    .tuple(
      fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 40 }),
      fc.boolean(),
    )
    .chain(([start, length, gap, second]) =>
      fc.tuple(
        rotation(min, start, start + length),
        second ? rotation(min, start + length + gap, start + length + gap + 30).map((r) => [r]) : fc.constant([]),
      ),
    )
    .map(([first, rest]): Layer => ({ id, rotations: [first, ...rest] }));

/**
 * A schedule whose bottom layer starts before every window asked about and never ends, plus up
 * to two higher layers and up to three overrides. `min` is the fewest members a rotation has.
 */
const schedule = (min: number) =>
  fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      bottom: rotation(Math.max(min, 1), 0),
      upper: fc
        .array(fc.nat(), { maxLength: 2 })
        .chain((ids) => fc.tuple(...ids.map((_, i) => upperLayer(`layer-${i + 1}`, min)))),
      overrides: fc.array(
        fc.record({
          person: fc.constantFrom(...PEOPLE),
          from: fc.integer({ min: 20 * DAY, max: 330 * DAY }),
          length: fc.integer({ min: 60_000, max: 10 * DAY }),
          replacing: fc.option(fc.constantFrom(...PEOPLE), { nil: undefined }),
        }),
        { maxLength: 3 },
      ),
    })
    .map(
      ({ timeZone, bottom, upper, overrides }): Schedule => ({
        id: 's',
        name: 'S',
        timeZone,
        layers: [{ id: 'bottom', rotations: [bottom] }, ...upper],
        overrides: overrides.map(
          (o, i): Override => ({
            id: `o-${i}`,
            schedule: 's',
            person: o.person,
            from: new Date(BASE + o.from).toISOString(),
            to: new Date(BASE + o.from + o.length).toISOString(),
            replacing: o.replacing,
          }),
        ),
      }),
    );

/** A window of up to 45 days after the bottom layer has started. */
const window = fc
  .tuple(fc.integer({ min: 3 * DAY, max: 320 * DAY }), fc.integer({ min: 60_000, max: 45 * DAY }))
  .map(([from, length]) => ({ fromMs: BASE + from, toMs: BASE + from + length }));

function covering(list: readonly Shift[], t: number): Shift | undefined {
  return list.find((shift) => Date.parse(shift.start) <= t && t < Date.parse(shift.end));
}

describe('shifts, for any schedule (property)', () => {
  it('tile [from, to) without gaps or overlaps when every layer has members', () => {
    fc.assert(
      fc.property(schedule(1), window, (s, { fromMs, toMs }) => {
        const list = shifts(s, new Date(fromMs), new Date(toMs));
        expect(list.length).toBeGreaterThan(0);
        expect(Date.parse(list[0]!.start)).toBe(fromMs);
        expect(Date.parse(list.at(-1)!.end)).toBe(toMs);
        list.forEach((shift, i) => {
          expect(Date.parse(shift.start)).toBeLessThan(Date.parse(shift.end));
          if (i > 0) expect(shift.start).toBe(list[i - 1]!.end);
        });
      }),
      { numRuns: 150, seed: 20261205 },
    );
  });

  it('agree with whoIsOnCall at every instant, empty rotations included', () => {
    fc.assert(
      fc.property(
        schedule(0),
        window,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
        (s, { fromMs, toMs }, fractions) => {
          const plan = planSchedule(s);
          const list = shifts(plan, new Date(fromMs), new Date(toMs));
          const edges = list.flatMap((shift) => [Date.parse(shift.start), Date.parse(shift.end) - 1]);
          const samples = [
            ...edges,
            ...fractions.map((f) => Math.min(toMs - 1, Math.floor(fromMs + f * (toMs - fromMs)))),
          ];
          for (const t of samples) {
            const answer = onCallAt(plan, t);
            const shift = covering(list, t);
            if (answer.person === null) expect(shift).toBeUndefined();
            else expect(shift).toMatchObject({ person: answer.person, layer: answer.layer, override: answer.override });
          }
        },
      ),
      { numRuns: 150, seed: 20261206 },
    );
  });
});
