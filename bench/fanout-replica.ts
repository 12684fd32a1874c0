/**
 * One API replica for bench/fanout.ts, in its own process: startServer on the given PostgreSQL
 * database with the given fanout; prints `{"url":…}` once it listens and runs until killed.
 *
 * Run by bench/fanout.ts: node --import tsx bench/fanout-replica.ts --database-url URL
 *   --fanout local|postgres|nats --channel NAME --token TOKEN --data-dir DIR [--nats-url URL]
 */
import { parseArgs } from 'node:util';
import { startServer } from '@firebreak/server';
import pino from 'pino';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    fanout: { type: 'string', default: 'postgres' },
    channel: { type: 'string', default: 'firebreak_bench' },
    token: { type: 'string' },
    'data-dir': { type: 'string' },
    'nats-url': { type: 'string', default: 'nats://127.0.0.1:4222' },
  },
});
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  databaseUrl: values['database-url']!,
  dataDir: values['data-dir']!,
  adminToken: values.token!,
  logger: pino({ level: 'warn' }),
  rateLimits: false,
  scaleOut: {
    fanout: values.fanout as 'local' | 'postgres' | 'nats',
    natsUrl: values['nats-url']!,
    channel: values.channel!,
  },
});
process.stdout.write(`${JSON.stringify({ url: server.url, fanout: server.fanout })}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
