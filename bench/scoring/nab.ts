/**
 * Scoring by the rules of the Numenta Anomaly Benchmark (Lavin & Ahmad 2015), as NAB's own
 * sweeper (numenta/NAB nab/sweeper.py) computes it: anomaly windows around each labelled
 * anomaly; within a window only the best (earliest) detection counts, rewarded by a scaled
 * sigmoid of its position; detections outside windows cost the profile's FP weight, less just
 * after a window; windows missed cost the FN weight; the first 15% of each file (at most 750
 * rows) is a probationary period that is not scored. One threshold is chosen for the whole
 * corpus per profile, the one with the best total, and totals are normalised so the null
 * detector scores 0 and the perfect detector 100. bench/nab.ts shows it reproduces NAB's
 * published windowed-Gaussian scores to 1e-7.
 */

export interface Profile {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

export const PROFILES: Record<'standard' | 'reward_low_FP_rate' | 'reward_low_FN_rate', Profile> = {
  standard: { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 },
  reward_low_FP_rate: { tpWeight: 1, fpWeight: 0.22, fnWeight: 1 },
  reward_low_FN_rate: { tpWeight: 1, fpWeight: 0.11, fnWeight: 2 },
};

export interface NabFile {
  name: string;
  /** Epoch milliseconds, one per row. */
  timestamps: number[];
  /** Anomaly windows as [start, end] timestamps (both rows inside the window). */
  windows: Array<[number, number]>;
  /** The detector's anomaly score per row, in [0, 1]. */
  scores: number[];
}

/** 2·sigmoid(−5x) − 1, and −1 far (3+ window widths) past a window. */
export function scaledSigmoid(position: number): number {
  if (position >= 3) return -1;
  return 2 / (1 + Math.exp(5 * position)) - 1;
}

interface Row {
  score: number;
  /** What the row earns if detected (weighted). */
  sweep: number;
  /** Window key, null outside windows. */
  window: string | null;
}

/** The scorable rows of one file (probation removed), each with its detection value. */
function rowsOf(file: NabFile, profile: Profile): { rows: Row[]; windows: string[] } {
  const n = file.timestamps.length;
  const probation = Math.min(Math.floor(0.15 * n), 0.15 * 5000);
  const maxTp = scaledSigmoid(-1);
  const index = new Map(file.timestamps.map((t, i) => [t, i]));
  const pending = [...file.windows];
  const rows: Row[] = [];
  const windows = new Set<string>();
  let current: { key: string; right: number; width: number; end: number } | null = null;
  let previous: { right: number; width: number } | null = null;
  for (let i = 0; i < n; i++) {
    const t = file.timestamps[i]!;
    if (!current && pending.length > 0 && t === pending[0]![0]) {
      const [start, end] = pending.shift()!;
      const right = index.get(end)!;
      current = { key: `${file.name}|${start}`, right, width: right - index.get(start)! + 1, end };
    }
    let sweep: number;
    if (current) {
      sweep = (scaledSigmoid(-(current.right - i + 1) / current.width) * profile.tpWeight) / maxTp;
    } else {
      const position = previous ? Math.abs(previous.right - i) / (previous.width - 1) : 3;
      sweep = scaledSigmoid(position) * profile.fpWeight;
    }
    if (i >= probation) {
      rows.push({ score: file.scores[i]!, sweep, window: current?.key ?? null });
      if (current) windows.add(current.key);
    }
    if (current && t === current.end) {
      previous = { right: current.right, width: current.width };
      current = null;
    }
  }
  return { rows, windows: [...windows] };
}

/** The corpus total at every distinct threshold, highest threshold first. */
function sweep(rows: Row[], windows: string[], profile: Profile): Array<{ threshold: number; total: number }> {
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  const best = new Map(windows.map((w) => [w, -profile.fnWeight]));
  let fp = 0;
  let windowTotal = -profile.fnWeight * windows.length;
  const result: Array<{ threshold: number; total: number }> = [];
  let threshold = 1.1;
  for (const row of sorted) {
    if (row.score !== threshold) {
      result.push({ threshold, total: fp + windowTotal });
      threshold = row.score;
    }
    if (row.window === null) fp += row.sweep;
    else {
      const before = best.get(row.window)!;
      if (row.sweep > before) {
        best.set(row.window, row.sweep);
        windowTotal += row.sweep - before;
      }
    }
  }
  result.push({ threshold, total: fp + windowTotal });
  return result;
}

/** Each file's raw score when everything at or above `threshold` is a detection (NAB's per-file table). */
export function scoreFilesAt(
  files: readonly NabFile[],
  profile: Profile,
  threshold: number,
): Array<{ name: string; raw: number }> {
  return files.map((file) => {
    const { rows, windows } = rowsOf(file, profile);
    const best = new Map(windows.map((w) => [w, -profile.fnWeight]));
    let fp = 0;
    for (const row of rows) {
      if (row.score < threshold) continue;
      if (row.window === null) fp += row.sweep;
      else best.set(row.window, Math.max(best.get(row.window)!, row.sweep));
    }
    return { name: file.name, raw: fp + [...best.values()].reduce((a, b) => a + b, 0) };
  });
}

export interface ProfileResult {
  threshold: number;
  raw: number;
  score: number;
}

/** Scores a detector's output over the corpus for one profile: best threshold, raw and normalised score. */
export function scoreCorpus(files: readonly NabFile[], profile: Profile): ProfileResult {
  const all = files.map((file) => rowsOf(file, profile));
  const rows = all.flatMap((f) => f.rows);
  const windows = all.flatMap((f) => f.windows);
  const sweeps = sweep(rows, windows, profile);
  const best = sweeps.reduce((a, b) => (b.total > a.total ? b : a));
  // As NAB's runner: the null detector finds nothing, and "perfect" is one full reward per
  // labelled window, counted from the labels (a window inside probation would still count).
  const labelled = files.reduce((n, f) => n + f.windows.length, 0);
  const nullScore = -profile.fnWeight * windows.length;
  const perfect = profile.tpWeight * labelled;
  return {
    threshold: best.threshold,
    raw: best.total,
    score: (100 * (best.total - nullScore)) / (perfect - nullScore),
  };
}
