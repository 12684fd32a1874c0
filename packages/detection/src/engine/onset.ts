/**
 * When did the change begin? For a series that just alerted, the maximum-likelihood location of
 * a single shift in mean over the recent history (the CUSUM change-point estimator: the split
 * that maximises the between-segment difference, k·(n−k)/n·(mean₁ − mean₂)²). The estimate is
 * never later than the first window of the current alert run, since by then it had begun.
 */
export function estimateOnsetIndex(values: readonly number[], latest: number): number {
  const n = values.length;
  if (n < 3) return Math.min(latest, Math.max(0, n - 1));
  let total = 0;
  for (const v of values) total += v;
  let best = latest;
  let bestGain = -Infinity;
  let left = 0;
  for (let k = 1; k < n; k++) {
    left += values[k - 1]!;
    const meanLeft = left / k;
    const meanRight = (total - left) / (n - k);
    const gain = ((k * (n - k)) / n) * (meanLeft - meanRight) ** 2;
    if (gain > bestGain) {
      bestGain = gain;
      best = k;
    }
  }
  return Math.min(best, latest);
}
