import type { FieldIssue } from '@firebreak/core';
import type { z } from './zod';

/** Turns zod issues into field issues whose path reads like `systems[1].riskTier`. */
export function toFieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = formatPath(prefix, issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: formatPath(path, [key]), message: 'unknown field' }));
    }
    return [{ path: path || '(root)', message: issue.message }];
  });
}

export function formatPath(prefix: string, segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((acc, segment) => {
    if (typeof segment === 'number') return `${acc}[${segment}]`;
    return acc ? `${acc}.${String(segment)}` : String(segment);
  }, prefix);
}

/**
 * Adds an issue for every item whose id an earlier item already had, at `[...path, index, 'id']`.
 *
 * @example
 * schema.superRefine((body, ctx) => reportDuplicateIds(ctx, body.systems, ['systems'], 'system'));
 */
export function reportDuplicateIds(
  ctx: z.RefinementCtx,
  items: ReadonlyArray<{ id: string }> | undefined,
  path: PropertyKey[],
  what: string,
): void {
  const seen = new Set<string>();
  items?.forEach((item, index) => {
    if (seen.has(item.id))
      ctx.addIssue({ code: 'custom', path: [...path, index, 'id'], message: `duplicate ${what} id ${item.id}` });
    seen.add(item.id);
  });
}

/** One line naming every field that is wrong: `body.severity: expected…; body.title: must not be empty`. */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}
