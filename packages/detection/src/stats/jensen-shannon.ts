/**
 * Jensen–Shannon distance between two distributions given as counts (or weights) over the same
 * bins, in base 2 so it lies in [0, 1]: √(½ KL(p‖m) + ½ KL(q‖m)) with m = (p + q)/2, matching
 * scipy.spatial.distance.jensenshannon(p, q, base=2). Unlike PSI it needs no epsilon (m > 0
 * wherever p or q is) and is bounded, so it compares across monitors. A rounding-level negative
 * divergence is clipped to 0 (scipy returns NaN there).
 *
 * @example
 * jensenShannonDistance([1, 0], [0, 1]); // 1
 * jensenShannonDistance([10, 20, 30], [1, 2, 3]); // 0
 */
export function jensenShannonDistance(p: ArrayLike<number>, q: ArrayLike<number>): number {
  if (p.length !== q.length) throw new RangeError('distributions must have the same number of bins');
  let pTotal = 0;
  let qTotal = 0;
  for (let i = 0; i < p.length; i++) {
    pTotal += p[i]!;
    qTotal += q[i]!;
  }
  if (!(pTotal > 0) || !(qTotal > 0)) throw new RangeError('distributions must have positive mass');
  let left = 0;
  let right = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]! / pTotal;
    const qi = q[i]! / qTotal;
    const m = (pi + qi) / 2;
    if (pi > 0) left += pi * Math.log(pi / m);
    if (qi > 0) right += qi * Math.log(qi / m);
  }
  const divergence = (left + right) / Math.LN2;
  return Math.sqrt(Math.max(0, divergence / 2));
}
