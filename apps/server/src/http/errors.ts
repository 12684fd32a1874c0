import { describeIssues, type ErrorBody, toFieldIssues, type z } from '@firebreak/contract';
import { DomainError, type ErrorCode } from '@firebreak/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from './env';

/** The one place error codes meet HTTP. */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'validation_failed':
    case 'malformed_body':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'invalid_transition':
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'rate_limited':
      return 429;
    case 'internal':
      return 500;
    case 'unavailable':
      return 503;
  }
}

export function errorResponse(c: Context<AppEnv>, error: DomainError): Response {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      requestId: c.get('requestId') ?? 'unknown',
      ...(error.details ? { details: error.details } : {}),
    },
  };
  if (error.code === 'unauthenticated') c.header('WWW-Authenticate', 'Bearer realm="firebreak"');
  const retryAfter = error.details?.retryAfterSeconds;
  if ((error.code === 'rate_limited' || error.code === 'unavailable') && typeof retryAfter === 'number')
    c.header('Retry-After', String(retryAfter));
  return c.json(body, statusOf(error.code));
}

const TARGET_PREFIX: Record<string, string> = { json: '', query: 'query.', param: '', header: 'header.' };

/** A zod failure at the edge, every wrong field named in the message and listed in details. */
export function validationError(error: z.ZodError, target: string): DomainError {
  const issues = toFieldIssues(error, '').map((issue) => ({
    ...issue,
    path: `${TARGET_PREFIX[target] ?? ''}${issue.path}`,
  }));
  return new DomainError('validation_failed', describeIssues(issues), { details: { issues } });
}

/** Turns anything thrown while handling a request into the error body; unknown errors never leak. */
export function handleError(error: unknown, c: Context<AppEnv>): Response {
  if (error instanceof DomainError) return errorResponse(c, error);
  if (error instanceof HTTPException) {
    if (error.status === 400) {
      const message = /json/i.test(error.message) ? 'body: malformed JSON' : `body: ${error.message}`;
      return errorResponse(c, new DomainError('malformed_body', message));
    }
    if (error.status === 413)
      return errorResponse(c, new DomainError('payload_too_large', 'body: larger than the server accepts'));
    if (error.status < 500) return errorResponse(c, new DomainError('validation_failed', error.message));
  }
  c.get('log')?.error({ err: error }, 'unhandled error');
  return errorResponse(c, new DomainError('internal', 'internal error; the server logged it with this request id'));
}
