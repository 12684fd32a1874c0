import pino from 'pino';
import type { Ctx } from '../context';
import type { Store } from '../db/connect';
import { EventBus } from '../events/bus';
import { type AppOptions, createApp } from '../http/app';
import { bootstrapAdminToken, createToken } from '../tokens/service';
import type { StoreTarget } from './stores';

export const T0 = new Date('2026-11-24T10:00:00.000Z');
export const ADMIN = 'admin-secret-for-tests';

export interface Harness {
  store: Store;
  events: EventBus;
  app: ReturnType<typeof createApp>;
  tokens: { admin: string; responder: string; viewer: string };
  /** Moves the simulated clock on. */
  advance(ms: number): void;
  now(): Date;
  /** A request with JSON in and out; `token: null` sends none. */
  call(
    method: string,
    path: string,
    options?: { body?: unknown; token?: string | null; raw?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

/** An app on a fresh store of the target kind, with an admin, a responder and a viewer token, on a simulated clock. */
export async function harness(
  target: StoreTarget,
  options: Partial<
    Pick<
      AppOptions,
      | 'maxBodyBytes'
      | 'rateLimits'
      | 'telemetryLimits'
      | 'maxTelemetryDecodedBytes'
      | 'inputBounds'
      | 'detection'
      | 'intake'
      | 'metrics'
      | 'metricsToken'
      | 'telemetryLog'
    >
  > = {},
): Promise<Harness> {
  const store = await target.open();
  let current = T0.getTime();
  const now = () => new Date(current);
  const log = pino({ level: 'silent' });
  await bootstrapAdminToken(store.db, now(), ADMIN);
  const events = new EventBus();
  const adminCtx: Ctx = {
    db: store.db,
    actor: { name: 'admin', role: 'admin', tokenId: null },
    now,
    log,
    requestId: 'test',
    events,
  };
  const responder = await createToken({ ctx: adminCtx, input: { name: 'dana', role: 'responder' } });
  const viewer = await createToken({ ctx: adminCtx, input: { name: 'vic', role: 'viewer' } });
  const app = createApp({ db: store.db, log, now, store: store.kind, version: 'test', events, ...options });
  return {
    store,
    events,
    app,
    tokens: { admin: ADMIN, responder: responder.token, viewer: viewer.token },
    advance: (ms) => {
      current += ms;
    },
    now,
    async call(method, path, { body, token, raw, headers = {} } = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      const h = init.headers as Record<string, string>;
      const bearer = token === undefined ? responder.token : token;
      if (bearer !== null) h.authorization = `Bearer ${bearer}`;
      if (body !== undefined || raw !== undefined) {
        h['content-type'] ??= 'application/json';
        init.body = raw ?? JSON.stringify(body);
      }
      const response = await app.request(path, init);
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: leave the text
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    close: () => store.close(),
  };
}

export const declareBody = (overrides: Record<string, unknown> = {}) => ({
  title: 'PII in copilot answers',
  type: 'privacy_leak',
  severity: 'SEV1',
  systems: ['support-copilot'],
  ...overrides,
});
