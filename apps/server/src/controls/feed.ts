import type { Control } from '@firebreak/contract';
import type { EventBus } from '../events/bus';
import { type ConnectionCount, connectionCounted } from '../observability/metrics';

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
 * Fans committed control changes out to the apps subscribed to their system. It hears them on
 * the event bus, so every way a control changes (API, rule, expiry, card) reaches apps the same
 * way; subscribers without a system filter hear every control.
 */
export class ControlFeed {
  private readonly bySystem = new Map<string, Set<Listener>>();
  private readonly everything = new Set<Listener>();
  private readonly unsubscribe: () => void;

  /** `clients` counts the streams subscribed (`GET /metrics`). */
  constructor(
    bus: EventBus,
    private readonly clients?: ConnectionCount,
  ) {
    this.unsubscribe = bus.subscribe(({ event }) => {
      if (event.type === 'control') this.deliver(event.control);
    });
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
    this.unsubscribe();
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
