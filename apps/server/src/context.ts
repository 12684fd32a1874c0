import type { TokenRole } from '@firebreak/contract';
import type { Logger } from 'pino';
import type { Tx } from './db/connect';
import type { EventBus } from './events/bus';
import type { NotifyConfig } from './notifications/plan';

/** Who is acting: the holder of the API token, or a named system actor (the demo seed, a rule). */
export interface Actor {
  name: string;
  role: TokenRole;
  tokenId: string | null;
  /** The systems an app token speaks for (docs/adr/0014); null or absent: not scoped. */
  systems?: readonly string[] | null;
}

/** What every service receives first: the store, who acts, the clock, the log, the request. */
export interface Ctx {
  /** The store, or the transaction a caller is already in (nested changes become savepoints). */
  db: Tx;
  actor: Actor;
  now: () => Date;
  log: Logger;
  requestId: string;
  /** Where committed changes are announced (live timelines, SDK subscribers). */
  events: Pick<EventBus, 'publish'>;
  /**
   * Where notification links point and which channels can deliver: present on a server that
   * notifies people. Without it, changes queue no notifications (most tests).
   */
  notify?: NotifyConfig | undefined;
}

/**
 * The context of work nobody asked for at the moment it happens (an expiry, an escalation, a
 * delivery record, an acknowledgement from a link): a named actor without a token.
 */
export function systemCtx(options: {
  db: Tx;
  log: Logger;
  events: Pick<EventBus, 'publish'>;
  now: () => Date;
  actor: string;
  role?: TokenRole;
  requestId: string;
  notify?: NotifyConfig | undefined;
}): Ctx {
  return {
    db: options.db,
    actor: { name: options.actor, role: options.role ?? 'admin', tokenId: null },
    now: options.now,
    log: options.log,
    requestId: options.requestId,
    events: options.events,
    notify: options.notify,
  };
}
