import { AiSystem, SystemIdParams, SystemList } from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { errors, json, needs, router, security } from '../http/openapi';
import { getSystem, listSystemsView } from './service';

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

  return app;
}
