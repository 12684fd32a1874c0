import { PlanDocument, PlanQuery, ResponsePlan, SystemIdParams } from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { errors, needs, router, security } from '../http/openapi';
import { exportPlan, getPlan } from './service';

const tags = ['systems'];

export function planRoutes() {
  const app = router();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/systems/{id}/plan',
      tags,
      summary:
        "The system's AI incident response plan with its gaps: JSON, Markdown, HTML, or PDF where the server has Chromium",
      security,
      ...needs('viewer'),
      request: { params: SystemIdParams, query: PlanQuery },
      responses: {
        200: {
          description: 'The plan',
          content: {
            'application/json': { schema: ResponsePlan },
            'text/markdown': { schema: PlanDocument },
            'text/html': { schema: PlanDocument },
            'application/pdf': { schema: PlanDocument },
          },
        },
        ...errors(400, 401, 404),
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { format } = c.req.valid('query');
      if (format === 'json') return c.json(await getPlan({ ctx: c.var.ctx, id }), 200);
      const document = await exportPlan({ ctx: c.var.ctx, id, format });
      return c.body(document.content as never, 200, {
        'content-type': document.mediaType,
        'content-disposition': `inline; filename="${id}-response-plan.${format}"`,
        ...(format === 'html' ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" } : {}),
      });
    },
  );

  return app;
}
