import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('./outbox-crash.ts', import.meta.url));

interface OutboxRun {
  complete: boolean;
  atKill: { delivering: number; delivered: number };
  afterRestart: { delivered: number; pending: number; delivering: number; failed: number };
  uniqueKeys: number;
  missing: number;
  duplicates: number;
}

/** Runs bench/outbox-crash.ts in a child (it starts and kills servers of its own); its exit code and JSON. */
function outboxCrash(args: string[]): Promise<{ code: number; runs: OutboxRun[] }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', SCRIPT, ...args], (error, stdout, stderr) => {
      const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
      try {
        resolve({ code, runs: (JSON.parse(stdout) as { runs: OutboxRun[] }).runs });
      } catch {
        reject(new Error(`outbox-crash.ts exited ${code} without its JSON: ${stderr.slice(-2000)}`));
      }
    });
  });
}

// A smaller run than the benchmark's (200 notifications, on the store that starts fastest): a
// server killed mid-delivery and restarted, about 20 s on a loaded machine. The lease is longer
// than the benchmark's so that a delivery slowed by the machine's load never outlives it, which
// would repeat it without any kill.
describe('the notification outbox under kill -9 (bench/outbox-crash.ts, one short run)', () => {
  const store = process.env.FIREBREAK_TEST_SKIP_POSTGRES === '1' ? 'pglite' : 'postgres';
  it(`delivers every queued notification after a kill mid-delivery on ${store}, repeating at most those in flight`, async () => {
    const { code, runs } = await outboxCrash([
      '--notifications',
      '200',
      '--kill-at',
      '60',
      '--lease-ms',
      '5000',
      '--store',
      store,
    ]);
    const [run] = runs;
    expect(run!.atKill.delivered).toBeLessThan(200); // the kill landed mid-delivery
    expect({
      code,
      complete: run!.complete,
      uniqueKeys: run!.uniqueKeys,
      missing: run!.missing,
      delivered: run!.afterRestart.delivered,
    }).toEqual({ code: 0, complete: true, uniqueKeys: 200, missing: 0, delivered: 200 });
    // Only rows the dead process held can arrive twice, and it held at most its concurrency.
    expect(run!.duplicates).toBeLessThanOrEqual(run!.atKill.delivering);
    expect(run!.atKill.delivering).toBeLessThanOrEqual(8);
  }, 180_000);
});
