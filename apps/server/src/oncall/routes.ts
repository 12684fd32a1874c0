import {
  AddOverrideRequest,
  CalendarFeed,
  CalendarQuery,
  DirectoryView,
  OnCallQuery,
  OnCallResponse,
  OverrideIdParams,
  ScheduleIdParams,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { errors, json, needs, router, security } from '../http/openapi';
import { addOverride, getCalendar, getDirectory, getOnCall, removeOverride } from './service';

const tags = ['on call'];

export function oncallRoutes() {
  const app = router();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/directory',
      tags,
      summary: 'Who can be reached and who is on call: people, teams, schedules, overrides, notifications',
      security,
      ...needs('viewer'),
      responses: { 200: json(DirectoryView, 'The directory in force and its revision'), ...errors(401) },
    }),
    async (c) => c.json(await getDirectory({ ctx: c.var.ctx }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/oncall',
      tags,
      summary: 'Who is on call now, or at an instant, on every schedule',
      security,
      ...needs('viewer'),
      request: { query: OnCallQuery },
      responses: { 200: json(OnCallResponse, 'One row per schedule'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await getOnCall({ ctx: c.var.ctx, query: c.req.valid('query') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/schedules/{id}/calendar.ics',
      tags,
      summary: "A schedule's shifts as an iCalendar (RFC 5545) feed",
      security,
      ...needs('viewer'),
      request: { params: ScheduleIdParams, query: CalendarQuery },
      responses: {
        200: { description: 'The feed', content: { 'text/calendar': { schema: CalendarFeed } } },
        ...errors(400, 401, 404),
      },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      const feed = await getCalendar({ ctx: c.var.ctx, id: c.req.valid('param').id, from, to });
      return c.body(feed, 200, { 'content-type': 'text/calendar; charset=utf-8' });
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/directory/overrides',
      tags,
      summary:
        "Someone takes a schedule's pager for a period: adds an override as a new directory revision (the next apply of the file replaces it)",
      security,
      ...needs('responder'),
      request: { body: { content: { 'application/json': { schema: AddOverrideRequest } }, required: true } },
      responses: { 201: json(DirectoryView, 'The directory with the override'), ...errors(400, 401, 403, 409) },
    }),
    async (c) => c.json(await addOverride(c.var.ctx, c.req.valid('json')), 201),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/directory/overrides/{id}',
      tags,
      summary: 'Removes an override: a new directory revision',
      security,
      ...needs('responder'),
      request: { params: OverrideIdParams },
      responses: { 200: json(DirectoryView, 'The directory without the override'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await removeOverride(c.var.ctx, c.req.valid('param').id), 200),
  );

  return app;
}
