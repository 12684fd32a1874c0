import type { Logger } from 'pino';
import { systemCtx } from '../context';
import type { Db } from '../db/connect';
import type { EventBus } from '../events/bus';
import { CANARY_ACTOR, runCanaries } from './runner';
import { runShadows, SHADOW_ACTOR } from './shadow';

/**
 * Runs the canaries, then the shadow runs, every `everyMs` (default 30 s) on the server's clock. Returns how to stop
 * and how to run a pass at once.
 */
export function scheduleCanaries(options: {
  db: Db;
  log: Logger;
  events: EventBus;
  now: () => Date;
  everyMs?: number;
}): { stop(): void; wake(): void } {
  const every = options.everyMs ?? 30_000;
  const ctx = systemCtx({ ...options, actor: CANARY_ACTOR, requestId: 'canary' });
  const shadowCtx = systemCtx({ ...options, actor: SHADOW_ACTOR, requestId: 'shadow' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running = false;
  const run = async () => {
    if (running || stopped) return;
    running = true;
    clearTimeout(timer);
    try {
      await runCanaries(ctx);
    } catch (error) {
      options.log.error({ err: error }, 'canary pass failed; retrying');
    }
    try {
      await runShadows(shadowCtx);
    } catch (error) {
      options.log.error({ err: error }, 'shadow pass failed; retrying');
    }
    running = false;
    if (!stopped) {
      timer = setTimeout(run, every);
      timer.unref();
    }
  };
  timer = setTimeout(run, every);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    wake: () => void run(),
  };
}
