import type { Logger } from 'pino';
import { type Fanout, type FanoutKind, fanoutSettings, LocalFanout } from './fanout';
import { NatsFanout } from './nats-fanout';
import { PostgresFanout } from './pg-fanout-store';

export interface ScaleOutOptions {
  /** FIREBREAK_FANOUT when not given; see fanoutSettings for the default. */
  fanout?: FanoutKind;
  /** FIREBREAK_NATS_URL when not given. */
  natsUrl?: string;
  /** The NOTIFY channel, or with NATS the subject prefix (tests give each run its own). */
  channel?: string;
  /** How often the control feed re-reads the store anyway with another replica about (5 s). */
  checkEveryMs?: number;
  /** How often a follower tries for leadership (2 s). */
  leaderEveryMs?: number;
}

/** The fanout the settings (or the environment) ask for. */
export function openFanout(
  store: 'pglite' | 'postgres',
  databaseUrl: string | undefined,
  options: ScaleOutOptions,
  log: Logger,
): Fanout {
  const settings = fanoutSettings(store, {
    FIREBREAK_FANOUT: options.fanout ?? process.env.FIREBREAK_FANOUT,
    FIREBREAK_NATS_URL: options.natsUrl ?? process.env.FIREBREAK_NATS_URL,
  });
  if (settings.kind === 'postgres' && databaseUrl)
    return new PostgresFanout({ databaseUrl, log, ...(options.channel ? { channel: options.channel } : {}) });
  if (settings.kind === 'nats' && settings.natsUrl)
    return new NatsFanout({
      url: settings.natsUrl,
      log,
      ...(options.channel ? { subject: `${options.channel}.events` } : {}),
    });
  return new LocalFanout();
}
