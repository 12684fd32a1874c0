import {
  AcknowledgeRequest,
  AssignRoleRequest,
  ChangeSeverityRequest,
  ChangeTypeRequest,
  Decision,
  DecisionList,
  DecisionRequest,
  DeclareIncidentRequest,
  EditIncidentRequest,
  Evidence,
  EvidenceContentParams,
  EvidenceList,
  EvidenceRequest,
  Incident,
  IncidentDetail,
  IncidentIdParams,
  IncidentList,
  IncidentListQuery,
  IsolatedRequest,
  KeyMoment,
  KeyMomentRequest,
  StatusUpdate,
  StatusUpdateList,
  StatusUpdateRequest,
  Timeline,
  TimelineSeqParams,
  TimelineVerification,
  type z,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security, WRITE_ERRORS } from '../http/openapi';
import { declareIncident } from './declare';
import { acknowledgeIncident, changeSeverity, changeType, editIncident } from './lifecycle';
import { markIsolated, markKeyMoment } from './moments';
import {
  getEvidenceContent,
  getIncidentDetail,
  getTimeline,
  listDecisionsView,
  listEvidenceView,
  listIncidentsView,
  listStatusUpdatesView,
  verifyTimeline,
} from './read';
import { addEvidence, logDecision, postStatusUpdate } from './records';
import { assignRole } from './roles';

const tags = ['incidents'];
const READ_ERRORS = [400, 401, 404] as const;

/** A POST on an incident: body in, an incident (or record) out, with the write error responses. */
function action<In extends z.ZodType, Out extends z.ZodType, S extends 200 | 201>(
  path: string,
  summary: string,
  input: In,
  output: Out,
  status: S,
) {
  const responses = { ...errors(...WRITE_ERRORS), [status]: json(output, summary) } as ReturnType<typeof errors> &
    Record<S, ReturnType<typeof json<Out>>>;
  return createRoute({
    method: 'post',
    path: `/incidents/{id}${path}`,
    tags,
    summary,
    security,
    ...needs('responder'),
    request: { params: IncidentIdParams, body: body(input) },
    responses,
  });
}

export function incidentRoutes() {
  const app = router();

  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents',
      tags,
      summary: 'Declare an incident',
      security,
      ...needs('responder'),
      request: { body: body(DeclareIncidentRequest) },
      responses: {
        201: json(Incident, 'The declared incident, with its response deadline'),
        ...errors(400, 401, 403, 413, 415),
      },
    }),
    async (c) => c.json(await declareIncident({ ctx: c.var.ctx, input: c.req.valid('json') }), 201),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents',
      tags,
      summary: 'List incidents, newest first',
      security,
      ...needs('viewer'),
      request: { query: IncidentListQuery },
      responses: { 200: json(IncidentList, 'A page of incidents and the total that match'), ...errors(400, 401) },
    }),
    async (c) => c.json(await listIncidentsView({ ctx: c.var.ctx, query: c.req.valid('query') }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}',
      tags,
      summary: 'One incident with its roles, decisions, evidence and status updates',
      security,
      ...needs('viewer'),
      request: { params: IncidentIdParams },
      responses: { 200: json(IncidentDetail, 'The incident'), ...errors(...READ_ERRORS) },
    }),
    async (c) => c.json(await getIncidentDetail({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/incidents/{id}',
      tags,
      summary: 'Edit title, summary, systems, near-miss flag or onset',
      security,
      ...needs('responder'),
      request: { params: IncidentIdParams, body: body(EditIncidentRequest) },
      responses: { 200: json(Incident, 'The edited incident'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(await editIncident({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );

  const mutations = [
    [action('/acknowledge', 'Acknowledge the incident', AcknowledgeRequest, Incident, 200), acknowledgeIncident],
    [action('/severity', 'Change severity, with a reason', ChangeSeverityRequest, Incident, 200), changeSeverity],
    [
      action('/type', 'Reclassify type, category and driver, with a reason', ChangeTypeRequest, Incident, 200),
      changeType,
    ],
    [action('/roles', 'Assign or vacate an incident role', AssignRoleRequest, Incident, 200), assignRole],
  ] as const;
  for (const [route, handler] of mutations) {
    app.openapi(route, async (c) => {
      const input = c.req.valid('json') as never;
      return c.json(await handler({ ctx: c.var.ctx, id: c.req.valid('param').id, input }), 200);
    });
  }

  app.openapi(
    action('/isolated', 'Mark the cause identified (the isolated moment)', IsolatedRequest, Incident, 200),
    async (c) =>
      c.json(await markIsolated({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/timeline/{seq}/key',
      tags,
      summary: 'Star (or unstar) a timeline entry as a key moment; the mark is itself on the timeline',
      security,
      ...needs('responder'),
      request: { params: TimelineSeqParams, body: body(KeyMomentRequest) },
      responses: { 200: json(KeyMoment, 'The mark'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) => {
      const { id, seq } = c.req.valid('param');
      const { key, reason } = c.req.valid('json');
      return c.json(await markKeyMoment({ ctx: c.var.ctx, id, seq, key, reason }), 200);
    },
  );

  app.openapi(action('/decisions', 'Log a decision', DecisionRequest, Decision, 201), async (c) =>
    c.json(await logDecision({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 201),
  );
  app.openapi(action('/evidence', 'Add evidence', EvidenceRequest, Evidence, 201), async (c) =>
    c.json(await addEvidence({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 201),
  );
  app.openapi(action('/status-updates', 'Post a status update', StatusUpdateRequest, StatusUpdate, 201), async (c) =>
    c.json(await postStatusUpdate({ ctx: c.var.ctx, id: c.req.valid('param').id, input: c.req.valid('json') }), 201),
  );

  const lists = [
    ['/decisions', 'Decisions, oldest first', DecisionList, listDecisionsView],
    ['/evidence', 'Evidence, oldest first', EvidenceList, listEvidenceView],
    ['/status-updates', 'Status updates, oldest first', StatusUpdateList, listStatusUpdatesView],
  ] as const;
  for (const [path, summary, schema, read] of lists) {
    app.openapi(
      createRoute({
        method: 'get',
        path: `/incidents/{id}${path}`,
        tags,
        summary,
        security,
        ...needs('viewer'),
        request: { params: IncidentIdParams },
        responses: { 200: json(schema, summary), ...errors(...READ_ERRORS) },
      }),
      async (c) => c.json((await read({ ctx: c.var.ctx, id: c.req.valid('param').id })) as never, 200),
    );
  }

  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/evidence/{evidenceId}/content',
      tags,
      summary: 'The bytes of evidence the server keeps',
      security,
      ...needs('viewer'),
      request: { params: EvidenceContentParams },
      responses: {
        200: {
          description:
            'The content as a download (application/octet-stream, attachment), its SHA-256 in the ETag and ' +
            'x-content-sha256, the media type the uploader gave in x-evidence-media-type',
        },
        ...errors(...READ_ERRORS),
      },
    }),
    async (c) => {
      const { id, evidenceId } = c.req.valid('param');
      const { content, mediaType, sha256 } = await getEvidenceContent({ ctx: c.var.ctx, id, evidenceId });
      // Uploaded bytes are never rendered by the browser as the uploader labelled them (an
      // HTML file would run in our origin): always a download, never sniffed.
      return c.body(content as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="${evidenceId}"`,
        'x-content-type-options': 'nosniff',
        'x-evidence-media-type': mediaType,
        etag: `"${sha256}"`,
        'x-content-sha256': sha256,
      });
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/timeline',
      tags,
      summary: 'The append-only, hash-chained timeline',
      security,
      ...needs('viewer'),
      request: { params: IncidentIdParams },
      responses: { 200: json(Timeline, 'Entries in order'), ...errors(...READ_ERRORS) },
    }),
    async (c) => c.json(await getTimeline({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/timeline/verify',
      tags,
      summary: 'Check the timeline’s hash chain',
      security,
      ...needs('viewer'),
      request: { params: IncidentIdParams },
      responses: {
        200: json(TimelineVerification, 'Whether the chain is intact, and where it first breaks'),
        ...errors(...READ_ERRORS),
      },
    }),
    async (c) => c.json(await verifyTimeline({ ctx: c.var.ctx, id: c.req.valid('param').id }), 200),
  );

  return app;
}
