/**
 * Robustness under one abusive token: the probe's upload (100,000 events with 1,000-character
 * predictions, gzip, about 105 MiB inflated) sent four times at once to a real server on a
 * port, while `/health` is polled every 100 ms. Reports the uploads' answers and times, the
 * slowest `/health` and the process's resident memory. Baseline in the same run: `/health`
 * polled with nothing else going on.
 *
 * `--events 10000` sends the largest batch the limits let through instead (about 10 MiB).
 *
 * Run: npx tsx bench/fuzz-abuse.ts [--uploads 4] [--events 100000]
 * Prints one JSON object.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startServer } from '@firebreak/server';
import pino from 'pino';

const { values } = parseArgs({
  options: { uploads: { type: 'string', default: '4' }, events: { type: 'string', default: '100000' } },
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
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: dir,
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
  const rssAfter = process.memoryUsage().rss;
  await server.close();
  await rm(dir, { recursive: true, force: true });

  console.log(
    JSON.stringify(
      {
        bench: 'fuzz-abuse',
        upload: {
          events: batch.length,
          gzipKiB: Math.round(body.byteLength / 1024),
          inflatedMiB: Number((text.length / MiB).toFixed(1)),
        },
        uploads: results,
        allUploadsMs: allMs,
        healthIdle: summary(idle),
        healthDuringUploads: summary(underLoad),
        rssMiB: { before: Math.round(rssBefore / MiB), after: Math.round(rssAfter / MiB) },
      },
      null,
      2,
    ),
  );
}

await main();
