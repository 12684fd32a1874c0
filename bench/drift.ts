/**
 * Drift statistics on 1M reference vs 1M current values, ours (packages/detection/src/stats) and
 * scipy's (bench/drift.py) on the same bytes in the same run: KS (shifted data, and a second
 * draw of the reference distribution so the p-value is not 0), PSI and chi-square on the
 * reference deciles, Wasserstein, and everything driftTest reports at once. Each side runs each
 * case once (reported as *_first_ms: ours then includes V8 compiling the code), then 5 times,
 * and the median of those counts; Python times itself, so its start-up is excluded. Prints one
 * JSON line per case: { case, ours_ms, scipy_ms, ratio, values_match, ours, scipy, … }.
 *
 * Run: npx tsx bench/drift.ts [--n 1000000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gaussian, mulberry32, stats } from '@firebreak/detection';

const { binCounts, chiSquareContingency, driftTest, ks2samp, numericPsi, quantileEdges, wasserstein } = stats;

const { values } = parseArgs({ options: { n: { type: 'string', default: '1000000' } } });
const n = Number(values.n);
const random = mulberry32(1234);
const draw = (shift: number, scale: number) => {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = shift + scale * gaussian(random);
  return out;
};
const reference = draw(0, 1);
const current = draw(0.05, 1.1);
const steady = draw(0, 1);

/** The first run on its own (it includes compiling), then the median of five more. */
function timed(run: () => number[]): { ms: number; firstMs: number; value: number[] } {
  const runs: { ms: number; value: number[] }[] = [];
  for (let i = 0; i < 6; i++) {
    const start = performance.now();
    const value = run();
    runs.push({ ms: performance.now() - start, value });
  }
  const first = runs.shift()!;
  return { ...runs.sort((a, b) => a.ms - b.ms)[2]!, firstMs: first.ms };
}

const ks = (a: Float64Array, b: Float64Array) => {
  const result = ks2samp(a, b);
  return [result.statistic, result.pValue];
};
const chiSquare = () => {
  const edges = quantileEdges(reference, 10);
  const test = chiSquareContingency([binCounts(reference, edges), binCounts(current, edges)]);
  return [test.statistic, test.pValue];
};
const suite = () => {
  const r = driftTest(reference, current, { kind: 'numeric' });
  return [r.statistic, r.pValue, r.psi, r.jensenShannon, r.wasserstein ?? Number.NaN];
};
const ours: Record<string, { ms: number; firstMs: number; value: number[] }> = {
  ks_2samp: timed(() => ks(reference, current)),
  ks_2samp_no_drift: timed(() => ks(reference, steady)),
  psi_deciles: timed(() => [numericPsi(reference, current).psi]),
  wasserstein_distance: timed(() => [wasserstein(reference, current)]),
  chi2_contingency_deciles: timed(chiSquare),
  drift_test_numeric: timed(suite),
};

/** The tests' criterion (stats/agreement.ts): relative 1e-9, absolute below 1e-300. */
const agree = (a: number, b: number) =>
  a === b || (Math.abs(b) <= 1e-300 ? Math.abs(a - b) <= 1e-300 : Math.abs(a - b) <= 1e-9 * Math.abs(b));

const folder = mkdtempSync(join(tmpdir(), 'firebreak-drift-'));
try {
  for (const [name, data] of [
    ['reference', reference],
    ['current', current],
    ['steady', steady],
  ] as const) {
    writeFileSync(join(folder, `${name}.bin`), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  const script = fileURLToPath(new URL('./drift.py', import.meta.url));
  const python = spawnSync('python3', [script, folder], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (python.status !== 0) throw new Error(python.stderr);
  const scipy = JSON.parse(python.stdout) as Record<string, { ms: number; first_ms: number; value: number[] }> & {
    scipy: string;
  };
  for (const [name, mine] of Object.entries(ours)) {
    const theirs = scipy[name]!;
    console.log(
      JSON.stringify({
        case: name,
        ours_ms: Math.round(mine.ms),
        scipy_ms: Math.round(theirs.ms),
        ratio: Number((mine.ms / theirs.ms).toFixed(2)),
        ours_first_ms: Math.round(mine.firstMs),
        scipy_first_ms: Math.round(theirs.first_ms),
        values_match: mine.value.every((v, i) => agree(v, theirs.value[i]!)),
        ours: mine.value,
        scipy: theirs.value,
        n,
        scipy_version: scipy.scipy,
      }),
    );
  }
} finally {
  rmSync(folder, { recursive: true, force: true });
}
