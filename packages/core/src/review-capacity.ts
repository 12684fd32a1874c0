/** What the review queue looks like now, and how fast it fills and empties. */
export interface ReviewQueueFigures {
  /** Items waiting for a person. */
  pending: number;
  /** When the oldest waiting item arrived; null when none waits. */
  oldestPendingAt: string | null;
  /** Items routed to review per hour, over the recent window. */
  arrivalsPerHour: number;
  /** Items decided per hour, over the same window. */
  decisionsPerHour: number;
  /** How long an item may wait for a person. */
  slaMs: number;
  now: string;
}

export interface ReviewForecast {
  /** ok: within the SLA at this pace; at_risk: it will breach; breaching: an item is past it now. */
  state: 'ok' | 'at_risk' | 'breaching';
  /** When an item first waits longer than the SLA at this pace; null when it never does. */
  breachAt: string | null;
  /**
   * The share of traffic (as a fraction of the review share in force) that reviewers keep up
   * with at this pace: arrivals cut to the decision rate. Null when no cut is needed or no
   * decision has been made to judge the pace by.
   */
  keepUpFraction: number | null;
  summary: string;
}

const HOUR = 3_600_000;

/**
 * When an item of the review queue first waits longer than its SLA at the current pace. Items
 * are decided oldest first, so a new item waits about `backlog / decisionsPerHour`: the SLA
 * breaks for the oldest item if it is not reached before its deadline, or for the first item
 * that arrives to a backlog of more than an SLA's worth of decisions (now, or once arrivals
 * outpacing decisions have grown it there), an SLA after it arrives.
 *
 * @example
 * forecastReviewQueue({ pending: 40, oldestPendingAt: '…09:50Z', arrivalsPerHour: 120,
 *   decisionsPerHour: 60, slaMs: 30 * 60_000, now: '…10:00Z' }).state; // 'at_risk'
 */
export function forecastReviewQueue(figures: ReviewQueueFigures): ReviewForecast {
  const now = Date.parse(figures.now);
  const { pending, arrivalsPerHour: inflow, decisionsPerHour: outflow, slaMs } = figures;
  const oldest = figures.oldestPendingAt === null ? null : Date.parse(figures.oldestPendingAt);
  const sla = describeMs(slaMs);
  if (oldest !== null && now - oldest > slaMs)
    return {
      state: 'breaching',
      breachAt: new Date(oldest + slaMs).toISOString(),
      keepUpFraction: keepUp(inflow, outflow),
      summary: `the oldest item has waited ${describeMs(now - oldest)}, past the ${sla} SLA`,
    };
  // Items are decided oldest first, one every HOUR / outflow. The first to wait past the SLA is
  // the oldest, if it is not decided before its deadline; else one arriving when the backlog is
  // more than an SLA's worth of decisions (now, or once arrivals outpacing decisions grow it
  // there), whose deadline is an SLA after it arrives.
  const candidates: number[] = [];
  if (oldest !== null && (outflow <= 0 || oldest + slaMs < now + HOUR / outflow)) candidates.push(oldest + slaMs);
  const capacity = (outflow * slaMs) / HOUR;
  if (outflow <= 0) {
    if (inflow > 0) candidates.push(now + slaMs);
  } else if (pending >= capacity) {
    candidates.push(now + slaMs);
  } else if (inflow > outflow) {
    candidates.push(now + ((capacity - pending) / (inflow - outflow)) * HOUR + slaMs);
  }
  const breach = Math.min(...candidates, Number.POSITIVE_INFINITY);
  if (!Number.isFinite(breach))
    return {
      state: 'ok',
      breachAt: null,
      keepUpFraction: null,
      summary:
        pending === 0
          ? `nothing waiting; ${rate(outflow)} decided an hour`
          : `${pending} waiting, ${rate(inflow)} in and ${rate(outflow)} decided an hour: within the ${sla} SLA`,
    };
  return {
    state: 'at_risk',
    breachAt: new Date(breach).toISOString(),
    keepUpFraction: keepUp(inflow, outflow),
    summary: `${pending} waiting, ${rate(inflow)} in and ${rate(outflow)} decided an hour: the ${sla} SLA breaks in about ${describeMs(Math.max(0, breach - now))}`,
  };
}

function keepUp(inflow: number, outflow: number): number | null {
  if (outflow <= 0 || inflow <= outflow) return null;
  return Math.round((outflow / inflow) * 100) / 100;
}

function rate(perHour: number): string {
  return perHour >= 10 ? String(Math.round(perHour)) : String(Math.round(perHour * 10) / 10);
}

function describeMs(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
