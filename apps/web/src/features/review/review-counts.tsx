import type { ReviewStats } from '@firebreak/contract';
import { Link } from 'react-router';
import { useReviewStats } from '../../data/review';

const OUTCOMES = ['approved', 'edited', 'refused', 'escalated'] as const;

/** Counts by outcome in one line: `3 pending · 5 approved · 1 edited · 2 refused · 0 escalated`. */
export function StatsLine({ stats }: { stats: ReviewStats }) {
  return (
    <span className="review-stats">
      <span className={stats.pending > 0 ? 'stat stat-pending' : 'stat'}>
        <strong>{stats.pending}</strong> pending
      </span>
      {OUTCOMES.map((outcome) => (
        <span key={outcome} className="stat">
          <strong>{stats[outcome]}</strong> {outcome}
        </span>
      ))}
    </span>
  );
}

/**
 * How the queue keeps up with its SLA: nothing when it does; otherwise the forecast in words and
 * what to do about it (send less to review, or filter more strictly).
 */
export function QueueForecast({ stats }: { stats: ReviewStats }) {
  const { forecast, overSla } = stats.queue;
  if (forecast.state === 'ok') return null;
  const keepUp =
    forecast.keepUpFraction === null
      ? ''
      : ` Reviewers keep up with about ${Math.round(forecast.keepUpFraction * 100)}% of what comes in: lower the review share to that part of today's, or tighten the output filter.`;
  return (
    <p className={`review-forecast tone-${forecast.state === 'breaching' ? 'bad' : 'warn'}-text small`} role="status">
      <strong>
        {forecast.state === 'breaching'
          ? `SLA breached${overSla > 0 ? ` (${overSla} waiting past it)` : ''}:`
          : 'SLA at risk:'}
      </strong>{' '}
      {forecast.summary}.{keepUp}
    </p>
  );
}

/** The incident's review counts, beside its controls, linking to its queue. */
export function ReviewCounts({ incidentId }: { incidentId: string }) {
  const stats = useReviewStats({ incident: incidentId });
  if (!stats.data) return null;
  return (
    <>
      <p className="review-counts small" data-testid="incident-review-counts">
        <span className="muted">Review queue:</span>{' '}
        {stats.data.total === 0 ? (
          <span className="muted">nothing routed to people for {incidentId} yet</span>
        ) : (
          <StatsLine stats={stats.data} />
        )}{' '}
        <Link to={`/review?incident=${incidentId}`}>open {incidentId}’s queue</Link>
      </p>
      <QueueForecast stats={stats.data} />
    </>
  );
}
