import {
  DecideObligationRequest,
  DraftParams,
  DraftQuery,
  IncidentRegulatory,
  ObligationList,
  ObligationListQuery,
  ObligationParams,
  RegulatoryDraft,
  RegulatoryParams,
  SetFactRequest,
} from '@firebreak/contract';
import { renderDraftMarkdown } from '@firebreak/core';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security } from '../http/openapi';
import { decideObligation, draftReport, getRegulatory, listObligations, setFact } from './service';

const tags = ['regulatory'];

/** Incident facts and the regulatory obligations they open (issue 14, ADR 33). */
export function regulatoryRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/regulatory',
      tags,
      summary: "An incident's facts (who set each, when, why) and the obligations they opened, with their clocks",
      security,
      ...needs('viewer'),
      request: { params: RegulatoryParams },
      responses: { 200: json(IncidentRegulatory, 'Facts and obligations'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await getRegulatory({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/facts',
      tags,
      summary:
        'Set one fact (became aware, causal link established, harms, jurisdictions, …) with why; the rule pack opens, moves or lapses obligations',
      security,
      ...needs('responder'),
      request: { params: RegulatoryParams, body: body(SetFactRequest) },
      responses: {
        200: json(IncidentRegulatory, 'Facts and obligations after the change'),
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) =>
      c.json(await setFact({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/obligations/{obligation}/decision',
      tags,
      summary:
        'Record an obligation as filed (when, reference, the report), not required (with a justification), or pending again',
      security,
      ...needs('responder'),
      request: { params: ObligationParams, body: body(DecideObligationRequest) },
      responses: {
        200: json(IncidentRegulatory, 'Facts and obligations after the decision'),
        ...errors(400, 401, 403, 404, 409),
      },
    }),
    async (c) => {
      const { id, obligation } = c.req.valid('param');
      return c.json(
        await decideObligation({ ctx: c.var.ctx, id, obligationId: obligation, input: c.req.valid('json') }),
        200,
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/obligations',
      tags,
      summary: 'Obligations across incidents, soonest due first (pending ones by default in the war room)',
      security,
      ...needs('viewer'),
      request: { query: ObligationListQuery },
      responses: { 200: json(ObligationList, 'Obligations'), ...errors(400, 401) },
    }),
    async (c) => c.json(await listObligations({ ctx: c.var.ctx, query: c.req.valid('query') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/reports/{format}',
      tags,
      summary:
        "Draft a report in a recipient's fields (EU Art. 73 form, GPAI template, OECD framework, AIID, MITRE ATLAS case study): each field filled with its source, or left for a person",
      security,
      ...needs('viewer'),
      request: { params: DraftParams, query: DraftQuery },
      responses: {
        200: {
          description: 'The draft, as JSON or Markdown (`as=markdown`)',
          content: { 'application/json': { schema: RegulatoryDraft }, 'text/markdown': { schema: RegulatoryDraft } },
        },
        ...errors(400, 401, 404),
      },
    }),
    async (c) => {
      const { id, format } = c.req.valid('param');
      const { obligation, as } = c.req.valid('query');
      const draft = await draftReport({ ctx: c.var.ctx, id, format, obligation });
      if (as === 'markdown')
        return c.body(renderDraftMarkdown(draft) as never, 200, {
          'content-type': 'text/markdown; charset=utf-8',
          'content-disposition': `inline; filename="${id}-${format}.md"`,
        });
      return c.json(draft, 200);
    },
  );
  return app;
}
