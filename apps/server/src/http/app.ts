import { DomainError } from '@firebreak/core';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { getPath } from 'hono/utils/url';
import type { Logger } from 'pino';
import { actionRoutes } from '../actions/routes';
import type { LiveDetection } from '../alerts/live';
import { alertRoutes } from '../alerts/routes';
import { canaryRoutes } from '../canary/routes';
import type { Actor } from '../context';
import { controlRoutes } from '../controls/routes';
import type { Db } from '../db/connect';
import { detectionRoutes } from '../detection/routes';
import { EventBus } from '../events/bus';
import { eventRoutes } from '../events/routes';
import { exerciseRoutes } from '../exercises/routes';
import { flowRoutes } from '../flows/routes';
import { incidentRoutes } from '../incidents/routes';
import { DEFAULT_INTAKE_LIMITS, IntakeGuard, type IntakeLimits } from '../intake/limits';
import { intakePublicRoutes } from '../intake/public-routes';
import { reportRoutes } from '../intake/routes';
import { inboundRoutes } from '../integrations/inbound-routes';
import { integrationRoutes } from '../integrations/routes';
import type { CheckpointKey } from '../integrity/key';
import { integrityRoutes } from '../integrity/routes';
import type { ChannelSettings } from '../notifications/channel-settings';
import type { NotifyConfig } from '../notifications/plan';
import { httpMetrics } from '../observability/http-metrics';
import { createMetrics, type Metrics } from '../observability/metrics';
import { observabilityRoutes } from '../observability/routes';
import { oncallRoutes } from '../oncall/routes';
import { OTLP_PATHS, otlpRoutes } from '../otlp/routes';
import { ackRoutes } from '../paging/ack';
import { pagingRoutes } from '../paging/routes';
import { planRoutes } from '../plans/routes';
import { postmortemRoutes } from '../postmortems/routes';
import { readinessRoutes } from '../readiness/routes';
import { recoveryRoutes } from '../recovery/routes';
import { regulatoryRoutes } from '../regulatory/routes';
import { reviewRoutes } from '../review/routes';
import { publicStatusRoutes, statusPageRoutes } from '../status-page/routes';
import { systemRoutes } from '../systems/routes';
import { DEFAULT_TELEMETRY_LIMITS, type TelemetryLimits } from '../telemetry/limits';
import type { TelemetryLog } from '../telemetry/log';
import { telemetryRoutes } from '../telemetry/routes';
import { tokenRoutes } from '../tokens/routes';
import { authenticate, hasRole } from '../tokens/service';
import { triageRoutes } from '../triage/routes';
import type { AppEnv } from './env';
import { errorResponse, handleError } from './errors';
import { DEFAULT_INPUT_BOUNDS, type InputBounds, inputGuard } from './input-guard';
import { type AccessRule, accessTable, findAccess, type RouteAccess, router } from './openapi';
import { DEFAULT_RATE_LIMITS, limitRequests, type RateLimits, rateLimiters } from './rate-limit';
import { serveWebUi } from './static';

export interface AppOptions {
  db: Db;
  log: Logger;
  now?: () => Date;
  store: 'pglite' | 'postgres';
  version: string;
  /** Largest JSON body, in bytes (1 MiB unless set). */
  maxBodyBytes?: number;
  /** Largest evidence body, in bytes (16 MiB unless set): evidence can carry files. */
  maxEvidenceBytes?: number;
  /** Where committed changes are announced; one is made when not given. */
  events?: EventBus;
  /** Largest telemetry body as sent (16 MiB unless set). */
  maxTelemetryBytes?: number;
  /** Largest telemetry body once decompressed (16 MiB unless set). */
  maxTelemetryDecodedBytes?: number;
  /** Events per batch and bytes per event (see telemetry/limits.ts for the defaults). */
  telemetryLimits?: Partial<Omit<TelemetryLimits, 'maxDecodedBytes'>>;
  /** Nesting and size bounds every JSON body meets (see http/input-guard.ts). */
  inputBounds?: Partial<InputBounds>;
  /** Per-token quotas (see http/rate-limit.ts); `false` turns them off. */
  rateLimits?: Partial<RateLimits> | false;
  /**
   * The public intake of external reports (`/report`, `POST /api/v1/reports`): its abuse limits
   * (see intake/limits.ts) and the system names its form suggests (none unless given). Its
   * `trustProxy` (FIREBREAK_TRUST_PROXY) also decides the address inbound integrations'
   * wrong-secret limit and the public status page's limit count.
   */
  intake?: { limits?: Partial<IntakeLimits>; systems?: readonly string[] };
  /** Told when telemetry was accepted, so detection can look at it at once. */
  onTelemetry?: () => void;
  /** Where accepted telemetry goes: the `telemetry_batches` table unless given (a JetStream stream, ADR 42). */
  telemetryLog?: TelemetryLog;
  /**
   * The detection runtime: its series, so an alert's chart goes on past the window that decided;
   * its monitors' status; and where dismissals' tunings are applied at once.
   */
  detection?: LiveDetection;
  /** The built web UI (apps/web/dist), served at `/` when given. */
  webRoot?: string;
  /** Signs checkpoints of the chain heads (docs/adr/0013); without one, verify checks the chains alone. */
  checkpointKey?: CheckpointKey;
  /**
   * Notifying people (issue 11): where links point, the channels' settings, and whom to wake when
   * a notification is queued or an incident acknowledged. Without it, changes notify nobody.
   */
  paging?: {
    notify: NotifyConfig;
    settings: ChannelSettings;
    wakeDelivery?: () => void;
    wakeEscalation?: () => void;
  };
  /**
   * What `GET /metrics` reports (docs/adr/0039); one without process metrics is made when not
   * given, so the many apps of a test run do not each watch the event loop.
   */
  metrics?: Metrics;
  /** When set, `GET /metrics` wants it as a bearer token (FIREBREAK_METRICS_TOKEN). */
  metricsToken?: string;
}

const MiB = 1024 * 1024;
const PUBLIC_PATHS = new Set(['/api/v1/health', '/api/v1/openapi.json']);
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/**
 * The HTTP API: one Hono app with request ids, logging, body checks, bearer-token auth (any
 * write needs at least a responder), the routes of each domain, and one error shape.
 */
export function createApp(options: AppOptions) {
  const now = options.now ?? (() => new Date());
  const events = options.events ?? new EventBus();
  const metrics = options.metrics ?? createMetrics({ defaults: false });
  const app = router({ getPath: otlpAlias });
  // Filled in once every route is registered, before the first request.
  let routes: AccessRule[] = [];
  const limiters = rateLimiters(
    options.rateLimits === false ? false : { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
  );

  // trustProxy is one setting for every per-address limit: the intake's, inbound's and the status page's.
  const intakeLimits: IntakeLimits = { ...DEFAULT_INTAKE_LIMITS, ...options.intake?.limits };

  app.use('*', requestId({ headerName: 'x-request-id' }));
  app.use('*', securityHeaders());
  app.use('*', requestLog(options.log));
  app.use('*', httpMetrics(metrics));
  // Outside the API's tokens, before the web UI's catch-all: a load balancer and Prometheus ask these.
  app.route(
    '/',
    observabilityRoutes({
      db: options.db,
      metrics,
      version: options.version,
      metricsToken: options.metricsToken,
      detection: options.detection,
    }),
  );
  // Public, so before the API's auth and body rules: it has its own quotas and limits.
  app.route(
    '/',
    intakePublicRoutes({
      db: options.db,
      log: options.log,
      events,
      now,
      guard: new IntakeGuard(intakeLimits),
      systems: options.intake?.systems ?? [],
    }),
  );
  // Inbound integrations take their own secrets, not API tokens (docs/adr/0040): before the API's auth.
  app.route(
    '/',
    inboundRoutes({
      db: options.db,
      log: options.log,
      events,
      now,
      notify: options.paging?.notify,
      metrics,
      maxBytes: options.maxBodyBytes ?? MiB,
      quota: limiters.inbound,
      authFailures: limiters.inboundAuthFailures,
      trustProxy: intakeLimits.trustProxy,
    }),
  );
  app.use('/api/v1/*', requireJsonBody());
  app.use(
    '/api/v1/*',
    limitBody({
      regular: options.maxBodyBytes ?? MiB,
      evidence: options.maxEvidenceBytes ?? 16 * MiB,
      telemetry: options.maxTelemetryBytes ?? 16 * MiB,
    }),
  );
  app.use('/api/v1/*', async (c, next) => {
    if (PUBLIC_PATHS.has(c.req.path)) return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) {
      throw new DomainError(
        'unauthenticated',
        header
          ? 'authorization: expected "Bearer <token>"'
          : 'authorization: missing API token; send Authorization: Bearer <token>',
      );
    }
    const actor = await authenticate(options.db, match[1]!, now());
    authorize(actor, c.req.method, findAccess(routes, c.req.method, c.req.path));
    c.set('actor', actor);
    c.set('ctx', {
      db: options.db,
      actor,
      now,
      log: c.var.log,
      requestId: c.var.requestId,
      events,
      notify: options.paging?.notify,
    });
    return next();
  });
  app.use('/api/v1/*', limitRequests(limiters.requests));
  app.use('/api/v1/*', inputGuard({ ...DEFAULT_INPUT_BOUNDS, ...options.inputBounds }));

  app.get('/api/v1/health', (c) => c.json({ status: 'ok', version: options.version, store: options.store }));
  app.route('/api/v1', incidentRoutes());
  app.route('/api/v1', systemRoutes());
  app.route('/api/v1', planRoutes());
  app.route('/api/v1', oncallRoutes());
  app.route('/api/v1', tokenRoutes());
  app.route('/api/v1', integrationRoutes());
  app.route('/api/v1', eventRoutes(events, metrics.sseClients.labels({ stream: 'events' })));
  // `POST /telemetry` and OTLP take the same events, so the same limits, quota, log and counters.
  const telemetry = {
    limits: {
      ...DEFAULT_TELEMETRY_LIMITS,
      ...options.telemetryLimits,
      maxDecodedBytes: options.maxTelemetryDecodedBytes ?? DEFAULT_TELEMETRY_LIMITS.maxDecodedBytes,
    },
    ...(limiters.telemetryEvents ? { quota: limiters.telemetryEvents } : {}),
    ...(options.onTelemetry ? { onAccepted: options.onTelemetry } : {}),
    ...(options.telemetryLog ? { log: options.telemetryLog } : {}),
    metrics,
  };
  app.route('/api/v1', telemetryRoutes(telemetry));
  app.route('/api/v1', otlpRoutes(telemetry));
  // Before the alert routes: /alerts/hygiene is not an alert id.
  app.route('/api/v1', detectionRoutes({ live: options.detection }));
  app.route('/api/v1', alertRoutes({ live: options.detection }));
  app.route('/api/v1', triageRoutes());
  app.route('/api/v1', flowRoutes());
  app.route(
    '/api/v1',
    controlRoutes({
      db: options.db,
      events,
      clients: metrics.sseClients.labels({ stream: 'controls' }),
      log: options.log,
    }),
  );
  app.route('/api/v1', canaryRoutes());
  app.route('/api/v1', reviewRoutes());
  app.route('/api/v1', reportRoutes());
  app.route('/api/v1', postmortemRoutes());
  app.route('/api/v1', actionRoutes());
  app.route('/api/v1', recoveryRoutes());
  app.route('/api/v1', regulatoryRoutes());
  app.route('/api/v1', statusPageRoutes());
  app.route('/api/v1', exerciseRoutes());
  app.route('/api/v1', readinessRoutes({ live: options.detection }));
  app.route('/api/v1', integrityRoutes({ key: options.checkpointKey }));
  app.route('/api/v1', pagingRoutes({ settings: options.paging?.settings, wake: options.paging?.wakeDelivery }));

  routes = accessTable(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (viewer, responder or admin)',
  });
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Firebreak API', version: options.version, description: 'Incident response for AI systems.' },
  });

  if (options.paging) {
    const { notify, settings, wakeEscalation } = options.paging;
    app.route(
      '/',
      ackRoutes({ db: options.db, log: options.log, events, now, settings, notify, onAcknowledged: wakeEscalation }),
    );
  }

  app.route(
    '/',
    publicStatusRoutes({
      db: options.db,
      now,
      quota: limiters.statusPage,
      publicUrl: options.paging?.notify.publicUrl,
      trustProxy: intakeLimits.trustProxy,
    }),
  );
  if (options.webRoot) serveWebUi(app, options.webRoot);

  app.notFound((c) => errorResponse(c, new DomainError('not_found', `no route ${c.req.method} ${c.req.path}`)));
  app.onError(handleError);
  return app;
}

const OTLP_ALIASES = new Set(OTLP_PATHS.map((path) => path.slice('/api/v1'.length)));

/**
 * OTEL_EXPORTER_OTLP_ENDPOINT=http://host:port/otlp: the SDKs append /v1/traces and /v1/logs.
 * Routed as the API's OTLP routes, in the same pass, so auth, body limits, quotas, the request
 * log and the HTTP metrics see the request once (a forward through `app.fetch` counted it twice).
 */
function otlpAlias(request: Request): string {
  const path = getPath(request);
  return request.method === 'POST' && OTLP_ALIASES.has(path) ? `/api/v1${path}` : path;
}

/** Security headers on every response (CSP, frame-ancestors, nosniff, Referrer-Policy). */
function securityHeaders(): MiddlewareHandler<AppEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
  });
}

/**
 * Refuses a token whose role falls short of what the route declares (`needs()` in each routes
 * file), for writes as for reads. An app token may call only routes that allow it. A path no
 * route declares (it will answer 404) asks what any read or any change would: a viewer, a
 * responder, never an app.
 */
function authorize(actor: Actor, method: string, access: RouteAccess | undefined): void {
  const role = actor.role;
  const write = !READ_METHODS.has(method);
  // Inbound endpoints are answered before this check; should one ever reach it, no API token passes.
  if (access?.role === 'integration')
    throw new DomainError('forbidden', 'authorization: this endpoint takes an integration secret, not an API token');
  if (role === 'app') {
    if (access?.app) return;
    throw new DomainError(
      'forbidden',
      'role: an app token can only send telemetry, read its controls and queue review items; this needs a viewer token or more',
      { details: { required: 'viewer', actual: 'app' } },
    );
  }
  const required = access?.role ?? (write ? 'responder' : 'viewer');
  // A write a viewer may make says so in its route (linting text is a POST only for the body).
  if (write && required !== 'viewer' && !hasRole(role, 'responder')) {
    throw new DomainError('forbidden', `role: a ${role} token cannot make changes; this needs responder or admin`, {
      details: { required: 'responder', actual: role },
    });
  }
  if (!hasRole(role, required)) {
    throw new DomainError(
      'forbidden',
      `role: this needs ${required === 'admin' ? 'an' : 'a'} ${required} token; ${actor.name} has ${role}`,
      { details: { required, actual: role } },
    );
  }
}

function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const child = log.child({ requestId: c.var.requestId });
    c.set('log', child);
    await next();
    child.debug(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  };
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const NDJSON_TYPE = /^application\/(?:x-ndjson|jsonl|x-jsonlines)\s*(?:;|$)/i;

/** Bodies are JSON (telemetry may be NDJSON): anything else is refused up front with 415 rather than misread. */
function requireJsonBody(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (READ_METHODS.has(c.req.method) || c.req.method === 'DELETE') return next();
    const type = c.req.header('content-type');
    const telemetry = c.req.path === '/api/v1/telemetry';
    if (OTLP_PATHS.includes(c.req.path) && !(type && JSON_TYPE.test(type))) {
      throw new DomainError(
        'unsupported_media_type',
        `content-type: ${type ?? 'none'} is not read here; send OTLP/HTTP JSON (application/json, OTEL_EXPORTER_OTLP_PROTOCOL=http/json)`,
      );
    }
    if (!type || !(JSON_TYPE.test(type) || (telemetry && NDJSON_TYPE.test(type)))) {
      const expected = telemetry ? 'application/json or application/x-ndjson' : 'application/json';
      throw new DomainError('unsupported_media_type', `content-type: expected ${expected}, got ${type ?? 'none'}`);
    }
    return next();
  };
}

function limitBody(limits: { regular: number; evidence: number; telemetry: number }): MiddlewareHandler<AppEnv> {
  const limiter = (limit: number) =>
    bodyLimit({
      maxSize: limit,
      onError: () => {
        throw new DomainError('payload_too_large', `body: larger than the limit of ${limit} bytes`, {
          details: { limit },
        });
      },
    });
  const regular = limiter(limits.regular);
  const evidence = limiter(limits.evidence);
  const telemetry = limiter(limits.telemetry);
  return (c, next) => {
    if (c.req.path === '/api/v1/telemetry' || OTLP_PATHS.includes(c.req.path)) return telemetry(c, next);
    return /\/evidence$/.test(c.req.path) ? evidence(c, next) : regular(c, next);
  };
}
