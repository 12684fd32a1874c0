import { Readiness, ReadinessDocument, ReadinessQuery, ReadinessReportQuery } from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import type { LiveDetection } from '../alerts/live';
import { statusReader } from '../detection/status';
import { errors, json, needs, router, security } from '../http/openapi';
import { readinessHtml, readinessMarkdown } from './report';
import { readiness } from './service';

const tags = ['readiness'];

/**
 * Readiness across incidents over a period (ADR 38): the figures as JSON, and the quarterly
 * report as Markdown or HTML. `live` is the detection runtime, for the default monitors it holds.
 */
export function readinessRoutes({ live }: { live?: LiveDetection | undefined } = {}) {
  const app = router();
  app.openapi(
    createRoute({
      method: 'get',
      path: '/readiness',
      tags,
      summary:
        'Readiness over a period: MTTD, MTTA, MTTI, MTTC, MTTR by severity, type and system with trends; postmortems on time; actions on time and verified; alert precision per monitor; taxonomy coverage; drills per team',
      security,
      ...needs('viewer'),
      request: { query: ReadinessQuery },
      responses: { 200: json(Readiness, 'The figures'), ...errors(400, 401) },
    }),
    async (c) => {
      const ctx = c.var.ctx;
      const status = await statusReader(ctx.db, live);
      return c.json(await readiness({ ctx, query: c.req.valid('query'), status }), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/readiness/report',
      tags,
      summary:
        'The readiness report for a period (a quarter by default): Markdown, or HTML with its charts inline as SVG',
      security,
      ...needs('viewer'),
      request: { query: ReadinessReportQuery },
      responses: {
        200: {
          description: 'The report',
          content: { 'text/markdown': { schema: ReadinessDocument }, 'text/html': { schema: ReadinessDocument } },
        },
        ...errors(400, 401),
      },
    }),
    async (c) => {
      const ctx = c.var.ctx;
      const { format, ...query } = c.req.valid('query');
      const figures = await readiness({ ctx, query, status: await statusReader(ctx.db, live) });
      const generatedAt = ctx.now().toISOString();
      const name = `readiness-${figures.from.slice(0, 10)}.${format}`;
      if (format === 'html')
        return c.body(readinessHtml(figures, generatedAt), 200, {
          'content-type': 'text/html; charset=utf-8',
          'content-disposition': `inline; filename="${name}"`,
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
        });
      return c.body(readinessMarkdown(figures, generatedAt), 200, {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `inline; filename="${name}"`,
      });
    },
  );
  return app;
}
