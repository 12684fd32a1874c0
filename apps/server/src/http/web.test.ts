import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/connect';
import { createApp } from './app';

describe('serving the web UI', () => {
  let root: string;
  let store: Store;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'firebreak-web-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Firebreak</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    store = await openStore({});
    app = createApp({ db: store.db, log: pino({ level: 'silent' }), store: 'pglite', version: 't', webRoot: root });
  });
  afterAll(async () => {
    await store.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves the page at / and at client-side routes', async () => {
    for (const path of ['/', '/incidents/INC-4', '/systems']) {
      const response = await app.request(path);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>Firebreak</title>');
    }
  });

  it('serves assets, and a 404 for a missing one rather than the page', async () => {
    expect(await (await app.request('/assets/app.js')).text()).toBe('console.log(1)');
    expect((await app.request('/assets/missing.js')).status).toBe(404);
  });

  it('leaves the API to the API', async () => {
    const response = await app.request('/api/v1/nowhere');
    expect(response.status).toBe(401);
    expect((await app.request('/api/v1/health')).status).toBe(200);
  });
});
