import { describe, expect, it } from 'vitest';
import { gaussian, mulberry32 } from '../random';
import { CHANGE_DEFAULTS, type ChangeState, createChange, updateChange } from './change-channel';

/** Excess per row over white noise (σ = 1) with `extra(i)` added. */
function excesses(n: number, extra: (i: number) => number, seed = 5): number[] {
  const random = mulberry32(seed);
  let state = createChange();
  return Array.from({ length: n }, (_, i) => {
    const step = updateChange(state, 10 + gaussian(random) + extra(i), CHANGE_DEFAULTS);
    state = step.state;
    return step.excess;
  });
}

describe('change channel', () => {
  it('says nothing until it holds its 60 rows', () => {
    expect(excesses(60, () => 0).every((e) => e === 0)).toBe(true);
  });

  it.each([
    ['a 5σ step', (i: number) => (i >= 600 ? 5 : 0)],
    ['a 5σ drop for 30 rows', (i: number) => (i >= 600 && i < 630 ? -5 : 0)],
    ['a trend break gaining 5σ in 25 rows', (i: number) => (i >= 600 ? (5 * (i - 599)) / 25 : 0)],
  ])('pages on %s within 25 rows and not before', (_, extra) => {
    const e = excesses(700, extra);
    expect(e.slice(0, 600).every((x) => x < 1)).toBe(true);
    expect(e.slice(600, 625).some((x) => x >= 1)).toBe(true);
  });

  it('does not page on a single spike: medians ignore one row', () => {
    expect(excesses(700, (i) => (i === 600 ? 20 : 0)).every((x) => x < 1)).toBe(true);
  });

  it('asks for a change larger than any before: a series that has lurched by 5σ before does not page for it again', () => {
    const lurches = (i: number) => (Math.floor(i / 200) % 2 === 1 ? 5 : 0);
    const e = excesses(1400, lurches);
    expect(e.slice(200, 225).some((x) => x >= 1)).toBe(true);
    expect(e.slice(800).every((x) => x < 1)).toBe(true);
  });

  it('restores exactly from a JSON snapshot', () => {
    const random = mulberry32(9);
    const values = Array.from({ length: 400 }, (_, i) => gaussian(random) + (i > 300 ? 4 : 0));
    const run = (cut: number) => {
      let state = createChange();
      return values.map((value, i) => {
        if (i === cut) state = JSON.parse(JSON.stringify(state)) as ChangeState;
        const step = updateChange(state, value, CHANGE_DEFAULTS);
        state = step.state;
        return step.excess;
      });
    };
    const whole = run(-1);
    for (const cut of [1, 59, 60, 61, 250, 320]) expect(run(cut)).toEqual(whole);
  });
});
