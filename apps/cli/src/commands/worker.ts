import type { Command } from 'commander';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';
import * as parse from '../validate';
import { listenForSignals, natsOptions, type StopSignal } from './serve';

interface WorkerCliOptions {
  databaseUrl?: string;
  nats?: string;
  partitions?: number;
  leaseMs?: number;
  id?: string;
  metricsPort?: number;
  metricsHost: string;
}

/** `firebreak worker`: a detection worker of the scaled-out layout, until SIGINT or SIGTERM (ADR 42). */
export function registerWorker(program: Command, io: CliIo, listenForStop: () => StopSignal = listenForSignals): void {
  program
    .command('worker')
    .description(
      'Run a detection worker: takes its share of the telemetry stream’s partitions (needs PostgreSQL and NATS)',
    )
    .option('--database-url <url>', 'PostgreSQL URL (env DATABASE_URL); required')
    .option('--nats <url>', 'NATS server with JetStream (env FIREBREAK_NATS_URL, default nats://127.0.0.1:4222)')
    .option(
      '--partitions <n>',
      'partitions of the telemetry stream (env FIREBREAK_PARTITIONS, default 16)',
      parse.integer(1, 1024),
    )
    .option(
      '--lease-ms <ms>',
      'how long a partition stays held without renewal (default 6000)',
      parse.integer(500, 600_000),
    )
    .option('--id <name>', 'this worker’s name in the leases (default host-pid-random)')
    .option(
      '--metrics-port <port>',
      'serve /metrics, /healthz and /readyz on this port (env FIREBREAK_METRICS_PORT; none unless set)',
      parse.integer(1, 65_535),
    )
    .option('--metrics-host <host>', 'address the metrics port listens on', '127.0.0.1')
    .addHelpText(
      'after',
      `
Workers share the partitions of the telemetry stream through leases in PostgreSQL: each takes
at most its fair share, checkpoints its engines there, and takes over a dead worker's
partitions from their last checkpoint once its lease runs out. API replicas are started with
\`firebreak serve --nats\`. See docs/scale-out.md.

The stream keeps telemetry for FIREBREAK_NATS_MAX_AGE (default 7d; give every process the same
value): a partition no worker reads for longer loses its oldest unread telemetry.

A NATS server that wants a login takes FIREBREAK_NATS_USER and FIREBREAK_NATS_PASSWORD,
FIREBREAK_NATS_TOKEN or FIREBREAK_NATS_CREDS (a .creds file); FIREBREAK_NATS_TLS_CA (and
FIREBREAK_NATS_TLS_CERT with FIREBREAK_NATS_TLS_KEY for mutual TLS) for TLS.

With --metrics-port, Prometheus can scrape the worker: partitions held, events read and
processed, detection lag per partition, lease renewals and losses. Set FIREBREAK_METRICS_TOKEN
to make /metrics want it as a bearer token, as the server does.

Examples:
  $ firebreak worker --database-url postgres://127.0.0.1/firebreak --nats nats://127.0.0.1:4222
  $ DATABASE_URL=postgres://db/firebreak FIREBREAK_NATS_URL=nats://nats:4222 firebreak worker --lease-ms 10000
  $ firebreak worker --database-url postgres://127.0.0.1/firebreak --metrics-port 9464
  $ curl -s http://127.0.0.1:9464/metrics | grep firebreak_detection_lag_events`,
    )
    .action(async (options: WorkerCliOptions) => {
      const metricsPort = options.metricsPort ?? metricsPortFromEnv(io.env.FIREBREAK_METRICS_PORT);
      const databaseUrl = options.databaseUrl ?? io.env.DATABASE_URL;
      if (!databaseUrl)
        throw new UsageError('--database-url (or DATABASE_URL) is required: workers checkpoint in PostgreSQL');
      const nats = natsOptions(
        options.nats ?? io.env.FIREBREAK_NATS_URL ?? 'nats://127.0.0.1:4222',
        options.partitions,
        io.env.FIREBREAK_PARTITIONS,
        io.env,
      )!;
      let startWorker: typeof import('@firebreak/server').startWorker;
      let redactNatsUrl: typeof import('@firebreak/server').redactNatsUrl;
      try {
        ({ startWorker, redactNatsUrl } = await import('@firebreak/server'));
      } catch (error) {
        throw new CliError(`cannot load the Firebreak server (@firebreak/server): ${(error as Error).message}`);
      }
      const stop = listenForStop();
      let worker: Awaited<ReturnType<typeof startWorker>>;
      try {
        worker = await startWorker({
          databaseUrl,
          nats,
          ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
          ...(options.id ? { id: options.id } : {}),
          ...(metricsPort ? { metrics: { port: metricsPort, host: options.metricsHost } } : {}),
        });
      } catch (error) {
        stop.cancel();
        throw new CliError(`could not start the worker: ${(error as Error).message}`);
      }
      io.out(
        `Detection worker ${worker.id} running (${nats.partitions} partitions on ${redactNatsUrl(nats.url)}). Press Ctrl-C to stop.\n`,
      );
      if (worker.metricsUrl)
        io.out(`Metrics at ${worker.metricsUrl}/metrics, health at ${worker.metricsUrl}/healthz\n`);
      const signal = await stop.signal;
      io.out(`${signal}: checkpointing and releasing partitions…\n`);
      await worker.stop();
      io.out('Stopped.\n');
    });
}

function metricsPortFromEnv(value: string | undefined): number | undefined {
  if (!value) return undefined;
  try {
    return parse.integer(1, 65_535)(value);
  } catch {
    throw new UsageError(`FIREBREAK_METRICS_PORT is "${value}": expected a whole number from 1 to 65535`);
  }
}
