import {
  ReasonRequest,
  TriageProposal,
  TriageProposalIdParams,
  TriageProposalList,
  TriageProposalListQuery,
  TriageRules,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security } from '../http/openapi';
import { listProposals, rejectProposal } from './proposals';
import { listRulesView, putRules } from './rules';

/** Triage rules and the proposals they leave for a person (accepting one is a flow: see flows/routes.ts). */
export function triageRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/rules',
      tags: ['rules'],
      summary: 'Triage rules, in the order they are tried',
      security,
      ...needs('viewer'),
      responses: { 200: json(TriageRules, 'The rules'), ...errors(401) },
    }),
    async (c) => c.json(await listRulesView({ ctx: c.var.ctx }), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/rules',
      tags: ['rules'],
      summary: 'Replace the triage rules (admin)',
      security,
      ...needs('admin'),
      request: { body: body(TriageRules) },
      responses: { 200: json(TriageRules, 'The rules as stored'), ...errors(400, 401, 403, 413, 415) },
    }),
    async (c) => c.json(await putRules({ ctx: c.var.ctx, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/triage',
      tags: ['triage'],
      summary: 'Triage proposals: what rules propose, waiting for a person',
      security,
      ...needs('viewer'),
      request: { query: TriageProposalListQuery },
      responses: {
        200: json(TriageProposalList, 'Proposals, oldest first'),
        ...errors(400, 401),
      },
    }),
    async (c) => c.json(await listProposals({ ctx: c.var.ctx, status: c.req.valid('query').status }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/triage/{id}/reject',
      tags: ['triage'],
      summary: 'Reject a proposal, saying why',
      security,
      ...needs('responder'),
      request: { params: TriageProposalIdParams, body: body(ReasonRequest) },
      responses: { 200: json(TriageProposal, 'The rejected proposal'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(await rejectProposal({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  return app;
}
