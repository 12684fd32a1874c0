import {
  Alert,
  AttachAlertRequest,
  Duration,
  Incident,
  IncidentType,
  reportDuplicateIds,
  SeverityInput,
  SystemId,
  Text,
  TriageProposal,
  TriageRule,
  z,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { acceptProposal } from '../flows/triage-to-incident';
import { body, errors, json, requireRole, router, security } from '../http/openapi';
import { listProposals, rejectProposal } from '../triage/proposals';
import { listRulesView, putRules } from '../triage/rules';
import { attachAlert, openIncidentsForAlert } from './attach';
import { acknowledgeAlert, declareFromAlert, dismissAlert, getAlert, listAlertsView, suppressAlert } from './service';

const tags = ['alerts'];
const Params = z.object({ id: z.string().regex(/^ALR-[1-9][0-9]*$/, 'expected an alert id such as ALR-12') });
const ListQuery = z
  .object({
    status: z.enum(['firing', 'resolved', 'dismissed']).optional(),
    system: SystemId.optional(),
    incident: z
      .string()
      .regex(/^INC-[1-9][0-9]*$/, 'expected an incident id such as INC-42')
      .optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();
const Reason = z.object({ reason: Text(2000) }).strict();
const Suppress = z
  .object({ for: Duration.openapi({ description: 'How long: 30m, 4h, 7d' }), reason: Text(2000) })
  .strict();
const Declare = z.object({ type: IncidentType, severity: SeverityInput, title: Text(200).optional() }).strict();
const Rules = z
  .object({ rules: z.array(TriageRule).max(500) })
  .strict()
  .superRefine((body, ctx) => reportDuplicateIds(ctx, body.rules, ['rules'], 'rule'))
  .openapi('TriageRules');

export function alertRoutes() {
  const app = router();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/alerts',
      tags,
      summary: 'Alerts, newest first',
      security,
      request: { query: ListQuery },
      responses: { 200: json(z.object({ alerts: z.array(Alert) }), 'Alerts'), ...errors(400, 401) },
    }),
    async (c) => c.json(await listAlertsView({ ctx: c.var.ctx, query: c.req.valid('query') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/alerts/{id}',
      tags,
      summary: 'One alert with its evidence',
      security,
      request: { params: Params },
      responses: { 200: json(Alert, 'The alert'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await getAlert({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/acknowledge',
      tags,
      summary: 'Acknowledge: say who is on it (idempotent; the first acknowledgement stands)',
      security,
      request: { params: Params, body: body(z.object({}).strict()) },
      responses: { 200: json(Alert, 'The acknowledged alert'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => c.json(await acknowledgeAlert({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/dismiss',
      tags,
      summary: 'Dismiss as a false positive (counted for alert hygiene)',
      security,
      request: { params: Params, body: body(Reason) },
      responses: { 200: json(Alert, 'The dismissed alert'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(await dismissAlert({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/attach',
      tags,
      summary: 'Put the alert on an incident that is already open (on its timeline, audited)',
      security,
      request: { params: Params, body: body(AttachAlertRequest) },
      responses: { 200: json(Alert, 'The alert, on the incident'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(await attachAlert({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/alerts/{id}/open-incidents',
      tags,
      summary: 'Open incidents of the alert’s system, newest first: where it may belong',
      security,
      request: { params: Params },
      responses: {
        200: json(z.object({ incidents: z.array(Incident) }), 'Candidates to attach the alert to'),
        ...errors(400, 401, 404),
      },
    }),
    async (c) => c.json(await openIncidentsForAlert({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/suppress',
      tags,
      summary: 'Suppress this alert’s fingerprint for a while',
      security,
      request: { params: Params, body: body(Suppress) },
      responses: { 200: json(Alert, 'The alert, with its suppression'), ...errors(400, 401, 403, 404, 415) },
    }),
    async (c) =>
      c.json(await suppressAlert({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/incident',
      tags,
      summary: 'Open an incident from an alert (onset and evidence carried over)',
      security,
      request: { params: Params, body: body(Declare) },
      responses: { 201: json(Incident, 'The incident'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(await declareFromAlert({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/rules',
      tags: ['rules'],
      summary: 'Triage rules, in the order they are tried',
      security,
      responses: { 200: json(Rules, 'The rules'), ...errors(401) },
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
      middleware: [requireRole('admin')],
      request: { body: body(Rules) },
      responses: { 200: json(Rules, 'The rules as stored'), ...errors(400, 401, 403, 413, 415) },
    }),
    async (c) => c.json(await putRules({ ctx: c.var.ctx, input: c.req.valid('json') }), 200),
  );
  const ProposalParams = z.object({
    id: z.string().regex(/^TRI-[1-9][0-9]*$/, 'expected a triage proposal id such as TRI-3'),
  });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/triage',
      tags: ['triage'],
      summary: 'Triage proposals: what rules propose, waiting for a person',
      security,
      request: { query: z.object({ status: z.enum(['open', 'accepted', 'rejected']).optional() }).strict() },
      responses: {
        200: json(z.object({ proposals: z.array(TriageProposal) }), 'Proposals, oldest first'),
        ...errors(400, 401),
      },
    }),
    async (c) => c.json(await listProposals({ ctx: c.var.ctx, status: c.req.valid('query').status }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/triage/{id}/accept',
      tags: ['triage'],
      summary: 'Accept a proposal: declare the incident it proposes',
      security,
      request: { params: ProposalParams, body: body(z.object({}).strict()) },
      responses: { 201: json(Incident, 'The declared incident'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) => c.json(await acceptProposal({ ctx: c.var.ctx, id: c.req.valid('param').id }), 201),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/triage/{id}/reject',
      tags: ['triage'],
      summary: 'Reject a proposal, saying why',
      security,
      request: { params: ProposalParams, body: body(Reason) },
      responses: { 200: json(TriageProposal, 'The rejected proposal'), ...errors(400, 401, 403, 404, 409, 415) },
    }),
    async (c) =>
      c.json(await rejectProposal({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  return app;
}
