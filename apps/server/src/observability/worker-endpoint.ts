import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { Db } from '../db/connect';
import type { AppEnv } from '../http/env';
import { handleError } from '../http/errors';
import { VERSION } from '../version';
import { observabilityRoutes } from './routes';

export interface WorkerEndpointOptions {
  db: Db;
  registry: Registry;
  port: number;
  host: string;
  /** The bearer token `/metrics` wants, as on the server (FIREBREAK_METRICS_TOKEN); open when unset. */
  metricsToken?: string | undefined;
}

export interface WorkerEndpoint {
  url: string;
  close(): Promise<void>;
}

/**
 * A detection worker's HTTP port: the server's `/healthz`, `/readyz` (database and migrations)
 * and `/metrics` (the worker's registry), and nothing else. A worker serves no API.
 */
export function serveWorkerEndpoint(options: WorkerEndpointOptions): Promise<WorkerEndpoint> {
  const app = new Hono<AppEnv>();
  app.route(
    '/',
    observabilityRoutes({
      db: options.db,
      metrics: { registry: options.registry },
      version: VERSION,
      metricsToken: options.metricsToken,
    }),
  );
  app.onError(handleError);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${options.host}:${options.port}`;
      const reason = error.code === 'EADDRINUSE' ? `${where} is already in use` : `${where}: ${error.message}`;
      reject(new Error(`cannot serve worker metrics: ${reason}`, { cause: error }));
    });
    server.once('listening', () => {
      const { port } = server.address() as AddressInfo;
      const host = options.host.includes(':') ? `[${options.host}]` : options.host;
      resolve({
        url: `http://${host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
          }),
      });
    });
  });
}
