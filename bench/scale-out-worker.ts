/**
 * One detection worker of bench/scale-out.ts, as a child process: `startWorker` on the given
 * database and stream, printing `{"processed":n,"owned":[…]}` every half second so the bench
 * can count each worker's events (it is killed with SIGKILL mid-run, so it cannot report at the end).
 *
 * Run: node --import tsx bench/scale-out-worker.ts <database-url> <nats-options-json> <id>
 */
import { startWorker } from '@firebreak/server';
import pino from 'pino';

const [databaseUrl, natsJson, id] = process.argv.slice(2);
const worker = await startWorker({
  databaseUrl: databaseUrl!,
  nats: JSON.parse(natsJson!),
  id: id!,
  leaseMs: Number(process.env.BENCH_LEASE_MS ?? 3_000),
  logger: pino({ level: 'warn' }),
});
const report = () =>
  process.stdout.write(`${JSON.stringify({ id: worker.id, processed: worker.processed(), owned: worker.owned() })}\n`);
const timer = setInterval(report, 500);
process.on('SIGTERM', async () => {
  clearInterval(timer);
  await worker.stop();
  report();
  process.exit(0);
});
