import { OtlpExportResponse, OtlpLogsBody, OtlpTracesBody } from '@firebreak/contract';
import { errors, needs, router, security } from '../http/openapi';
import type { Quota } from '../http/rate-limit';
import type { Metrics } from '../observability/metrics';
import type { TelemetryLimits } from '../telemetry/limits';
import type { TelemetryLog } from '../telemetry/log';
import { ingestOtlp, type OtlpIngestResult, type OtlpSignal } from './ingest';

/** Where the OTLP routes live under the API; `/otlp/v1/*` is forwarded here (http/app.ts). */
export const OTLP_PATHS = ['/api/v1/otlp/v1/traces', '/api/v1/otlp/v1/logs'];

/**
 * `POST /otlp/v1/traces` and `/otlp/v1/logs`: OTLP/HTTP JSON from any OpenTelemetry SDK or
 * collector, GenAI spans and log records taken as telemetry (docs/opentelemetry.md, ADR 41).
 */
export function otlpRoutes(options: {
  limits: TelemetryLimits;
  quota?: Quota;
  onAccepted?: () => void;
  metrics?: Pick<Metrics, 'telemetryAccepted' | 'telemetryRejected'>;
  /** Where accepted events go: the `telemetry_batches` table unless given (ADR 42). */
  log?: TelemetryLog;
}) {
  const app = router();
  const signals: Array<[OtlpSignal, typeof OtlpTracesBody | typeof OtlpLogsBody, string]> = [
    ['traces', OtlpTracesBody, 'spans'],
    ['logs', OtlpLogsBody, 'log records'],
  ];
  for (const [signal, schema, items] of signals) {
    app.openAPIRegistry.registerPath({
      method: 'post',
      path: `/otlp/v1/${signal}`,
      tags: ['telemetry'],
      summary: `OTLP/HTTP JSON ${signal}: GenAI ${items} become telemetry events, durable before the 200; others are ignored`,
      security,
      ...needs('responder', { app: true }),
      request: { body: { required: true, content: { 'application/json': { schema } } } },
      responses: {
        200: {
          description: `Taken: the events of the accepted ${items} are in the durable log; partialSuccess counts the rejected ones`,
          content: { 'application/json': { schema: OtlpExportResponse } },
        },
        ...errors(400, 401, 403, 413, 415, 429, 503),
      },
    });
    app.post(`/otlp/v1/${signal}`, async (c) => {
      const result = await ingestOtlp({
        ctx: c.var.ctx,
        input: {
          signal,
          body: new Uint8Array(await c.req.arrayBuffer()),
          contentEncoding: c.req.header('content-encoding'),
          limits: options.limits,
          quota: options.quota,
          log: options.log,
        },
      });
      options.metrics?.telemetryAccepted.inc(result.events);
      options.metrics?.telemetryRejected.inc(result.rejectedTotal);
      if (result.events > 0) options.onAccepted?.();
      c.header('firebreak-accepted', String(result.accepted));
      c.header('firebreak-ignored', String(result.ignored));
      return c.json(exportResponse(signal, result), 200);
    });
  }
  return app;
}

function exportResponse(signal: OtlpSignal, result: OtlpIngestResult): OtlpExportResponse {
  if (result.rejectedTotal === 0) return {};
  const listed = result.rejected.slice(0, 5).map((issue) => `${issue.path}: ${issue.message}`);
  const more = result.rejectedTotal > listed.length ? `; and ${result.rejectedTotal - listed.length} more` : '';
  const count = String(result.rejectedTotal);
  return {
    partialSuccess: {
      ...(signal === 'traces' ? { rejectedSpans: count } : { rejectedLogRecords: count }),
      errorMessage: listed.join('; ') + more,
    },
  };
}
