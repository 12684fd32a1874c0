import { RecoveryCheckRequest, RecoveryGate, RecoveryParams } from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security } from '../http/openapi';
import { checkRecoveryItem, getRecoveryGate } from './service';

const tags = ['recovery'];

/** An incident's recovery gate: what must hold before traffic on its systems widens again. */
export function recoveryRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/recovery',
      tags,
      summary: "An incident's recovery gate: each item's last result, what is missing, and the verification",
      security,
      ...needs('viewer'),
      request: { params: RecoveryParams },
      responses: { 200: json(RecoveryGate, 'The gate'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await getRecoveryGate({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/recovery/checks',
      tags,
      summary:
        'Check one item of the recovery gate (Firebreak runs quiet and evaluation items; an attestation is yours), recorded on the timeline',
      security,
      ...needs('responder'),
      request: { params: RecoveryParams, body: body(RecoveryCheckRequest) },
      responses: { 200: json(RecoveryGate, 'The gate after the check'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) =>
      c.json(await checkRecoveryItem({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  return app;
}
