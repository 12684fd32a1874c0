import { describe, expect, it } from 'vitest';
import { blockSize, createFeatures, haar, updateFeatures, WINDOW } from './resonance-features';

function feed(values: readonly number[], learnt: readonly number[], size: number, margin = 0) {
  let state = createFeatures(learnt, margin);
  const steps = values.map((value) => {
    const step = updateFeatures(state, value, size);
    state = step.state;
    return step;
  });
  return { state, steps };
}

describe('resonance features', () => {
  it.each([
    [750, 7],
    [604, 5],
    [150, 1],
    [10, 1],
  ])('cuts a learning period of %s rows into blocks of %s', (learning, size) => {
    expect(blockSize(learning)).toBe(size);
  });

  it('Haar-transforms orthonormally: a constant is all mean, and energy is kept', () => {
    for (const [k, c] of haar([1, 1, 1, 1]).entries()) expect(c).toBeCloseTo([2, 0, 0, 0][k]!, 12);
    const x = [3, 1, 4, 1, 5, 9, 2, 6];
    const energy = (v: number[]) => v.reduce((a, b) => a + b * b, 0);
    expect(energy(haar(x))).toBeCloseTo(energy(x), 10);
  });

  it('speaks once per block, and gives features once the window of 8 blocks is full', () => {
    const { steps } = feed(
      Array.from({ length: 40 }, (_, i) => i % 7),
      [0, 6],
      4,
    );
    expect(steps.filter((s) => s.features !== undefined)).toHaveLength(10);
    expect(steps.filter((s) => Array.isArray(s.features))).toHaveLength(10 - WINDOW + 1);
    expect(steps.find((s) => Array.isArray(s.features))!.features).toHaveLength(2 * WINDOW);
  });

  it('keeps a one-row spike: a block is its extreme when that is far from the mean', () => {
    const values = [...Array(8 * 4).fill(10), 10, 10, 90, 10];
    const { state } = feed(values, [0, 100], 4);
    expect(state.window.at(-1)).toBe(0.9);
  });

  it('widens the range for a block beyond it and says how the old scale maps onto the new', () => {
    const { state, steps } = feed([...Array(8).fill(5), 20], [0, 10], 1);
    const widening = steps.at(-1)!.rescale!;
    expect(state.high).toBe(20);
    // 10 was the top of the old scale (1); it is half way up the new one.
    expect(widening.scale * 1 + widening.shift).toBe(0.5);
    expect(state.window.slice(0, -1).every((w) => w === 0.25)).toBe(true);
  });

  it('pulls a level near the running median onto it', () => {
    const { state } = feed([...Array(9).fill(50), 53], [0, 100], 1);
    expect(state.window.at(-1)).toBe(0.5);
  });
});
