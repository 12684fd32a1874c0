import { DomainError } from '@firebreak/core';
import type { MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { AppEnv } from './env';

/** Per-token quotas (in memory, per server process; see ADR 0016). Zero turns one off. */
export interface RateLimits {
  /** API requests per token per minute, telemetry aside (1,200 unless set). */
  requestsPerMinute: number;
  /** Telemetry events per token per second (50,000 unless set). */
  telemetryEventsPerSecond: number;
  /** Requests to the public status page per client address per minute (600 unless set). */
  statusPageRequestsPerMinute: number;
  /** Requests per inbound integration per minute (600 unless set). */
  inboundRequestsPerMinute: number;
  /**
   * Wrong integration secrets per client address per minute (30 unless set); past it the
   * address's wrong secrets get 429 instead of 401 until the minute is over. A right secret is
   * never refused by it.
   */
  inboundAuthFailuresPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  requestsPerMinute: 1_200,
  telemetryEventsPerSecond: 50_000,
  statusPageRequestsPerMinute: 600,
  inboundRequestsPerMinute: 600,
  inboundAuthFailuresPerMinute: 30,
};

/** Takes `points` from `key`'s quota, or throws `rate_limited` saying when to come back. */
export type Quota = (key: string, points: number) => Promise<void>;

function limited(points: number, durationSeconds: number, what: string, msBeforeNext: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError('rate_limited', `rate limit: ${what}; retry after ${retryAfterSeconds} s`, {
    details: { limit: points, windowSeconds: durationSeconds, retryAfterSeconds },
  });
}

function quota(points: number, durationSeconds: number, what: string): Quota | undefined {
  if (points <= 0) return undefined;
  const limiter = new RateLimiterMemory({ points, duration: durationSeconds });
  return async (key, used) => {
    try {
      await limiter.consume(key, used);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      throw limited(points, durationSeconds, what, error.msBeforeNext);
    }
  };
}

/** The quotas of one app: a request counter for the API and an event counter for telemetry. */
export function rateLimiters(limits: RateLimits | false) {
  if (limits === false) {
    return {
      requests: undefined,
      telemetryEvents: undefined,
      statusPage: undefined,
      inbound: undefined,
      inboundAuthFailures: undefined,
    };
  }
  return {
    requests: quota(
      limits.requestsPerMinute,
      60,
      `more than ${limits.requestsPerMinute} requests a minute for this token`,
    ),
    telemetryEvents: quota(
      limits.telemetryEventsPerSecond,
      1,
      `more than ${limits.telemetryEventsPerSecond} telemetry events a second for this token`,
    ),
    statusPage: quota(
      limits.statusPageRequestsPerMinute,
      60,
      `more than ${limits.statusPageRequestsPerMinute} status page requests a minute from this address`,
    ),
    inbound: quota(
      limits.inboundRequestsPerMinute,
      60,
      `more than ${limits.inboundRequestsPerMinute} requests a minute for this integration`,
    ),
    inboundAuthFailures: quota(
      limits.inboundAuthFailuresPerMinute,
      60,
      `more than ${limits.inboundAuthFailuresPerMinute} wrong integration secrets a minute from this address`,
    ),
  };
}

/** Counts each authenticated request against its token's quota (telemetry has its own, in events). */
export function limitRequests(requests: Quota | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('actor');
    if (requests && actor && c.req.path !== '/api/v1/telemetry') await requests(tokenKey(actor), 1);
    return next();
  };
}

export const tokenKey = (actor: { tokenId: string | number | null; name: string }) =>
  actor.tokenId === null ? `name:${actor.name}` : `token:${actor.tokenId}`;
