import type { LiveEvent } from '@firebreak/contract';

/** What a transport tells the bus it was given. */
export interface FanoutReceiver {
  /** This replica's name on the wire: messages it sent come back (LISTEN does echo) and are skipped. */
  origin: string;
  /** An event committed on another replica. */
  event(event: LiveEvent): void;
  /**
   * The transport may have missed events (a dropped connection came back, or an event too big to
   * carry): listeners re-read what they can from the store and tell the rest to start over.
   */
  lost(reason: string): void;
}

/**
 * How the events committed on one replica reach the others (docs/adr/0043). Each transport
 * carries a hint, at most once: anything that must not be missed (control changes) is re-read
 * from the store, in seq order, when a hint arrives or a connection comes back.
 */
export interface Fanout {
  readonly kind: FanoutKind;
  /** Starts hearing the other replicas; resolves once listening. */
  start(receiver: FanoutReceiver): Promise<void>;
  /** Tells the other replicas about an event committed here (after its commit; never throws). */
  send(event: LiveEvent): void;
  close(): Promise<void>;
}

export const FANOUT_KINDS = ['local', 'postgres', 'nats'] as const;
export type FanoutKind = (typeof FANOUT_KINDS)[number];

/** One process: every listener is in it, so there is nothing to send (the embedded default). */
export class LocalFanout implements Fanout {
  readonly kind = 'local' as const;
  async start(): Promise<void> {}
  send(): void {}
  async close(): Promise<void> {}
}

/** What crosses the wire: the event and the replica it came from, so a replica skips its own. */
export interface FanoutMessage {
  origin: string;
  event?: LiveEvent;
  /** Set instead of `event` when the event was too big for the transport. */
  dropped?: LiveEvent['type'];
}

/** Parses a message from the wire; undefined for anything that is not one (logged by the caller). */
export function parseFanoutMessage(text: string): FanoutMessage | undefined {
  try {
    const value = JSON.parse(text) as Partial<FanoutMessage> | null;
    if (!value || typeof value.origin !== 'string') return undefined;
    if (value.event !== undefined && (typeof value.event !== 'object' || typeof value.event.type !== 'string'))
      return undefined;
    return value as FanoutMessage;
  } catch {
    return undefined;
  }
}

/** Hands a parsed message to the receiver, skipping the replica's own. */
export function receive(message: FanoutMessage | undefined, receiver: FanoutReceiver): void {
  if (!message || message.origin === receiver.origin) return;
  if (message.event) receiver.event(message.event);
  else if (message.dropped) receiver.lost(`a ${message.dropped} event was too big to fan out`);
}

/** The message for an event, or a `dropped` marker when its JSON is longer than `limit` bytes. */
export function fanoutMessage(origin: string, event: LiveEvent, limit: number): string {
  const text = JSON.stringify({ origin, event } satisfies FanoutMessage);
  return Buffer.byteLength(text) <= limit
    ? text
    : JSON.stringify({ origin, dropped: event.type } satisfies FanoutMessage);
}

export interface FanoutSettings {
  kind: FanoutKind;
  natsUrl?: string;
}

/**
 * FIREBREAK_FANOUT (local, postgres or nats) and FIREBREAK_NATS_URL. Unset: NATS when a NATS URL
 * is given, else PostgreSQL LISTEN/NOTIFY on PostgreSQL, else local. PGlite is one process, so
 * only local; a choice that cannot work stops the start, naming the variable.
 */
export function fanoutSettings(
  store: 'pglite' | 'postgres',
  env: { FIREBREAK_FANOUT?: string | undefined; FIREBREAK_NATS_URL?: string | undefined },
): FanoutSettings {
  const raw = env.FIREBREAK_FANOUT?.trim() ?? '';
  const natsUrl = env.FIREBREAK_NATS_URL?.trim() || undefined;
  if (raw !== '' && !(FANOUT_KINDS as readonly string[]).includes(raw))
    throw new Error(`FIREBREAK_FANOUT is "${raw}": expected one of ${FANOUT_KINDS.join(', ')}`);
  const kind: FanoutKind =
    raw !== '' ? (raw as FanoutKind) : store === 'pglite' ? 'local' : natsUrl ? 'nats' : 'postgres';
  if (store === 'pglite' && kind !== 'local')
    throw new Error(
      `FIREBREAK_FANOUT is "${kind}": the embedded store (PGlite) serves one process; use local or a PostgreSQL URL`,
    );
  if (kind === 'nats') return { kind, natsUrl: natsUrl ?? 'nats://127.0.0.1:4222' };
  return { kind };
}
