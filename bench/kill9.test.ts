import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('./kill9.ts', import.meta.url));
const SMALL = [
  '--runs',
  '1',
  '--seed',
  '7',
  '--kill-after',
  '1000-2000',
  '--telemetry-writers',
  '2',
  '--incident-writers',
  '1',
];

interface Kill9Run {
  telemetry: { acknowledged: number; lost: number };
  incidentWrites: { acknowledged: number; lost: number };
  timelines: { verified: number; broken: number };
  storeVerify: { intact: boolean };
}

/** Runs bench/kill9.ts in a child (it starts and kills servers of its own); its exit code and JSON. */
function kill9(args: string[]): Promise<{ code: number; runs: Kill9Run[] }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', SCRIPT, ...args],
      { maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        try {
          resolve({ code, runs: (JSON.parse(stdout) as { runs: Kill9Run[] }).runs });
        } catch {
          reject(new Error(`kill9.ts exited ${code} without its JSON: ${stderr.slice(-2000)}`));
        }
      },
    );
  });
}

// Slow by nature (server starts, a kill, a restart on PGlite): minutes on a loaded machine.
describe('durability under kill -9 (bench/kill9.ts, one short seeded run)', () => {
  it('keeps every acknowledged telemetry event and incident write on PGlite, with timelines intact', async () => {
    const { code, runs } = await kill9([...SMALL, '--store', 'pglite']);
    const [run] = runs;
    expect(run!.telemetry.acknowledged).toBeGreaterThan(0);
    expect(run!.incidentWrites.acknowledged).toBeGreaterThan(0);
    expect({
      eventsLost: run!.telemetry.lost,
      writesLost: run!.incidentWrites.lost,
      broken: run!.timelines.broken,
      intact: run!.storeVerify.intact,
      code,
    }).toEqual({ eventsLost: 0, writesLost: 0, broken: 0, intact: true, code: 0 });
  }, 300_000);

  it('reports a loss and exits non-zero when acknowledged writes are deleted behind the server', async () => {
    const store = process.env.FIREBREAK_TEST_SKIP_POSTGRES === '1' ? 'pglite' : 'postgres';
    const { code, runs } = await kill9([...SMALL, '--store', store, '--sabotage']);
    expect(code).toBe(1);
    expect(runs[0]!.telemetry.lost).toBeGreaterThan(0);
    expect(runs[0]!.incidentWrites.lost).toBeGreaterThan(0);
  }, 300_000);
});
