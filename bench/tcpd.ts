/**
 * TCPD: scores our change-point detector (the model behind alert onsets) on the Turing Change
 * Point Dataset (../shared/bench-data/tcpd) with TCPDBench's F1 (margin 5) and covering, beside
 * TCPDBench's published default table. Only 32 of TCPD's 42 series may be redistributed, 25 of
 * them in the published univariate table, so the comparison that counts is on those 25: ours,
 * our "zero" (which must equal TCPDBench's zero there, series by series) and the published
 * methods' own per-series scores averaged over the same 25. Prints one JSON object.
 *
 * Run: npx tsx bench/tcpd.ts [--per-series]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { changePoints } from '@firebreak/detection';
import {
  detectWithGaps,
  inPublishedTable,
  type Method,
  meanScore,
  PUBLISHED_TABLE_SERIES,
  publishedMeans,
  publishedScore,
  type Score,
  scoreSeries,
  type TcpdSeries,
  zero,
} from './scoring/tcpd';

const root = fileURLToPath(new URL('../../shared/bench-data/tcpd/', import.meta.url));
const annotations = JSON.parse(readFileSync(`${root}annotations.json`, 'utf8')) as Record<
  string,
  TcpdSeries['annotations']
>;

interface SeriesFile {
  n_dim: number;
  series: Array<{ raw: Array<number | null> }>;
}

const all: TcpdSeries[] = readdirSync(`${root}datasets`)
  .sort()
  .map((name) => {
    const file = JSON.parse(readFileSync(`${root}datasets/${name}/${name}.json`, 'utf8')) as SeriesFile;
    return {
      name,
      dims: file.n_dim,
      values: file.series[0]!.raw.map((v) => v ?? NaN),
      annotations: annotations[name]!,
    };
  });
const table = all.filter(inPublishedTable);
const round = (score: Score) => ({ f1: Number(score.f1.toFixed(3)), cover: Number(score.cover.toFixed(3)) });

const methods: Record<string, Method> = {
  // The default configuration: the one estimateOnsetIndex uses.
  firebreak: detectWithGaps(),
  zero,
  // Shown, not chosen: the noise scale read from first differences instead of the whole series.
  'firebreak (noise from differences)': detectWithGaps({ noise: 'differences' }),
};

const predictions = new Map(
  Object.entries(methods).map(([method, predict]) => [method, new Map(all.map((s) => [s.name, predict(s.values)]))]),
);
const scoreOf = (method: string, s: TcpdSeries) => scoreSeries(s, predictions.get(method)!.get(s.name)!);
const over = (series: readonly TcpdSeries[]) =>
  Object.fromEntries(
    Object.keys(methods).map((method) => [method, round(meanScore(series.map((s) => scoreOf(method, s))))]),
  );

// Checks of the metrics on the real annotations. Our zero must equal TCPDBench's, series by
// series. And TCPDBench's default pelt is the same model as ours (changepoint's cpt.mean, MBIC,
// on standardised data) reported one index earlier (its R wrapper subtracts 1 from R's last
// index of the old segment), so shifting ours by −1 should give its published scores.
const zeroGap = Math.max(
  ...all.map((s) => {
    const published = publishedScore(s.name, 'zero')!;
    const ours = scoreOf('zero', s);
    return Math.max(Math.abs(ours.f1 - published.f1), Math.abs(ours.cover - published.cover));
  }),
);
const peltSeries = all.filter((s) => publishedScore(s.name, 'pelt'));
const peltDifferent = peltSeries.filter((s) => {
  const ours = scoreSeries(
    s,
    changePoints(s.values).map((cp) => cp - 1),
  );
  const published = publishedScore(s.name, 'pelt')!;
  return Math.abs(ours.f1 - published.f1) > 1e-9 || Math.abs(ours.cover - published.cover) > 1e-9;
});

const names = table.map((s) => s.name);
const result = {
  bench: 'tcpd',
  metric: "TCPDBench's F1 (margin 5) and covering, default experiment, mean over univariate series",
  series: {
    present: all.length,
    inTcpd: 42,
    inPublishedTable: PUBLISHED_TABLE_SERIES.length,
    scoredHere: names.length,
    publishedTableSeriesAbsent: PUBLISHED_TABLE_SERIES.filter((name) => !names.includes(name)),
    notInTable: {
      qualityControl: all.filter((s) => s.name.startsWith('quality_control')).map((s) => s.name),
      multivariate: all.filter((s) => s.dims > 1).map((s) => s.name),
      missingValues: all.filter((s) => s.dims === 1 && s.values.some(Number.isNaN)).map((s) => s.name),
    },
  },
  onTheSameSeries: {
    ours: over(table),
    published: Object.fromEntries(Object.entries(publishedMeans(names)).map(([m, s]) => [m, round(s)])),
  },
  publishedTable: Object.fromEntries(
    Object.entries(publishedMeans(PUBLISHED_TABLE_SERIES)).map(([m, s]) => [m, round(s)]),
  ),
  checks: {
    zeroAgainstPublishedPerSeries: { series: all.length, largestDifference: zeroGap },
    peltInRIndexConventionAgainstPublished: {
      series: peltSeries.length,
      identical: peltSeries.length - peltDifferent.length,
      different: peltDifferent.map((s) => s.name),
    },
  },
  // Our detector on the series the table leaves out (multivariate ones: first dimension only).
  outsideTheTable: Object.fromEntries(
    all
      .filter((s) => !inPublishedTable(s))
      .map((s) => [
        s.name,
        {
          firebreak: round(scoreOf('firebreak', s)),
          zero: round(scoreOf('zero', s)),
          ...(s.dims > 1 ? { note: `first of ${s.dims} dimensions only` } : {}),
        },
      ]),
  ),
  ...(process.argv.includes('--per-series')
    ? {
        perSeries: Object.fromEntries(
          table.map((s) => [
            s.name,
            {
              firebreak: { ...round(scoreOf('firebreak', s)), changePoints: predictions.get('firebreak')!.get(s.name) },
              binseg: round(publishedScore(s.name, 'binseg')!),
              zero: round(scoreOf('zero', s)),
            },
          ]),
        ),
      }
    : {}),
};
console.log(JSON.stringify(result, null, 2));
