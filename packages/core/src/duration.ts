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

const SPOKEN_UNITS: ReadonlyArray<[string, number]> = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

/**
 * A duration in its two largest units, the way a responder says it.
 *
 * @example
 * formatDuration(252); // '4m 12s'
 * formatDuration(null); // '—'
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  let rest = Math.max(0, Math.round(seconds));
  if (rest === 0) return '0s';
  const parts: string[] = [];
  for (const [unit, size] of SPOKEN_UNITS) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length > 0) {
      // Only adjacent units: "1h 0m" says nothing "1h" does not, and "1d 5s" misleads.
      break;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}
