/**
 * Two exact algorithms for the CDF of the two-sided one-sample Kolmogorov–Smirnov statistic,
 * P(Dₙ ≤ d), each used by scipy.stats.kstwo where it is accurate:
 * - Durbin's matrix method in Marsaglia, Tsang & Wang's form ("Evaluating Kolmogorov's
 *   distribution", J. Stat. Softw. 8(18), 2003): the (k, k) entry of Hⁿ, scaled by n!/nⁿ.
 * - Pomeranz's recursion ("Exact cumulative distribution of the Kolmogorov–Smirnov statistic
 *   for small samples", CACM 1974), as laid out by Simard & L'Ecuyer (J. Stat. Softw. 39(11), 2011).
 * Intermediate values are rescaled by 2^±128 with the exponent kept apart, so nothing overflows.
 */

const SCALE_EXPONENT = 128;
const BIG = 2 ** SCALE_EXPONENT;
const SMALL = 2 ** -SCALE_EXPONENT;

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l]!;
      if (ail === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j]! += ail * b[l * m + j]!;
    }
  }
  return out;
}

/** x · 2^exponent without overflowing or underflowing on the way. */
function scaleByPowerOfTwo(x: number, exponent: number): number {
  let result = x;
  let e = exponent;
  while (e > 1000) {
    result *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    result *= 2 ** -1000;
    e += 1000;
  }
  return result * 2 ** e;
}

const clip = (p: number): number => Math.min(1, Math.max(0, p));

/**
 * P(Dₙ ≤ d) by Durbin's matrix method (Marsaglia–Tsang–Wang).
 *
 * @example
 * durbinMatrixCdf(10, 0.274); // ≈ 0.6284
 */
export function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1] = (1 - h ** j) * factorial;
  }
  v[m - 1] = (1 + (Math.max(2 * h - 1, 0) ** m - 2 * h ** m)) * factorial;
  let H: Float64Array = new Float64Array(m * m);
  for (let col = 1; col < m; col++) {
    for (let row = col - 1; row < m; row++) H[row * m + col] = w[row - col + 1]!;
  }
  for (let row = 0; row < m; row++) H[row * m] = v[row]!;
  for (let col = 0; col < m; col++) H[(m - 1) * m + col] = v[m - 1 - col]!;

  let power: Float64Array = new Float64Array(m * m);
  for (let i = 0; i < m; i++) power[i * m + i] = 1;
  let exponent = 0;
  let hExponent = 0;
  for (let remaining = n; remaining > 0; remaining = Math.floor(remaining / 2)) {
    if (remaining % 2 === 1) {
      power = multiply(power, H, m);
      exponent += hExponent;
    }
    H = multiply(H, H, m);
    hExponent *= 2;
    if (Math.abs(H[(k - 1) * m + (k - 1)]!) > BIG) {
      for (let i = 0; i < H.length; i++) H[i]! *= SMALL;
      hExponent += SCALE_EXPONENT;
    }
  }
  let p = power[(k - 1) * m + (k - 1)]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SMALL) {
      p *= BIG;
      exponent -= SCALE_EXPONENT;
    }
  }
  return clip(scaleByPowerOfTwo(p, exponent));
}

function pomeranzBounds(i: number, n: number, ll: number, ceilF: number, roundF: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilF - 1;
    j2 = ll + ceilF - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilF - 1;
        j2 = n + ll + ceilF - 1;
      } else {
        j1 = half - 1 - ll - roundF - 1;
        j2 = half + ll - 1 + ceilF - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundF - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/**
 * P(Dₙ ≤ d) by Pomeranz's recursion.
 *
 * @example
 * pomeranzCdf(10, 0.274); // ≈ 0.6284
 */
export function pomeranzCdf(n: number, d: number): number {
  const t = n * d;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilF = f > 0 ? 1 : 0;
  const roundF = f > 0.5 ? 1 : 0;
  const size = 2 * (ll + 1);
  // (g/n)^m/m!, (2g/n)^m/m!, ((1−2g)/n)^m/m!: the convolution kernels of the three row kinds.
  const kernels = [g / n, (2 * g) / n, (1 - 2 * g) / n].map((base) => {
    const powers = new Float64Array(size);
    powers[0] = 1;
    for (let m = 1; m < size; m++) powers[m] = (powers[m - 1]! * base) / m;
    return powers;
  }) as [Float64Array, Float64Array, Float64Array];
  let previous = new Float64Array(size);
  let current = new Float64Array(size);
  current[0] = 1;
  let previousStart = 0;
  let currentStart = 0;
  let exponent = 0;
  let [j1, j2] = pomeranzBounds(0, n, ll, ceilF, roundF);
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
    current.fill(0);
    [j1, j2] = pomeranzBounds(i, n, ll, ceilF, roundF);
    const kernel = i === 1 || i === 2 * n + 1 ? kernels[0] : i % 2 === 1 ? kernels[1] : kernels[2];
    const length = j2 - k1 + 1;
    if (length <= 0) continue;
    const offset = k1 - previousStart;
    const available = Math.min(length, size - offset);
    let max = 0;
    for (let c = 0; c <= j2 - j1; c++) {
      // Entry (j1 − k1 + c) of the full convolution of previous[offset…] with kernel[0…length).
      const index = j1 - k1 + c;
      let sum = 0;
      for (let a = Math.max(0, index - length + 1); a <= Math.min(index, available - 1); a++)
        sum += previous[offset + a]! * kernel[index - a]!;
      current[c] = sum;
      if (sum > max) max = sum;
    }
    if (max > 0 && max < SMALL) {
      for (let c = 0; c < size; c++) current[c]! *= BIG;
      exponent -= SCALE_EXPONENT;
    }
    currentStart = previousStart + j1 - k1;
  }
  let answer = current[n - currentStart]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > BIG) {
      answer *= SMALL;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  return clip(scaleByPowerOfTwo(answer, exponent));
}
