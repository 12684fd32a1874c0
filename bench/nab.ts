/**
 * NAB: scores detectors on the Numenta Anomaly Benchmark corpus (../shared/bench-data/nab) with
 * our implementation of NAB's scoring, beside NAB's published scores. Prints one JSON object:
 * per detector its standard / reward_low_FP_rate / reward_low_FN_rate scores, NAB's published
 * ones where NAB has that detector, and for Firebreak's detectors the two halves of the corpus
 * (alternate files of each group) apart, since their few global settings were chosen on the
 * whole corpus (docs/benchmarks.md).
 *
 * Run: npx tsx bench/nab.ts                  (the table)
 *      npx tsx bench/nab.ts --sweep          (novelty_resonance's fusion settings chosen on one half, reported on the other)
 *      npx tsx bench/nab.ts --sweep=change   (the same for the default's change channel)
 *      npx tsx bench/nab.ts --sweep=novelty  (the same for the novelty detector alone)
 */
import {
  createResonance,
  DEFAULT_SERIES_DETECTOR,
  nabLearningPeriod,
  runSeries,
  scoreSeries,
  updateResonance,
  windowedGaussianScores,
} from '@firebreak/detection';
import { corpus, evaluate, inHalf, published, round, type Series } from './nab-corpus';
import { sweepChange, sweepFusion, sweepNovelty } from './nab-sweep';
import { PROFILES } from './scoring/nab';

const sweep = process.argv.find((a) => a.startsWith('--sweep'));
if (sweep) {
  const sweeps = { '--sweep': sweepFusion, '--sweep=change': sweepChange, '--sweep=novelty': sweepNovelty };
  const run = sweeps[sweep as keyof typeof sweeps];
  if (!run) throw new Error(`unknown ${sweep}: one of ${Object.keys(sweeps).join(', ')}`);
  console.log(JSON.stringify(run(), null, 2));
  process.exit(0);
}

/** The resonance channel alone, as the default detector runs it (confidence per row, 0 while learning). */
function resonanceAlone(s: Series): number[] {
  const learning = nabLearningPeriod(s.values.length);
  let state = createResonance(s.values.slice(0, learning), 0.35);
  return s.values.map((value, i) => {
    if (i < learning) return 0;
    const step = updateResonance(state, value);
    state = step.state;
    return step.confidence;
  });
}

const ours = `firebreak-${DEFAULT_SERIES_DETECTOR}`;
const detectors: Record<string, { published?: string; halves?: boolean; score: (s: Series) => number[] }> = {
  null: { published: 'null', score: (s) => s.points.map(() => 0.5) },
  // A check of the scoring path on the real corpus: must give 100.
  perfect: { score: (s) => s.timestamps.map((t) => (s.windows.some(([start]) => start === t) ? 1 : 0)) },
  windowedGaussian: { published: 'windowedGaussian', score: (s) => windowedGaussianScores(s.values) },
  [ours]: { halves: true, score: (s) => runSeries(s.points).map((p) => p.score) },
  // What `firebreak detect --series` prints: the same scores to six decimals.
  [`${ours}-as-printed`]: { score: (s) => runSeries(s.points).map((p) => Number(p.score.toFixed(6))) },
  'firebreak-novelty_resonance': {
    halves: true,
    score: (s) => runSeries(s.points, 'novelty_resonance').map((p) => p.score),
  },
  'firebreak-novelty': { halves: true, score: (s) => runSeries(s.points, 'novelty').map((p) => p.score) },
  'firebreak-resonance-channel-alone': { halves: true, score: resonanceAlone },
  'firebreak-cusum': { score: (s) => scoreSeries(s.points, 'cusum').map((p) => p.score) },
  'firebreak-ewma': { score: (s) => scoreSeries(s.points, 'ewma').map((p) => p.score) },
};

const results: Record<string, unknown> = {};
for (const [name, detector] of Object.entries(detectors)) {
  const started = performance.now();
  const scores = new Map(corpus.map((s) => [s.name, detector.score(s)]));
  const seconds = round((performance.now() - started) / 1000);
  const entry: Record<string, unknown> = { ours: evaluate(scores), seconds };
  if (detector.published)
    entry.published = Object.fromEntries(
      Object.keys(PROFILES).map((p) => [p, round(published[detector.published!]![p]!)]),
    );
  if (detector.halves) entry.halves = { A: evaluate(scores, inHalf('A')), B: evaluate(scores, inHalf('B')) };
  results[name] = entry;
}
const scoreboard = Object.fromEntries(
  Object.entries(published)
    .sort(([, a], [, b]) => b.standard! - a.standard!)
    .map(([name, scores]) => [name, Object.fromEntries(Object.keys(PROFILES).map((p) => [p, round(scores[p]!)]))]),
);
console.log(
  JSON.stringify(
    {
      bench: 'nab',
      files: corpus.length,
      windows: corpus.reduce((n, s) => n + s.windows.length, 0),
      results,
      published: scoreboard,
    },
    null,
    2,
  ),
);
