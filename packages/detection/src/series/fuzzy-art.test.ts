import { describe, expect, it } from 'vitest';
import { complementCode, createMemory, MAX_CATEGORIES, matchOf, present } from './fuzzy-art';

describe('fuzzy ART memory', () => {
  it('complement-codes features as (x, 1 − x)', () => {
    expect(complementCode([0, 0.25, 1])).toEqual([0, 0.25, 1, 1, 0.75, 0]);
  });

  it.each([
    ['the same input', [0.2, 0.6], 1],
    // Overlap 1.7 of the category's 2, cubed; the value fits 0.7 of the way, squared.
    ['the same first feature and another value', [0.2, 0.9], 0.85 ** 3 * 0.7 ** 2],
  ])('matches %s with %s', (_, input, expected) => {
    const { match } = matchOf(complementCode([0.2, 0.6]), complementCode(input));
    expect(match).toBeCloseTo(expected, 2);
  });

  it('keeps a novel input as a category, then resonates with it without growing', () => {
    const first = present(createMemory(0.8), complementCode([0.3, 0.7]));
    expect(first.novel).toBe(true);
    expect(first.memory.categories).toHaveLength(1);
    const again = present(first.memory, complementCode([0.3, 0.7]));
    expect(again.novel).toBe(false);
    expect(again.best).toBe(1);
    expect(again.memory.categories).toHaveLength(1);
  });

  it('adds a category that is not novel when the input is between the two vigilances', () => {
    const memory = { ...present(createMemory(0.8), complementCode([0.3, 0.7])).memory, lower: 0.1, upper: 0.99 };
    const step = present(memory, complementCode([0.35, 0.7]));
    expect(step.novel).toBe(false);
    expect(step.memory.categories).toHaveLength(2);
  });

  it('a resonating category shrinks to the minimum of what it absorbed', () => {
    const memory = { ...present(createMemory(0.5), complementCode([0.3, 0.7])).memory, upper: 0.5 };
    const step = present(memory, complementCode([0.35, 0.7]));
    expect(step.memory.categories).toHaveLength(1);
    for (const [k, w] of step.memory.categories[0]!.entries()) expect(w).toBeCloseTo([0.3, 0.7, 0.65, 0.3][k]!, 12);
  });

  it(`forgets the least recently used category past ${MAX_CATEGORIES}`, () => {
    let memory = createMemory(0.999);
    for (let i = 0; i <= MAX_CATEGORIES; i++)
      memory = present(memory, complementCode([i / (MAX_CATEGORIES + 1), 0.5])).memory;
    expect(memory.categories).toHaveLength(MAX_CATEGORIES);
    expect(memory.categories[0]![0]).toBeCloseTo(1 / (MAX_CATEGORIES + 1), 12);
  });
});
