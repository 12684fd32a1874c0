import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TelemetryEvent } from '@firebreak/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from './production/generate';
import { runProductionSuite } from './production-suite';

const SMALL = { seed: 3, days: 2, scale: 0.05 };
const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'firebreak-production-test-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

// Detection quality is not asserted here: the engine is being changed (issue 10). This checks the pipeline.
describe('production telemetry suite (bench/production-suite.ts, a tiny seeded run)', () => {
  it('generates the same bytes from the same seed, and different ones from another', () => {
    const [a, b, c] = [fresh(), fresh(), fresh()];
    generate(SMALL, a);
    generate(SMALL, b);
    generate({ ...SMALL, seed: 4 }, c);
    expect(hash(join(a, 'telemetry.ndjson'))).toBe(hash(join(b, 'telemetry.ndjson')));
    expect(hash(join(a, 'manifest.json'))).toBe(hash(join(b, 'manifest.json')));
    expect(hash(join(a, 'telemetry.ndjson'))).not.toBe(hash(join(c, 'telemetry.ndjson')));
  });

  it('writes contract-valid events sorted by ts, no zero-tolerance flag outside a failure, and its failures', () => {
    const dir = fresh();
    const manifest = generate(SMALL, dir);
    const lines = readFileSync(join(dir, 'telemetry.ndjson'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(manifest.total);
    let last = 0;
    const invalid: string[] = [];
    const leaks: string[] = [];
    const pii = manifest.failures.find((f) => f.signals.includes('flag:pii'));
    for (const line of lines) {
      const parsed = TelemetryEvent.safeParse(JSON.parse(line));
      if (!parsed.success) {
        invalid.push(line);
        continue;
      }
      const ts = Date.parse(parsed.data.ts);
      expect(ts).toBeGreaterThanOrEqual(last);
      last = ts;
      if (parsed.data.flags?.pii || parsed.data.flags?.secret) {
        const inside = pii && ts >= Date.parse(pii.onset) && ts < Date.parse(pii.end);
        if (!inside || parsed.data.segment?.tenant !== pii.segment?.tenant) leaks.push(line);
      }
    }
    expect(invalid).toEqual([]);
    expect(leaks).toEqual([]);
    expect(manifest.cleanDays).toBe(1);
    expect(manifest.failures.length).toBeGreaterThan(0);
    expect(manifest.systems.every((s) => manifest.events[s] && Object.keys(manifest.events[s]!).length > 0)).toBe(true);
  });

  it('runs end to end: generate, replay through the CLI, score', async () => {
    // Restored after: test files share a worker's process (isolate is off, see vitest.config.ts).
    const before = process.env.FIREBREAK_CLI_SOURCE;
    process.env.FIREBREAK_CLI_SOURCE = '1';
    let result: Awaited<ReturnType<typeof runProductionSuite>>;
    try {
      result = await runProductionSuite({ ...SMALL, dir: fresh() });
    } finally {
      if (before === undefined) delete process.env.FIREBREAK_CLI_SOURCE;
      else process.env.FIREBREAK_CLI_SOURCE = before;
    }
    expect(result.replay.cli).toMatch(new RegExp(`^${result.events} events replayed, 0 rejected`));
    expect(result.failures.map((f) => f.id)).toEqual(expect.arrayContaining(['F01-hallucination-prompt']));
    expect(Object.keys(result.falseAlerts).sort()).toEqual(
      ['all', 'fraud-risk', 'hiring-screen', 'rag-search', 'support-copilot'].sort(),
    );
  }, 120_000);
});
