import type { LiveEvent } from '@firebreak/contract';
import { parseData, readEventStream } from './sse';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SubscribeOptions {
  /** Only this incident's events. */
  incident?: string;
  /** A committed change: a timeline entry, a change to an alert, or a change to a control (`event.type` says which). */
  onEvent(event: LiveEvent): void;
  /** Events were missed and cannot be replayed: re-read whatever you show. */
  onReset?(): void;
  onState?(state: ConnectionState, error?: unknown): void;
  /** First and longest wait between reconnects (default 500 ms and 15 s, with jitter). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface Subscription {
  close(): void;
}

/** The event types `/events` streams; others (a newer server's) are skipped, not guessed at. */
const LIVE_TYPES: ReadonlySet<string> = new Set<LiveEvent['type']>(['timeline', 'alert', 'control', 'approval']);

interface Target {
  baseUrl: string;
  token: string | undefined;
  fetch: typeof fetch;
}

/**
 * Follows `GET /api/v1/events` with fetch (so the token travels in a header), reconnecting with
 * exponential backoff and resuming from the last event id. Never throws into the caller:
 * failures arrive through `onState`.
 */
export function subscribe(target: Target, options: SubscribeOptions): Subscription {
  const abort = new AbortController();
  const minBackoff = options.minBackoffMs ?? 500;
  const maxBackoff = options.maxBackoffMs ?? 15_000;
  let lastEventId: string | undefined;
  let attempt = 0;
  const state = (next: ConnectionState, error?: unknown) => {
    try {
      options.onState?.(next, error);
    } catch {
      // a listener's failure is its own
    }
  };

  const connectOnce = async (): Promise<'retry' | 'stop'> => {
    const url = new URL(`${target.baseUrl}/api/v1/events`);
    if (options.incident) url.searchParams.set('incident', options.incident);
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (target.token) headers.authorization = `Bearer ${target.token}`;
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const response = await target.fetch(url, { headers, signal: abort.signal });
    if (response.status === 401 || response.status === 403 || response.status === 400) {
      state('closed', new Error(`events refused: HTTP ${response.status}`));
      return 'stop';
    }
    if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
    await readEventStream(response.body, (message) => {
      if (message.id !== undefined) lastEventId = message.id;
      if (message.event === 'ready') {
        attempt = 0;
        state('open');
      } else if (message.event === 'reset') {
        safely(() => options.onReset?.());
      } else if (LIVE_TYPES.has(message.event)) {
        const parsed = parseData(message.data);
        if (parsed) safely(() => options.onEvent(parsed as LiveEvent));
      }
    });
    return 'retry';
  };

  void (async () => {
    state('connecting');
    while (!abort.signal.aborted) {
      let outcome: 'retry' | 'stop' = 'retry';
      try {
        outcome = await connectOnce();
      } catch (error) {
        if (abort.signal.aborted) break;
        state('reconnecting', error);
      }
      if (outcome === 'stop' || abort.signal.aborted) break;
      state('reconnecting');
      const wait = Math.min(maxBackoff, minBackoff * 2 ** attempt++) * (0.5 + Math.random() / 2);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        abort.signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
    state('closed');
  })();

  return { close: () => abort.abort() };
}

function safely(run: () => void): void {
  try {
    run();
  } catch {
    // never let a handler's error end the subscription
  }
}
