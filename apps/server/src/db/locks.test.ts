import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCKS } from './locks';

const SRC = new URL('..', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('advisory-lock keys', () => {
  it('are distinct', () => {
    const keys = Object.values(LOCKS);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('are all taken from the list: no source takes a numeric key of its own', () => {
    const offenders = sources(SRC).filter((path) => {
      const text = readFileSync(path, 'utf8');
      return /pg_advisory_(?:xact_)?lock\(\s*\d/.test(text) || /pg_advisory_(?:xact_)?lock\(\$\{\s*\d/.test(text);
    });
    expect(offenders).toEqual([]);
  });
});
