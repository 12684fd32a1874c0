import type { Control, ControlState } from '@firebreak/contract';
import { parseDuration } from './evaluate';

type QueueState = Extract<ControlState, { kind: 'queue' }>;
type CacheState = Extract<ControlState, { kind: 'cache' }>;

/** What a worker hears when it asks a queue control for work: go ahead, or wait and ask again. */
export type Admission = { admitted: true } | { admitted: false; retryAfterMs: number };

/** A queue control paused or resumed, as a worker sees it. */
export interface QueueChange {
  key: string;
  paused: boolean;
  /** The server's hint (or the default wait) while paused; 0 when running. */
  retryAfterMs: number;
}

/** A cache control flushed: drop what was cached (under `scope`, when given). */
export interface FlushEvent {
  key: string;
  /** The new generation; anything cached under an earlier one is stale. */
  generation: number;
  /** The generation the app had before (several flushes may have happened in between). */
  previousGeneration: number;
  /** What the flush covers in the app's terms (tenant:acme, answers/); null for everything. */
  scope: string | null;
  flushedAt: string | null;
}

export interface QueueOptions {
  /** What a queue never heard of does (default: the control's declared fail mode, else open). */
  failMode?: 'closed' | 'open';
  /** How long a turned-away worker waits when the pause carries no hint (default 1 s). */
  defaultRetryAfterMs?: number;
}

/** What the handles read from and hear through; FirebreakControls is one. */
export interface ControlSource {
  get(key: string): Control | undefined;
  subscribe(listener: (control: Control) => void): () => void;
}

/**
 * A queue control as a worker sees it: asked before taking work, it admits the work or pushes
 * back with how long to wait (the pause's retry-after hint). With nothing heard from the server
 * it fails as declared: open (take work) unless the app or the card says closed.
 *
 * @example
 * const ingest = controls.queue('search.ingest');
 * const admission = ingest.admit();
 * if (!admission.admitted) return requeue(job, admission.retryAfterMs);
 */
export class QueueHandle {
  constructor(
    readonly key: string,
    private readonly source: ControlSource,
    private readonly options: QueueOptions,
    private readonly report: (error: unknown) => void,
  ) {}

  /** True while workers should take no new work. */
  get paused(): boolean {
    const state = this.state();
    return state ? state.paused : this.failMode() === 'closed';
  }

  /** Whether a worker may take work now; when not, how long to wait before asking again. */
  admit(): Admission {
    return this.paused ? { admitted: false, retryAfterMs: this.retryAfterMs() } : { admitted: true };
  }

  /**
   * Resolves once the queue takes work (at once when it does now); rejects with the signal's
   * reason if the signal aborts first.
   */
  waitUntilOpen(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (!this.paused) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = () => {
        stop();
        signal?.removeEventListener('abort', aborted);
      };
      const aborted = () => {
        done();
        reject(signal?.reason);
      };
      const stop = this.source.subscribe((control) => {
        if (control.key !== this.key || this.paused) return;
        done();
        resolve();
      });
      signal?.addEventListener('abort', aborted, { once: true });
    });
  }

  /** Hears the queue paused or resumed (or its hint changed); returns how to stop. */
  onChange(listener: (change: QueueChange) => void): () => void {
    let last = this.describe();
    return this.source.subscribe((control) => {
      if (control.key !== this.key) return;
      const now = this.describe();
      if (now.paused === last.paused && now.retryAfterMs === last.retryAfterMs) return;
      last = now;
      try {
        listener(now);
      } catch (error) {
        this.report(error);
      }
    });
  }

  private describe(): QueueChange {
    const paused = this.paused;
    return { key: this.key, paused, retryAfterMs: paused ? this.retryAfterMs() : 0 };
  }

  private retryAfterMs(): number {
    const hint = this.state()?.retryAfter;
    return (hint ? parseDuration(hint) : undefined) ?? this.options.defaultRetryAfterMs ?? 1_000;
  }

  private failMode(): 'closed' | 'open' {
    return this.options.failMode ?? this.source.get(this.key)?.failMode ?? 'open';
  }

  private state(): QueueState | undefined {
    const state = this.source.get(this.key)?.state;
    if (state === undefined) return undefined;
    if (state.kind !== 'queue') {
      this.report(new Error(`${this.key} is a ${state.kind}, not a queue`));
      return undefined;
    }
    return state;
  }
}

/**
 * Calls `callback` once for each new generation of a cache control the app learns of: never for
 * the generation known when it subscribed, once with the latest when several flushes happened
 * while the app was away. When nothing is known yet, the first generation heard is the start.
 * What the callback throws (or the promise it returns rejects with) is reported, not thrown.
 */
export function watchFlushes(
  key: string,
  source: ControlSource,
  callback: (event: FlushEvent) => unknown,
  report: (error: unknown) => void,
): () => void {
  const generationOf = (control: Control | undefined): CacheState | undefined => {
    const state = control?.state;
    if (state === undefined) return undefined;
    if (state.kind === 'cache') return state;
    report(new Error(`${key} is a ${state.kind}, not a cache`));
    return undefined;
  };
  let known = generationOf(source.get(key))?.generation;
  return source.subscribe((control) => {
    if (control.key !== key) return;
    const state = generationOf(control);
    if (!state) return;
    if (known === undefined || state.generation <= known) {
      known = Math.max(known ?? state.generation, state.generation);
      return;
    }
    const event: FlushEvent = {
      key,
      generation: state.generation,
      previousGeneration: known,
      scope: state.scope,
      flushedAt: state.flushedAt,
    };
    known = state.generation;
    try {
      const result = callback(event);
      if (result instanceof Promise) result.catch(report);
    } catch (error) {
      report(error);
    }
  });
}
