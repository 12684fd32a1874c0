import { resolve } from 'node:path';
import { durationMs } from '@firebreak/core';
import type { RunningServer } from '@firebreak/server';
import type { Command } from 'commander';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';
import * as parse from '../validate';

type StartServer = typeof import('@firebreak/server').startServer;

interface ServeOptions {
  port?: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  demo?: boolean;
  nats?: string;
  partitions?: number;
}

/** `firebreak serve`: runs the API server in this process until SIGINT or SIGTERM. */
export function registerServe(program: Command, io: CliIo, listenForStop: () => StopSignal = listenForSignals): void {
  program
    .command('serve')
    .description('Run the Firebreak server (embedded PGlite unless --database-url is given)')
    .option('--port <port>', 'port to listen on (env PORT, default 7311)', parse.integer(0, 65_535))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data-dir <dir>', 'PGlite data folder, used without a database URL', './.firebreak/data')
    .option('--database-url <url>', 'PostgreSQL URL (env DATABASE_URL)')
    .option('--demo', 'seed demo AI systems and an incident into an empty store')
    .option(
      '--nats <url>',
      'run as an API replica: telemetry to this NATS JetStream, detection left to workers (env FIREBREAK_NATS_URL)',
    )
    .option(
      '--partitions <n>',
      'partitions of the telemetry stream (env FIREBREAK_PARTITIONS, default 16)',
      parse.integer(1, 1024),
    )
    .addHelpText(
      'after',
      `
On first start the server creates an admin token and prints it once. Set
FIREBREAK_ADMIN_TOKEN to choose it instead (for automation). Logs are JSON lines on
stdout; FIREBREAK_LOG_LEVEL=debug adds one per request, =warn keeps only problems.

With --nats, a NATS server that wants a login takes FIREBREAK_NATS_USER and
FIREBREAK_NATS_PASSWORD, FIREBREAK_NATS_TOKEN or FIREBREAK_NATS_CREDS; FIREBREAK_NATS_TLS_CA
(and _TLS_CERT with _TLS_KEY) for TLS. See docs/scale-out.md.

Examples:
  $ firebreak serve --demo
  $ firebreak serve --port 8080 --host 0.0.0.0 --data-dir /var/lib/firebreak
  $ DATABASE_URL=postgres://firebreak@db/firebreak firebreak serve
  $ firebreak serve --database-url postgres://127.0.0.1/firebreak --nats nats://127.0.0.1:4222 --port 7312`,
    )
    .action(async (options: ServeOptions) => {
      const port = options.port ?? portFromEnv(io.env.PORT);
      const databaseUrl = options.databaseUrl ?? io.env.DATABASE_URL ?? undefined;
      const dataDir = resolve(io.cwd(), options.dataDir);
      const nats = natsOptions(
        options.nats ?? io.env.FIREBREAK_NATS_URL,
        options.partitions,
        io.env.FIREBREAK_PARTITIONS,
        io.env,
      );
      if (nats && !databaseUrl)
        throw new UsageError('--nats needs --database-url (or DATABASE_URL): replicas and workers share PostgreSQL');
      const startServer = await loadServer();
      // Listen for signals before anything is printed: a SIGINT that lands between the banner
      // and the handler would otherwise kill the process with the store still open.
      const stop = listenForStop();
      let server: RunningServer;
      try {
        server = await startServer({
          port,
          host: options.host,
          dataDir,
          databaseUrl: databaseUrl || undefined,
          demo: options.demo === true,
          ...(nats ? { nats } : {}),
          adminToken: io.env.FIREBREAK_ADMIN_TOKEN || undefined,
          log: (line) => io.out(`${line}\n`),
        });
      } catch (error) {
        stop.cancel();
        throw new CliError(startFailure(error, options.host, port));
      }
      io.out(banner(server, dataDir).join('\n') + '\n');
      const signal = await stop.signal;
      io.out(`${signal}: shutting down…\n`);
      await server.close();
      io.out('Stopped.\n');
    });
}

/** The JetStream stream settings of an API replica or a worker, or undefined when no NATS URL is set. */
export function natsOptions(
  url: string | undefined,
  partitions: number | undefined,
  partitionsEnv: string | undefined,
  env: Record<string, string | undefined> = {},
): { url: string; partitions: number; maxAgeMs: number; prefix?: string; stream?: string } | undefined {
  if (!url) return undefined;
  let count = partitions;
  if (count === undefined && partitionsEnv) {
    try {
      count = parse.integer(1, 1024)(partitionsEnv);
    } catch {
      throw new UsageError(`FIREBREAK_PARTITIONS is "${partitionsEnv}": expected a whole number from 1 to 1024`);
    }
  }
  return {
    url,
    partitions: count ?? 16,
    maxAgeMs: maxAgeFromEnv(env.FIREBREAK_NATS_MAX_AGE),
    // Another subject prefix and stream name: several groups on one NATS server (the benchmark does).
    ...(env.FIREBREAK_NATS_PREFIX ? { prefix: env.FIREBREAK_NATS_PREFIX } : {}),
    ...(env.FIREBREAK_NATS_STREAM ? { stream: env.FIREBREAK_NATS_STREAM } : {}),
  };
}

const MAX_AGE_BOUNDS_MS = [3_600_000, 365 * 86_400_000] as const;

/** How long the telemetry stream keeps a message: FIREBREAK_NATS_MAX_AGE, 7 days unless set. */
function maxAgeFromEnv(value: string | undefined): number {
  if (!value) return 7 * 86_400_000;
  let ms = 0;
  try {
    ms = durationMs(parse.duration(value));
  } catch {
    // Left at 0: refused below.
  }
  if (ms < MAX_AGE_BOUNDS_MS[0] || ms > MAX_AGE_BOUNDS_MS[1])
    throw new UsageError(
      `FIREBREAK_NATS_MAX_AGE is "${value}": expected a duration from 1h to 365d, such as 7d or 36h`,
    );
  return ms;
}

function portFromEnv(value: string | undefined): number {
  if (!value) return 7311;
  try {
    return parse.integer(0, 65_535)(value);
  } catch {
    throw new UsageError(`PORT is "${value}": expected a whole number from 0 to 65535`);
  }
}

async function loadServer(): Promise<StartServer> {
  try {
    // Loaded only by `serve`, so the other commands start without the server's dependencies.
    return (await import('@firebreak/server')).startServer;
  } catch (error) {
    throw new CliError(`cannot load the Firebreak server (@firebreak/server): ${(error as Error).message}`);
  }
}

/** What the person starting the server needs to see: where it is, and the admin token once. */
export function banner(server: RunningServer, dataDir: string): string[] {
  const store =
    server.store === 'pglite'
      ? `PGlite at ${server.storeLocation ?? dataDir}`
      : `PostgreSQL${server.storeLocation ? ` at ${server.storeLocation}` : ''}`;
  const lines = [`Firebreak listening on ${server.url} (store: ${store})`];
  if (server.demoSeeded) lines.push('Demo data seeded: try  npx firebreak incident list');
  if (server.adminToken) {
    lines.push(
      '',
      ...box([
        `Admin token (shown once, keep it): ${server.adminToken}`,
        '',
        'To use it from this machine:',
        `  export FIREBREAK_URL=${server.url}`,
        `  export FIREBREAK_TOKEN=${server.adminToken}`,
        '  npx firebreak whoami',
      ]),
    );
  } else if (server.adminTokenCreated) {
    lines.push('Admin token created from FIREBREAK_ADMIN_TOKEN.');
  }
  lines.push('Press Ctrl-C to stop.');
  return lines;
}

function box(lines: readonly string[]): string[] {
  const width = Math.max(...lines.map((line) => line.length));
  const rule = '─'.repeat(width + 2);
  return [`┌${rule}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${rule}┘`];
}

/** One line saying why the server did not start, never a stack trace. */
export function startFailure(error: unknown, host: string, port: number): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'EADDRINUSE' || /EADDRINUSE|already in use/i.test(message)) {
    return `port ${port} on ${host} is already in use: stop whatever holds it, or pass --port`;
  }
  if (code === 'EACCES' || /EACCES/.test(message))
    return `no permission to listen on ${host}:${port}: use a port above 1023`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot listen on ${host}: no such local address`;
  return `could not start Firebreak: ${message}`;
}

/**
 * Resolves with the first SIGINT or SIGTERM. A repeat within REPEAT_MS is the same request
 * (a process runner such as foreman forwards the terminal's Ctrl-C, so every process gets it
 * twice at once) and is ignored; a later one means "now": the process exits at once, as a
 * signalled process would (128 + the signal's number).
 */
export interface StopSignal {
  signal: Promise<string>;
  cancel(): void;
}

const REPEAT_MS = 1_000;
const EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

export function listenForSignals(): StopSignal {
  let cancel = () => {};
  const signal = new Promise<string>((done) => {
    const remove = (handler: (name: NodeJS.Signals) => void) => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    };
    const add = (handler: (name: NodeJS.Signals) => void) => {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
    };
    const stop = (name: NodeJS.Signals) => {
      remove(stop);
      const firstAt = Date.now();
      const again = (repeat: NodeJS.Signals) => {
        if (Date.now() - firstAt < REPEAT_MS) return;
        process.stderr.write(`${repeat} again: exiting without finishing the shutdown\n`);
        process.exit(EXIT_CODES[repeat] ?? 1);
      };
      add(again);
      cancel = () => remove(again);
      done(name);
    };
    cancel = () => remove(stop);
    add(stop);
  });
  // Whichever handlers are in place when it is called: before a signal, the first; after, the repeat's.
  return { signal, cancel: () => cancel() };
}
