const DURATION = /^(\d+)(ms|s|m|h|d)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** True for a duration as people write it: `30s`, `5m`, `1h`, `7d`. */
export function isDuration(value: string): boolean {
  return DURATION.test(value);
}

/**
 * Milliseconds in a duration such as `5m`.
 *
 * @example
 * durationMs('1h'); // 3600000
 */
export function durationMs(value: string): number {
  const match = DURATION.exec(value);
  if (!match) throw new Error(`not a duration: ${value}`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
