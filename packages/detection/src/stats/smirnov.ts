import { binomialMass } from './saddle-point';

const EPSILON = 2 ** -52;
const MIN_LOG = -708.3964185322641;
const SPLITTER = 134217729; // 2^27 + 1, Dekker's split

/** n·x as an exact integer part and a remainder in [0, 1) (Dekker's two-product, so no rounding). */
function floorAndFraction(n: number, x: number): { floor: number; fraction: number } {
  const product = n * x;
  const cn = SPLITTER * n;
  const nHigh = cn - (cn - n);
  const cx = SPLITTER * x;
  const xHigh = cx - (cx - x);
  const error = nHigh * xHigh - product + nHigh * (x - xHigh) + (n - nHigh) * xHigh + (n - nHigh) * (x - xHigh);
  let floor = Math.floor(product);
  let fraction = product - floor + error;
  if (fraction < 0) {
    floor -= 1;
    fraction += 1;
  } else if (fraction >= 1) {
    floor += 1;
    fraction -= 1;
  }
  return { floor, fraction };
}

/**
 * Upper tail of the one-sided Kolmogorov–Smirnov statistic, P(D⁺ₙ ≥ x) (scipy.special.smirnov),
 * by the Birnbaum–Tingey sum
 *   P = Σ_{v=0}^{⌈n(1−x)⌉−1} C(n, v) x (x + v/n)^(v−1) (1 − x − v/n)^(n−v).
 * Each term is (x / pᵥ) · Binomial(v; n, pᵥ) with pᵥ = x + v/n, so it is evaluated as a
 * binomial mass in saddle-point form: every term is positive and keeps its relative precision,
 * where scipy needs double-double arithmetic for the same sum in its own form.
 *
 * @example
 * smirnovSf(5, 0.5); // = 0.056
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && Number.isInteger(n) && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { floor: nxFloor, fraction: alpha } = floorAndFraction(n, x);
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    // x ≤ 1/n: the sum collapses to 1 − x(1 + x)^(n−1).
    return 1 - x * Math.exp((n - 1) * Math.log1p(x));
  }
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (nxFloor >= n - 1) return Math.exp(n * Math.log1p(-x));
  if (n > 1_000_000) {
    // Beyond a million terms, the asymptotic form p ≈ e^(−(6nx + 1)² / 18n), as scipy does.
    return Math.exp(-((6 * n * x + 1) ** 2) / 18 / n);
  }
  const last = n - nxFloor - 1;
  // Up to a million terms: Neumaier-compensated, so rounding does not pile up.
  let sum = 0;
  let compensation = 0;
  for (let v = 0; v <= last; v++) {
    // Successes and failures expected at pᵥ, from the exact split of n·x.
    const mean = v + nxFloor + alpha;
    const failures = n - v - nxFloor - alpha;
    const term = (x / (mean / n)) * binomialMass(v, n, mean, failures);
    const next = sum + term;
    compensation += sum >= term ? sum - next + term : term - next + sum;
    sum = next;
    if (term !== 0) {
      if (4 * (last - v + 1) * term < EPSILON * sum && v !== last) break;
    } else if (v > n / 2) {
      break;
    }
  }
  return Math.min(1, sum + compensation);
}
