import type { Control } from '@firebreak/contract';
import type { Db } from '../db/connect';
import type { EventBus } from '../events/bus';
import { type ConnectionCount, connectionCounted } from '../observability/metrics';
import { presentControl } from './presenter';
import { latestSeq, listControlRows } from './store';

/** A control and its SSE frame, formatted once for every stream that sends it. */
export interface FedControl {
  control: Control;
  frame: string;
}

/** The `control` event of the control stream, its id the change's seq. */
export function controlFrame(control: Control): string {
  return sseFrame('control', JSON.stringify(control), String(control.seq));
}

/** One SSE message (the data is one line of JSON, so it needs no splitting). */
export function sseFrame(event: string, data: string, id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${data}\n\n`;
}

type Listener = (fed: FedControl) => void;

/**
 * Fans committed control changes out to the apps subscribed to their system. A `control` event
 * on the bus (from this replica or another, docs/adr/0043) is a hint: the feed reads the controls
 * changed since the last seq it delivered from the store and delivers them in seq order, so a
 * change is never overtaken by a later one, whichever replica made either, and a hint that never
 * came (a dropped connection, a crash between commit and NOTIFY) is made up for by the next hint,
 * the reconnect, or the bus's periodic check. Subscribers without a system filter hear every control.
 */
export class ControlFeed {
  private readonly bySystem = new Map<string, Set<Listener>>();
  private readonly everything = new Set<Listener>();
  private readonly unsubscribe: Array<() => void>;
  /** The newest seq delivered (or known at start); undefined until read. */
  private cursor: number | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;

  /** `clients` counts the streams subscribed (`GET /metrics`). */
  constructor(
    bus: EventBus,
    private readonly db: Db,
    private readonly clients?: ConnectionCount,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {
    this.unsubscribe = [
      bus.subscribe(({ event }) => {
        if (event.type === 'control') this.hint(event.control.seq);
      }),
      bus.onLost(() => this.hint()),
      bus.onCheck(() => this.hint()),
    ];
    this.reading = this.start();
  }

  subscribe(systems: readonly string[], listener: Listener): () => void {
    const disconnected = connectionCounted(this.clients);
    if (systems.length === 0) {
      this.everything.add(listener);
      return () => {
        this.everything.delete(listener);
        disconnected();
      };
    }
    for (const system of systems) {
      const listeners = this.bySystem.get(system) ?? new Set<Listener>();
      listeners.add(listener);
      this.bySystem.set(system, listeners);
    }
    return () => {
      for (const system of systems) this.bySystem.get(system)?.delete(listener);
      disconnected();
    };
  }

  close(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
  }

  /** Resolves once every hint so far has been read and delivered (tests). */
  async settled(): Promise<void> {
    while (this.reading) await this.reading;
  }

  /** A change with `seq` (or, without one, maybe some) committed: read unless already delivered. */
  private hint(seq?: number): void {
    if (seq !== undefined && this.cursor !== undefined && seq <= this.cursor) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = this.read();
  }

  private async start(): Promise<void> {
    try {
      this.cursor = await latestSeq(this.db);
    } catch (error) {
      this.onError(error);
    }
    await this.drainAgain();
  }

  private async read(): Promise<void> {
    try {
      if (this.cursor === undefined) this.cursor = 0;
      const changed = (await listControlRows(this.db, { afterSeq: this.cursor }))
        .map(presentControl)
        .sort((a, b) => a.seq - b.seq);
      for (const control of changed) {
        this.cursor = Math.max(this.cursor, control.seq);
        this.deliver(control);
      }
    } catch (error) {
      this.onError(error);
    }
    await this.drainAgain();
  }

  private async drainAgain(): Promise<void> {
    if (this.readAgain) {
      this.readAgain = false;
      await this.read();
      return;
    }
    this.reading = undefined;
  }

  private deliver(control: Control): void {
    const fed = { control, frame: controlFrame(control) };
    for (const listener of [...(this.bySystem.get(control.system) ?? []), ...this.everything]) {
      try {
        listener(fed);
      } catch {
        // one broken stream must not keep the others from hearing
      }
    }
  }
}
