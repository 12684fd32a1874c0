import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';
import type { AppEnv } from './env';

/** Hashed build output: its name changes whenever its bytes do, so a browser may keep it for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) is checked with the server before each use. */
const REVALIDATE = 'no-cache';

/** The compressed copies Vite writes beside each file, and source maps: never served by name. */
const HIDDEN = /\.(map|br|gz)$/i;

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * Serves the war-room UI built into `root` (apps/web/dist): files as they are, their brotli or
 * gzip copy when the browser accepts one, and index.html for any other page path (client-side
 * routes). Files under /assets/ carry a content hash in their name and are cached as immutable;
 * index.html is revalidated, so a new build is picked up on the next load. Source maps stay
 * private: a `.map` path answers 404.
 *
 * @example
 * serveWebUi(app, join(webDir, 'dist'));
 */
export function serveWebUi(app: Hono<AppEnv>, root: string): void {
  const onFound = (_path: string, c: Context) => {
    c.header('Cache-Control', c.req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    // Set even when the copy sent is the plain one, so a shared cache keeps the variants apart.
    if (!c.res.headers.has('Vary')) c.header('Vary', 'Accept-Encoding');
  };
  const files = serveStatic<AppEnv>({ root, precompressed: true, onFound });
  const page = serveStatic<AppEnv>({ root, path: 'index.html', precompressed: true, onFound });
  app.use('/*', async (c, next) => {
    if (isApi(c.req.path)) return next();
    if (HIDDEN.test(c.req.path)) return c.notFound();
    return files(c, next);
  });
  app.get('/*', async (c, next) => {
    // A path that names a file (has an extension) and was not found is a 404, not the page.
    if (isApi(c.req.path) || /\.[a-z0-9]+$/i.test(c.req.path)) return next();
    return page(c, next);
  });
}
