import { TelemetryIngestResult, TelemetryJsonBody, TelemetryNdjsonBody } from '@firebreak/contract';
import { errors, needs, router, security } from '../http/openapi';
import type { Quota } from '../http/rate-limit';
import type { Metrics } from '../observability/metrics';
import { ingestTelemetry } from './ingest';
import type { TelemetryLimits } from './limits';
import type { TelemetryLog } from './log';

/** `POST /telemetry`: a JSON array, one object, or NDJSON; gzip accepted. `metrics` counts what was accepted. */
export function telemetryRoutes(options: {
  limits: TelemetryLimits;
  quota?: Quota;
  /** Where accepted events go (the `telemetry_batches` table unless given). */
  log?: TelemetryLog;
  onAccepted?: () => void;
  metrics?: Pick<Metrics, 'telemetryAccepted' | 'telemetryRejected'>;
}) {
  const app = router();
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/telemetry',
    tags: ['telemetry'],
    summary: 'Send telemetry: valid events are durable before the 202; invalid ones are reported by index and field',
    security,
    ...needs('responder', { app: true }),
    request: {
      body: {
        required: true,
        content: {
          'application/json': { schema: TelemetryJsonBody },
          'application/x-ndjson': { schema: TelemetryNdjsonBody },
        },
      },
    },
    responses: {
      202: {
        description: 'Accepted: the valid events are in the durable log',
        content: { 'application/json': { schema: TelemetryIngestResult } },
      },
      ...errors(400, 401, 403, 413, 415, 429, 503),
    },
  });
  app.post('/telemetry', async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    const result = await ingestTelemetry({
      ctx: c.var.ctx,
      input: {
        body,
        contentType: c.req.header('content-type'),
        contentEncoding: c.req.header('content-encoding'),
        limits: options.limits,
        ...(options.quota ? { quota: options.quota } : {}),
        ...(options.log ? { log: options.log } : {}),
      },
    });
    options.metrics?.telemetryAccepted.inc(result.accepted);
    options.metrics?.telemetryRejected.inc(result.rejectedTotal);
    options.onAccepted?.();
    return c.json(result, 202);
  });
  return app;
}
