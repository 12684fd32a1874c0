import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../db/connect';
import { STORE_TARGETS } from '../test/stores';
import { createApp } from './app';

describe('security headers', () => {
  let store: Store;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    store = await STORE_TARGETS[0]!.open();
    const webRoot = mkdtempSync(join(tmpdir(), 'firebreak-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><div id="root"></div>');
    app = createApp({ db: store.db, log: pino({ level: 'silent' }), store: 'pglite', version: 't', webRoot });
  });
  afterAll(() => store.close());

  it.each([
    ['the UI', '/incidents/INC-1'],
    ['the API', '/api/v1/health'],
    ['an API error', '/api/v1/incidents'],
  ])('are on %s', async (_, path) => {
    const response = await app.request(path);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
