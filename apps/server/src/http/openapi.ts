import type { TokenRole } from '@firebreak/contract';
import { ErrorBody, type z } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { hasRole } from '../tokens/service';
import type { AppEnv } from './env';
import { validationError } from './errors';

/** A router whose validation failures become our error body, naming each field. */
export function router(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
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

/** Refuses the request unless the token's role is at least `role`. */
export function requireRole(role: TokenRole): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('actor');
    if (!hasRole(actor.role, role)) {
      throw new DomainError(
        'forbidden',
        `role: this needs ${role === 'admin' ? 'an' : 'a'} ${role} token; ${actor.name} has ${actor.role}`,
        {
          details: { required: role, actual: actor.role },
        },
      );
    }
    await next();
  };
}

export const security = [{ bearer: [] }];
