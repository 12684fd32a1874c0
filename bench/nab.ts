/**
 * NAB: scores detectors on the Numenta Anomaly Benchmark corpus (../shared/bench-data/nab) with
 * our implementation of NAB's scoring, beside NAB's published scores. Prints one JSON object.
 *
 * Run: npx tsx bench/nab.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scoreSeries } from '@firebreak/detection';
import { type NabFile, PROFILES, scoreCorpus } from '../packages/detection/src/benchmarks/nab';
import { windowedGaussianScores } from '../packages/detection/src/benchmarks/windowed-gaussian';

const root = fileURLToPath(new URL('../../shared/bench-data/nab/', import.meta.url));
const windows = JSON.parse(readFileSync(`${root}labels/combined_windows.json`, 'utf8')) as Record<string, Array<[string, string]>>;
const published = JSON.parse(readFileSync(`${root}published_final_results.json`, 'utf8')) as Record<string, Record<string, number>>;
const parse = (t: string) => Date.parse(`${t.slice(0, 19).replace(' ', 'T')}Z`);

const series = Object.keys(windows).map((name) => {
  const rows = readFileSync(`${root}data/${name}`, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  return { name, timestamps: rows.map((r) => parse(r[0]!)), raw: rows.map((r) => r[0]!), values: rows.map((r) => Number(r[1])), windows: windows[name]!.map(([a, b]) => [parse(a), parse(b)] as [number, number]) };
});

function evaluate(score: (s: (typeof series)[number]) => number[]) {
  const files: NabFile[] = series.map((s) => ({ name: s.name, timestamps: s.timestamps, windows: s.windows, scores: score(s) }));
  return Object.fromEntries(Object.entries(PROFILES).map(([name, profile]) => [name, Number(scoreCorpus(files, profile).score.toFixed(2))]));
}

const detectors: Record<string, (s: (typeof series)[number]) => number[]> = {
  null: (s) => s.values.map(() => 0.5),
  // A check of the scoring path on the real corpus: must give 100.
  perfect: (s) => s.timestamps.map((t) => (s.windows.some(([start]) => start === t) ? 1 : 0)),
  windowedGaussian: (s) => windowedGaussianScores(s.values),
  'firebreak-cusum': (s) => scoreSeries(s.raw.map((timestamp, i) => ({ timestamp, value: s.values[i]! })), 'cusum').map((p) => p.score),
  'firebreak-ewma': (s) => scoreSeries(s.raw.map((timestamp, i) => ({ timestamp, value: s.values[i]! })), 'ewma').map((p) => p.score),
};

const results: Record<string, unknown> = {};
for (const [name, detector] of Object.entries(detectors)) {
  results[name] = { ours: evaluate(detector), ...(published[name] ? { published: published[name] } : {}) };
}
console.log(JSON.stringify({ bench: 'nab', files: series.length, windows: series.reduce((n, s) => n + s.windows.length, 0), results, scoreboard: { ARTime: published['ARTime'], numenta: published['numenta'] } }, null, 2));
