import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run } from '../main';

const CONFIG = `version: 1
systems:
  - id: support-copilot
    name: Support copilot
    owner: support-ai
    model: { name: gpt-4.1, version: "2025-04-14" }
    riskTier: limited
    monitors:
      - { id: pii-in-answers, signal: "flag:pii", detector: zero_tolerance, owner: privacy-oncall }
rules:
  - id: pii-leak
    when: { signal: "flag:pii", level: page }
    then: { type: privacy_leak, severity: P0, declare: true }
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'firebreak-detect-'));
  await writeFile(join(dir, 'firebreak.yaml'), CONFIG);
  const lines = Array.from({ length: 30 }, (_, m) =>
    JSON.stringify({
      system: 'support-copilot',
      ts: new Date(Date.UTC(2026, 10, 24, 9, m)).toISOString(),
      id: `a-${m}`,
      flags: { pii: m === 12 },
    }),
  );
  lines.splice(3, 0, '{"system":"support-copilot","ts":"2026-11-24T09:03:00Z","confidence":7}', '{oops');
  await writeFile(join(dir, 'telemetry.ndjson'), `${lines.join('\n')}\n`);
});

async function detect(...args: string[]) {
  const io = memoryIo();
  const code = await run(['detect', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('firebreak detect', () => {
  it('replays telemetry through the configured monitors and rules, printing alerts as NDJSON', async () => {
    const result = await detect('--config', join(dir, 'firebreak.yaml'), '--input', join(dir, 'telemetry.ndjson'));
    expect(result.code).toBe(0);
    const alerts = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(alerts).toEqual([
      expect.objectContaining({
        system: 'support-copilot',
        monitor: 'pii-in-answers',
        signal: 'flag:pii',
        level: 'page',
        at: '2026-11-24T09:15:00.000Z',
        onset: '2026-11-24T09:12:00.000Z',
        value: 1,
        threshold: 1,
        owner: 'privacy-oncall',
        triage: { rule: 'pii-leak', type: 'privacy_leak', severity: 'SEV1', declare: true },
      }),
    ]);
  });

  it('reports each invalid line with its number and field, and goes on', async () => {
    const result = await detect('--config', join(dir, 'firebreak.yaml'), '--input', join(dir, 'telemetry.ndjson'));
    expect(result.stderr).toContain('telemetry.ndjson:4: confidence: must be between 0 and 1');
    expect(result.stderr).toContain('telemetry.ndjson:5: (line): not valid JSON');
    expect(result.stderr).toContain('30 events replayed, 2 rejected, 1 alerts');
  });

  it('needs an input it can read', async () => {
    expect((await detect()).code).toBe(2);
    const missing = await detect('--input', join(dir, 'missing.ndjson'));
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file') });
  });
});

describe('firebreak detect --series', () => {
  it('prints timestamp,value,anomaly_score for every row', async () => {
    const rows = [
      'timestamp,value',
      ...Array.from(
        { length: 50 },
        (_, i) => `2014-07-01 00:${String(i).padStart(2, '0')}:00,${i < 40 ? 10 + (i % 3) : 40}`,
      ),
    ];
    await writeFile(join(dir, 'series.csv'), `${rows.join('\n')}\n`);
    const result = await detect('--series', join(dir, 'series.csv'), '--detector', 'shewhart');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('timestamp,value,anomaly_score');
    expect(lines).toHaveLength(51);
    expect(lines[1]).toMatch(/^2014-07-01 00:00:00,10,0\.000000$/);
    expect(Number(lines[50]!.split(',')[2])).toBeGreaterThan(0.5);
  });

  it('scores with the novelty_resonance_change detector by default: 0 while it learns, 1 on a value far beyond its range', async () => {
    const result = await detect('--series', join(dir, 'series.csv'));
    expect(result.code).toBe(0);
    const scores = result.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[2]));
    // 50 rows: it learns from the first 7 (15%), as NAB's detectors do.
    expect(scores.slice(0, 7)).toEqual(Array(7).fill(0));
    expect(scores[40]).toBe(1);
    expect(scores.every((score) => score >= 0 && score <= 1)).toBe(true);
  });

  it.each(['novelty_resonance', 'novelty', 'windowed_gaussian', 'ewma', 'cusum'])(
    'runs --detector %s',
    async (name) => {
      const result = await detect('--series', join(dir, 'series.csv'), '--detector', name);
      expect(result.code).toBe(0);
      expect(result.stdout.trim().split('\n')).toHaveLength(51);
    },
  );

  it('lists the series detectors and the default in --help', async () => {
    const help = (await detect('--help')).stdout.replace(/\s+/g, ' ');
    expect(help).toContain(
      'novelty_resonance_change, novelty_resonance, novelty, windowed_gaussian, shewhart, ewma, cusum (default: "novelty_resonance_change")',
    );
  });

  it('names the line of a bad row', async () => {
    await writeFile(join(dir, 'bad.csv'), 'timestamp,value\n2014-07-01 00:00:00,1\n2014-07-01 00:01:00,lots\n');
    const result = await detect('--series', join(dir, 'bad.csv'));
    expect(result).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('bad.csv:3: expected timestamp,value with a number'),
    });
  });
});
