import {
  AcknowledgeReportRequest,
  DeclaredFromReport,
  DeclareFromReportRequest,
  DismissReportRequest,
  LinkReportRequest,
  Report,
  ReportAttachmentParams,
  ReportList,
  ReportListQuery,
  ReportRefParams,
  UpdateReportRequest,
} from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { body, errors, json, needs, router, security, WRITE_ERRORS } from '../http/openapi';
import {
  acknowledgeReport,
  declareFromReport,
  dismissReport,
  getReport,
  getReportAttachment,
  linkReport,
  listReportsView,
  updateReporter,
} from './service';

const tags = ['reports'];

/**
 * The triage queue of external reports, for responders: list, read, acknowledge, update the
 * reporter, link to an incident or declare one, dismiss. (Submitting is public: see
 * public-routes.ts.)
 */
export function reportRoutes() {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports',
      tags,
      summary: 'The triage queue of external reports, with their acknowledge and update clocks',
      security,
      ...needs('viewer'),
      request: { query: ReportListQuery },
      responses: { 200: json(ReportList, 'Reports'), ...errors(400, 401) },
    }),
    async (c) => c.json(await listReportsView({ ctx: c.var.ctx, query: c.req.valid('query') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/{ref}',
      tags,
      summary: 'One external report with its attachments and history',
      security,
      ...needs('viewer'),
      request: { params: ReportRefParams },
      responses: { 200: json(Report, 'The report'), ...errors(400, 401, 404) },
    }),
    async (c) => c.json(await getReport({ ctx: c.var.ctx, ref: c.req.valid('param').ref }), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/reports/{ref}/attachments/{n}',
      tags,
      summary: 'The bytes of a report’s attachment, as a download',
      security,
      ...needs('viewer'),
      request: { params: ReportAttachmentParams },
      responses: {
        200: {
          description:
            'The content as a download (application/octet-stream, attachment), its SHA-256 in the ETag and ' +
            'x-content-sha256, the type the reporter gave in x-attachment-media-type',
        },
        ...errors(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { ref, n } = c.req.valid('param');
      const found = await getReportAttachment({ ctx: c.var.ctx, ref, n });
      // Bytes from outside are never rendered in our origin: always a download, never sniffed.
      return c.body(found.content as Uint8Array<ArrayBuffer>, 200, {
        'content-type': 'application/octet-stream',
        'content-disposition': `attachment; filename="${ref}-${n}"`,
        'x-content-type-options': 'nosniff',
        'x-attachment-media-type': found.row.mediaType,
        etag: `"${found.row.sha256}"`,
        'x-content-sha256': found.row.sha256,
      });
    },
  );

  const change = <S extends Parameters<typeof body>[0]>(path: string, summary: string, schema: S) =>
    createRoute({
      method: 'post',
      path: `/reports/{ref}${path}`,
      tags,
      summary,
      security,
      ...needs('responder'),
      request: { params: ReportRefParams, body: body(schema) },
      responses: { 200: json(Report, 'The report as it is now'), ...errors(...WRITE_ERRORS) },
    });

  app.openapi(
    change('/acknowledge', 'Acknowledge: stops the 24 h clock and mails the reporter', AcknowledgeReportRequest),
    async (c) =>
      c.json(
        await acknowledgeReport({ ctx: c.var.ctx, ref: c.req.valid('param').ref, input: c.req.valid('json') }),
        200,
      ),
  );
  app.openapi(
    change(
      '/update',
      'Mail the reporter an update (restarts the 72 h clock); final closes the report',
      UpdateReportRequest,
    ),
    async (c) =>
      c.json(await updateReporter({ ctx: c.var.ctx, ref: c.req.valid('param').ref, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    change('/link', 'Link to an existing incident; the report goes on its timeline', LinkReportRequest),
    async (c) =>
      c.json(await linkReport({ ctx: c.var.ctx, ref: c.req.valid('param').ref, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    change('/dismiss', 'Close without a response (spam, duplicate, out of scope), with a reason', DismissReportRequest),
    async (c) =>
      c.json(await dismissReport({ ctx: c.var.ctx, ref: c.req.valid('param').ref, input: c.req.valid('json') }), 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/reports/{ref}/declare',
      tags,
      summary: 'Declare an incident from the report; the report goes on its timeline',
      security,
      ...needs('responder'),
      request: { params: ReportRefParams, body: body(DeclareFromReportRequest) },
      responses: { 201: json(DeclaredFromReport, 'The report and the declared incident'), ...errors(...WRITE_ERRORS) },
    }),
    async (c) =>
      c.json(
        await declareFromReport({ ctx: c.var.ctx, ref: c.req.valid('param').ref, input: c.req.valid('json') }),
        201,
      ),
  );
  return app;
}
