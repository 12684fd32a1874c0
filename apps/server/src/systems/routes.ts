import {
  AiSystem,
  ApplySystemsRequest,
  ApplySystemsResponse,
  SystemCard,
  SystemIdParams,
  SystemList,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security } from '../http/openapi';
import { applySystems, getSystem, listSystemsView, putSystem } from './service';

const tags = ['systems'];

export function systemRoutes() {
  const app = router();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/systems',
      tags,
      summary: 'The AI system catalog',
      security,
      ...needs('viewer'),
      responses: { 200: json(SystemList, 'Every system card'), ...errors(401) },
    }),
    async (c) => c.json(await listSystemsView({ ctx: c.var.ctx }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/systems/{id}',
      tags,
      summary: 'One system card',
      security,
      ...needs('viewer'),
      request: { params: SystemIdParams },
      responses: { 200: json(AiSystem, 'The system card'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await getSystem({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/systems/{id}',
      tags,
      summary: 'Create or replace a system card (admin)',
      security,
      ...needs('admin'),
      request: { params: SystemIdParams, body: body(SystemCard) },
      responses: { 200: json(AiSystem, 'The system card as stored'), ...errors(400, 401, 403, 413, 415) },
    }),
    async (c) =>
      c.json(await putSystem({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/systems/apply',
      tags,
      summary: 'Apply system cards (firebreak.yaml), all or nothing (admin)',
      security,
      ...needs('admin'),
      request: { body: body(ApplySystemsRequest) },
      responses: {
        200: json(ApplySystemsResponse, 'What happened to each system'),
        ...errors(400, 401, 403, 413, 415),
      },
    }),
    async (c) => c.json(await applySystems({ ctx: c.var.ctx, input: c.req.valid('json') }), 200),
  );

  return app;
}
