import type { SSEStreamingApi } from 'hono/streaming';

const KEEP_ALIVE_MS = 15_000;

/**
 * What one SSE client has yet to be sent: a subscriber pushes committed changes in, and `drain`
 * sends them in order until the client goes, with a keep-alive comment when nothing happens (so
 * proxies keep the connection and clients can tell a quiet stream from a dead one).
 *
 * @example
 * const queue = new LiveQueue<Change>();
 * const unsubscribe = bus.subscribe((change) => queue.push(change));
 * stream.onAbort(() => { unsubscribe(); queue.wakeUp(); });
 * await queue.drain(stream, (change) => stream.writeSSE({ data: JSON.stringify(change) }));
 */
export class LiveQueue<T> {
  private readonly items: T[] = [];
  private wake: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.wake?.();
  }

  /** Ends a wait early (the client went away, so `drain` can notice and return). */
  wakeUp(): void {
    this.wake?.();
  }

  async drain(stream: SSEStreamingApi, send: (item: T) => Promise<void>): Promise<void> {
    while (!stream.aborted && !stream.closed) {
      const next = this.items.shift();
      if (next !== undefined) {
        await send(next);
        continue;
      }
      const timedOut = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(true), KEEP_ALIVE_MS);
        this.wake = () => {
          clearTimeout(timer);
          resolve(false);
        };
      });
      this.wake = undefined;
      if (timedOut && !stream.aborted) await stream.write(': keep-alive\n\n');
    }
  }
}
