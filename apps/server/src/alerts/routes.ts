import {
  Alert,
  AlertIdParams,
  AlertList,
  AlertListQuery,
  AlertSeries,
  AlertTuning,
  AttachAlertRequest,
  DeclareFromAlertRequest,
  EmptyRequest,
  Incident,
  OpenIncidentsForAlert,
  ReasonRequest,
  SuppressAlertRequest,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security } from '../http/openapi';
import { attachAlert, openIncidentsForAlert } from './attach';
import type { LiveDetection } from './live';
import { alertSeriesView } from './series';
import { acknowledgeAlert, declareFromAlert, dismissAlert, getAlert, listAlertsView, suppressAlert } from './service';
import { alertTuningView, revertTuning, type TuningSink } from './tuning';

const tags = ['alerts'];
/**
 * The alert routes; `live` is the detection runtime: its series, for charts carried on to now,
 * its monitors' status, and where a dismissal's tuning is applied at once.
 */
export function alertRoutes({ live }: { live?: LiveDetection | undefined } = {}) {
  const app = router();
  const sink: TuningSink | undefined = live?.tune ? { tune: live.tune.bind(live) } : undefined;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/alerts',
      tags,
      summary: 'Alerts, newest first',
      security,
      ...needs('viewer'),
      request: { query: AlertListQuery },
      responses: { 200: json(AlertList, 'Alerts'), ...errors(400, 401) },
    }),
    async (c) => c.json(await listAlertsView({ ctx: c.var.ctx, query: c.req.valid('query') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/alerts/{id}',
      tags,
      summary: 'One alert with its evidence',
      security,
      ...needs('viewer'),
      request: { params: AlertIdParams },
      responses: { 200: json(Alert, 'The alert'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await getAlert({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/alerts/{id}/series',
      tags,
      summary: 'The alert’s chart carried on to now: its frozen windows and those the engine closed since',
      security,
      ...needs('viewer'),
      request: { params: AlertIdParams },
      responses: { 200: json(AlertSeries, 'The series'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await alertSeriesView({ ctx: c.var.ctx, id: c.req.valid('param').id, live }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/acknowledge',
      tags,
      summary: 'Acknowledge: say who is on it (idempotent; the first acknowledgement stands)',
      security,
      ...needs('responder'),
      request: { params: AlertIdParams, body: body(EmptyRequest) },
      responses: { 200: json(Alert, 'The acknowledged alert'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => c.json(await acknowledgeAlert({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/dismiss',
      tags,
      summary: 'Dismiss as a false positive (counted for alert hygiene)',
      security,
      ...needs('responder'),
      request: { params: AlertIdParams, body: body(ReasonRequest) },
      responses: { 200: json(Alert, 'The dismissed alert'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(
        await dismissAlert({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json'), sink }),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/alerts/{id}/tuning',
      tags,
      summary: 'What dismissing this alert taught its series (tuning steps), and the series’ tuning log',
      security,
      ...needs('viewer'),
      request: { params: AlertIdParams },
      responses: { 200: json(AlertTuning, 'The tuning'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await alertTuningView({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/tuning/revert',
      tags,
      summary: 'Take back what this alert’s dismissal taught its series (recorded, audited; the dismissal stands)',
      security,
      ...needs('responder'),
      request: { params: AlertIdParams, body: body(ReasonRequest) },
      responses: { 200: json(AlertTuning, 'The tuning after the revert'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(
        await revertTuning({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json'), sink }),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/attach',
      tags,
      summary: 'Put the alert on an incident that is already open (on its timeline, audited)',
      security,
      ...needs('responder'),
      request: { params: AlertIdParams, body: body(AttachAlertRequest) },
      responses: { 200: json(Alert, 'The alert, on the incident'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(await attachAlert({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/alerts/{id}/open-incidents',
      tags,
      summary: 'Open incidents of the alert’s system, newest first: where it may belong',
      security,
      ...needs('viewer'),
      request: { params: AlertIdParams },
      responses: {
        200: json(OpenIncidentsForAlert, 'Candidates to attach the alert to'),
        ...errors(400, 401, 404),
      },
    }),
    async (c) => c.json(await openIncidentsForAlert({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/suppress',
      tags,
      summary: 'Suppress this alert’s fingerprint for a while',
      security,
      ...needs('responder'),
      request: { params: AlertIdParams, body: body(SuppressAlertRequest) },
      responses: { 200: json(Alert, 'The alert, with its suppression'), ...errors(400, 401, 403, 404, 415) },
    }),
    async (c) =>
      c.json(await suppressAlert({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/incident',
      tags,
      summary: 'Open an incident from an alert (onset and evidence carried over)',
      security,
      ...needs('responder'),
      request: { params: AlertIdParams, body: body(DeclareFromAlertRequest) },
      responses: { 201: json(Incident, 'The incident'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(await declareFromAlert({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 201),
  );
  return app;
}
