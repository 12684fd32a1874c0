import type { LiveEvent } from '@firebreak/contract';

/** Something that happened that open screens and SDK clients want to hear about at once. */
export type FirebreakEvent = LiveEvent;

export interface StampedEvent {
  /** Goes up by one per event in this process; clients resume from it with Last-Event-ID. */
  id: number;
  event: FirebreakEvent;
}

type Listener = (stamped: StampedEvent) => void;

/**
 * In-process fan-out of committed changes, with a short replay buffer so a client that
 * reconnects gets what it missed. One server process sees its own changes; replicas will share
 * them through the database or NATS (see docs/adr/0007).
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();
  private readonly recent: StampedEvent[] = [];
  private nextId = 1;

  constructor(private readonly replay = 1000) {}

  publish(event: FirebreakEvent): void {
    const stamped = { id: this.nextId++, event };
    this.recent.push(stamped);
    if (this.recent.length > this.replay) this.recent.shift();
    for (const listener of this.listeners) {
      try {
        listener(stamped);
      } catch {
        // One broken subscriber must not stop the others hearing about the change.
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Events after `id`, or undefined when the buffer no longer reaches back that far. */
  since(id: number): StampedEvent[] | undefined {
    const oldest = this.recent[0];
    if (oldest !== undefined && id < oldest.id - 1) return undefined;
    if (id >= this.nextId) return undefined;
    return this.recent.filter((stamped) => stamped.id > id);
  }

  get subscribers(): number {
    return this.listeners.size;
  }
}
