/**
 * NAB: scores detectors on the Numenta Anomaly Benchmark corpus (../shared/bench-data/nab) with
 * our implementation of NAB's scoring, beside NAB's published scores. Prints one JSON object:
 * per detector its standard / reward_low_FP_rate / reward_low_FN_rate scores, NAB's published
 * ones where NAB has that detector, and for Firebreak's default the two halves of the corpus
 * (alternate files of each group) apart, since its few global settings were chosen on the
 * whole corpus (docs/benchmarks.md).
 *
 * Run: npx tsx bench/nab.ts            (the table)
 *      npx tsx bench/nab.ts --sweep    (the sweep of the novelty detector's two global settings,
 *                                       chosen on one half of the files, reported on the other)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SERIES_DETECTOR, nabLearningPeriod, noveltyScores, runSeries, scoreSeries } from '@firebreak/detection';
import { type NabFile, PROFILES, scoreCorpus } from '../packages/detection/src/benchmarks/nab';
import { windowedGaussianScores } from '../packages/detection/src/benchmarks/windowed-gaussian';

const root = fileURLToPath(new URL('../../shared/bench-data/nab/', import.meta.url));
const labels = JSON.parse(readFileSync(`${root}labels/combined_windows.json`, 'utf8')) as Record<string, Array<[string, string]>>;
const published = JSON.parse(readFileSync(`${root}published_final_results.json`, 'utf8')) as Record<string, Record<string, number>>;
const parse = (t: string) => Date.parse(`${t.slice(0, 19).replace(' ', 'T')}Z`);

const series = Object.keys(labels)
  .sort()
  .map((name) => {
    const rows = readFileSync(`${root}data/${name}`, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
    const points = rows.map((r) => ({ timestamp: r[0]!, value: Number(r[1]) }));
    return { name, points, timestamps: rows.map((r) => parse(r[0]!)), windows: labels[name]!.map(([a, b]) => [parse(a), parse(b)] as [number, number]) };
  });
type Series = (typeof series)[number];
const group = (s: Series) => s.name.split('/')[0];
const half = (s: Series) => (series.filter((o) => group(o) === group(s)).indexOf(s) % 2 === 0 ? 'A' : 'B');

const round = (x: number) => Number(x.toFixed(2));
function evaluate(scores: Map<string, number[]>, keep: (s: Series) => boolean = () => true) {
  const files: NabFile[] = series.filter(keep).map((s) => ({ name: s.name, timestamps: s.timestamps, windows: s.windows, scores: scores.get(s.name)! }));
  return Object.fromEntries(Object.entries(PROFILES).map(([name, profile]) => [name, round(scoreCorpus(files, profile).score)]));
}

if (process.argv.includes('--sweep')) {
  // Base bins b (the model uses b bins with 3 values of context, 2b with 2, 4b with 1) and the
  // rest period as a share of the learning period; the shipped default is b = 4, rest 0.2.
  const rows = [];
  for (const b of [3, 4, 5, 6]) {
    for (const rest of [0.1, 0.2, 0.3]) {
      const resolutions = [
        { bins: b, order: 3 },
        { bins: 2 * b, order: 2 },
        { bins: 4 * b, order: 1 },
      ];
      const scores = new Map(
        series.map((s) => {
          const learning = nabLearningPeriod(s.points.length);
          return [s.name, noveltyScores(s.points.map((p) => p.value), { learning, rest: Math.round(rest * learning), resolutions })];
        }),
      );
      const standard = (keep?: (s: Series) => boolean) => evaluate(scores, keep)['standard']!;
      rows.push({ bins: b, rest, A: standard((s) => half(s) === 'A'), B: standard((s) => half(s) === 'B'), all: standard() });
    }
  }
  const best = (key: 'A' | 'B') => rows.reduce((a, b) => (b[key] > a[key] ? b : a));
  console.log(JSON.stringify({ bench: 'nab-sweep', rows, chosenOnA: { ...best('A'), heldOut: best('A').B }, chosenOnB: { ...best('B'), heldOut: best('B').A } }, null, 2));
  process.exit(0);
}

const detectors: Record<string, { published?: string; score: (s: Series) => number[] }> = {
  null: { published: 'null', score: (s) => s.points.map(() => 0.5) },
  // A check of the scoring path on the real corpus: must give 100.
  perfect: { score: (s) => s.timestamps.map((t) => (s.windows.some(([start]) => start === t) ? 1 : 0)) },
  windowedGaussian: { published: 'windowedGaussian', score: (s) => windowedGaussianScores(s.points.map((p) => p.value)) },
  [`firebreak-${DEFAULT_SERIES_DETECTOR}`]: { score: (s) => runSeries(s.points).map((p) => p.score) },
  // What `firebreak detect --series` prints: the same scores to six decimals.
  [`firebreak-${DEFAULT_SERIES_DETECTOR}-as-printed`]: { score: (s) => runSeries(s.points).map((p) => Number(p.score.toFixed(6))) },
  'firebreak-cusum': { score: (s) => scoreSeries(s.points, 'cusum').map((p) => p.score) },
  'firebreak-ewma': { score: (s) => scoreSeries(s.points, 'ewma').map((p) => p.score) },
};

const results: Record<string, unknown> = {};
for (const [name, detector] of Object.entries(detectors)) {
  const started = performance.now();
  const scores = new Map(series.map((s) => [s.name, detector.score(s)]));
  const seconds = round((performance.now() - started) / 1000);
  const entry: Record<string, unknown> = { ours: evaluate(scores), seconds };
  if (detector.published) entry['published'] = Object.fromEntries(Object.keys(PROFILES).map((p) => [p, round(published[detector.published!]![p]!)]));
  if (name === `firebreak-${DEFAULT_SERIES_DETECTOR}`) entry['halves'] = { A: evaluate(scores, (s) => half(s) === 'A'), B: evaluate(scores, (s) => half(s) === 'B') };
  results[name] = entry;
}
const scoreboard = Object.fromEntries(
  Object.entries(published)
    .sort(([, a], [, b]) => b['standard']! - a['standard']!)
    .map(([name, scores]) => [name, Object.fromEntries(Object.keys(PROFILES).map((p) => [p, round(scores[p]!)]))]),
);
console.log(JSON.stringify({ bench: 'nab', files: series.length, windows: series.reduce((n, s) => n + s.windows.length, 0), results, published: scoreboard }, null, 2));
