import {
  Approval,
  ApprovalIdParams,
  ApprovalList,
  ApprovalListQuery,
  BundleChange,
  BundleList,
  BundleParams,
  ChangeControlRequest,
  ChangeControlResponse,
  Control,
  ControlDetail,
  ControlKeyParams,
  ControlList,
  ControlListQuery,
  ControlStreamQuery,
  DecideApprovalRequest,
  DeleteBundleRequest,
  EventStream,
  PresetActionRequest,
  PresetApplication,
  PresetList,
  PresetParams,
  RegisterBundleRequest,
  RejectApprovalRequest,
  RenewRequest,
  RollbackRequest,
  SystemPresetsParams,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import type { Db } from '../db/connect';
import type { EventBus } from '../events/bus';
import { validationError } from '../http/errors';
import { body, errors, json, needs, router, security } from '../http/openapi';
import type { ConnectionCount } from '../observability/metrics';
import { assertMaySend, scopeSystems } from '../tokens/scope';
import { approveChange, listApprovalsView, rejectChange } from './approvals';
import { deleteBundle, listBundles, registerBundle } from './bundles';
import { ControlFeed } from './feed';
import { presentControl } from './presenter';
import { applyPreset, listPresetsView, revertPreset } from './presets';
import { changeControl, getControl, listControlsView, renewControl, rollbackControl } from './service';
import { latestSeq, listControlRows } from './store';
import { controlStream, parseResume } from './stream';

const tags = ['controls'];
export function controlRoutes(options: { db: Db; events: EventBus; clients?: ConnectionCount; log?: Logger }) {
  const app = router();
  const feed = new ControlFeed(options.events, options.db, options.clients, (error) =>
    options.log?.error({ err: error }, 'control feed: reading changed controls failed'),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/controls',
      tags,
      summary: 'Controls and their state (apps poll this when they cannot stream)',
      security,
      ...needs('viewer', { app: true }),
      request: { query: ControlListQuery },
      responses: { 200: json(ControlList, 'Controls, by key'), ...errors(400, 401) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const seq = await latestSeq(options.db);
      const systems = scopeSystems(c.var.actor, query.system, 'query.system');
      if (query.after === undefined)
        return c.json({ seq, ...(await listControlsView({ ctx: c.var.ctx, ...(systems ? { systems } : {}) })) }, 200);
      const rows = await listControlRows(options.db, { ...(systems ? { systems } : {}), afterSeq: query.after });
      return c.json({ seq, controls: rows.map(presentControl) }, 200);
    },
  );

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/controls/stream',
    tags,
    summary: 'Control changes as Server-Sent Events: a snapshot, then each change; resume with Last-Event-ID',
    security,
    ...needs('viewer', { app: true }),
    request: { query: ControlStreamQuery },
    responses: {
      200: {
        description: '`snapshot` {seq, controls}, `ready`, then `control` events (id = seq)',
        content: { 'text/event-stream': { schema: EventStream } },
      },
      ...errors(400, 401),
    },
  });
  app.get('/controls/stream', async (c) => {
    const parsed = ControlStreamQuery.safeParse(c.req.query());
    if (!parsed.success) throw validationError(parsed.error, 'query');
    const systems = scopeSystems(c.var.actor, parsed.data.system, 'query.system') ?? [];
    return controlStream(c, options.db, feed, systems, parseResume(c.req.header('last-event-id')));
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/controls/{key}',
      tags,
      summary: 'One control with its recent history',
      security,
      ...needs('viewer', { app: true }),
      request: { params: ControlKeyParams },
      responses: { 200: json(ControlDetail, 'The control'), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const control = await getControl({ ctx: c.var.ctx, key: c.req.valid('param').key });
      assertMaySend(c.var.actor, control.system, 'key');
      return c.json(control, 200);
    },
  );

  const changeResponses = {
    200: json(ChangeControlResponse, 'Applied: apps obey it now'),
    202: json(
      ChangeControlResponse,
      'Waiting for a second person’s approval (re-enabling or rolling forward during an open SEV1/SEV2)',
    ),
    ...errors(400, 401, 403, 404, 409, 415),
  };
  app.openapi(
    createRoute({
      method: 'post',
      path: '/controls/{key}',
      tags,
      summary: 'Change a control (kill, re-enable, route, canary, throttle, review, filter), with a reason',
      security,
      ...needs('responder'),
      request: { params: ControlKeyParams, body: body(ChangeControlRequest) },
      responses: changeResponses,
    }),
    async (c) => {
      const result = await changeControl({ ctx: c.var.ctx, key: c.req.valid('param').key, input: c.req.valid('json') });
      return c.json(result, result.outcome === 'applied' ? 200 : 202);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/controls/{key}/rollback',
      tags,
      summary: 'Roll a route back to its last known-good version (or one named)',
      security,
      ...needs('responder'),
      request: { params: ControlKeyParams, body: body(RollbackRequest) },
      responses: changeResponses,
    }),
    async (c) => {
      const result = await rollbackControl({
        ctx: c.var.ctx,
        key: c.req.valid('param').key,
        input: c.req.valid('json'),
      });
      return c.json(result, result.outcome === 'applied' ? 200 : 202);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/controls/{key}/renew',
      tags,
      summary: 'Extend a temporary change before it reverts',
      security,
      ...needs('responder'),
      request: { params: ControlKeyParams, body: body(RenewRequest) },
      responses: { 200: json(Control, 'The control, with its new expiry'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(await renewControl({ ctx: c.var.ctx, key: c.req.valid('param').key, input: c.req.valid('json') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/controls/{key}/bundles',
      tags,
      summary: "A bundle route's bundles (model, prompt, policy, index, tools) and where each stands",
      security,
      ...needs('viewer'),
      request: { params: ControlKeyParams },
      responses: { 200: json(BundleList, 'Live bundles oldest first, then retired ones'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await listBundles({ ctx: c.var.ctx, key: c.req.valid('param').key }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/controls/{key}/bundles',
      tags,
      summary:
        'Register an immutable bundle version (a deploy); the same version with the same contents again is a no-op',
      security,
      ...needs('responder'),
      request: { params: ControlKeyParams, body: body(RegisterBundleRequest) },
      responses: {
        200: json(BundleChange, 'Already registered with these contents: nothing changed'),
        201: json(BundleChange, 'Registered (and the oldest unused bundles pruned beyond the retention limit)'),
        ...errors(400, 401, 403, 404, 409, 415),
      },
    }),
    async (c) => {
      const { created, ...result } = await registerBundle({
        ctx: c.var.ctx,
        key: c.req.valid('param').key,
        input: c.req.valid('json'),
      });
      return c.json(result, created ? 201 : 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'delete',
      path: '/controls/{key}/bundles/{version}',
      tags,
      summary:
        'Retire a bundle, with a reason (refused for the active bundle, the canary’s, and the known-good ones a rollback needs)',
      security,
      ...needs('responder'),
      request: { params: BundleParams, body: body(DeleteBundleRequest) },
      responses: { 200: json(BundleChange, 'Retired'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => {
      const { key, version } = c.req.valid('param');
      return c.json(await deleteBundle({ ctx: c.var.ctx, key, version, input: c.req.valid('json') }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/systems/{id}/presets',
      tags,
      summary: "A system's presets (its safe mode among them), its guardrail tiers, and which preset is in force",
      security,
      ...needs('viewer'),
      request: { params: SystemPresetsParams },
      responses: { 200: json(PresetList, 'Presets and tiers'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await listPresetsView({ ctx: c.var.ctx, system: c.req.valid('param').id }), 200),
  );
  const presetResponses = {
    200: json(PresetApplication, 'Applied (or reverted) as one change'),
    ...errors(400, 401, 403, 404, 409, 415),
  };
  app.openapi(
    createRoute({
      method: 'post',
      path: '/systems/{id}/presets/{preset}/apply',
      tags,
      summary: 'Apply a preset (e.g. safe mode): all its control changes at once, in one audited change',
      security,
      ...needs('responder'),
      request: { params: PresetParams, body: body(PresetActionRequest) },
      responses: presetResponses,
    }),
    async (c) => {
      const { id, preset } = c.req.valid('param');
      return c.json(await applyPreset({ ctx: c.var.ctx, system: id, preset, input: c.req.valid('json') }), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/systems/{id}/presets/{preset}/revert',
      tags,
      summary:
        'Revert the preset in force as one change (refused when its controls moved since, or during a SEV1/SEV2)',
      security,
      ...needs('responder'),
      request: { params: PresetParams, body: body(PresetActionRequest) },
      responses: presetResponses,
    }),
    async (c) => {
      const { id, preset } = c.req.valid('param');
      return c.json(await revertPreset({ ctx: c.var.ctx, system: id, preset, input: c.req.valid('json') }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/approvals',
      tags,
      summary: 'Control changes waiting for (or decided by) a second person',
      security,
      ...needs('viewer'),
      request: { query: ApprovalListQuery },
      responses: {
        200: json(ApprovalList, 'Approvals, newest first'),
        ...errors(400, 401),
      },
    }),
    async (c) => c.json(await listApprovalsView({ ctx: c.var.ctx, ...c.req.valid('query') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/approvals/{id}/approve',
      tags,
      summary: 'Approve a pending change (not the person who asked); it is applied at once',
      security,
      ...needs('responder'),
      request: { params: ApprovalIdParams, body: body(DecideApprovalRequest) },
      responses: { 200: json(ChangeControlResponse, 'Applied'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(await approveChange({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/approvals/{id}/reject',
      tags,
      summary: 'Refuse a pending change, saying why',
      security,
      ...needs('responder'),
      request: { params: ApprovalIdParams, body: body(RejectApprovalRequest) },
      responses: { 200: json(Approval, 'The rejected approval'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(await rejectChange({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  return app;
}
