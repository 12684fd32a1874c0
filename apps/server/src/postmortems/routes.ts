import {
  CloseCheck,
  CloseWaiverRequest,
  DraftPostmortemRequest,
  EditPostmortemRequest,
  EditSectionRequest,
  ExportQuery,
  IncidentIdParams,
  LintRequest,
  LintResult,
  Postmortem,
  PostmortemDocument,
  PostmortemList,
  PostmortemListQuery,
  PostmortemTransitionRequest,
  RegenerateSectionRequest,
  RelatedIncidents,
  ResidualRiskRequest,
  SectionParams,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security, WRITE_ERRORS } from '../http/openapi';
import { acceptResidualRisk, closeCheck, relatedIncidents, waiveClose } from './closing';
import { exportPostmortem, lintText, listPostmortemsView } from './read';
import {
  draftPostmortem,
  editPostmortem,
  editSection,
  getPostmortem,
  regenerateSection,
  transitionPostmortem,
} from './service';

const tags = ['postmortems'];

export function postmortemRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/postmortem',
      tags,
      summary: 'Draft the incident’s postmortem from its timeline, records and alerts',
      security,
      ...needs('responder'),
      request: { params: IncidentIdParams, body: body(DraftPostmortemRequest) },
      responses: { 201: json(Postmortem, 'The draft'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(await draftPostmortem({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 201),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/postmortem',
      tags,
      summary: 'The incident’s postmortem, with fresh response figures and blameless-lint findings',
      security,
      ...needs('viewer'),
      request: { params: IncidentIdParams },
      responses: { 200: json(Postmortem, 'The postmortem'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await getPostmortem({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/incidents/{id}/postmortem',
      tags,
      summary: 'Change the postmortem’s owner or due date',
      security,
      ...needs('responder'),
      request: { params: IncidentIdParams, body: body(EditPostmortemRequest) },
      responses: { 200: json(Postmortem, 'The postmortem'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(await editPostmortem({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'put',
      path: '/incidents/{id}/postmortem/sections/{section}',
      tags,
      summary: 'Replace one section (its prose, and its impact, factors or whys); on the timeline',
      security,
      ...needs('responder'),
      request: { params: SectionParams, body: body(EditSectionRequest) },
      responses: { 200: json(Postmortem, 'The postmortem'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) => {
      const { id, section } = c.req.valid('param');
      return c.json(await editSection({ ctx: c.var.ctx, id, section, input: c.req.valid('json') }), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/postmortem/sections/{section}/regenerate',
      tags,
      summary: 'Draft one section again from the incident’s data (replaces what was written)',
      security,
      ...needs('responder'),
      request: { params: SectionParams, body: body(RegenerateSectionRequest) },
      responses: { 200: json(Postmortem, 'The postmortem'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) => {
      const { id, section } = c.req.valid('param');
      return c.json(await regenerateSection({ ctx: c.var.ctx, id, section, reason: c.req.valid('json').reason }), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/postmortem/status',
      tags,
      summary: 'Send the postmortem to review, publish it, or reopen it',
      security,
      ...needs('responder'),
      description:
        'Publishing needs an owner, cited factors and why-steps, and no blameless-lint findings (or acceptFindings with a reason). Needs a responder or admin token.',
      request: { params: IncidentIdParams, body: body(PostmortemTransitionRequest) },
      responses: { 200: json(Postmortem, 'The postmortem'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(
        await transitionPostmortem({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/postmortem/export',
      tags,
      summary: 'The postmortem as a document: Markdown, HTML, or PDF where the server has Chromium',
      security,
      ...needs('viewer'),
      request: { params: IncidentIdParams, query: ExportQuery },
      responses: {
        200: {
          description: 'The document',
          content: {
            'text/markdown': { schema: PostmortemDocument },
            'text/html': { schema: PostmortemDocument },
            'application/pdf': { schema: PostmortemDocument },
          },
        },
        ...errors(400, 401, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { format, timeline } = c.req.valid('query');
      const document = await exportPostmortem({ ctx: c.var.ctx, id, format, allMoments: timeline === 'all' });
      const name = `${id}-postmortem.${format === 'markdown' ? 'md' : format}`;
      return c.body(document.content as never, 200, {
        'content-type': document.mediaType,
        'content-disposition': `inline; filename="${name}"`,
        ...(format === 'html' ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" } : {}),
      });
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/postmortems/lint',
      tags,
      summary: 'Blameless lint of any text (the editor lints as you type); the incident’s people count as people',
      security,
      ...needs('viewer'),
      request: { body: body(LintRequest) },
      responses: { 200: json(LintResult, 'Findings'), ...errors(400, 401, 404, 413, 415) },
    }),
    async (c) => c.json(await lintText({ ctx: c.var.ctx, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/postmortems',
      tags,
      summary: 'Postmortems, soonest due first (filter by status, owner, overdue)',
      security,
      ...needs('viewer'),
      request: { query: PostmortemListQuery },
      responses: { 200: json(PostmortemList, 'Postmortems'), ...errors(400, 401) },
    }),
    async (c) => c.json(await listPostmortemsView({ ctx: c.var.ctx, query: c.req.valid('query') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/close-check',
      tags,
      summary: 'What closing the incident still needs (the close dialog)',
      security,
      ...needs('viewer'),
      request: { params: IncidentIdParams },
      responses: { 200: json(CloseCheck, 'What is missing'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await closeCheck({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/residual-risk',
      tags,
      summary: 'A named person accepts the residual risk (needed to close a SEV1/SEV2)',
      security,
      ...needs('responder'),
      request: { params: IncidentIdParams, body: body(ResidualRiskRequest) },
      responses: { 200: json(CloseCheck, 'What closing needs now'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(
        await acceptResidualRisk({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }),
        200,
      ),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/close-waiver',
      tags,
      summary: 'An admin waives the postmortem or residual-risk requirement for closing, with a reason',
      security,
      ...needs('admin'),
      request: { params: IncidentIdParams, body: body(CloseWaiverRequest) },
      responses: { 200: json(CloseCheck, 'What closing needs now'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(await waiveClose({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/related',
      tags,
      summary: 'Earlier incidents on the same system with the same type or a shared contributing factor',
      security,
      ...needs('viewer'),
      request: { params: IncidentIdParams },
      responses: { 200: json(RelatedIncidents, 'Related incidents'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await relatedIncidents({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  return app;
}
