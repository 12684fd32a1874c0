import { describe, expect, it } from 'vitest';
import { inexactNumbers } from './exact-numbers';

describe('inexactNumbers', () => {
  it.each([
    ['{"a": 1, "b": 0.1, "c": -120.5, "d": 1000000000000000000000, "e": 1.0}', []],
    ['{"a": 0.000001, "b": 0.0000001, "c": 12345678901234567}', ['12345678901234567']],
    ['{"a": 0.10000000000000000001}', ['0.10000000000000000001']],
    ['{"s": "0.10000000000000000001 in a string", "n": [9007199254740993]}', ['9007199254740993']],
    ['{"q": "say \\"1.00000000000000000001\\"", "n": 2}', []],
  ])('%s', (text, expected) => {
    expect(inexactNumbers(text)).toEqual(expected);
  });
});
