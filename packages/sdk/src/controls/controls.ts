import type { Control, ControlState } from '@firebreak/contract';
import { type ConnectionMode, ControlConnection } from './connection';
import {
  type EvaluationContext,
  type ReviewCandidate,
  type ReviewDecision,
  type RouteBundle,
  type RouteDecision,
  reviewDecision,
  routeBundle,
  routeDecision,
  routeVersion,
  type ThrottleDecision,
  TokenBuckets,
} from './evaluate';
import { type FlushEvent, QueueHandle, type QueueOptions, watchFlushes } from './queue-cache';

/** Where the last known state is kept between restarts (a file, localStorage…). Both may throw; the SDK copes. */
export interface ControlStorage {
  load(): string | null | undefined;
  save(text: string): void;
}

export interface ControlsOptions {
  /** Where the server is, e.g. `https://firebreak.internal`. */
  baseUrl: string;
  token?: string;
  /** The AI systems whose controls this app obeys. */
  systems: readonly string[];
  fetch?: typeof fetch;
  /** Persisted last known state: a restarting app starts from it, not from defaults. */
  storage?: ControlStorage;
  /** State to start from when nothing is stored (e.g. shipped with the app). */
  bootstrap?: readonly Control[];
  /**
   * How a kill switch or queue never heard of fails, per key (default: a kill switch closed, the
   * capability off; a queue as its card declares once known, else open, taking work).
   */
  failModes?: Record<string, 'closed' | 'open'>;
  /** Poll interval while streaming is impossible (default 5 s). */
  pollIntervalMs?: number;
  /** Reconnect waits, doubling from the first to the longest, with jitter (default 250 ms to 10 s). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** The clock, for throttles; injected in tests and replays. */
  clock?: () => number;
  /** A control changed (from the server, or loaded). */
  onChange?: (control: Control) => void;
  /** Something went wrong; the SDK carries on with what it knows. */
  onError?: (error: unknown) => void;
}

export interface ControlsStatus {
  /** streaming: live over SSE; polling: SSE failed, polling works; offline: the server is unreachable. */
  mode: ConnectionMode;
  /** Where the state came from: the server, what was stored, the bootstrap, or nothing yet. */
  source: 'server' | 'storage' | 'bootstrap' | 'none';
  seq: number;
  /** Last time the server answered (clock time), if ever. */
  lastContactAt: number | null;
  controls: number;
}

/**
 * The app's view of its containment controls: follows the server over Server-Sent Events
 * (resuming after drops, polling when streaming is impossible) and evaluates every control
 * locally and synchronously, so no request waits on the network. With the server gone it keeps
 * the last known state; a kill switch it never heard of fails closed unless told otherwise. It
 * never throws into the app.
 *
 * @example
 * const controls = new FirebreakControls({ baseUrl, token, systems: ['support-copilot'] });
 * await controls.ready(2000);
 * if (controls.isEnabled('support-copilot.auto-send')) sendAnswer(); else queueForAgent();
 */
export class FirebreakControls {
  private readonly controls = new Map<string, Control>();
  private readonly buckets = new Map<string, TokenBuckets>();
  private readonly connection: ControlConnection;
  private readonly clock: () => number;
  private source: ControlsStatus['source'] = 'none';
  private readonly listeners = new Set<(control: Control) => void>();

  constructor(private readonly options: ControlsOptions) {
    this.clock = options.clock ?? (() => Date.now());
    this.restore();
    this.connection = new ControlConnection({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      token: options.token,
      systems: options.systems,
      fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
      pollIntervalMs: options.pollIntervalMs ?? 5_000,
      minBackoffMs: options.minBackoffMs ?? 250,
      maxBackoffMs: options.maxBackoffMs ?? 10_000,
      clock: this.clock,
      onSnapshot: (controls) => this.replace(controls),
      onControl: (control) => this.upsert(control, true),
      onError: (error) => this.report(error),
    });
    this.connection.start();
  }

  /** Resolves true once the server's state has arrived, false after `timeoutMs` (default 5 s). Never rejects. */
  ready(timeoutMs = 5_000): Promise<boolean> {
    return this.connection.ready(timeoutMs);
  }

  /** A kill switch: true when the capability may run. Unknown keys fail as configured (closed: false). */
  isEnabled(key: string, options: { failMode?: 'closed' | 'open' } = {}): boolean {
    const state = this.state(key, 'kill_switch');
    if (state) return state.enabled;
    const failMode = options.failMode ?? this.options.failModes?.[key] ?? 'closed';
    return failMode === 'open';
  }

  /** A route: the model / prompt / policy version this request runs (canary by sticky key). Undefined when unknown. */
  version(key: string, context: EvaluationContext = {}): string | undefined {
    const state = this.state(key, 'route');
    return state ? safe(() => routeVersion(key, state, context), state.active) : undefined;
  }

  /**
   * A bundle route: the version this request runs and its contents (model, prompt, policy, index,
   * tools), all from one version. Undefined when unknown or not a bundle route.
   */
  bundle(key: string, context: EvaluationContext = {}): RouteBundle | undefined {
    const state = this.state(key, 'route');
    return state ? safe(() => routeBundle(key, state, context), undefined) : undefined;
  }

  /**
   * A route: the version this request runs, and the shadow version to also run on a copy of it
   * (null for most requests). Never show the shadow's output: report it with
   * `TelemetryReporter.reportShadow`. Undefined when the route is unknown.
   */
  route(key: string, context: EvaluationContext = {}): RouteDecision | undefined {
    const state = this.state(key, 'route');
    return state ? safe(() => routeDecision(key, state, context), { version: state.active, shadow: null }) : undefined;
  }

  /** A throttle: whether this call may go ahead now, per instance and the throttle's key attribute. */
  allow(key: string, context: EvaluationContext = {}): ThrottleDecision {
    const state = this.state(key, 'throttle');
    if (!state?.limit) return { allowed: true, retryAfterMs: 0 };
    const limit = state.limit;
    const buckets = this.buckets.get(key) ?? new TokenBuckets();
    this.buckets.set(key, buckets);
    const by = limit.by ? String(context[limit.by] ?? '') : '';
    return safe(() => buckets.take(limit, by, this.clock()), { allowed: true, retryAfterMs: 0 });
  }

  /** Human review: whether this item goes to the review queue instead of straight to the user. */
  review(key: string, item: ReviewCandidate): ReviewDecision {
    const state = this.state(key, 'human_review');
    return state
      ? safe(() => reviewDecision(key, state, item), { review: false, reason: null })
      : { review: false, reason: null };
  }

  /** The output filter level the app's guardrails apply; `strict` when unknown, the safe side. */
  filterLevel(key: string): 'off' | 'standard' | 'strict' {
    return this.state(key, 'output_filter')?.level ?? 'strict';
  }

  /**
   * A queue control, for a worker to ask before taking work: `admit()` says go ahead or how long
   * to wait (back-pressure), `waitUntilOpen()` waits for a resume, `onChange` hears pauses.
   */
  queue(key: string, options: QueueOptions = {}): QueueHandle {
    const failMode = options.failMode ?? this.options.failModes?.[key];
    return new QueueHandle(key, this, failMode ? { ...options, failMode } : options, (error) => this.report(error));
  }

  /**
   * Calls `callback` once per new generation of a cache control: when it is flushed, the app
   * drops what it cached (under `event.scope`, when given). Not called for the generation known
   * now; after a disconnection across several flushes, called once with the latest. What the
   * callback throws is reported through `onError`. Returns how to stop.
   */
  onFlush(key: string, callback: (event: FlushEvent) => unknown): () => void {
    return watchFlushes(key, this, callback, (error) => this.report(error));
  }

  /** The control as last heard, if known. */
  get(key: string): Control | undefined {
    return this.controls.get(key);
  }

  all(): Control[] {
    return [...this.controls.values()];
  }

  status(): ControlsStatus {
    const seq = Math.max(0, ...[...this.controls.values()].map((c) => c.seq));
    return {
      mode: this.connection.mode,
      source: this.source,
      seq,
      lastContactAt: this.connection.lastContactAt,
      controls: this.controls.size,
    };
  }

  /** Hears every change; returns how to stop. */
  subscribe(listener: (control: Control) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.connection.close();
  }

  private state<K extends ControlState['kind']>(key: string, kind: K): Extract<ControlState, { kind: K }> | undefined {
    const state = this.controls.get(key)?.state;
    if (!state) return undefined;
    if (state.kind !== kind) {
      this.report(new Error(`${key} is a ${state.kind}, not a ${kind}`));
      return undefined;
    }
    return state as Extract<ControlState, { kind: K }>;
  }

  private replace(controls: readonly Control[]): void {
    this.source = 'server';
    for (const control of controls) this.upsert(control, false);
    this.persist();
  }

  private upsert(control: Control, persist: boolean): void {
    const known = this.controls.get(control.key);
    if (known && known.seq > control.seq) return;
    this.controls.set(control.key, control);
    if (known?.kind === 'throttle' && JSON.stringify(known.state) !== JSON.stringify(control.state))
      this.buckets.delete(control.key);
    if (persist) {
      this.source = 'server';
      this.persist();
    }
    if (known && known.seq === control.seq) return;
    this.options.onChange && safe(() => this.options.onChange!(control), undefined);
    for (const listener of this.listeners) safe(() => listener(control), undefined);
  }

  private restore(): void {
    const stored = safe(() => this.options.storage?.load(), undefined);
    if (stored) {
      const parsed = safe(() => JSON.parse(stored) as { version?: number; controls?: Control[] }, undefined);
      if (parsed?.version === 1 && Array.isArray(parsed.controls)) {
        for (const control of parsed.controls) this.controls.set(control.key, control);
        this.source = 'storage';
        return;
      }
      this.report(new Error('stored control state is unreadable; ignoring it'));
    }
    if (this.options.bootstrap && this.options.bootstrap.length > 0) {
      for (const control of this.options.bootstrap) this.controls.set(control.key, control);
      this.source = 'bootstrap';
    }
  }

  private persist(): void {
    if (!this.options.storage) return;
    try {
      this.options.storage.save(
        JSON.stringify({ version: 1, savedAt: this.clock(), controls: [...this.controls.values()] }),
      );
    } catch (error) {
      this.report(error);
    }
  }

  private report(error: unknown): void {
    safe(() => this.options.onError?.(error), undefined);
  }
}

function safe<T>(run: () => T, fallback: T): T {
  try {
    return run();
  } catch {
    return fallback;
  }
}
