import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `as unknown as` tells the compiler to stop checking: the value may be anything. Source code
 * (tests aside) may do it only where a type really is lost at a boundary, each place listed here
 * with why. A new one fails this test: type the value instead (a jsonb column takes its type
 * with `$type<…>()`), or list it here with the reason.
 */
const ALLOWED: Record<string, { count: number; why: string }> = {
  'apps/server/src/db/sequence.ts': {
    count: 1,
    why: 'Db.execute is typed for any driver (PgQueryResultHKT); both drivers return { rows }',
  },
  'apps/server/src/integrity/store.ts': {
    count: 1,
    why: 'Db.execute is typed for any driver (PgQueryResultHKT); both drivers return { rows }',
  },
};

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = /\.(ts|tsx)$/;
// Tests and the browser end-to-end harness (apps/web/e2e) are test code, free to force a shape.
const TEST = /\.test\.tsx?$|(^|\/)e2e\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .map((file) =>
      relative(ROOT, join(ROOT, dir, file))
        .split('\\')
        .join('/'),
    )
    .filter((file) => SOURCE.test(file) && !TEST.test(file) && !/(^|\/)(node_modules|dist)\//.test(file));
}

/** How many times each file says `as unknown as`, for the files that say it. */
function castCounts(files: readonly string[], read: (file: string) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const file of files) {
    const count = read(file).match(/\bas unknown as\b/g)?.length ?? 0;
    if (count > 0) counts[file] = count;
  }
  return counts;
}

describe('as unknown as', () => {
  it('appears in source only where listed, as often as listed', () => {
    const files = [...sourceFiles('apps'), ...sourceFiles('packages')];
    expect(files.length).toBeGreaterThan(100);
    const counts = castCounts(files, (file) => readFileSync(join(ROOT, file), 'utf8'));
    const allowed = Object.fromEntries(Object.entries(ALLOWED).map(([file, { count }]) => [file, count]));
    expect(counts, 'type the value instead, or list the cast in ALLOWED with why').toEqual(allowed);
  });

  it('counts the casts a file makes', () => {
    const text = 'const a = b as unknown as C;\nconst d = e as unknown as F; // as unknown\n';
    expect(castCounts(['x.ts', 'y.ts'], (file) => (file === 'x.ts' ? text : 'const g = h as G;'))).toEqual({
      'x.ts': 2,
    });
  });
});
