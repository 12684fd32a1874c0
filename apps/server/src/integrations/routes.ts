import {
  CreatedIntegration,
  CreateIntegrationRequest,
  EmptyRequest,
  Integration,
  IntegrationIdParams,
  IntegrationList,
  PreviewRequest,
  PreviewResult,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security } from '../http/openapi';
import { previewPayload } from './preview';
import {
  createIntegration,
  getIntegrationView,
  listIntegrationsView,
  revokeIntegration,
  rotateIntegration,
} from './service';

const tags = ['integrations'];

/** Managing inbound integrations (admin) and the replay console (a responder: it reads only, but is a POST). */
export function integrationRoutes() {
  const app = router();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/integrations/preview',
      tags,
      summary: 'Replay console: map a payload as its endpoint would and name the rule each alert meets; stores nothing',
      security,
      ...needs('responder'),
      request: { body: body(PreviewRequest) },
      responses: { 200: json(PreviewResult, 'What the payload would become'), ...errors(400, 401, 404, 413, 415) },
    }),
    async (c) => c.json(await previewPayload({ ctx: c.var.ctx, input: c.req.valid('json') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/integrations',
      tags,
      summary: 'Create an inbound integration (admin); its secret is shown once',
      security,
      ...needs('admin'),
      request: { body: body(CreateIntegrationRequest) },
      responses: {
        201: json(CreatedIntegration, 'The integration and its secret'),
        ...errors(400, 401, 403, 409, 415),
      },
    }),
    async (c) => c.json(await createIntegration({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/integrations',
      tags,
      summary: 'Inbound integrations, without secrets (admin)',
      security,
      ...needs('admin'),
      responses: { 200: json(IntegrationList, 'Every integration'), ...errors(401, 403) },
    }),
    async (c) => c.json(await listIntegrationsView({ ctx: c.var.ctx }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/integrations/{id}',
      tags,
      summary: 'One inbound integration (admin)',
      security,
      ...needs('admin'),
      request: { params: IntegrationIdParams },
      responses: { 200: json(Integration, 'The integration'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await getIntegrationView({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/integrations/{id}/rotate',
      tags,
      summary: 'Give an integration a new secret (admin); the old one stops working at once',
      security,
      ...needs('admin'),
      request: { params: IntegrationIdParams, body: body(EmptyRequest) },
      responses: {
        200: json(CreatedIntegration, 'The integration and its new secret'),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
    async (c) => c.json(await rotateIntegration({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/integrations/{id}',
      tags,
      summary: 'Revoke an integration (admin); its secret is refused from now on',
      security,
      ...needs('admin'),
      request: { params: IntegrationIdParams },
      responses: { 200: json(Integration, 'The revoked integration'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => c.json(await revokeIntegration({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );

  return app;
}
