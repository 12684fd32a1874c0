import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/connect';
import { createApp } from './app';

const PAGE = '<!doctype html><title>Firebreak</title>';
const SCRIPT = 'console.log(1)';

describe('serving the web UI', () => {
  let root: string;
  let store: Store;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'firebreak-web-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), PAGE);
    await writeFile(join(root, 'index.html.br'), brotliCompressSync(PAGE));
    await writeFile(join(root, 'assets', 'app-1a2b3c.js'), SCRIPT);
    await writeFile(join(root, 'assets', 'app-1a2b3c.js.br'), brotliCompressSync(SCRIPT));
    await writeFile(join(root, 'assets', 'app-1a2b3c.js.gz'), gzipSync(SCRIPT));
    await writeFile(join(root, 'assets', 'app-1a2b3c.js.map'), '{"version":3,"sources":["secret.tsx"]}');
    store = await openStore({});
    app = createApp({ db: store.db, log: pino({ level: 'silent' }), store: 'pglite', version: 't', webRoot: root });
  });
  afterAll(async () => {
    await store.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves the page at / and at client-side routes, revalidated on every load', async () => {
    for (const path of ['/', '/incidents/INC-4', '/systems']) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toBe(PAGE);
    }
  });

  it('serves assets as immutable, and a 404 for a missing one rather than the page', async () => {
    const response = await app.request('/assets/app-1a2b3c.js');
    expect(await response.text()).toBe(SCRIPT);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    const missing = await app.request('/assets/missing.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('cache-control') ?? '').not.toMatch(/immutable/);
  });

  it('sends the brotli or gzip copy the browser accepts, and the plain file to one that accepts neither', async () => {
    const brotli = await app.request('/assets/app-1a2b3c.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('content-type')).toMatch(/javascript/);
    expect(Buffer.from(await brotli.arrayBuffer())).toEqual(brotliCompressSync(SCRIPT));

    const gzip = await app.request('/assets/app-1a2b3c.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const plain = await app.request('/assets/app-1a2b3c.js', { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);

    const page = await app.request('/incidents', { headers: { 'accept-encoding': 'br' } });
    expect(page.headers.get('content-encoding')).toBe('br');
    expect(page.headers.get('cache-control')).toBe('no-cache');
  });

  it('never serves a source map or a compressed copy by name', async () => {
    for (const path of ['/assets/app-1a2b3c.js.map', '/assets/app-1a2b3c.js.br', '/index.html.br']) {
      expect((await app.request(path)).status).toBe(404);
    }
  });

  it('leaves the API to the API', async () => {
    const response = await app.request('/api/v1/nowhere');
    expect(response.status).toBe(401);
    expect((await app.request('/api/v1/health')).status).toBe(200);
  });
});
