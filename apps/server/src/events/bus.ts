import { randomBytes } from 'node:crypto';
import type { LiveEvent } from '@firebreak/contract';
import { type Fanout, LocalFanout } from './fanout';

/** Something that happened that open screens and SDK clients want to hear about at once. */
export type FirebreakEvent = LiveEvent;

export interface StampedEvent {
  /** Goes up by one per event this process hears; with the bus's epoch it is the SSE id. */
  id: number;
  event: FirebreakEvent;
}

type Listener = (stamped: StampedEvent) => void;

export interface EventBusOptions {
  /** Events kept for clients that reconnect (1000 unless set). */
  replay?: number;
  /** How the events reach the other replicas (docs/adr/0043); local (none) unless set. */
  fanout?: Fanout;
  /**
   * With another replica's events coming over a transport that may drop a message, how often
   * the re-readers (the control feed) look at the store anyway (5 s unless set; 0 never).
   */
  checkEveryMs?: number;
}

/**
 * Fan-out of committed changes to this process's listeners, with a short replay buffer so a
 * client that reconnects gets what it missed. Events committed on other replicas arrive through
 * the fanout (docs/adr/0043) and are stamped here like local ones; when the fanout may have
 * missed some, `lost` listeners hear it and the replay buffer starts over.
 */
export class EventBus {
  /** Names this process's ids: an id from another replica or an earlier run cannot be resumed here. */
  readonly epoch = randomBytes(5).toString('hex');
  private readonly listeners = new Set<Listener>();
  private readonly lostListeners = new Set<(reason: string) => void>();
  private readonly checkListeners = new Set<() => void>();
  private readonly recent: StampedEvent[] = [];
  private readonly replay: number;
  private readonly fanout: Fanout;
  private readonly checkEveryMs: number;
  private checkTimer: NodeJS.Timeout | undefined;
  private nextId = 1;
  /** A client whose last id is below this one may have missed events (a loss came after it). */
  private floor = 0;

  constructor(options: EventBusOptions | number = {}) {
    const settings = typeof options === 'number' ? { replay: options } : options;
    this.replay = settings.replay ?? 1000;
    this.fanout = settings.fanout ?? new LocalFanout();
    this.checkEveryMs = settings.checkEveryMs ?? 5_000;
  }

  get fanoutKind(): Fanout['kind'] {
    return this.fanout.kind;
  }

  /** Starts hearing the other replicas (nothing to do for the local fanout). */
  async start(): Promise<void> {
    await this.fanout.start({
      origin: this.epoch,
      event: (event) => this.deliver(event),
      lost: (reason) => this.lost(reason),
    });
    if (this.fanout.kind !== 'local' && this.checkEveryMs > 0) {
      this.checkTimer = setInterval(() => this.tell(this.checkListeners, undefined), this.checkEveryMs);
      this.checkTimer.unref();
    }
  }

  async close(): Promise<void> {
    if (this.checkTimer) clearInterval(this.checkTimer);
    await this.fanout.close();
  }

  /** A change committed in this process: to its listeners, and to the other replicas. */
  publish(event: FirebreakEvent): void {
    this.deliver(event);
    this.fanout.send(event);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Told when events from other replicas may have been missed: re-read, or tell clients to. */
  onLost(listener: (reason: string) => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  /** Told every few seconds when other replicas exist: a chance to re-read what must not be missed. */
  onCheck(listener: () => void): () => void {
    this.checkListeners.add(listener);
    return () => this.checkListeners.delete(listener);
  }

  /** Events after `id`, or undefined when the buffer no longer reaches back that far. */
  since(id: number): StampedEvent[] | undefined {
    const oldest = this.recent[0];
    if (id < this.floor) return undefined;
    if (oldest !== undefined && id < oldest.id - 1) return undefined;
    if (id >= this.nextId) return undefined;
    return this.recent.filter((stamped) => stamped.id > id);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  private deliver(event: FirebreakEvent): void {
    const stamped = { id: this.nextId++, event };
    this.recent.push(stamped);
    if (this.recent.length > this.replay) this.recent.shift();
    this.tell(this.listeners, stamped);
  }

  private lost(reason: string): void {
    this.recent.length = 0;
    this.floor = this.nextId;
    this.tell(this.lostListeners, reason);
  }

  private tell<T>(listeners: Set<(value: T) => void>, value: T): void {
    for (const listener of listeners) {
      try {
        listener(value);
      } catch {
        // One broken subscriber must not stop the others hearing about the change.
      }
    }
  }
}
