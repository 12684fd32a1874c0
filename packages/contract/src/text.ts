import { z } from './zod';

/**
 * What every string that crosses the API must be: no NUL character (PostgreSQL text and jsonb
 * cannot hold one) and no lone UTF-16 surrogate (not Unicode at all: it cannot be encoded as
 * UTF-8, so canonical JSON and hashing refuse it). JSON lets clients send both as `\u0000` and
 * `\ud800`, so they are refused at validation, naming the field, instead of failing deep inside.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be accepted, or undefined when it can. */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain a lone UTF-16 surrogate (malformed Unicode)';
  return undefined;
}

/** Adds the issue `textProblem` finds, if any. */
export function checkText(value: string, ctx: z.RefinementCtx): void {
  const problem = textProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
}

/**
 * A string of at most `max` characters with no NUL and no lone surrogate: the base of every
 * identifier-like or free-text field that is not `Text` (which also trims and needs content).
 *
 * @example
 * const Query = z.object({ q: SafeString(200).optional() });
 */
export const SafeString = (max: number) => z.string().max(max, `at most ${max} characters`).superRefine(checkText);

/** Bounds on a free-form JSON field. */
export interface JsonBounds {
  /** Deepest nesting of objects and arrays (the field itself is depth 1). */
  maxDepth: number;
  /** Most object keys plus array items, counted over the whole value. */
  maxNodes: number;
  /** Longest JSON text, in characters. */
  maxChars: number;
}

export const DEFAULT_JSON_BOUNDS: JsonBounds = { maxDepth: 16, maxNodes: 5_000, maxChars: 200_000 };

/**
 * Why a JSON value cannot be accepted (too deep, too many keys, a bad string or key), with the
 * path to the place, or undefined. Walks iteratively, so a value nested thousands deep is
 * measured, not a stack overflow.
 */
export function jsonProblem(
  value: unknown,
  bounds: Omit<JsonBounds, 'maxChars'>,
): { path: Array<string | number>; message: string } | undefined {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) return { path, message: problem };
      continue;
    }
    if (current === null || typeof current !== 'object') continue;
    if (path.length >= bounds.maxDepth) {
      return { path, message: `nested deeper than ${bounds.maxDepth} levels` };
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(current)
      ? current.map((inner, index) => [index, inner])
      : Object.entries(current);
    nodes += entries.length;
    if (nodes > bounds.maxNodes) return { path, message: `more than ${bounds.maxNodes} keys and items in all` };
    for (const [key, inner] of entries) {
      if (typeof key === 'string') {
        const problem = textProblem(key);
        if (problem) return { path: [...path, key], message: `key ${problem}` };
      }
      stack.push({ value: inner, path: [...path, key] });
    }
  }
  return undefined;
}

/**
 * A free-form JSON object (what an app would have shown a user, a detector's summary…),
 * bounded in depth, keys and size, its strings and keys checked like every other string.
 *
 * @example
 * const Content = JsonObject({ maxChars: 200_000 });
 */
export const JsonObject = (bounds: Partial<JsonBounds> = {}) => {
  const { maxDepth, maxNodes, maxChars } = { ...DEFAULT_JSON_BOUNDS, ...bounds };
  return z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const problem = jsonProblem(value, { maxDepth, maxNodes });
    if (problem) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message, input: value });
      return;
    }
    if (JSON.stringify(value).length > maxChars) {
      ctx.addIssue({
        code: 'custom',
        message: `at most ${maxChars.toLocaleString('en')} characters of JSON`,
        input: value,
      });
    }
  });
};
