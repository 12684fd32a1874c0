import { describe, expect, it } from 'vitest';
import { collectShifts, decidedBy, type OnCallRow } from './shifts';

const HOUR = 3_600_000;
const start = new Date('2026-11-24T09:00:00.000Z');
const iso = (hours: number) => new Date(start.getTime() + hours * HOUR).toISOString();

/** A schedule as a list of spans; `ask` answers as `GET /oncall?at=` does, with the span's end as `until`. */
function scheduleOf(spans: Array<{ person: string | null; from: number; to: number | null; override?: string }>) {
  const questions: string[] = [];
  const ask = async (at: string): Promise<OnCallRow | undefined> => {
    questions.push(at);
    const t = Date.parse(at);
    const span = spans.find((s) => Date.parse(iso(s.from)) <= t && (s.to === null || t < Date.parse(iso(s.to))));
    return {
      schedule: 'support-ai-primary',
      team: null,
      person: span?.person ?? null,
      name: span?.person ? span.person.toUpperCase() : null,
      layer: span?.person ? 'primary' : null,
      override: span?.override ?? null,
      until: span?.person && span.to !== null ? iso(span.to) : null,
    };
  };
  return { ask, questions };
}

describe('collectShifts', () => {
  it('walks the hand-offs of the coming two weeks, one question per hand-off', async () => {
    const weekly = scheduleOf([
      { person: 'dana', from: -24, to: 144 },
      { person: 'lee', from: 144, to: 312 },
      { person: 'sam', from: 312, to: 480 },
    ]);
    const list = await collectShifts(weekly.ask, start, new Date(start.getTime() + 336 * HOUR));
    expect(list.complete).toBe(true);
    expect(list.shifts.map((s) => [s.person, s.from, s.until])).toEqual([
      ['dana', iso(0), iso(144)],
      ['lee', iso(144), iso(312)],
      ['sam', iso(312), iso(480)],
    ]);
    expect(weekly.questions).toEqual([iso(0), iso(144), iso(312)]);
  });

  it('shows an override as its own shift and joins answers that name the same shift', async () => {
    const split = scheduleOf([
      { person: 'dana', from: 0, to: 10 },
      { person: 'dana', from: 10, to: 20 },
      { person: 'lee', from: 20, to: 30, override: 'lee-covers' },
      { person: 'dana', from: 30, to: 400 },
    ]);
    const list = await collectShifts(split.ask, start, new Date(start.getTime() + 336 * HOUR));
    expect(list.shifts.map((s) => [s.person, s.override, s.until])).toEqual([
      ['dana', null, iso(20)],
      ['lee', 'lee-covers', iso(30)],
      ['dana', null, iso(400)],
    ]);
    expect(decidedBy(list.shifts[1]!)).toBe('override lee-covers');
    expect(decidedBy(list.shifts[0]!)).toBe('layer primary');
  });

  it('stops at a gap, where no next hand-off is known', async () => {
    const gap = scheduleOf([
      { person: 'dana', from: 0, to: 24 },
      { person: 'lee', from: 48, to: 400 },
    ]);
    const list = await collectShifts(gap.ask, start, new Date(start.getTime() + 336 * HOUR));
    expect(list.shifts.map((s) => [s.person, s.until])).toEqual([
      ['dana', iso(24)],
      [null, null],
    ]);
    expect(decidedBy(list.shifts[1]!)).toBeNull();
  });

  it('gives up after sixty hand-offs and says the list is not complete', async () => {
    const hourly = scheduleOf(
      Array.from({ length: 400 }, (_, h) => ({ person: h % 2 === 0 ? 'dana' : 'lee', from: h, to: h + 1 })),
    );
    const list = await collectShifts(hourly.ask, start, new Date(start.getTime() + 336 * HOUR));
    expect(list.complete).toBe(false);
    expect(list.shifts).toHaveLength(60);
  });

  it('never asks the same instant twice when a hand-off does not move forward', async () => {
    const stuck = async (at: string): Promise<OnCallRow> => ({
      schedule: 's',
      team: null,
      person: 'dana',
      name: 'Dana',
      layer: 'primary',
      override: null,
      until: at,
    });
    const list = await collectShifts(stuck, start, new Date(start.getTime() + 336 * HOUR));
    expect(list).toEqual({ shifts: [expect.objectContaining({ person: 'dana' })], complete: true });
  });
});
