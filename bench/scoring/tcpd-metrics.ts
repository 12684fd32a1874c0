/**
 * The two metrics of TCPDBench (van den Burg & Williams 2020, "An Evaluation of Change Point
 * Detection Algorithms"), as its analysis/scripts/metrics.py computes them, so our scores sit
 * beside its published table. A change point is the 0-based index of the first observation of
 * a new segment; index 0 always counts as one, for every annotator and for the prediction,
 * which is why predicting no change at all already scores well.
 */

/** Change points per annotator: `{ annotatorId: [index, ...] }`, as in TCPD's annotations.json. */
export type Annotations = Readonly<Record<string, readonly number[]>>;

/** A segment as the half-open index range [start, end). */
export type Segment = readonly [start: number, end: number];

/**
 * How many of `truth` are matched by a prediction within `margin`, each prediction used once.
 * Greedy, as TCPDBench does it: each true point in turn takes its nearest unused prediction,
 * the earlier one on a tie. TCPDBench walks a Python set, whose order for small integers is
 * ascending unless two hash to one slot; we walk ascending, which can differ from it only when
 * two true points compete for one prediction.
 *
 * @example truePositives([1, 10, 20, 23], [3, 8, 20]) // 3: 1↔3, 10↔8, 20↔20
 */
export function truePositives(truth: Iterable<number>, predictions: Iterable<number>, margin = 5): number {
  const unused = [...new Set(predictions)].sort((a, b) => a - b);
  let matched = 0;
  for (const tau of [...new Set(truth)].sort((a, b) => a - b)) {
    let best = -1;
    for (let j = 0; j < unused.length; j++) {
      const distance = Math.abs(tau - unused[j]!);
      if (distance <= margin && (best < 0 || distance < Math.abs(tau - unused[best]!))) best = j;
    }
    if (best < 0) continue;
    unused.splice(best, 1);
    matched++;
  }
  return matched;
}

export interface FMeasure {
  f: number;
  precision: number;
  recall: number;
}

/**
 * TCPDBench's F-measure: precision of the predictions against the union of all annotators'
 * change points, recall averaged over annotators, both with index 0 added to every set;
 * `alpha` 0.5 gives F1.
 *
 * @example fMeasure({ 1: [], 2: [10], 3: [50] }, [10]).f // 0.9090909090909091
 */
export function fMeasure(annotations: Annotations, predictions: readonly number[], margin = 5, alpha = 0.5): FMeasure {
  const perAnnotator = Object.values(annotations).map((cps) => new Set([...cps, 0]));
  const union = new Set(perAnnotator.flatMap((cps) => [...cps]));
  const predicted = new Set([...predictions, 0]);
  const precision = truePositives(union, predicted, margin) / predicted.size;
  const recall =
    perAnnotator.reduce((sum, cps) => sum + truePositives(cps, predicted, margin) / cps.size, 0) / perAnnotator.length;
  return { f: (precision * recall) / (alpha * recall + (1 - alpha) * precision), precision, recall };
}

/**
 * The segments that change points cut [0, n) into. Points outside [1, n) start no segment
 * (0 is the start anyway), and duplicates are one.
 *
 * @example partitionFromChangePoints([3, 5], 8) // [[0, 3], [3, 5], [5, 8]]
 */
export function partitionFromChangePoints(changePoints: readonly number[], n: number): Segment[] {
  const cuts = [...new Set(changePoints)]
    .filter((cp) => cp > 0 && cp < n && Number.isInteger(cp))
    .sort((a, b) => a - b);
  const starts = [0, ...cuts];
  return starts.map((start, i) => [start, starts[i + 1] ?? n] as const);
}

/** The Jaccard index of two index ranges. */
function overlap([a0, a1]: Segment, [b0, b1]: Segment): number {
  const common = Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  return common / (a1 - a0 + (b1 - b0) - common);
}

/**
 * How well `predicted` covers `truth` (Arbelaez et al. 2011, eq. 8): each true segment,
 * weighted by its length, scores its best Jaccard overlap with any predicted segment.
 */
export function coverSingle(predicted: readonly Segment[], truth: readonly Segment[]): number {
  const n = truth.reduce((sum, [start, end]) => sum + end - start, 0);
  let covered = 0;
  for (const segment of truth) {
    let best = 0;
    for (const candidate of predicted) best = Math.max(best, overlap(segment, candidate));
    covered += (segment[1] - segment[0]) * best;
  }
  return covered / n;
}

/**
 * TCPDBench's covering metric: the cover of each annotator's segmentation by the predicted one,
 * averaged over annotators.
 *
 * @example covering({ 1: [10, 20], 2: [10], 3: [0, 5] }, [10, 20], 45) // 0.7962962962962963
 */
export function covering(annotations: Annotations, predictions: readonly number[], n: number): number {
  const predicted = partitionFromChangePoints(predictions, n);
  const covers = Object.values(annotations).map((cps) => coverSingle(predicted, partitionFromChangePoints(cps, n)));
  return covers.reduce((sum, c) => sum + c, 0) / covers.length;
}
