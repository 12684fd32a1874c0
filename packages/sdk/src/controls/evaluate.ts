import type { BundleContents, ControlState, ReviewCondition } from '@firebreak/contract';

type State<K extends ControlState['kind']> = Extract<ControlState, { kind: K }>;

/** Attributes of the request being served (user, tenant, region…), for canaries, throttles and review. */
export type EvaluationContext = Record<string, string | number | boolean | undefined>;

/**
 * A stable bucket in [0, 100) for a key: FNV-1a over `seed:value`. The same user always lands in
 * the same bucket of the same control, in every app instance, browser or server.
 *
 * @example
 * stickyBucket('fraud-model.model', 'user-42') // always the same number below 100
 */
export function stickyBucket(seed: string, value: string): number {
  let hash = 0x811c9dc5;
  const text = `${seed}:${value}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return (hash / 0x1_0000_0000) * 100;
}

/** The version a request runs: the canary for the share of sticky keys it holds, the active one otherwise. */
export function routeVersion(key: string, state: State<'route'>, context: EvaluationContext = {}): string {
  const canary = state.canary;
  if (!canary || canary.percent <= 0) return state.active;
  const sticky = context[canary.stickyBy];
  // Without the sticky attribute there is no stable assignment: stay on the active version.
  if (sticky === undefined || sticky === '') return state.active;
  return stickyBucket(key, String(sticky)) < canary.percent ? canary.version : state.active;
}

/** The bundle a request runs (a route with target bundle): version and contents, switched together. */
export interface RouteBundle {
  version: string;
  contents: BundleContents;
}

/**
 * The whole bundle a request runs: the canary's for the share of sticky keys it holds, the active
 * one otherwise, so model, prompt, policy, index and tools always come from one version.
 * Undefined for a route whose state carries no bundle contents (not a bundle route).
 *
 * @example
 * const bundle = routeBundle('support-copilot.stack', state, { user: 'user-42' });
 * if (bundle) answer({ model: bundle.contents.model, tools: bundle.contents.tools });
 */
export function routeBundle(
  key: string,
  state: State<'route'>,
  context: EvaluationContext = {},
): RouteBundle | undefined {
  const version = routeVersion(key, state, context);
  const contents = state.bundles?.[version] ?? state.bundles?.[state.active];
  if (!contents) return undefined;
  return { version: state.bundles?.[version] ? version : state.active, contents };
}

/**
 * What a request runs on a route: `version` is the one whose output the user gets; `shadow`, when
 * not null, is a version the app also runs on a copy of the request, to report its output with
 * `reportShadow` and never show it to anyone.
 */
export interface RouteDecision {
  version: string;
  shadow: string | null;
}

/**
 * The version a request runs and whether it is also copied to the route's shadow: only requests
 * served by the active version are copied, for the share of sticky keys the shadow holds (its own
 * buckets, independent of the canary's). The same key always gets the same answer.
 *
 * @example
 * routeDecision('support-copilot.model', state, { user: 'u-42' }) // { version: 'm-11', shadow: 'm-12' } or shadow null
 */
export function routeDecision(key: string, state: State<'route'>, context: EvaluationContext = {}): RouteDecision {
  const version = routeVersion(key, state, context);
  const shadow = state.shadow;
  if (!shadow || version !== state.active || shadow.version === version) return { version, shadow: null };
  const sticky = context[shadow.stickyBy];
  if (sticky === undefined || sticky === '') return { version, shadow: null };
  return { version, shadow: stickyBucket(`${key}#shadow`, String(sticky)) < shadow.percent ? shadow.version : null };
}

/** An item an app is about to show a user, as human review looks at it. */
export interface ReviewCandidate {
  /** Stable id (the telemetry event id): the sampled share sticks to it. */
  id?: string;
  flags?: Record<string, boolean | undefined>;
  segment?: Record<string, string | undefined>;
  confidence?: number;
}

export interface ReviewDecision {
  review: boolean;
  /** Which condition sent it, or `sampled` for the share; null when it goes straight out. */
  reason: string | null;
}

/** Whether an item goes to the review queue instead of straight to the user. */
export function reviewDecision(key: string, state: State<'human_review'>, item: ReviewCandidate): ReviewDecision {
  for (const condition of state.when) {
    const reason = matches(condition, item);
    if (reason) return { review: true, reason };
  }
  if (state.share >= 1) return { review: true, reason: 'sampled' };
  if (state.share > 0 && item.id !== undefined && stickyBucket(key, item.id) < state.share * 100)
    return { review: true, reason: 'sampled' };
  return { review: false, reason: null };
}

function matches(condition: ReviewCondition, item: ReviewCandidate): string | undefined {
  if ('flag' in condition) return item.flags?.[condition.flag] === true ? `flag:${condition.flag}` : undefined;
  if ('segment' in condition) {
    const all = Object.entries(condition.segment).every(([k, v]) => item.segment?.[k] === v);
    return all
      ? `segment:${Object.entries(condition.segment)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}`
      : undefined;
  }
  return item.confidence !== undefined && item.confidence < condition.confidenceBelow
    ? `confidence<${condition.confidenceBelow}`
    : undefined;
}

const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Milliseconds in `30s`, `5m`…; undefined for anything else. */
export function parseDuration(value: string): number | undefined {
  const match = DURATION.exec(value);
  return match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : undefined;
}

export interface ThrottleDecision {
  allowed: boolean;
  /** How long until the next call would be allowed (0 when allowed). */
  retryAfterMs: number;
}

/**
 * Token buckets for one throttle, one per key: `rate` calls per `per`, refilling continuously,
 * a full bucket holding `rate` calls. Time is passed in.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly maxKeys = 10_000) {}

  take(limit: State<'throttle'>['limit'], key: string, now: number): ThrottleDecision {
    if (!limit) return { allowed: true, retryAfterMs: 0 };
    const periodMs = parseDuration(limit.per);
    if (periodMs === undefined || limit.rate <= 0) return { allowed: false, retryAfterMs: periodMs ?? 1000 };
    const perMs = limit.rate / periodMs;
    const bucket = this.buckets.get(key) ?? { tokens: limit.rate, at: now };
    bucket.tokens = Math.min(limit.rate, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    this.remember(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterMs: 0 };
    }
    return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / perMs) };
  }

  /** Forgets every bucket (when the limit itself changes). */
  reset(): void {
    this.buckets.clear();
  }

  private remember(key: string, bucket: { tokens: number; at: number }): void {
    if (!this.buckets.has(key) && this.buckets.size >= this.maxKeys) {
      // Bounded memory: the oldest key goes; it starts again with a full bucket.
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    this.buckets.set(key, bucket);
  }
}
