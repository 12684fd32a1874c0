/**
 * The NAB corpus as bench/nab.ts and bench/nab-sweep.ts read it (../shared/bench-data/nab): the
 * 58 files with their anomaly windows, the two halves used to check settings chosen on the
 * corpus (alternate files of each group: A, B), and scoring with our NAB scorer.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type NabFile, PROFILES, scoreCorpus } from './scoring/nab';

const root = fileURLToPath(new URL('../../shared/bench-data/nab/', import.meta.url));
const labels = JSON.parse(readFileSync(`${root}labels/combined_windows.json`, 'utf8')) as Record<
  string,
  Array<[string, string]>
>;
export const published = JSON.parse(readFileSync(`${root}published_final_results.json`, 'utf8')) as Record<
  string,
  Record<string, number>
>;
const parse = (t: string) => Date.parse(`${t.slice(0, 19).replace(' ', 'T')}Z`);

export const corpus = Object.keys(labels)
  .sort()
  .map((name) => {
    const rows = readFileSync(`${root}data/${name}`, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    const points = rows.map((r) => ({ timestamp: r[0]!, value: Number(r[1]) }));
    return {
      name,
      points,
      values: points.map((p) => p.value),
      timestamps: rows.map((r) => parse(r[0]!)),
      windows: labels[name]!.map(([a, b]) => [parse(a), parse(b)] as [number, number]),
    };
  });
export type Series = (typeof corpus)[number];
export type Half = 'A' | 'B';

const group = (s: Series) => s.name.split('/')[0];
export const halfOf = (s: Series): Half =>
  corpus.filter((o) => group(o) === group(s)).indexOf(s) % 2 === 0 ? 'A' : 'B';
export const inHalf = (half: Half) => (s: Series) => halfOf(s) === half;

export const round = (x: number) => Number(x.toFixed(2));

/** Normalised NAB scores on the three profiles, each with its own corpus-wide threshold, over the files `keep` selects. */
export function evaluate(
  scores: Map<string, number[]>,
  keep: (s: Series) => boolean = () => true,
): Record<keyof typeof PROFILES, number> {
  const files: NabFile[] = corpus
    .filter(keep)
    .map((s) => ({ name: s.name, timestamps: s.timestamps, windows: s.windows, scores: scores.get(s.name)! }));
  const score = (profile: keyof typeof PROFILES) => round(scoreCorpus(files, PROFILES[profile]).score);
  return {
    standard: score('standard'),
    reward_low_FP_rate: score('reward_low_FP_rate'),
    reward_low_FN_rate: score('reward_low_FN_rate'),
  };
}

/** The standard score on all files and on each half. */
export function standardByHalf(scores: Map<string, number[]>) {
  const standard = (keep: (s: Series) => boolean) => {
    const files: NabFile[] = corpus
      .filter(keep)
      .map((s) => ({ name: s.name, timestamps: s.timestamps, windows: s.windows, scores: scores.get(s.name)! }));
    return round(scoreCorpus(files, PROFILES.standard).score);
  };
  return { all: standard(() => true), A: standard(inHalf('A')), B: standard(inHalf('B')) };
}

export function scoresOf(score: (s: Series) => number[]): Map<string, number[]> {
  return new Map(corpus.map((s) => [s.name, score(s)]));
}
