import { AlertHygiene, SystemIdParams, SystemMonitors } from '@firebreak/contract';
import { createRoute } from '@hono/zod-openapi';
import { alertHygieneView } from '../alerts/hygiene';
import type { LiveDetection } from '../alerts/live';
import { errors, json, needs, router, security } from '../http/openapi';
import { systemMonitorsView } from './monitors';
import { statusReader } from './status';

/**
 * What the monitors are doing: each system's monitors (learning, watching, firing; tuning and
 * budget share) and alert hygiene across systems. `live` is the detection runtime; without one
 * the routes read its last snapshot.
 */
export function detectionRoutes({ live }: { live?: LiveDetection | undefined } = {}) {
  const app = router();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/systems/{id}/monitors',
      tags: ['systems'],
      summary:
        'Where each monitor of a system stands (learning, watching, firing), its tuning and budget share, and its alerts and false positives over 30 days',
      security,
      ...needs('viewer'),
      request: { params: SystemIdParams },
      responses: { 200: json(SystemMonitors, 'The system’s monitors'), ...errors(400, 401, 404) },
    }),
    async (c) => {
      const ctx = c.var.ctx;
      const status = await statusReader(ctx.db, live);
      return c.json(await systemMonitorsView({ ctx, id: c.req.valid('param').id, status }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/alerts/hygiene',
      tags: ['alerts'],
      summary: 'Monitors across systems by false-positive rate (dismissed ÷ alerts, 30 days), with their tuning',
      security,
      ...needs('viewer'),
      responses: { 200: json(AlertHygiene, 'Monitors, noisiest first'), ...errors(401) },
    }),
    async (c) => {
      const ctx = c.var.ctx;
      return c.json(await alertHygieneView({ ctx, status: await statusReader(ctx.db, live) }), 200);
    },
  );

  return app;
}
