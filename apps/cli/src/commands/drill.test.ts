import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILTIN_SCENARIO_IDS, builtinScenarioUrl } from '@firebreak/core';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../io';
import { run } from '../main';

async function cli(argv: string[]) {
  const io = memoryIo({ env: {} });
  const code = await run(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const LEAK = readFileSync(builtinScenarioUrl('copilot-retrieval-pii-leak'), 'utf8');

describe('firebreak drill', () => {
  it('validates good files and exits 0', async () => {
    const file = builtinScenarioUrl('fraud-backdoored-model').pathname;
    const result = await cli(['drill', 'validate', file]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`${file}: valid (fraud-backdoored-model)\n`);
  });

  it('prints file:line: field: message for each mistake and exits 1', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'drill-'));
    const bad = join(dir, 'bad.yaml');
    await writeFile(
      bad,
      LEAK.replace('  rate: 20\n', '  rate: 5000\n').replace('kind: privacy_leak\n', 'kind: leak\n'),
    );
    const missing = join(dir, 'missing.yaml');
    const result = await cli(['drill', 'validate', bad, missing]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toContain(
      `${bad}:${LEAK.split('\n').indexOf('  rate: 20') + 1}: telemetry.rate: at most 1000 events per minute`,
    );
    expect(
      lines.some((line) => line.startsWith(`${bad}:${LEAK.split('\n').indexOf('kind: privacy_leak') + 1}: kind: `)),
    ).toBe(true);
    expect(lines).toContain(`${missing}: cannot read the file: no such file`);
    const json = await cli(['drill', 'validate', bad, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: false, files: [{ file: bad, valid: false }] });
  });

  it('lists the built-in library', async () => {
    const result = await cli(['drill', 'list', '--json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as { id: string; kind: string; system: string }[];
    expect(rows.map((row) => row.id)).toEqual([...BUILTIN_SCENARIO_IDS]);
    expect(rows.find((row) => row.id === 'fraud-model-extraction')).toMatchObject({
      kind: 'model_extraction',
      system: 'fraud-model',
    });
    const text = await cli(['drill', 'list']);
    expect(text.stdout.split('\n')[0]).toMatch(/^ID\s+KIND\s+SYSTEM\s+TITLE/);
  });
});
