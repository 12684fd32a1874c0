import { formatPath, jsonProblem, textProblem } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env';

/** Bounds every JSON body and query string meets before any route sees it. */
export interface InputBounds {
  /** Deepest nesting of objects and arrays in a JSON body (32 unless set). */
  maxDepth: number;
  /** Most keys plus array items in a JSON body, counted over the whole of it (100,000 unless set). */
  maxNodes: number;
}

export const DEFAULT_INPUT_BOUNDS: InputBounds = { maxDepth: 32, maxNodes: 100_000 };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Bodies read by their own bounded parsers, one bad event or span rejected alone (telemetry, OTLP). */
const SELF_CHECKED = new Set(['/api/v1/telemetry', '/api/v1/otlp/v1/traces', '/api/v1/otlp/v1/logs']);

/**
 * The floor under every route's own schema: no query value and no string or key in a JSON body
 * may hold a NUL or a lone surrogate, and no body may nest deeper or hold more than the bounds.
 * The contract's schemas check the same per field (`SafeString`, `JsonObject`); this catches a
 * field whose schema forgot, before it reaches the database, the hash chain or a recursive walk.
 * Telemetry and OTLP are left to their own per-event checks (a bad event is rejected alone, not the batch).
 */
export function inputGuard(bounds: InputBounds = DEFAULT_INPUT_BOUNDS): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    for (const [name, values] of Object.entries(c.req.queries())) {
      const problem = textProblem(name) ?? values.map(textProblem).find(Boolean);
      if (problem) refuse(`query.${name}`, problem);
    }
    const type = c.req.header('content-type') ?? '';
    if (WRITE_METHODS.has(c.req.method) && /json/i.test(type) && !SELF_CHECKED.has(c.req.path)) {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        return next(); // malformed JSON: the route's validator says so in the usual words
      }
      const problem = jsonProblem(body, bounds);
      if (problem) refuse(formatPath('', problem.path) || '(body)', problem.message);
    }
    return next();
  };
}

function refuse(path: string, message: string): never {
  throw new DomainError('validation_failed', `${path}: ${message}`, { details: { issues: [{ path, message }] } });
}
