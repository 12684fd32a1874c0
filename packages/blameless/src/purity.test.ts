import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = new URL('.', import.meta.url).pathname;

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the blameless package', () => {
  it('imports no Node built-ins and no other workspace package outside its tests, so it runs in a browser', () => {
    const files = sources(src);
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const imports = [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1]!);
      const refused = imports.filter((name) => /^node:|^(fs|path|os|child_process)$|^@firebreak\//.test(name));
      expect(refused, file).toEqual([]);
    }
  });
});
