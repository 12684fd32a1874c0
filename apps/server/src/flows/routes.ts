import {
  EmptyRequest,
  Incident,
  IncidentIdParams,
  MergeIncidentRequest,
  MergeIncidentResponse,
  TriageProposalIdParams,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security, WRITE_ERRORS } from '../http/openapi';
import { mergeIncident } from './merge-incidents';
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
  return app;
}
