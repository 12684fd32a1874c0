import { binCounts, type Category, categoryCounts, quantileEdgesSorted } from './binning';
import { categoricalDriftMeasures, type DriftMeasures, driftBins, numericDriftMeasures } from './drift-measures';
import { assertFiniteSample, type Sample, sortedCopy } from './sample';

export type DriftLevel = 'ok' | 'warn' | 'page';

export interface DriftOptions {
  /** Bins for numeric PSI and Jensen–Shannon (default 10, the reference deciles). */
  bins?: number;
  /** Significance level the test must reach before PSI may raise a level (default 0.01). */
  alpha?: number;
  /** PSI at which to warn (default 0.1) and to page (default 0.25). */
  psiWarn?: number;
  psiPage?: number;
}

export interface DriftResult extends DriftMeasures {
  level: DriftLevel;
}

/**
 * Distribution drift of a current window against a reference window, with one default per
 * column type:
 * - numeric: the two-sample Kolmogorov–Smirnov test (no binning, no distribution assumed,
 *   exact p-values for small samples, asymptotic for large ones; chi-square over the
 *   bins instead when the reference holds fewer than 6 distinct values, see drift-measures.ts),
 *   PSI and Jensen–Shannon on the reference deciles (fewer bins when the reference has under
 *   50 values, so each holds about 5), and the Wasserstein distance;
 * - categorical: the chi-square test of homogeneity on the two windows' category counts (no
 *   continuity correction; its approximation wants expected counts of about 5 or more), PSI and
 *   Jensen–Shannon over the categories.
 * The level needs both: PSI at 0.1 / 0.25 says the shift is big enough to matter, and the test's
 * p-value below alpha says it is more than sampling noise. Either alone misleads: with 1M values
 * a side, p-values are ~0 for shifts nobody cares about; with 50 values a side, PSI over 10
 * bins averages about (bins − 1)(1/n₁ + 1/n₂) ≈ 0.36 with no drift at all.
 * Throws a RangeError on an empty window or a non-finite numeric value.
 *
 * @example
 * driftTest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { kind: 'numeric' }).level; // 'ok'
 * driftTest(['a', 'b', 'a', 'a'], ['b', 'b', 'b', 'a'], { kind: 'categorical' }).test; // 'chi-square'
 */
export function driftTest(reference: Sample, current: Sample, options: DriftOptions & { kind: 'numeric' }): DriftResult;
export function driftTest(
  reference: readonly Category[],
  current: readonly Category[],
  options: DriftOptions & { kind: 'categorical' },
): DriftResult;
export function driftTest(
  reference: Sample | readonly Category[],
  current: Sample | readonly Category[],
  options: DriftOptions & { kind: 'numeric' | 'categorical' },
): DriftResult {
  if (reference.length === 0 || current.length === 0) throw new RangeError('drift needs values in both windows');
  return options.kind === 'numeric'
    ? numericDrift(reference as Sample, current as Sample, options)
    : categoricalDrift(reference as readonly Category[], current as readonly Category[], options);
}

function numericDrift(reference: Sample, current: Sample, options: DriftOptions): DriftResult {
  assertFiniteSample(reference, 'reference');
  assertFiniteSample(current, 'current');
  const ref = sortedCopy(reference);
  const cur = sortedCopy(current);
  const edges = quantileEdgesSorted(ref, driftBins(ref.length, options.bins));
  const measures = numericDriftMeasures(
    { sorted: ref, counts: binCounts(ref, edges) },
    { sorted: cur, counts: binCounts(cur, edges) },
  );
  return { ...measures, level: level(measures.psi, measures.pValue, options) };
}

function categoricalDrift(
  reference: readonly Category[],
  current: readonly Category[],
  options: DriftOptions,
): DriftResult {
  const counts = categoryCounts(reference, current);
  const measures = categoricalDriftMeasures(counts.reference, counts.current);
  return { ...measures, level: level(measures.psi, measures.pValue, options) };
}

function level(psi: number, pValue: number, options: DriftOptions): DriftLevel {
  if (!(pValue < (options.alpha ?? 0.01))) return 'ok';
  if (psi >= (options.psiPage ?? 0.25)) return 'page';
  return psi >= (options.psiWarn ?? 0.1) ? 'warn' : 'ok';
}
