/**
 * Seeded randomness for synthetic telemetry (tests, benchmarks, and drills' injected failures):
 * the same seed gives the same stream on every machine.
 *
 * @example
 * const random = mulberry32(7311);
 * random(); // 0.0…1.0, the same first value every run
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw from a uniform source (Box–Muller). */
export function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * A Binomial(n, p) draw for synthetic counts (flags among events). Exact by inversion while
 * n·min(p, 1 − p) ≤ 500; beyond that a rounded normal draw, clipped to 0…n, which is what a
 * count of that size is within a fraction of a percent.
 *
 * @example
 * binomialDraw(mulberry32(1), 1000, 0.02); // about 20
 */
export function binomialDraw(random: () => number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomialDraw(random, n, 1 - p);
  const mean = n * p;
  if (mean > 500) {
    const draw = Math.round(mean + Math.sqrt(mean * (1 - p)) * gaussian(random));
    return Math.min(n, Math.max(0, draw));
  }
  const ratio = p / (1 - p);
  let k = 0;
  let mass = (1 - p) ** n;
  let cumulative = mass;
  const u = random();
  while (u > cumulative && k < n) {
    mass *= ((n - k) / (k + 1)) * ratio;
    k++;
    cumulative += mass;
    if (mass < 1e-300 && k > mean) break;
  }
  return k;
}

/** A Poisson(mean) draw: as many Binomial draws over a large n as the mean needs. */
export function poissonDraw(random: () => number, mean: number): number {
  if (!(mean > 0)) return 0;
  return binomialDraw(random, 1_000_000_000, mean / 1_000_000_000);
}
