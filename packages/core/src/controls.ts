import canonicalize from 'canonicalize';
import { durationMs, isDuration } from './duration';
import { DomainError, invalid } from './errors';

/** The containment levers an app obeys through the SDK. */
export const CONTROL_KINDS = [
  'kill_switch',
  'route',
  'throttle',
  'human_review',
  'output_filter',
  'queue',
  'cache',
] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

/** What a route's pointer selects: one model, prompt or policy version, or a whole bundle of them. */
export const ROUTE_TARGETS = ['model', 'prompt', 'policy', 'bundle'] as const;
export type RouteTarget = (typeof ROUTE_TARGETS)[number];

/**
 * What one version of a `bundle` route is: the model, prompt, policy, retrieval index and tool
 * set an app switches together. Immutable once known (ADR 30).
 */
export type BundleContents = {
  model?: string | undefined;
  prompt?: string | undefined;
  policy?: string | undefined;
  index?: string | undefined;
  tools?: string[] | undefined;
};
/** The parts of a bundle, in the order they are shown. */
export const BUNDLE_PARTS = ['model', 'prompt', 'policy', 'index', 'tools'] as const;
/** How many live bundles a route keeps before registering another prunes the oldest unused ones. */
export const BUNDLE_RETENTION = 20;
export const FILTER_LEVELS = ['off', 'standard', 'strict'] as const;
export type FilterLevel = (typeof FILTER_LEVELS)[number];
/**
 * What an app does with a kill switch or queue it has never heard about: closed = the capability
 * is off (the queue holds its work), open = it runs (the queue takes work).
 */
export const FAIL_MODES = ['closed', 'open'] as const;
export type FailMode = (typeof FAIL_MODES)[number];

// The types below are the one model of a control: the contract's zod schemas (ControlState,
// ControlConfig, ChangeControlRequest…) are checked against them, and the server's jsonb columns
// are typed with them. They are type aliases, not interfaces, so a value of them is also a plain
// JSON record (`Record<string, unknown>`) where an audit or timeline payload wants one.

export type ThrottleLimit = {
  rate: number;
  per: string;
  by?: string | undefined;
};
export type ReviewRule = { flag: string } | { segment: Record<string, string> } | { confidenceBelow: number };
export type CanarySplit = {
  version: string;
  percent: number;
  stickyBy: string;
};
/**
 * A shadow on a route: a copy of `percent` of requests (chosen by `stickyBy`, like a canary) also
 * runs `version`, whose output no user sees; the comparison is counted per `segmentBy` value.
 */
export type ShadowSplit = {
  version: string;
  percent: number;
  stickyBy: string;
  segmentBy?: string | undefined;
};

/** What an app evaluates: the current value of one control, per kind. */
export type ControlStateValue =
  | { kind: 'kill_switch'; enabled: boolean }
  | {
      kind: 'route';
      active: string;
      canary: CanarySplit | null;
      knownGood: string[];
      /**
       * Bundle routes, as served (never stored): the contents of the active version and of the
       * canary's, by version, so an app switches every part of a bundle together.
       */
      bundles?: Record<string, BundleContents> | undefined;
      /** Absent on states stored before shadows existed, and whenever no shadow runs. */
      shadow?: ShadowSplit | null | undefined;
    }
  | { kind: 'throttle'; limit: ThrottleLimit | null }
  | { kind: 'human_review'; share: number; when: ReviewRule[] }
  | { kind: 'output_filter'; level: FilterLevel }
  | { kind: 'queue'; paused: boolean; retryAfter: string | null }
  | { kind: 'cache'; generation: number; flushedAt: string | null; scope: string | null };

/** What every declared control carries besides its kind: its name on the card and what it does. */
type Declared = { id: string; description?: string | undefined };

/**
 * A control as declared on a system card (firebreak.yaml `controls:`) and stored with it: what
 * it is and where it starts.
 */
export type ControlDefinition =
  | (Declared & { kind: 'kill_switch'; failMode: FailMode; enabled: boolean })
  | (Declared & {
      kind: 'route';
      target: RouteTarget;
      versions: string[];
      active?: string | undefined;
      /** Bundle routes: each version's contents (declared on the card or registered since). */
      bundles?: Record<string, BundleContents> | undefined;
    })
  | (Declared & { kind: 'throttle'; limit: ThrottleLimit | null })
  | (Declared & { kind: 'human_review'; share: number; when: ReviewRule[] })
  | (Declared & { kind: 'output_filter'; level: FilterLevel })
  | (Declared & { kind: 'queue'; failMode: FailMode; paused: boolean })
  | (Declared & { kind: 'cache' });

/** A cache flush: what it covers (a tenant, a key prefix…), everything when no scope is given. */
export type CacheFlush = { scope?: string | undefined };

/** The fields a change may set; which ones apply depends on the control's kind. */
export type ControlPatch = {
  enabled?: boolean | undefined;
  active?: string | undefined;
  canary?: CanarySplit | null | undefined;
  shadow?: ShadowSplit | null | undefined;
  limit?: ThrottleLimit | null | undefined;
  share?: number | undefined;
  when?: ReviewRule[] | undefined;
  level?: FilterLevel | undefined;
  /** Queues: stop (true) or resume (false) taking work, and how long workers should wait before asking again. */
  paused?: boolean | undefined;
  retryAfter?: string | null | undefined;
  /** Caches: flush now (a new generation). */
  flush?: CacheFlush | undefined;
};

/** What whoever asks for a change adds to it: why, the incident it serves, and how long it lasts. */
export type ChangeNote = {
  reason: string;
  incident?: string | undefined;
  expiresIn?: string | undefined;
  /**
   * Goes ahead although a pending obligation holds the system's evidence (AI Act Art. 73(6):
   * no change that affects the evaluation of causes before the authority is informed); noted.
   */
  confirmHold?: boolean | undefined;
};

/**
 * What a change asks for, kept on an approval so it can be applied later exactly as asked: a
 * patch, a rollback (to a named version or the last known-good one), or the revert of an expired
 * temporary change.
 */
export type RequestedChange =
  | ({ type: 'set' } & ChangeNote & ControlPatch)
  | ({ type: 'rollback'; to?: string | undefined } & ChangeNote)
  | { type: 'revert'; state: ControlStateValue; reason?: undefined; incident?: undefined; expiresIn?: undefined };

const FIELDS_OF: Record<ControlKind, ReadonlyArray<keyof ControlPatch>> = {
  kill_switch: ['enabled'],
  route: ['active', 'canary', 'shadow'],
  throttle: ['limit'],
  human_review: ['share', 'when'],
  output_filter: ['level'],
  queue: ['paused', 'retryAfter'],
  cache: ['flush'],
};

/** How many earlier versions a route remembers as known-good (the issue asks for at least two). */
export const KNOWN_GOOD_DEPTH = 5;

/** The state a control starts in when it is first declared. */
export function initialState(definition: ControlDefinition): ControlStateValue {
  switch (definition.kind) {
    case 'kill_switch':
      return { kind: 'kill_switch', enabled: definition.enabled };
    case 'route': {
      const active = definition.active ?? definition.versions[definition.versions.length - 1]!;
      const earlier = definition.versions.slice(0, definition.versions.indexOf(active)).reverse();
      return { kind: 'route', active, canary: null, knownGood: earlier.slice(0, KNOWN_GOOD_DEPTH) };
    }
    case 'throttle':
      return { kind: 'throttle', limit: definition.limit };
    case 'human_review':
      return { kind: 'human_review', share: definition.share, when: definition.when };
    case 'output_filter':
      return { kind: 'output_filter', level: definition.level };
    case 'queue':
      return { kind: 'queue', paused: definition.paused, retryAfter: null };
    case 'cache':
      return { kind: 'cache', generation: 0, flushedAt: null, scope: null };
  }
}

/**
 * The state after a change, refusing fields the kind does not have, versions the route cannot
 * deploy, and changes that change nothing. `now` is when a cache flush happens.
 *
 * @example
 * applyPatch({ kind: 'kill_switch', enabled: true }, { enabled: false }, []) // { kind: 'kill_switch', enabled: false }
 */
export function applyPatch(
  state: ControlStateValue,
  patch: ControlPatch,
  versions: readonly string[],
  now: Date = new Date(),
): ControlStateValue {
  const given = (Object.keys(patch) as Array<keyof ControlPatch>).filter((field) => patch[field] !== undefined);
  const allowed = FIELDS_OF[state.kind];
  const foreign = given.find((field) => !allowed.includes(field));
  if (foreign) throw invalid(foreign, `a ${state.kind} control has no ${foreign}; it takes ${allowed.join(', ')}`);
  if (given.length === 0) throw invalid('(root)', `nothing to change: give ${allowed.join(' or ')}`);
  const next = patched(state, patch, versions, now);
  // Stored states come back with their keys in another order (jsonb): compare canonical forms.
  if (canonicalize(next) === canonicalize(state))
    throw invalid(given[0]!, `nothing to change: the control is already ${describeState(state)}`);
  return next;
}

function patched(
  state: ControlStateValue,
  patch: ControlPatch,
  versions: readonly string[],
  now: Date,
): ControlStateValue {
  switch (state.kind) {
    case 'kill_switch':
      return { kind: 'kill_switch', enabled: patch.enabled ?? state.enabled };
    case 'route': {
      const active = patch.active ?? state.active;
      assertDeployable('active', active, versions);
      const canary = patch.canary === undefined ? state.canary : patch.canary;
      if (canary) {
        assertDeployable('canary.version', canary.version, versions);
        if (canary.version === active) throw invalid('canary.version', `is already the active version (${active})`);
      }
      // A shadow kept from before goes once its version becomes the active one.
      const kept = state.shadow && state.shadow.version !== active ? state.shadow : null;
      const shadow = shadowAfter(patch.shadow === undefined ? kept : patch.shadow, active, versions);
      if (active === state.active)
        return withShadow({ kind: 'route', active, canary, knownGood: state.knownGood }, shadow);
      // Moving to an older version is a retreat, like a rollback: the version left is suspect.
      const retreat = versions.indexOf(active) < versions.indexOf(state.active);
      const knownGood = retreat
        ? state.knownGood.filter((v) => v !== active && v !== state.active)
        : remember(state.knownGood, state.active, active);
      return withShadow({ kind: 'route', active, canary, knownGood }, shadow);
    }
    case 'throttle':
      return { kind: 'throttle', limit: patch.limit === undefined ? state.limit : patch.limit };
    case 'human_review':
      return { kind: 'human_review', share: patch.share ?? state.share, when: patch.when ?? state.when };
    case 'output_filter':
      return { kind: 'output_filter', level: patch.level ?? state.level };
    case 'queue':
      return pausedQueue(state, patch);
    case 'cache':
      // Every flush is a new generation, even of the same scope: apps drop what they hold again.
      return {
        kind: 'cache',
        generation: state.generation + 1,
        flushedAt: now.toISOString(),
        scope: patch.flush?.scope ?? null,
      };
  }
}

/**
 * A queue after pause or resume: pausing takes the retry-after hint given with it (none unless
 * given), resuming drops it; a hint alone changes the hint of a paused queue.
 */
function pausedQueue(state: Extract<ControlStateValue, { kind: 'queue' }>, patch: ControlPatch): ControlStateValue {
  const paused = patch.paused ?? state.paused;
  if (!paused && patch.retryAfter !== undefined && patch.retryAfter !== null)
    throw invalid(
      'retryAfter',
      patch.paused === false
        ? 'a resumed queue has no retry-after hint; leave retryAfter out when resuming'
        : 'only a paused queue has a retry-after hint; pause it too (paused: true)',
    );
  if (!paused) return { kind: 'queue', paused: false, retryAfter: null };
  return { kind: 'queue', paused: true, retryAfter: patch.retryAfter ?? null };
}

type RouteState = Extract<ControlStateValue, { kind: 'route' }>;

/**
 * The shadow a route has after a change: it must name a deployable version other than the
 * active one, with a share above 0 and at most 100.
 */
function shadowAfter(
  shadow: ShadowSplit | null | undefined,
  active: string,
  versions: readonly string[],
): ShadowSplit | null {
  if (!shadow) return null;
  assertDeployable('shadow.version', shadow.version, versions);
  if (shadow.version === active) throw invalid('shadow.version', `is the active version (${active}); shadow another`);
  if (!(shadow.percent > 0 && shadow.percent <= 100))
    throw invalid('shadow.percent', `must be above 0 and at most 100, not ${shadow.percent}`);
  return shadow;
}

/** A route state with its shadow; no shadow leaves the field out, as states stored before shadows have it. */
function withShadow(state: RouteState, shadow: ShadowSplit | null): RouteState {
  return shadow ? { ...state, shadow } : state;
}

function assertDeployable(path: string, version: string, versions: readonly string[]): void {
  if (!versions.includes(version))
    throw invalid(path, `${version} is not a deployable version; the route has ${versions.join(', ')}`);
}

/** The previous active version becomes the most recent known-good one. */
function remember(knownGood: readonly string[], previous: string, next: string): string[] {
  return [previous, ...knownGood.filter((v) => v !== previous && v !== next)].slice(0, KNOWN_GOOD_DEPTH);
}

/**
 * Where a rollback goes: the given version, or the last known-good one. The version rolled
 * back from is no longer known-good, and any canary is dropped (a rollback is a retreat).
 */
export function rollbackState(state: ControlStateValue, versions: readonly string[], to?: string): ControlStateValue {
  if (state.kind !== 'route') throw invalid('key', `only a route can be rolled back; this is a ${state.kind}`);
  const target = to ?? state.knownGood.find((v) => v !== state.active && versions.includes(v));
  if (target === undefined) {
    const others = versions.filter((v) => v !== state.active);
    throw new DomainError(
      'conflict',
      others.length === 0
        ? `nothing to roll back to: ${state.active} is the route's only deployable version; list earlier versions under the route's versions on the system card`
        : `no known-good version to roll back to from ${state.active}; name one of ${others.join(', ')}`,
    );
  }
  assertDeployable('to', target, versions);
  if (target === state.active) throw invalid('to', `${target} is already active`);
  const shadow = state.shadow && state.shadow.version !== target ? state.shadow : null;
  return withShadow(
    {
      kind: 'route',
      active: target,
      canary: null,
      knownGood: state.knownGood.filter((v) => v !== target && v !== state.active),
    },
    shadow,
  );
}

/**
 * What a change takes back, in words, or undefined when it only contains: re-enabling a killed
 * capability, resuming a paused queue, rolling forward (a newer active version, or more traffic to a newer canary), or
 * loosening containment (a lower filter level, a lifted or wider throttle, less human review).
 * A cache flush never widens anything.
 *
 * @example
 * riskOf({ kind: 'kill_switch', enabled: false }, { kind: 'kill_switch', enabled: true }, []) // 're-enabling a killed capability'
 */
export function riskOf(
  before: ControlStateValue,
  after: ControlStateValue,
  versions: readonly string[],
): string | undefined {
  if (before.kind === 'kill_switch' && after.kind === 'kill_switch' && !before.enabled && after.enabled)
    return 're-enabling a killed capability';
  if (before.kind === 'queue' && after.kind === 'queue' && before.paused && !after.paused)
    return 'resuming a paused queue';
  if (before.kind === 'route' && after.kind === 'route') {
    const rank = (v: string) => versions.indexOf(v);
    if (rank(after.active) > rank(before.active)) return `rolling forward to ${after.active}`;
    const exposure = (s: typeof before) => (s.canary && rank(s.canary.version) > rank(s.active) ? s.canary.percent : 0);
    if (exposure(after) > exposure(before)) return 'sending more traffic to a newer version';
  }
  return loosening(before, after);
}

/**
 * Why a change needs a second person, or undefined when it does not: it carries a risk (see
 * riskOf) while a SEV1 or SEV2 incident on the system is open. Containment itself never waits.
 */
export function approvalNeeded(
  before: ControlStateValue,
  after: ControlStateValue,
  versions: readonly string[],
  openHighSeverity: readonly string[],
): string | undefined {
  const risk = openHighSeverity.length > 0 ? riskOf(before, after, versions) : undefined;
  return risk ? `${risk} during open ${openHighSeverity.join(', ')} needs a second person’s approval` : undefined;
}

const FILTER_RANK: Record<FilterLevel, number> = { off: 0, standard: 1, strict: 2 };

/** Containment taken back: a lower filter level, a lifted or wider throttle, less human review. */
function loosening(before: ControlStateValue, after: ControlStateValue): string | undefined {
  if (
    before.kind === 'output_filter' &&
    after.kind === 'output_filter' &&
    FILTER_RANK[after.level] < FILTER_RANK[before.level]
  ) {
    return `lowering the output filter to ${after.level}`;
  }
  if (before.kind === 'throttle' && after.kind === 'throttle' && before.limit) {
    const perMs = (limit: ThrottleLimit) => limit.rate / Math.max(1, isDuration(limit.per) ? durationMs(limit.per) : 1);
    if (!after.limit) return 'lifting the throttle';
    if (
      perMs(after.limit) > perMs(before.limit) ||
      (before.limit.by !== undefined && after.limit.by !== before.limit.by)
    )
      return 'loosening the throttle';
  }
  if (before.kind === 'human_review' && after.kind === 'human_review') {
    const kept = (rule: ReviewRule) => after.when.some((other) => canonicalize(other) === canonicalize(rule));
    if (after.share < before.share || !before.when.every(kept)) return 'sending less to human review';
  }
  return undefined;
}

/** A control's state in a few words, for timelines, the CLI and notices. */
export function describeState(state: ControlStateValue): string {
  switch (state.kind) {
    case 'kill_switch':
      return state.enabled ? 'on' : 'off (killed)';
    case 'route':
      return `${
        state.canary
          ? `${state.active}, canary ${state.canary.version} at ${state.canary.percent}% by ${state.canary.stickyBy}`
          : state.active
      }${state.shadow ? `, shadow ${state.shadow.version} on ${state.shadow.percent}%` : ''}`;
    case 'throttle':
      return state.limit
        ? `${state.limit.rate} per ${state.limit.per}${state.limit.by ? ` per ${state.limit.by}` : ''}`
        : 'unlimited';
    case 'human_review': {
      const conditions = state.when.map(describeRule);
      const share = `${Math.round(state.share * 1000) / 10}% of traffic`;
      return conditions.length > 0 ? `${share}, and any item with ${conditions.join(' or ')}` : share;
    }
    case 'output_filter':
      return state.level;
    case 'queue':
      return state.paused ? `paused${state.retryAfter ? ` (retry after ${state.retryAfter})` : ''}` : 'running';
    case 'cache':
      return state.flushedAt
        ? `generation ${state.generation}, flushed ${describeFlush(state.scope)} at ${state.flushedAt.slice(0, 16)}Z`
        : `generation ${state.generation} (never flushed)`;
  }
}

function describeFlush(scope: string | null | undefined): string {
  return scope ? `scope ${scope}` : 'everything';
}

/**
 * What a patch makes of a control, in the words of `describeState`: for a preset's changes, which
 * name only the fields they set.
 *
 * @example
 * describePatch({ share: 1, when: [{ flag: 'pii' }] }); // '100% of traffic, and any item with flag pii'
 */
export function describePatch(patch: ControlPatch): string {
  const parts: string[] = [];
  if (patch.enabled !== undefined) parts.push(patch.enabled ? 'on' : 'off (killed)');
  if (patch.active !== undefined) parts.push(patch.active);
  if (patch.shadow !== undefined)
    parts.push(patch.shadow ? `shadow ${patch.shadow.version} on ${patch.shadow.percent}%` : 'no shadow');
  if (patch.level !== undefined) parts.push(patch.level);
  if (patch.paused !== undefined)
    parts.push(describeState({ kind: 'queue', paused: patch.paused, retryAfter: patch.retryAfter ?? null }));
  else if (patch.retryAfter !== undefined) parts.push(`retry after ${patch.retryAfter ?? 'no hint'}`);
  if (patch.flush !== undefined) parts.push(`flush ${describeFlush(patch.flush.scope)}`);
  if (patch.limit !== undefined) parts.push(describeState({ kind: 'throttle', limit: patch.limit }));
  if (patch.share !== undefined) parts.push(`${Math.round(patch.share * 1000) / 10}% of traffic`);
  if (patch.when !== undefined)
    parts.push(`${patch.share === undefined ? '' : 'and '}any item with ${patch.when.map(describeRule).join(' or ')}`);
  return parts.join(', ');
}

function describeRule(rule: ReviewRule): string {
  if ('flag' in rule) return `flag ${rule.flag}`;
  if ('segment' in rule)
    return Object.entries(rule.segment)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
  return `confidence below ${rule.confidenceBelow}`;
}

/**
 * One line for a change: `support-copilot.auto-send: on → off (killed)`.
 *
 * @example
 * describeChange('fraud-model.model', { kind: 'route', active: 'v12', canary: null, knownGood: [] }, { kind: 'route', active: 'v11', canary: null, knownGood: [] }) // 'fraud-model.model: v12 → v11'
 */
export function describeChange(key: string, before: ControlStateValue | null, after: ControlStateValue): string {
  // A flush is an event, not a setting: say what was flushed and the generation it starts.
  if (before?.kind === 'cache' && after.kind === 'cache' && after.generation !== before.generation)
    return `${key}: flushed ${describeFlush(after.scope)} (generation ${before.generation} → ${after.generation})`;
  return before ? `${key}: ${describeState(before)} → ${describeState(after)}` : `${key}: ${describeState(after)}`;
}
