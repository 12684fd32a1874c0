import { describe, expect, it } from 'vitest';
import { createTransitions, updateTransitions } from './transition-novelty';

function raws(values: readonly number[], low = 0, high = 16) {
  let state = createTransitions(low, high);
  return values.map((value) => {
    const step = updateTransitions(state, value);
    state = step.state;
    return step.raw;
  });
}

describe('transition novelty', () => {
  it('learns a repeating pattern: after a few periods nothing in it is new', () => {
    const period = [1, 5, 9, 13, 9, 5];
    const scores = raws(Array.from({ length: 60 }, (_, i) => period[i % 6]!));
    expect(scores[0]).toBe(1);
    expect(scores.slice(24).every((s) => s === 0)).toBe(true);
  });

  it('scores a value beyond the learnt range as wholly new', () => {
    const scores = raws([...Array.from({ length: 40 }, (_, i) => (i % 2 ? 4 : 12)), 40]);
    expect(scores.at(-1)).toBe(1);
  });

  it('scores a known value in a new order as partly new: short contexts know it, long ones do not', () => {
    // Up and down, then a turn back early: 9 → 5 is known (on the way down), 1, 5, 9 → 5 is not.
    const period = [1, 5, 9, 13, 9, 5];
    const scores = raws([...Array.from({ length: 42 }, (_, i) => period[i % 6]!), 1, 5, 9, 5]);
    expect(scores.slice(-4, -1)).toEqual([0, 0, 0]);
    // Of the six (resolution, order) pairs, the three with two or three values of context miss.
    expect(scores.at(-1)).toBe(3 / 6);
  });
});
