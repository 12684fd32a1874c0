/**
 * Robustness under one abusive token: the probe's upload (100,000 events with 1,000-character
 * predictions, gzip, about 105 MiB inflated) sent four times at once to a real server on a
 * port, while `/health` is polled every 100 ms. Reports the uploads' answers and times, the
 * slowest `/health` and the process's resident memory. Baseline in the same run: `/health`
 * polled with nothing else going on.
 *
 * `--events 10000` sends the largest batch the limits let through instead (about 10 MiB).
 * After the uploads have answered, `/health` is polled for `--settle` more seconds (default 20),
 * while the detection runtime works through what was accepted.
 *
 * Run: npx tsx bench/fuzz-abuse.ts [--uploads 4] [--events 100000] [--settle 20] [--store pglite|postgres]
 * Prints one JSON object.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startServer } from '@firebreak/server';
import pino from 'pino';
import { freshDatabase } from './postgres';

const { values } = parseArgs({
  options: {
    uploads: { type: 'string', default: '4' },
    events: { type: 'string', default: '100000' },
    settle: { type: 'string', default: '20' },
    store: { type: 'string', default: 'pglite' },
  },
});
const TOKEN = 'abuse-admin-token';
const MiB = 1024 * 1024;

async function pollHealth(url: string, until: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (!until()) {
    const started = performance.now();
    await fetch(`${url}/api/v1/health`).then((r) => r.text());
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return latencies;
}

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    polls: sorted.length,
    p50Ms: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    maxMs: Math.round(sorted.at(-1) ?? 0),
  };
};

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-abuse-'));
  const database = values.store === 'postgres' ? await freshDatabase({ prefix: 'firebreak_abuse' }) : undefined;
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    ...(database ? { databaseUrl: database.url } : { dataDir: dir }),
    adminToken: TOKEN,
    logger: pino({ level: 'silent' }),
  });
  const prediction = 'x'.repeat(1000);
  const batch = Array.from({ length: Number(values.events) }, (_, i) => ({
    system: 'abuse-model',
    ts: '2026-11-24T10:00:00.000Z',
    id: `e-${i}`,
    prediction,
  }));
  const text = JSON.stringify(batch);
  const body = gzipSync(text);

  const idleEnd = Date.now() + 2_000;
  const idle = await pollHealth(server.url, () => Date.now() > idleEnd);
  const rssBefore = process.memoryUsage().rss;

  // The longest the server's event loop was blocked, from the uploads to the end of the settle time.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let done = false;
  const uploadsStarted = performance.now();
  const uploads = Promise.all(
    Array.from({ length: Number(values.uploads) }, async () => {
      const started = performance.now();
      const response = await fetch(`${server.url}/api/v1/telemetry`, {
        method: 'POST',
        body,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
          'content-encoding': 'gzip',
        },
      });
      const answer = (await response.json()) as { error?: { message?: string } };
      return { status: response.status, ms: Math.round(performance.now() - started), message: answer.error?.message };
    }),
  ).finally(() => {
    done = true;
  });
  const [results, underLoad] = await Promise.all([uploads, pollHealth(server.url, () => done)]);
  const allMs = Math.round(performance.now() - uploadsStarted);
  const settleEnd = Date.now() + Number(values.settle) * 1000;
  const afterUploads = await pollHealth(server.url, () => Date.now() > settleEnd);
  loopDelay.disable();
  const rssAfter = process.memoryUsage().rss;
  await server.close();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });

  console.log(
    JSON.stringify(
      {
        bench: 'fuzz-abuse',
        store: values.store,
        upload: {
          events: batch.length,
          gzipKiB: Math.round(body.byteLength / 1024),
          inflatedMiB: Number((text.length / MiB).toFixed(1)),
        },
        uploads: results,
        allUploadsMs: allMs,
        healthIdle: summary(idle),
        healthDuringUploads: summary(underLoad),
        healthAfterUploads: { seconds: Number(values.settle), ...summary(afterUploads) },
        eventLoopBlockedMs: { max: Math.round(loopDelay.max / 1e6), p99: Math.round(loopDelay.percentile(99) / 1e6) },
        rssMiB: { before: Math.round(rssBefore / MiB), after: Math.round(rssAfter / MiB) },
      },
      null,
      2,
    ),
  );
}

await main();
