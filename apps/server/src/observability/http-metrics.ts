import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../http/env';
import type { Metrics } from './metrics';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Counts every request by method, route pattern and status, and times it. The label is the
 * pattern that answered (`/api/v1/incidents/:id`), never the path, so the series stay few
 * whatever clients ask for; a request no route took keeps the middleware's pattern (`*`).
 * A stream is timed to its first byte: how long it stays open is the SSE gauge's business.
 */
export function httpMetrics(metrics: Pick<Metrics, 'httpRequests' | 'httpErrors' | 'httpDuration'>) {
  const handler: MiddlewareHandler<AppEnv> = async (c, next) => {
    const started = performance.now();
    await next();
    const method = METHODS.has(c.req.method) ? c.req.method : 'other';
    const route = routePath(c);
    const status = c.res.status;
    metrics.httpRequests.inc({ method, route, status: String(status) });
    if (status >= 500) metrics.httpErrors.inc({ method, route });
    metrics.httpDuration.observe({ method, route }, (performance.now() - started) / 1000);
  };
  return handler;
}
