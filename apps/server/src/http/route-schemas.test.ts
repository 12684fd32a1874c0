import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

/** Every `routes.ts` under apps/server/src, however the domains are split into folders. */
function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(path);
    return entry.name === 'routes.ts' ? [path] : [];
  });
}

/** Building a schema in a route file: zod itself, or deriving a new schema from a contract one. */
const LOCAL_SCHEMA = [
  /\bfrom\s+['"]zod['"]/,
  /\bimport\s*\{[^}]*(?<!type\s+)\bz\b[^}]*\}\s*from\s+['"]@firebreak\/contract['"]/,
  /\bz\s*\.\s*[A-Za-z]+\s*[(.]/,
  /\.\s*(?:extend|merge|pick|omit|partial|strict|refine|superRefine|transform)\s*\(/,
];

/** Where a route file breaks the rule, as `path:line: text`. */
export function localSchemas(path: string, text: string): string[] {
  const found: string[] = [];
  const lines = text.split('\n');
  // Imports can span lines: test the whole text for them, and each line for the rest.
  const imports = text.match(/import\s*(?:type\s*)?\{[^}]*\}\s*from\s*['"][^'"]+['"]/g) ?? [];
  for (const statement of imports) {
    if (!statement.startsWith('import type') && LOCAL_SCHEMA.slice(0, 2).some((pattern) => pattern.test(statement)))
      found.push(`${path}: imports zod (${statement.replace(/\s+/g, ' ').slice(0, 80)})`);
  }
  lines.forEach((line, index) => {
    if (LOCAL_SCHEMA.slice(2).some((pattern) => pattern.test(line))) found.push(`${path}:${index + 1}: ${line.trim()}`);
  });
  return found;
}

/**
 * The contract package owns every request and response schema (issue 9): a route file imports
 * them and builds none of its own, so the SDK, the CLI and the web UI see the same shapes the
 * server checks and documents.
 */
describe('route files', () => {
  const files = routeFiles(SRC);

  it('are found', () => {
    expect(files.length).toBeGreaterThanOrEqual(9);
  });

  it('define no zod schema of their own (they belong in packages/contract)', () => {
    const found = files.flatMap((path) => localSchemas(relative(SRC, path), readFileSync(path, 'utf8')));
    expect(found).toEqual([]);
  });

  it('the check catches a schema built in a route', () => {
    expect(localSchemas('x/routes.ts', "import { Incident, z } from '@firebreak/contract';")).toHaveLength(1);
    expect(localSchemas('x/routes.ts', "import { z } from 'zod';")).toHaveLength(1);
    expect(localSchemas('x/routes.ts', 'const Q = z.object({ a: z.string() });')).toHaveLength(1);
    expect(localSchemas('x/routes.ts', 'const P = Params.extend({ b: Id });')).toHaveLength(1);
    expect(localSchemas('x/routes.ts', "import { Incident, type z } from '@firebreak/contract';")).toEqual([]);
  });
});
