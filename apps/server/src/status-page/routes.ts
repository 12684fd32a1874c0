import {
  CancelMaintenanceRequest,
  ComponentIdParams,
  ComponentView,
  Maintenance,
  MaintenanceIdParams,
  MaintenanceRequest,
  Publication,
  PublishStatusUpdateRequest,
  SetComponentStateRequest,
  StatusPageView,
  StatusSummary,
  UpdateIdParams,
} from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import { createRoute } from '@hono/zod-openapi';
import { Hono, type MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import { html } from 'hono/html';
import type { Db } from '../db/connect';
import type { AppEnv } from '../http/env';
import { body, errors, json, needs, router, security, WRITE_ERRORS } from '../http/openapi';
import type { Quota } from '../http/rate-limit';
import { clientAddress } from '../intake/limits';
import { cancelMaintenance, scheduleMaintenance, setComponentState } from './components';
import { statusFeed } from './feed';
import { renderStatusPage } from './html';
import { publishStatusUpdate } from './publish';
import { statusPageView, statusSummary } from './summary';

const tags = ['status page'];

/** The status page's API for responders: its state, component states, maintenance, publishing. */
export function statusPageRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/status-page',
      tags,
      summary:
        'The public status page as responders see it: components with who set each state and why, maintenance, publications',
      security,
      ...needs('viewer'),
      responses: { 200: json(StatusPageView, 'The page'), ...errors(401) },
    }),
    async (c) => c.json(await statusPageView(c.var.ctx.db, c.var.ctx.now()), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/status-page/components/{id}',
      tags,
      summary: 'Set what a public component shows, with why (audited)',
      security,
      ...needs('responder'),
      request: { params: ComponentIdParams, body: body(SetComponentStateRequest) },
      responses: { 200: json(ComponentView, 'The component now'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(await setComponentState({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/status-page/maintenance',
      tags,
      summary: 'Schedule a maintenance window on some components (its title and description are public)',
      security,
      ...needs('responder'),
      request: { body: body(MaintenanceRequest) },
      responses: { 201: json(Maintenance, 'The window'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) => c.json(await scheduleMaintenance({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/status-page/maintenance/{id}/cancel',
      tags,
      summary: 'Cancel a maintenance window that has not ended, with why',
      security,
      ...needs('responder'),
      request: { params: MaintenanceIdParams, body: body(CancelMaintenanceRequest) },
      responses: { 200: json(Maintenance, 'The cancelled window'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(await cancelMaintenance({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/status-updates/{updateId}/publish',
      tags,
      summary:
        'Publish a customer status update on the status page; only the comms lead (or the incident commander when none is seated) may',
      security,
      ...needs('responder'),
      request: { params: UpdateIdParams, body: body(PublishStatusUpdateRequest) },
      responses: { 201: json(Publication, 'The publication'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) => {
      const { id, updateId } = c.req.valid('param');
      return c.json(await publishStatusUpdate({ ctx: c.var.ctx, id, updateId, input: c.req.valid('json') }), 201);
    },
  );
  return app;
}

export interface PublicStatusOptions {
  db: Db;
  now: () => Date;
  /** Requests per client address; undefined: no limit. */
  quota: Quota | undefined;
  /** The page's absolute origin for feed links; the request's own when not configured. */
  publicUrl?: string | undefined;
  /** Count the last `X-Forwarded-For` hop as the reader's address (FIREBREAK_TRUST_PROXY). */
  trustProxy?: boolean | number;
}

/** Caches may keep a copy this long: a minute at most behind, and a surge of readers hits the cache. */
const CACHE = 'public, max-age=30, stale-while-revalidate=30';

/**
 * The public status page: `/status` (HTML), `/status.json` (the summary) and
 * `/status/feed.atom`, without a token, rate-limited per client address, cacheable, and built
 * from the public summary alone so the three can only show what it holds.
 */
export function publicStatusRoutes(options: PublicStatusOptions) {
  const app = new Hono<AppEnv>();
  app.use('/status', etag());
  app.use('/status.json', etag());
  app.use('/status/feed.atom', etag());
  app.use('/status', limit(options));
  app.use('/status.json', limit(options));
  app.use('/status/feed.atom', limit(options));
  app.get('/status', async (c) => {
    c.header('Cache-Control', CACHE);
    return c.html(renderStatusPage(await statusSummary(options.db, options.now())));
  });
  app.get('/status.json', async (c) => {
    c.header('Cache-Control', CACHE);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(StatusSummary.parse(await statusSummary(options.db, options.now())));
  });
  app.get('/status/feed.atom', async (c) => {
    // An unset public URL comes through as '' as well as undefined.
    const base = (options.publicUrl || new URL(c.req.url).origin).replace(/\/+$/, '');
    c.header('Cache-Control', CACHE);
    c.header('Content-Type', 'application/atom+xml; charset=utf-8');
    return c.body(statusFeed(await statusSummary(options.db, options.now()), base));
  });
  return app;
}

function limit(options: PublicStatusOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!options.quota) return next();
    try {
      await options.quota(`status:${clientAddress(c, options.trustProxy ?? false)}`, 1);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'rate_limited' || c.req.path !== '/status') throw error;
      const retry = String((error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60);
      c.header('Retry-After', retry);
      return c.html(
        html`<!doctype html><html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Too many requests</title></head><body><h1>Too many requests</h1><p>Please try again in ${retry} seconds.</p></body></html>`,
        429,
      );
    }
    return next();
  };
}
