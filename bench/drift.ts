/**
 * Drift statistics on 1M reference vs 1M current values, ours and scipy's on the same data in
 * the same run: the Wasserstein distance, and the chi-square test with PSI on decile bins (the
 * drift detector's test). Each side runs 3 times; the median counts. Prints one JSON object.
 *
 * Run: npx tsx bench/drift.ts [--n 1000000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gaussian, mulberry32 } from '@firebreak/detection';
import { chiSquareTest, psi, wasserstein } from '../packages/detection/src/engine/significance';

const { values } = parseArgs({ options: { n: { type: 'string', default: '1000000' } } });
const n = Number(values.n);
const random = mulberry32(1234);
const reference = Float64Array.from({ length: n }, () => gaussian(random));
const current = Float64Array.from({ length: n }, () => 0.05 + 1.1 * gaussian(random));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time<T>(run: () => T): { ms: number; value: T } {
  const runs: number[] = [];
  let value!: T;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    value = run();
    runs.push(performance.now() - start);
  }
  return { ms: median(runs), value };
}

function binned(): { chi2: number; p: number; psi: number } {
  const sorted = Float64Array.from(reference).sort();
  const edges = Float64Array.from({ length: 9 }, (_, i) => sorted[Math.floor(((i + 1) * n) / 10)]!);
  const count = (xs: Float64Array) => {
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i]!;
      // Binary search over the nine edges: the first edge greater than x.
      let low = 0;
      let high = 9;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (x >= edges[mid]!) low = mid + 1;
        else high = mid;
      }
      counts[low]! += 1;
    }
    return counts;
  };
  const r = count(reference);
  const c = count(current);
  const test = chiSquareTest([r, c]);
  return { chi2: test.statistic, p: test.pValue, psi: psi(r, c) };
}

const PYTHON = `
import json, sys, time
import numpy as np
import scipy
from scipy import stats
d = sys.argv[1]
ref = np.fromfile(d + '/ref.bin', dtype=np.float64)
cur = np.fromfile(d + '/cur.bin', dtype=np.float64)
def timed(f):
    runs = []
    for _ in range(3):
        t = time.perf_counter(); v = f(); runs.append((time.perf_counter() - t) * 1000)
    return sorted(runs)[1], v
w_ms, w = timed(lambda: stats.wasserstein_distance(ref, cur))
def binned():
    s = np.sort(ref)
    n = len(ref)
    edges = np.array([s[((i + 1) * n) // 10] for i in range(9)])
    r = np.bincount(np.searchsorted(edges, ref, side='right'), minlength=10)
    c = np.bincount(np.searchsorted(edges, cur, side='right'), minlength=10)
    chi2, p, dof, _ = stats.chi2_contingency(np.array([r, c]), correction=False)
    pr = np.maximum(r / r.sum(), 1e-4); pc = np.maximum(c / c.sum(), 1e-4)
    return float(chi2), float(p), float(np.sum((pc - pr) * np.log(pc / pr)))
b_ms, (chi2, p, psi) = timed(binned)
print(json.dumps({"scipy": scipy.__version__, "wasserstein": {"ms": w_ms, "value": float(w)}, "binned": {"ms": b_ms, "chi2": chi2, "p": p, "psi": psi}}))
`;

const dir = mkdtempSync(join(tmpdir(), 'firebreak-drift-'));
try {
  writeFileSync(join(dir, 'ref.bin'), Buffer.from(reference.buffer));
  writeFileSync(join(dir, 'cur.bin'), Buffer.from(current.buffer));
  const ours = { wasserstein: time(() => wasserstein(reference as unknown as number[], current as unknown as number[])), binned: time(binned) };
  const python = spawnSync('python3', ['-c', PYTHON, dir], { encoding: 'utf8' });
  if (python.status !== 0) throw new Error(python.stderr);
  const scipy = JSON.parse(python.stdout) as { wasserstein: { ms: number; value: number }; binned: { ms: number; chi2: number; p: number; psi: number }; scipy: string };
  console.log(
    JSON.stringify(
      {
        bench: 'drift',
        n,
        scipy: scipy.scipy,
        wasserstein: { ours_ms: Math.round(ours.wasserstein.ms), scipy_ms: Math.round(scipy.wasserstein.ms), ratio: Number((ours.wasserstein.ms / scipy.wasserstein.ms).toFixed(2)), values_match: Math.abs(ours.wasserstein.value - scipy.wasserstein.value) < 1e-9 },
        chi_square_psi_deciles: { ours_ms: Math.round(ours.binned.ms), scipy_ms: Math.round(scipy.binned.ms), ratio: Number((ours.binned.ms / scipy.binned.ms).toFixed(2)), values_match: Math.abs(ours.binned.value.chi2 - scipy.binned.chi2) < 1e-6 * scipy.binned.chi2 && Math.abs(ours.binned.value.psi - scipy.binned.psi) < 1e-9 },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
