import type { Control, ControlList } from '@firebreak/contract';
import { parseData, readEventStream } from '../sse';

export type ConnectionMode = 'connecting' | 'streaming' | 'polling' | 'offline' | 'closed';

export interface ConnectionOptions {
  baseUrl: string;
  token: string | undefined;
  systems: readonly string[];
  fetch: typeof fetch;
  pollIntervalMs: number;
  minBackoffMs: number;
  maxBackoffMs: number;
  clock: () => number;
  onSnapshot(controls: readonly Control[]): void;
  onControl(control: Control): void;
  onError(error: unknown): void;
}

/** The server sends a comment every 15 s; silence for longer than this means the connection is dead. */
const SILENCE_MS = 35_000;

/**
 * Keeps an app's control state in step with the server: a Server-Sent Events stream, resumed
 * from the last seq after a drop; when the stream fails, a poll of the same state, so an app
 * behind a proxy that breaks streaming still hears of changes within the poll interval.
 */
export class ControlConnection {
  mode: ConnectionMode = 'connecting';
  lastContactAt: number | null = null;
  private seq: number | undefined;
  private failures = 0;
  private readonly abort = new AbortController();
  private current: AbortController | undefined;
  private readonly waiting = new Set<(ok: boolean) => void>();
  private heard = false;

  constructor(private readonly options: ConnectionOptions) {}

  start(): void {
    void this.run();
  }

  close(): void {
    this.mode = 'closed';
    this.abort.abort();
    this.current?.abort();
    for (const resolve of this.waiting) resolve(this.heard);
    this.waiting.clear();
  }

  ready(timeoutMs: number): Promise<boolean> {
    if (this.heard) return Promise.resolve(true);
    if (this.mode === 'closed') return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(done);
        resolve(false);
      }, timeoutMs);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        resolve(ok);
      };
      this.waiting.add(done);
    });
  }

  private async run(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        await this.stream();
      } catch (error) {
        if (this.abort.signal.aborted) break;
        this.options.onError(error);
      }
      if (this.abort.signal.aborted) break;
      this.failures++;
      const polled = await this.poll();
      this.mode = polled ? 'polling' : 'offline';
      const backoff = Math.min(
        this.options.maxBackoffMs,
        this.options.minBackoffMs * 2 ** Math.min(this.failures - 1, 20),
      );
      // Streaming keeps failing but polling works: poll on the interval, trying the stream each time.
      const wait = polled && this.failures > 2 ? this.options.pollIntervalMs : backoff * (0.5 + Math.random() / 2);
      await this.sleep(wait);
    }
  }

  private url(path: string, query: Record<string, string> = {}): URL {
    const url = new URL(`${this.options.baseUrl}/api/v1/${path}`);
    if (this.options.systems.length > 0) url.searchParams.set('system', this.options.systems.join(','));
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.options.token ? { authorization: `Bearer ${this.options.token}` } : {}), ...extra };
  }

  private async stream(): Promise<void> {
    const connection = new AbortController();
    this.current = connection;
    const stop = () => connection.abort();
    this.abort.signal.addEventListener('abort', stop, { once: true });
    let silence: ReturnType<typeof setTimeout> | undefined;
    const listen = () => {
      clearTimeout(silence);
      silence = setTimeout(
        () => connection.abort(new Error('control stream silent for too long; reconnecting')),
        SILENCE_MS,
      );
    };
    try {
      const headers = this.headers({
        accept: 'text/event-stream',
        ...(this.seq !== undefined ? { 'last-event-id': String(this.seq) } : {}),
      });
      listen();
      const response = await this.options.fetch(this.url('controls/stream'), { headers, signal: connection.signal });
      if (!response.ok || !response.body) throw new Error(`control stream: HTTP ${response.status}`);
      await readEventStream(
        response.body,
        (message) => this.handle(message.event, message.data, message.id),
        () => {
          listen();
          this.contact();
        },
      );
    } finally {
      clearTimeout(silence);
      this.abort.signal.removeEventListener('abort', stop);
      this.current = undefined;
    }
  }

  private handle(event: string, data: string, id: string | undefined): void {
    const parsed = parseData(data);
    if (parsed === undefined) return;
    if (event === 'snapshot') {
      const snapshot = parsed as ControlList;
      this.options.onSnapshot(snapshot.controls);
      this.seq = snapshot.seq;
    } else if (event === 'control') {
      this.options.onControl(parsed as Control);
      if (id !== undefined && /^\d+$/.test(id)) this.seq = Math.max(this.seq ?? 0, Number(id));
    } else if (event === 'ready') {
      this.mode = 'streaming';
      this.failures = 0;
      this.markHeard();
    }
  }

  /** One poll of the state (only what changed since the last seq, once there is one). */
  private async poll(): Promise<boolean> {
    try {
      const query: Record<string, string> = this.seq !== undefined ? { after: String(this.seq) } : {};
      const response = await this.options.fetch(this.url('controls', query), {
        headers: this.headers({ accept: 'application/json' }),
        signal: this.abort.signal,
      });
      if (!response.ok) throw new Error(`control poll: HTTP ${response.status}`);
      const body = (await response.json()) as ControlList;
      if (this.seq === undefined) this.options.onSnapshot(body.controls);
      else for (const control of body.controls) this.options.onControl(control);
      this.seq = Math.max(this.seq ?? 0, body.seq);
      this.contact();
      this.markHeard();
      return true;
    } catch (error) {
      if (!this.abort.signal.aborted) this.options.onError(error);
      return false;
    }
  }

  private contact(): void {
    this.lastContactAt = this.options.clock();
  }

  private markHeard(): void {
    this.heard = true;
    for (const resolve of this.waiting) resolve(true);
    this.waiting.clear();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
