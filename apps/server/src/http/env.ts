import type { Logger } from 'pino';
import type { Actor, Ctx } from '../context';

/** What middleware puts on each request for the routes. */
export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    actor: Actor;
    ctx: Ctx;
  };
}
