import type { AlertEvidence, AlertSeries } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import type { HistoryPoint } from '@firebreak/detection';
import type { Ctx } from '../context';
import { requireAlert } from './store';

/**
 * Where the alert routes read the running engine's series. The detection runtime implements
 * it; an app without one (tests of other domains, a server that runs no detection) answers
 * with the frozen evidence only.
 */
export interface LiveSeriesSource {
  /** The series' closed windows, oldest first (at most a day of them), or undefined when the engine holds none. */
  historyOf(fingerprint: string): readonly HistoryPoint[] | undefined;
}

/**
 * Detectors whose chart plots a window's statistic (hits, EWMA, CUSUM, PSI) rather than its value
 * (a rate, a mean, a disparate-impact ratio). Mirrors `seriesView` in
 * packages/detection/src/engine/evidence.ts, which the engine does not export; a mismatch shows
 * as the deciding window disagreeing with the evidence, which answers `live: false`.
 */
const PLOTS_STATISTIC: ReadonlySet<string> = new Set(['zero_tolerance', 'ewma', 'cusum', 'drift']);

type FrozenSeries = NonNullable<AlertEvidence['series']>;

const NOTE_NO_ENGINE = 'detection is not running in this server; the chart ends at the deciding window';
const NOTE_GONE =
  'the engine no longer holds this series from the deciding window on (the monitor was reconfigured, the engine was restored from an older snapshot, or more than a day of windows has passed); the chart ends at the deciding window';

/**
 * An alert's control chart carried on to now: the windows its evidence froze when it opened,
 * then the windows the engine has closed on the same series since, so a responder sees whether
 * the failure is still happening. Read access, like the alert itself.
 */
export async function alertSeriesView({
  ctx,
  id,
  live,
}: {
  ctx: Ctx;
  id: string;
  live: LiveSeriesSource | undefined;
}): Promise<AlertSeries> {
  const row = await requireAlert(ctx.db, id);
  const frozen = row.evidence.series;
  if (!frozen || frozen.history.length === 0)
    throw new DomainError(
      'not_found',
      `alert ${id}: its evidence holds no series (raised before alerts carried charts); GET /alerts/${id} has its window and sample events`,
      { details: { id } },
    );
  // Copied at once: the engine mutates its state in place between awaits.
  const history = live?.historyOf(row.fingerprint)?.slice();
  return extendSeries(id, frozen, row.detector, history, live ? NOTE_GONE : NOTE_NO_ENGINE);
}

/**
 * The frozen series followed by the live windows after its last (deciding) one. The live
 * history counts as the same series only when it still holds the deciding window with the value
 * the evidence recorded; otherwise the frozen series alone, with `note` saying why.
 */
export function extendSeries(
  alertId: string,
  frozen: FrozenSeries,
  detector: string,
  live: readonly HistoryPoint[] | undefined,
  note: string,
): AlertSeries {
  const deciding = frozen.history.at(-1)!;
  const decidedAt = Date.parse(deciding.at);
  const plotted = (point: HistoryPoint) => (PLOTS_STATISTIC.has(detector) ? point.statistic : point.value);
  const same = live?.find((point) => point.at === decidedAt);
  const isLive = same !== undefined && close(plotted(same), deciding.value);
  const later = isLive ? live!.filter((point) => point.at > decidedAt) : [];
  return {
    alertId,
    measure: frozen.measure,
    windowMs: frozen.windowMs,
    lines: frozen.lines,
    history: [
      ...frozen.history.map((point) => ({ ...point, after: false })),
      ...later.map((point) => ({
        at: new Date(point.at).toISOString(),
        value: plotted(point),
        level: point.level,
        after: true,
      })),
    ],
    decidedAt: deciding.at,
    after: later.length,
    live: isLive,
    note: isLive ? null : note,
  };
}

/** Equal up to the rounding a value picks up on its way through JSON and the database. */
function close(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
