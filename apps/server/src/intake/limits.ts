import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP, isIPv6 } from 'node:net';
import { REPORT_LIMITS } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import type { Context } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** What the public intake allows; see docs/external-reports.md. */
export interface IntakeLimits {
  /** Reports one address may send per window (5 unless set). */
  perAddress: number;
  /** The per-address window, in seconds (600 unless set). */
  perAddressWindowSeconds: number;
  /** Reports all addresses together may send per hour (300 unless set): the cap a spread-out flood meets. */
  globalPerHour: number;
  /** A form sent sooner than this after it was shown is refused as automated (3 s unless set; 0 turns it off). */
  minFillMs: number;
  /** A form shown longer ago than this is stale; it is shown again with what was typed (24 h unless set). */
  maxFormAgeMs: number;
  maxAttachments: number;
  maxAttachmentBytes: number;
  /**
   * Read the client's address from `X-Forwarded-For` (behind proxies you run); by default the
   * socket's address, since anyone can write that header. `true` or 1: the last hop (one proxy);
   * N: the N-th hop from the right (N proxies in front, each appending the address it saw, e.g. a
   * CDN then a load balancer: 2). Inbound integrations' wrong-secret limit and the status page
   * count addresses by the same setting.
   */
  trustProxy: boolean | number;
}

export const DEFAULT_INTAKE_LIMITS: IntakeLimits = {
  perAddress: 5,
  perAddressWindowSeconds: 600,
  globalPerHour: 300,
  minFillMs: 3_000,
  maxFormAgeMs: 24 * 3600_000,
  maxAttachments: REPORT_LIMITS.maxAttachments,
  maxAttachmentBytes: REPORT_LIMITS.maxAttachmentBytes,
  trustProxy: false,
};

/** The largest body the intake reads: every attachment at its limit, base64 (4/3) and form overhead. */
export function maxIntakeBodyBytes(limits: IntakeLimits): number {
  return Math.ceil(limits.maxAttachments * limits.maxAttachmentBytes * (4 / 3)) + 256 * 1024;
}

/**
 * The intake's quotas, in memory per server process (as the API's are, ADR 16). A submission
 * takes a point from its address first and from the global cap only if its address had one, so
 * one address flooding never uses up the cap that other addresses share. Authenticated API
 * traffic has its own per-token quotas and never touches these.
 */
export class IntakeGuard {
  private readonly perAddress: RateLimiterMemory;
  private readonly global: RateLimiterMemory;
  private readonly key: Buffer;

  constructor(readonly limits: IntakeLimits) {
    this.perAddress = new RateLimiterMemory({
      points: limits.perAddress,
      duration: limits.perAddressWindowSeconds,
    });
    this.global = new RateLimiterMemory({ points: limits.globalPerHour, duration: 3600 });
    this.key = randomBytes(32);
  }

  /** Takes one submission from `address`'s quota and the global cap, or throws `rate_limited` with when to come back. */
  async admit(address: string): Promise<void> {
    await take(
      this.perAddress,
      address,
      `rate limit: more than ${this.limits.perAddress} reports from your address in ${minutes(this.limits.perAddressWindowSeconds)}`,
    );
    await take(this.global, 'all', 'rate limit: the report form is taking no more reports for now');
  }

  /** The sender's address as stored: a keyed hash, so abuse can be traced without keeping IPs. */
  sourceHash(address: string): string {
    return createHmac('sha256', this.key).update(address).digest('hex');
  }

  /** The form's hidden `started` field: when it was shown, signed so a bot cannot backdate it. */
  formStamp(now: Date): string {
    const ms = String(now.getTime());
    return `${ms}.${this.sign(ms)}`;
  }

  /**
   * Checks a form's stamp: `fresh` when it was shown between minFill and maxFormAge ago, `fast`
   * when sent too soon, `stale` when missing, forged, or older than maxFormAge (a server restart
   * changes the key, so forms shown before it are stale too).
   */
  checkStamp(stamp: string, now: Date): 'fresh' | 'fast' | 'stale' {
    const [ms, signature] = stamp.split('.');
    if (!ms || !signature || !/^\d{1,15}$/.test(ms)) return 'stale';
    const expected = Buffer.from(this.sign(ms));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'stale';
    const age = now.getTime() - Number(ms);
    if (age > this.limits.maxFormAgeMs || age < -60_000) return 'stale';
    return age < this.limits.minFillMs ? 'fast' : 'fresh';
  }

  private sign(value: string): string {
    return createHmac('sha256', this.key).update(`form:${value}`).digest('base64url');
  }
}

async function take(limiter: RateLimiterMemory, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key, 1);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
    throw new DomainError('rate_limited', `${message}; try again in ${retryAfterSeconds} s`, {
      details: { retryAfterSeconds },
    });
  }
}

function minutes(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} s`;
}

/**
 * The address a request came from, as the quota counts it: the socket's (or, behind N trusted
 * proxies, the N-th `X-Forwarded-For` entry from the right), with an IPv6 address cut to its /64, since one host
 * usually holds a whole /64. `unknown` when the server is not on a socket (in-process tests).
 */
export function clientAddress(c: Context, trustProxy: boolean | number): string {
  const hops = trustProxy === true ? 1 : trustProxy === false ? 0 : trustProxy;
  const forwarded = hops > 0 ? forwardedAddress(c.req.header('x-forwarded-for'), hops) : undefined;
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  const address = forwarded || env?.incoming?.socket?.remoteAddress || 'unknown';
  const mapped = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
  if (!isIPv6(mapped)) return mapped;
  const groups = expandIPv6(mapped);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * The `hops`-th `X-Forwarded-For` entry from the right (the last by default) as a bare IP address: a port some proxies append
 * (`203.0.113.7:51234`, `[2001:db8::1]:443`) and brackets are taken off, so a client cannot get a
 * new count per source port; anything that is then not an IP address is ignored (the socket's
 * address counts instead).
 */
export function forwardedAddress(header: string | undefined, hops = 1): string | undefined {
  const entries = (header ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request did not pass them all; the first is the best we have.
  const hop = entries.at(-hops) ?? entries[0];
  if (!hop) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  const v4WithPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  const bare = bracketed?.[1] ?? v4WithPort?.[1] ?? hop;
  return isIP(bare) ? bare : undefined;
}

function expandIPv6(address: string): string[] {
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = address.includes('::') ? Array(8 - left.length - right.length).fill('0') : [];
  return [...left, ...fill, ...right].map((group) => group.toLowerCase());
}
