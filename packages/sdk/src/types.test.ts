import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('.', import.meta.url));
/** Owned elsewhere (the OpenFeature provider maps its own library's types). */
const EXEMPT = new Set(['controls/openfeature.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** What the SDK's types must not do: copy a response shape by hand, or force a type through. */
const RULES: ReadonlyArray<[string, RegExp]> = [
  ['a response shape written by hand (use the contract type)', /Promise<\s*\{/],
  ['a body shape written by hand (use z.input of the contract schema)', /\bbody\??:\s*\{/],
  ['a double cast', /\bas\s+unknown\s+as\b/],
  [
    'a runtime import of the contract (the bundle must stay zod-free)',
    /^import\s+(?!type\b)[^;]*from\s+'@firebreak\/contract'/m,
  ],
];

export function violations(path: string, text: string): string[] {
  return RULES.flatMap(([what, pattern]) => (pattern.test(text) ? [`${path}: ${what}`] : []));
}

/**
 * The SDK's request and response types come from the contract's schemas (issue 9), so a change
 * to a schema reaches every caller's type check; the imports are type-only, so no zod ships.
 */
describe('the SDK types', () => {
  it('derive from the contract: no hand-written shapes, no double casts, type-only imports', () => {
    const found = sources(SRC)
      .map((path) => relative(SRC, path))
      .filter((path) => !EXEMPT.has(path))
      .flatMap((path) => violations(path, readFileSync(join(SRC, path), 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check catches each', () => {
    expect(violations('a.ts', 'list(): Promise<{ items: Item[] }> {')).toHaveLength(1);
    expect(violations('a.ts', 'suppress(id: string, body: { for: string }) {')).toHaveLength(1);
    expect(violations('a.ts', 'const f = x as unknown as typeof fetch;')).toHaveLength(1);
    expect(violations('a.ts', "import { Incident } from '@firebreak/contract';")).toHaveLength(1);
    expect(violations('a.ts', "import type { Incident } from '@firebreak/contract';")).toEqual([]);
  });
});
