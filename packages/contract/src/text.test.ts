import { describe, expect, it } from 'vitest';
import { toFieldIssues } from './issues';
import { JsonObject, jsonProblem, SafeString, textProblem } from './text';

describe('text and JSON refinements', () => {
  it.each([
    ['plain', 'hello', undefined],
    ['an emoji (a surrogate pair)', 'fire 🔥', undefined],
    ['a NUL', 'a\u0000b', 'must not contain NUL characters'],
    ['a lone high surrogate', 'a\uD800b', 'must not contain a lone UTF-16 surrogate (malformed Unicode)'],
    ['a lone low surrogate at the start', '\uDC00b', 'must not contain a lone UTF-16 surrogate (malformed Unicode)'],
    ['a high surrogate at the end', 'ab\uDBFF', 'must not contain a lone UTF-16 surrogate (malformed Unicode)'],
  ])('%s: %s', (_, value, problem) => {
    expect(textProblem(value)).toBe(problem);
    expect(SafeString(100).safeParse(value).success).toBe(problem === undefined);
  });

  it('measures JSON nested 100,000 deep without overflowing the stack', () => {
    let value: unknown = 1;
    for (let i = 0; i < 100_000; i++) value = { a: value };
    expect(jsonProblem(value, { maxDepth: 16, maxNodes: 1000 })).toEqual({
      path: Array(16).fill('a'),
      message: 'nested deeper than 16 levels',
    });
  });

  it('names the key or value that is wrong, and counts keys over the whole value', () => {
    const schema = JsonObject({ maxDepth: 4, maxNodes: 10, maxChars: 1000 });
    const issues = (value: unknown) => toFieldIssues(schema.safeParse(value).error!);
    expect(issues({ a: { b: 'x\u0000' } })).toEqual([{ path: 'a.b', message: 'must not contain NUL characters' }]);
    expect(issues({ a: [{ '\uD800': 1 }] })[0]).toMatchObject({
      path: 'a[0].\uD800',
      message: expect.stringContaining('key must not'),
    });
    expect(issues({ a: Array(11).fill(1) })).toEqual([{ path: 'a', message: 'more than 10 keys and items in all' }]);
    expect(issues({ a: 'x'.repeat(1000) })).toEqual([{ path: '(root)', message: 'at most 1,000 characters of JSON' }]);
    expect(schema.safeParse({ a: [1, { b: null }] }).success).toBe(true);
  });
});
