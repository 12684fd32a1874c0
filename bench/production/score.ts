/**
 * Scores the alerts `firebreak detect` printed against the production benchmark's manifest
 * (issue 10). Pure: alerts and manifest in, figures out.
 *
 * - A failure is detected when an alert on its system opened or escalated between its onset and
 *   onset + deadline; the first such alert gives the delay and the onset error. A segment-local
 *   failure's segment is named when any alert on the system in that time carries exactly its segment.
 * - An alert is false when its `at` falls outside every failure's [onset, attributedUntil] on its
 *   system. A page is an alert at level page or an escalation; the rest are warnings. Rates are
 *   per clean day: the system's time outside those spans, in days.
 */
import type { Failure, Manifest } from './model';

/** The fields of a `firebreak detect` alert line the scorer reads. */
export interface ScoredAlert {
  system: string;
  monitor: string;
  signal: string;
  level: 'warn' | 'page';
  transition: 'opened' | 'escalated';
  at: string;
  onset: string;
  segment?: Record<string, string>;
}

export interface FailureScore {
  id: string;
  system: string;
  kind: string;
  shape: Failure['shape'];
  deadlineMinutes: number;
  segment: Record<string, string> | null;
  detected: boolean;
  /** Minutes from the true onset to the first alert within the deadline. */
  delayMinutes: number | null;
  /** |estimated onset − true onset| of that first alert, in minutes. */
  onsetErrorMinutes: number | null;
  /** For a segment-local failure, whether an alert within the deadline named its segment. */
  segmentNamed: boolean | null;
  first: { monitor: string; signal: string; level: string; segment: Record<string, string> | null } | null;
}

export interface FalseAlerts {
  cleanDays: number;
  pages: number;
  warnings: number;
  pagesPerCleanDay: number;
  warningsPerCleanDay: number;
  /** Pages on the zero-tolerance signals (flag:pii, flag:secret): these must never be false. */
  zeroTolerancePages: number;
  /** False alerts per signal, most first. */
  bySignal: Record<string, number>;
}

export interface Score {
  failures: FailureScore[];
  totals: {
    detectedWithinDeadline: string;
    medianDelayMinutes: number | null;
    medianOnsetErrorMinutes: number | null;
    segmentLocalNamed: string;
    falsePagesPerCleanDay: number;
    falseWarningsPerCleanDay: number;
    zeroToleranceFalsePages: number;
    worstSystem: string | null;
  };
  /** Per system, and `all`: every system together, per clean day of the suite (their mean clean days). */
  falseAlerts: Record<string, FalseAlerts>;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const ZERO_TOLERANCE = new Set(['flag:pii', 'flag:secret']);

const round = (x: number, digits = 2) => Number(x.toFixed(digits));

/** True when the two segments hold the same keys with the same values. */
export function sameSegment(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const isPage = (alert: ScoredAlert) => alert.level === 'page' || alert.transition === 'escalated';

function scoreFailure(failure: Failure, alerts: readonly ScoredAlert[]): FailureScore {
  const onset = Date.parse(failure.onset);
  const deadline = onset + failure.deadlineMinutes * MINUTE;
  const within = alerts
    .filter((a) => a.system === failure.system)
    .filter((a) => {
      const at = Date.parse(a.at);
      return at >= onset && at <= deadline;
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const first = within[0];
  return {
    id: failure.id,
    system: failure.system,
    kind: failure.kind,
    shape: failure.shape,
    deadlineMinutes: failure.deadlineMinutes,
    segment: failure.segment ?? null,
    detected: first !== undefined,
    delayMinutes: first ? round((Date.parse(first.at) - onset) / MINUTE) : null,
    onsetErrorMinutes: first ? round(Math.abs(Date.parse(first.onset) - onset) / MINUTE) : null,
    segmentNamed: failure.segment ? within.some((a) => sameSegment(a.segment, failure.segment)) : null,
    first: first
      ? { monitor: first.monitor, signal: first.signal, level: first.level, segment: first.segment ?? null }
      : null,
  };
}

/** Days of `system` outside its failures' spans, from the manifest's clean intervals. */
function cleanDaysOf(manifest: Manifest, system: string): number {
  const ms = (manifest.clean[system] ?? []).reduce((sum, i) => sum + Date.parse(i.end) - Date.parse(i.start), 0);
  return ms / DAY;
}

export function isFalse(alert: ScoredAlert, failures: readonly Failure[]): boolean {
  const at = Date.parse(alert.at);
  return !failures.some(
    (f) => f.system === alert.system && at >= Date.parse(f.onset) && at <= Date.parse(f.attributedUntil),
  );
}

function tally(alerts: readonly ScoredAlert[], cleanDays: number): FalseAlerts {
  const pages = alerts.filter(isPage).length;
  const bySignal: Record<string, number> = {};
  for (const a of alerts) bySignal[a.signal] = (bySignal[a.signal] ?? 0) + 1;
  return {
    cleanDays: round(cleanDays, 3),
    pages,
    warnings: alerts.length - pages,
    pagesPerCleanDay: cleanDays > 0 ? round(pages / cleanDays, 3) : 0,
    warningsPerCleanDay: cleanDays > 0 ? round((alerts.length - pages) / cleanDays, 3) : 0,
    zeroTolerancePages: alerts.filter((a) => isPage(a) && ZERO_TOLERANCE.has(a.signal)).length,
    bySignal: Object.fromEntries(Object.entries(bySignal).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
  };
}

/** Scores alerts against the manifest: per failure, false alerts per system and overall, totals. */
export function scoreAlerts(alerts: readonly ScoredAlert[], manifest: Manifest): Score {
  const failures = manifest.failures.map((f) => scoreFailure(f, alerts));
  const falses = alerts.filter((a) => isFalse(a, manifest.failures));
  const falseAlerts: Record<string, FalseAlerts> = {};
  for (const system of manifest.systems)
    falseAlerts[system] = tally(
      falses.filter((a) => a.system === system),
      cleanDaysOf(manifest, system),
    );
  // Alerts on systems the manifest does not know are false too: there is no failure there.
  const meanCleanDays =
    manifest.systems.reduce((sum, s) => sum + cleanDaysOf(manifest, s), 0) / Math.max(1, manifest.systems.length);
  falseAlerts.all = tally(falses, meanCleanDays);

  const detected = failures.filter((f) => f.detected);
  const local = failures.filter((f) => f.segment !== null);
  const worst = manifest.systems
    .map((s) => ({ s, f: falseAlerts[s]! }))
    .filter(({ f }) => f.pages + f.warnings > 0)
    .sort(
      (a, b) =>
        b.f.pagesPerCleanDay - a.f.pagesPerCleanDay ||
        b.f.warningsPerCleanDay - a.f.warningsPerCleanDay ||
        a.s.localeCompare(b.s),
    )[0];
  return {
    failures,
    totals: {
      detectedWithinDeadline: `${detected.length} of ${failures.length}`,
      medianDelayMinutes: median(detected.map((f) => f.delayMinutes!)),
      medianOnsetErrorMinutes: median(detected.map((f) => f.onsetErrorMinutes!)),
      segmentLocalNamed: `${local.filter((f) => f.segmentNamed).length} of ${local.length}`,
      falsePagesPerCleanDay: falseAlerts.all.pagesPerCleanDay,
      falseWarningsPerCleanDay: falseAlerts.all.warningsPerCleanDay,
      zeroToleranceFalsePages: falseAlerts.all.zeroTolerancePages,
      worstSystem: worst?.s ?? null,
    },
    falseAlerts,
  };
}

/** Parses `firebreak detect` NDJSON output; blank lines are skipped, a bad line names its number. */
export function parseAlerts(text: string): ScoredAlert[] {
  const alerts: ScoredAlert[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`alerts line ${index + 1}: not valid JSON`);
    }
    const a = value as Partial<ScoredAlert>;
    for (const field of ['system', 'signal', 'level', 'at', 'onset'] as const)
      if (typeof a[field] !== 'string') throw new Error(`alerts line ${index + 1}: ${field} missing`);
    alerts.push(a as ScoredAlert);
  });
  return alerts;
}
