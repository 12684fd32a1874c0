import {
  Action,
  ActionIdParams,
  ActionList,
  ActionListQuery,
  AddActionRequest,
  CloseActionRequest,
  IncidentIdParams,
  UpdateActionRequest,
  VerificationList,
  VerifyActionRequest,
  VerifyActionResponse,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security, WRITE_ERRORS } from '../http/openapi';
import {
  addAction,
  closeAction,
  getAction,
  listActionsView,
  listVerificationsView,
  updateActionFields,
  verifyAction,
} from './service';

const tags = ['actions'];

export function actionRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/actions',
      tags,
      summary: 'Add a corrective or preventive action, with the verification it must pass to close',
      security,
      ...needs('responder'),
      request: { params: IncidentIdParams, body: body(AddActionRequest) },
      responses: { 201: json(Action, 'The action'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(await addAction({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/actions',
      tags,
      summary: 'The incident’s actions',
      security,
      ...needs('viewer'),
      request: { params: IncidentIdParams },
      responses: { 200: json(ActionList, 'Actions'), ...errors(400, 401, 404) },
    }),
    async (c) =>
      c.json(
        await listActionsView({
          ctx: c.var.ctx,
          query: { incident: c.req.valid('param').id, limit: 500, offset: 0 },
        }),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/actions',
      tags,
      summary: 'Actions across incidents: by owner (me), system, status; overdue ones',
      security,
      ...needs('viewer'),
      request: { query: ActionListQuery },
      responses: { 200: json(ActionList, 'Actions'), ...errors(400, 401) },
    }),
    async (c) => c.json(await listActionsView({ ctx: c.var.ctx, query: c.req.valid('query') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/actions/{id}',
      tags,
      summary: 'One action with its last verification and follow-ups',
      security,
      ...needs('viewer'),
      request: { params: ActionIdParams },
      responses: { 200: json(Action, 'The action'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await getAction({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/actions/{id}',
      tags,
      summary: 'Change an action (its fields, its verification, or its status but closed)',
      security,
      ...needs('responder'),
      request: { params: ActionIdParams, body: body(UpdateActionRequest) },
      responses: { 200: json(Action, 'The action'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(
        await updateActionFields({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/actions/{id}/verify',
      tags,
      summary: 'Run the action’s verification now; the result (passed or not) is recorded',
      security,
      ...needs('responder'),
      request: { params: ActionIdParams, body: body(VerifyActionRequest) },
      responses: { 200: json(VerifyActionResponse, 'The result'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(await verifyAction({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/actions/{id}/verifications',
      tags,
      summary: 'Every verification run of the action, newest first',
      security,
      ...needs('viewer'),
      request: { params: ActionIdParams },
      responses: { 200: json(VerificationList, 'Runs'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await listVerificationsView({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/actions/{id}/close',
      tags,
      summary: 'Close the action; refused until its verification has passed',
      security,
      ...needs('responder'),
      request: { params: ActionIdParams, body: body(CloseActionRequest) },
      responses: { 200: json(Action, 'The action'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(await closeAction({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  return app;
}
