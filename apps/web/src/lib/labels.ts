/**
 * An enum value as words: `hallucination_spike` → `hallucination spike`.
 *
 * @example
 * words('incident_commander'); // 'incident commander'
 */
export function words(value: string): string {
  return value.replaceAll('_', ' ');
}

/** A sentence-case label: `incident_commander` → `Incident commander`. */
export function label(value: string): string {
  const text = words(value);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A byte count a person reads: `339 B`, `4.9 KB`, `3.1 MB`.
 *
 * @example
 * formatBytes(12_700); // '12 KB'
 */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** People count: 2400000 → `2.4M`. */
export function formatCount(value: number | undefined): string {
  if (value === undefined) return '—';
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
  if (value >= 1_000) return `${(value / 1_000).toFixed(1).replace(/\.0$/, '')}k`;
  return String(value);
}
