import {
  AiSystem,
  ApplySystemsRequest,
  ApplySystemsResponse,
  EmptyRequest,
  Incident,
  IncidentIdParams,
  MergeIncidentRequest,
  MergeIncidentResponse,
  SystemCard,
  SystemIdParams,
  TransitionRequest,
  TriageProposalIdParams,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security, WRITE_ERRORS } from '../http/openapi';
import { applySystems, putSystem } from './apply-catalog';
import { mergeIncident } from './merge-incidents';
import { transitionIncident } from './transition-incident';
import { acceptProposal } from './triage-to-incident';

/**
 * The routes that start a cross-domain flow. They live here, not in a domain's routes, so that
 * no domain folder imports flows/ (which imports the domains): ADR 20.
 */
export function flowRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/triage/{id}/accept',
      tags: ['triage'],
      summary: 'Accept a proposal: declare the incident it proposes',
      security,
      ...needs('responder'),
      request: { params: TriageProposalIdParams, body: body(EmptyRequest) },
      responses: { 201: json(Incident, 'The declared incident'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => c.json(await acceptProposal({ ctx: c.var.ctx, id: c.req.valid('param').id }), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/transition',
      tags: ['incidents'],
      summary: 'Move the incident along its lifecycle',
      security,
      ...needs('responder'),
      request: { params: IncidentIdParams, body: body(TransitionRequest) },
      responses: { 200: json(Incident, 'Move the incident along its lifecycle'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(
        await transitionIncident({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/merge',
      tags: ['incidents'],
      summary:
        'Merge this duplicate into another open incident: closed with a link, alerts and controls moved, both timelines kept',
      security,
      ...needs('responder'),
      request: { params: IncidentIdParams, body: body(MergeIncidentRequest) },
      responses: {
        200: json(
          MergeIncidentResponse,
          'Merge this duplicate into another open incident: closed with a link, alerts and controls moved, both timelines kept',
        ),
        ...errors(...WRITE_ERRORS),
      },
    }),
    async (c) =>
      c.json(await mergeIncident({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/systems/{id}',
      tags: ['systems'],
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
      tags: ['systems'],
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
