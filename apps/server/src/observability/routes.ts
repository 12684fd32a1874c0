import { createHash, timingSafeEqual } from 'node:crypto';
import { DomainError } from '@firebreak/core';
import { Hono } from 'hono';
import type { Db } from '../db/connect';
import type { AppEnv } from '../http/env';
import { type CheckResult, databaseReachable, migrationsApplied } from './health-store';
import type { Metrics } from './metrics';

export interface ObservabilityOptions {
  db: Db;
  /** Where `/metrics` reads: the server's metrics, or a worker's registry. */
  metrics: Pick<Metrics, 'registry'>;
  version: string;
  /** When set, `GET /metrics` wants `Authorization: Bearer <it>` (FIREBREAK_METRICS_TOKEN); open otherwise. */
  metricsToken?: string | undefined;
  /** The detection runtime, when this process runs one: ready once its snapshot is loaded. */
  detection?: { readonly loaded?: boolean } | undefined;
  /** How long a readiness check may take before it counts as failed (2 s unless set). */
  checkTimeoutMs?: number;
}

/**
 * What a load balancer and a Prometheus server ask of Firebreak, outside the API and its tokens
 * (docs/adr/0039): `GET /healthz` (the process answers), `GET /readyz` (the database answers,
 * migrations are applied, detection is loaded; 503 naming what is not) and `GET /metrics`.
 */
export function observabilityRoutes(options: ObservabilityOptions) {
  const app = new Hono<AppEnv>();
  const timeoutMs = options.checkTimeoutMs ?? 2_000;

  app.get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok', version: options.version });
  });

  app.get('/readyz', async (c) => {
    const [database, migrations] = await Promise.all([
      withTimeout(databaseReachable(options.db), timeoutMs, 'database'),
      withTimeout(migrationsApplied(options.db), timeoutMs, 'migrations'),
    ]);
    const checks: Record<string, CheckResult> = { database, migrations };
    // A runtime that does not say (a test's stand-in) is taken as loaded.
    if (options.detection?.loaded !== undefined)
      checks.detection = options.detection.loaded
        ? { ok: true }
        : { ok: false, reason: 'detection has not loaded its snapshot yet' };
    const notReady = Object.entries(checks)
      .filter(([, result]) => !result.ok)
      .map(([name]) => name);
    c.header('Cache-Control', 'no-store');
    return c.json(
      { status: notReady.length === 0 ? 'ready' : 'not_ready', notReady, checks },
      notReady.length ? 503 : 200,
    );
  });

  app.get('/metrics', async (c) => {
    if (options.metricsToken) checkToken(c.req.header('authorization'), options.metricsToken);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Type', options.metrics.registry.contentType);
    return c.body(await options.metrics.registry.metrics());
  });
  return app;
}

function checkToken(header: string | undefined, token: string): void {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match)
    throw new DomainError('unauthenticated', 'authorization: /metrics needs "Bearer <FIREBREAK_METRICS_TOKEN>"');
  // Digests of equal length, so the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  if (!timingSafeEqual(digest(match[1]!), digest(token)))
    throw new DomainError('unauthenticated', 'authorization: not the metrics token (FIREBREAK_METRICS_TOKEN)');
}

function withTimeout(check: Promise<CheckResult>, ms: number, name: string): Promise<CheckResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, reason: `${name}: no answer within ${ms} ms` }), ms);
  });
  return Promise.race([check, late]).finally(() => clearTimeout(timer));
}
