/**
 * The synthetic series behind bench/series-suite.ts: seeded, so every run and every machine gets
 * the same rows. Each series is 3,000 rows of 5-minute data around a level of 50 with noise of
 * standard deviation σ = 2.5, on one of four backgrounds, with at most one anomaly of a stated
 * size in σ, labelled with a window in NAB's format (10% of the file, centred on the onset).
 */
import { gaussian, mulberry32 } from '@firebreak/detection';

export const KINDS = ['spike', 'step', 'level_shift', 'variance', 'trend_break'] as const;
export const BACKGROUNDS = ['white', 'seasonal', 'heavy_tailed', 'autocorrelated'] as const;
export const SNRS = [3, 5, 8] as const;
export type Kind = (typeof KINDS)[number] | 'none';
export type Background = (typeof BACKGROUNDS)[number];

export const ROWS = 3000;
export const SIGMA = 2.5;
const LEVEL = 50;
const START = Date.UTC(2026, 0, 1);
const STEP_MS = 300_000;
/** Rows over which a trend break's extra slope runs before the series levels off. */
const RAMP = 100;
/** Rows a temporary level shift lasts. */
const SHIFT = 60;

export interface SuiteSeries {
  name: string;
  kind: Kind;
  background: Background;
  snr: number;
  /** Row of the anomaly's first row (−1 when there is none). */
  onset: number;
  timestamps: number[];
  values: number[];
  /** NAB's format: [start, end] timestamps, both rows inside the window. */
  windows: Array<[number, number]>;
}

/** One noise draw in units of σ for the background (unit variance for every background). */
function noiseSource(background: Background, random: () => number): () => number {
  if (background === 'heavy_tailed') {
    // Student's t with 4 degrees of freedom, scaled to unit variance (its variance is 2).
    return () => {
      const z = gaussian(random);
      const chi = [0, 1, 2, 3].reduce((s) => s + gaussian(random) ** 2, 0);
      return z / Math.sqrt(chi / 4) / Math.SQRT2;
    };
  }
  if (background === 'autocorrelated') {
    // AR(1) with φ = 0.6, innovations scaled so the marginal variance is 1.
    let previous = 0;
    return () => {
      previous = 0.6 * previous + 0.8 * gaussian(random);
      return previous;
    };
  }
  return () => gaussian(random);
}

/**
 * The anomaly's effect at row i (`offset` rows after onset): added to the value, and the
 * factor on the noise. Variance shifts are stated as SNR/2 times the standard deviation
 * (×1.5, ×2.5, ×4 for 3, 5, 8); trend breaks gain SNR·σ every 25 rows for 100 rows.
 */
function effect(kind: Kind, snr: number, offset: number, sign: number): { add: number; noise: number } {
  if (kind === 'none' || offset < 0) return { add: 0, noise: 1 };
  switch (kind) {
    case 'spike':
      return { add: offset === 0 ? sign * snr * SIGMA : 0, noise: 1 };
    case 'step':
      return { add: sign * snr * SIGMA, noise: 1 };
    case 'level_shift':
      return { add: offset < SHIFT ? sign * snr * SIGMA : 0, noise: 1 };
    case 'variance':
      return { add: 0, noise: snr / 2 };
    case 'trend_break':
      return { add: (sign * snr * SIGMA * Math.min(offset + 1, RAMP)) / 25, noise: 1 };
  }
}

export function makeSeries(kind: Kind, background: Background, snr: number, seed: number): SuiteSeries {
  const random = mulberry32(seed);
  const noise = noiseSource(background, random);
  const onset = kind === 'none' ? -1 : 1800 + Math.floor(random() * 700);
  const sign = random() < 0.5 ? -1 : 1;
  const phase = random() * 2 * Math.PI;
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < ROWS; i++) {
    // A daily cycle (288 rows) of amplitude 4σ on the seasonal background.
    const season = background === 'seasonal' ? 4 * SIGMA * Math.sin(phase + (2 * Math.PI * i) / 288) : 0;
    const { add, noise: factor } = effect(kind, snr, onset < 0 ? -1 : i - onset, sign);
    timestamps.push(START + i * STEP_MS);
    values.push(LEVEL + season + add + factor * SIGMA * noise());
  }
  const half = Math.floor((0.1 * ROWS) / 2);
  const windows: Array<[number, number]> =
    onset < 0 ? [] : [[timestamps[Math.max(0, onset - half)]!, timestamps[Math.min(ROWS - 1, onset + half - 1)]!]];
  return {
    name: `${kind}/${background}/snr${snr}/seed${seed}`,
    kind,
    background,
    snr,
    onset,
    timestamps,
    values,
    windows,
  };
}

/** Every kind × background × SNR × `seeds` seeds, plus anomaly-free series on every background. */
export function suite(seeds = 2): SuiteSeries[] {
  const all: SuiteSeries[] = [];
  let seed = 1;
  for (const kind of KINDS)
    for (const background of BACKGROUNDS)
      for (const snr of SNRS) for (let s = 0; s < seeds; s++) all.push(makeSeries(kind, background, snr, seed++));
  for (const background of BACKGROUNDS)
    for (let s = 0; s < 2 * seeds; s++) all.push(makeSeries('none', background, 0, seed++));
  return all;
}
