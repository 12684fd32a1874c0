import {
  AlertmanagerWebhook,
  CloudEvent,
  CloudEventBatch,
  formatPath,
  GrafanaWebhook,
  InboundResult,
  type IntegrationKind,
  jsonProblem,
  PagerDutyAccepted,
  PagerDutyEvent,
} from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import type { Ctx } from '../context';
import type { Db } from '../db/connect';
import type { EventBus } from '../events/bus';
import type { AppEnv } from '../http/env';
import { DEFAULT_INPUT_BOUNDS } from '../http/input-guard';
import { errors, needsIntegration, router } from '../http/openapi';
import type { Quota } from '../http/rate-limit';
import { clientAddress } from '../intake/limits';
import type { NotifyConfig } from '../notifications/plan';
import type { Metrics } from '../observability/metrics';
import { FORMATS } from './formats';
import { ENDPOINTS } from './presenter';
import { receiveAlerts } from './receive';
import { authenticateIntegration } from './service';

export interface InboundRouteOptions {
  db: Db;
  log: Logger;
  events: EventBus;
  now: () => Date;
  notify?: NotifyConfig | undefined;
  metrics?: Pick<Metrics, 'inboundAlerts' | 'inboundTruncated' | 'alertsOpened'>;
  /** Largest body, in bytes. */
  maxBytes: number;
  /** Requests per integration (keyed by its id). */
  quota?: Quota | undefined;
  /**
   * Wrong secrets per client address, taken only when a secret is wrong: past it that address's
   * wrong secrets get 429, while a right secret from it is still taken (behind a proxy every
   * sender shares one address).
   */
  authFailures?: Quota | undefined;
  /** Count the last `X-Forwarded-For` hop as the address (the intake's trustProxy: one setting for both). */
  trustProxy: boolean | number;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const tags = ['inbound'];
const integrationSecurity = [{ integration: [] }];

/**
 * The inbound endpoints (docs/adr/0040): mounted before the API's token check, since what they
 * take is an integration's secret (bearer, or PagerDuty's `routing_key`) and no API token. A
 * request is read, authenticated, mapped and applied whole, or refused naming the field.
 */
export function inboundRoutes(options: InboundRouteOptions) {
  const app = router();
  app.openAPIRegistry.registerComponent('securitySchemes', 'integration', {
    type: 'http',
    scheme: 'bearer',
    description: 'The secret of an inbound integration (PagerDuty senders put it in routing_key instead)',
  });
  const limit = bodyLimit({
    maxSize: options.maxBytes,
    onError: () => {
      throw new DomainError('payload_too_large', `body: larger than the limit of ${options.maxBytes} bytes`, {
        details: { limit: options.maxBytes },
      });
    },
  });
  const documented = (kind: IntegrationKind, method: 'post' | 'put', summary: string, content: object) =>
    app.openAPIRegistry.registerPath({
      method,
      path: ENDPOINTS[kind],
      tags,
      summary,
      security: kind === 'pagerduty' ? [] : integrationSecurity,
      ...needsIntegration(kind),
      request: { body: { required: true, content } },
      responses:
        kind === 'pagerduty'
          ? {
              202: {
                description: 'Accepted, as PagerDuty answers',
                content: { 'application/json': { schema: PagerDutyAccepted } },
              },
              ...errors(400, 401, 403, 413, 415, 429),
            }
          : {
              200: {
                description: 'Applied: what became of each alert',
                content: { 'application/json': { schema: InboundResult } },
              },
              ...errors(400, 401, 403, 413, 415, 429),
            },
    });

  documented('alertmanager', 'post', 'Alertmanager webhook (payload version 4)', {
    'application/json': { schema: AlertmanagerWebhook },
  });
  documented('grafana', 'post', 'Grafana alerting webhook (version 1)', {
    'application/json': { schema: GrafanaWebhook },
  });
  documented('grafana', 'put', 'Grafana alerting webhook (version 1), sent with PUT', {
    'application/json': { schema: GrafanaWebhook },
  });
  documented('pagerduty', 'post', 'PagerDuty Events API v2: trigger, acknowledge or resolve by dedup_key', {
    'application/json': { schema: PagerDutyEvent },
  });
  documented('cloudevents', 'post', 'CloudEvents 1.0: structured, batch, or binary mode (ce-* headers)', {
    'application/cloudevents+json': { schema: CloudEvent },
    'application/cloudevents-batch+json': { schema: CloudEventBatch },
    'application/json': { schema: {} },
  });

  for (const kind of ['alertmanager', 'grafana', 'pagerduty', 'cloudevents'] as const) {
    const methods = kind === 'grafana' ? ['POST', 'PUT'] : ['POST'];
    app.on(methods, ENDPOINTS[kind], limit, async (c) => {
      const body = await readBody(c, kind);
      const integration = await authenticateIntegration(options.db, secretOf(c, kind, body), kind, options.now()).catch(
        async (error: unknown) => {
          // Only a wrong secret meets the limit, after its lookup: a right one is never refused by it.
          if (error instanceof DomainError && error.code === 'unauthenticated')
            await options.authFailures?.(`inbound:${clientAddress(c, options.trustProxy)}`, 1);
          throw error;
        },
      );
      await options.quota?.(`integration:${integration.id}`, 1);
      const ctx: Ctx = {
        db: options.db,
        actor: { name: `integration:${integration.name}`, role: 'responder', tokenId: null },
        now: options.now,
        log: c.var.log ?? options.log,
        requestId: c.var.requestId,
        events: options.events,
        notify: options.notify,
      };
      const format = FORMATS[kind];
      if (format.produces !== 'alerts') throw new DomainError('internal', `${kind} is not an alert format`);
      const headers: Record<string, string> = {};
      c.req.raw.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      const normalized = format.normalize({ body, headers, mapping: integration.mapping, prefix: '' });
      const result = await receiveAlerts({ ctx, integration, normalized, metrics: options.metrics });
      if (kind === 'pagerduty')
        return c.json(
          { status: 'success', message: 'Event processed', dedup_key: normalized.alerts[0]!.sourceFingerprint },
          202,
        );
      return c.json(result, 200);
    });
  }
  return app;
}

/** The body as JSON (CloudEvents binary mode may carry other data, kept as text), bounded like every API body. */
async function readBody(c: Context<AppEnv>, kind: IntegrationKind): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  const text = await c.req.text();
  if (!JSON_TYPE.test(type)) {
    if (kind === 'cloudevents' && c.req.header('ce-id')) return text;
    throw new DomainError(
      'unsupported_media_type',
      `content-type: expected application/json${kind === 'cloudevents' ? ', application/cloudevents+json or binary mode (ce-* headers)' : ''}, got ${type || 'none'}`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DomainError('malformed_body', 'body: malformed JSON');
  }
  const problem = jsonProblem(body, DEFAULT_INPUT_BOUNDS);
  if (problem) {
    const path = formatPath('', problem.path) || '(body)';
    throw new DomainError('validation_failed', `${path}: ${problem.message}`, {
      details: { issues: [{ path, message: problem.message }] },
    });
  }
  return body;
}

/** The integration secret: PagerDuty senders put it in `routing_key`, the others send a bearer token. */
function secretOf(c: Context<AppEnv>, kind: IntegrationKind, body: unknown): string {
  if (kind === 'pagerduty') {
    const key = typeof body === 'object' && body !== null ? (body as { routing_key?: unknown }).routing_key : undefined;
    if (typeof key !== 'string' || key === '')
      throw new DomainError('validation_failed', 'routing_key: expected the integration secret', {
        details: { issues: [{ path: 'routing_key', message: 'expected the integration secret' }] },
      });
    return key;
  }
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match)
    throw new DomainError(
      'unauthenticated',
      'authorization: send the integration secret as Authorization: Bearer <secret> (Alertmanager http_config.authorization.credentials)',
    );
  return match[1]!;
}
