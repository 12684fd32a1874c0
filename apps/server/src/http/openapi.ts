import type { TokenRole } from '@firebreak/contract';
import { ErrorBody, type z } from '@firebreak/contract';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';
import { validationError } from './errors';

/**
 * A router whose validation failures become our error body, naming each field. `getPath` is for
 * the root app alone: the path it routes a request by (http/app.ts aliases `/otlp/v1/*` with it).
 */
export function router(options: { getPath?: (request: Request) => string } = {}): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    ...options,
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error as z.ZodError, result.target);
    },
  });
}

const ERROR_DESCRIPTIONS = {
  400: 'Invalid input; the message names each wrong field',
  401: 'Missing, unknown or revoked API token',
  403: 'The token’s role may not do this',
  404: 'No such incident, system, token or evidence',
  409: 'Not allowed in the current state (an illegal transition, say)',
  413: 'Body over the size limit',
  415: 'Body is not application/json',
  429: 'Over this token’s quota; Retry-After says when to come back',
  503: 'A service the server depends on is unavailable (the telemetry stream); Retry-After says when to try again',
} as const;

/** The error responses a route can give, documented once. */
export function errors(...statuses: Array<keyof typeof ERROR_DESCRIPTIONS>) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: ERROR_DESCRIPTIONS[status], content: { 'application/json': { schema: ErrorBody } } },
    ]),
  ) as Record<
    keyof typeof ERROR_DESCRIPTIONS,
    { description: string; content: { 'application/json': { schema: typeof ErrorBody } } }
  >;
}

export const WRITE_ERRORS = [400, 401, 403, 404, 409, 413, 415] as const;

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export function body<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true };
}

/** The least human role a route needs; `viewer < responder < admin`. */
export type RouteRole = Exclude<TokenRole, 'app'>;

/**
 * Who may call a route: its least role, and whether an app token may too (docs/adr/0014); or
 * `integration`: only an inbound integration's own secret, never an API token (docs/adr/0040).
 */
export interface RouteAccess {
  role: RouteRole | 'integration';
  app?: true;
}

const ROLE_KEY = 'x-firebreak-role';
const APP_KEY = 'x-firebreak-app-token';

const WHO: Record<RouteRole, string> = {
  viewer: 'any token (viewer or more)',
  responder: 'a responder or admin token',
  admin: 'an admin token',
};

/**
 * A route's declared access, spread into its `createRoute` (or `registerPath`) config: it goes
 * into the OpenAPI document as `x-firebreak-role` (and `x-firebreak-app-token`) and into the
 * description, and the auth middleware enforces it (see `accessTable`).
 */
export function needs(role: RouteRole, options: { app?: true } = {}) {
  return {
    [ROLE_KEY]: role,
    ...(options.app ? { [APP_KEY]: true as const } : {}),
    description: `Needs ${WHO[role]}${options.app ? ', or an app token' : ''}.`,
  };
}

/**
 * An inbound endpoint's access (docs/adr/0040): the secret of an integration of this kind, which
 * works nowhere else; API tokens are refused here.
 */
export function needsIntegration(kind: string) {
  return {
    [ROLE_KEY]: 'integration' as const,
    description: `Needs the secret of a ${kind} integration (firebreak integration create --kind ${kind}); API tokens are refused.`,
  };
}

/** What a route's OpenAPI definition says about who may call it. */
export function declaredAccess(route: { [key: `x-${string}`]: unknown }): RouteAccess | undefined {
  const role = route[ROLE_KEY];
  if (role === 'integration') return { role };
  if (role !== 'viewer' && role !== 'responder' && role !== 'admin') return undefined;
  return route[APP_KEY] === true ? { role, app: true } : { role };
}

export interface AccessRule {
  method: string;
  path: string;
  pattern: RegExp;
  access: RouteAccess;
}

/**
 * Every documented route's access, in the order the routes were registered (the order the
 * router tries them, so `/review/stats` is found before `/review/{id}`). A route that declares
 * no role stops the server from starting.
 */
export function accessTable(app: OpenAPIHono<AppEnv>): AccessRule[] {
  return app.openAPIRegistry.definitions.flatMap((definition) => {
    if (definition.type !== 'route') return [];
    const { method, path } = definition.route;
    const access = declaredAccess(definition.route);
    if (!access) throw new Error(`${method.toUpperCase()} ${path} declares no role (use needs() from http/openapi.ts)`);
    const pattern = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^/}]+\}/g, '[^/]+')}$`);
    return [{ method: method.toUpperCase(), path, pattern, access }];
  });
}

/** The declared access of the route a request goes to, if it is one of ours. */
export function findAccess(table: readonly AccessRule[], method: string, path: string): RouteAccess | undefined {
  const wanted = method === 'HEAD' ? 'GET' : method;
  return table.find((rule) => rule.method === wanted && rule.pattern.test(path))?.access;
}

export const security = [{ bearer: [] }];
