import type { ReviewItem } from '@firebreak/contract';
import { canDecide, type ReviewOutcome } from '@firebreak/core';
import { Link } from 'react-router';
import { TimeText } from '../../ui/time-text';
import { contentEntries, routedText, valueText } from './review-text';

const ACTIONS: ReadonlyArray<{ outcome: ReviewOutcome; label: string }> = [
  { outcome: 'approved', label: 'Approve' },
  { outcome: 'edited', label: 'Edit' },
  { outcome: 'refused', label: 'Refuse' },
  { outcome: 'escalated', label: 'Escalate' },
];

/** One held-back item: what the app would have shown, where it came from, why it was routed, and the decision. */
export function ReviewCard({
  item,
  canWrite,
  onDecide,
}: {
  item: ReviewItem;
  canWrite: boolean;
  onDecide(outcome: ReviewOutcome): void;
}) {
  const actions = ACTIONS.filter((action) => canDecide(item.status, action.outcome));
  return (
    <li className="review-item" data-review={item.id} aria-labelledby={`${item.id}-title`}>
      <div className="review-head">
        <h2 id={`${item.id}-title`} className="review-title">
          <span className="incident-id">{item.id}</span>{' '}
          <span className={`badge review-status review-${item.status}`}>{item.status}</span>
        </h2>
        <span className="small">
          <Link to={`/systems/${item.system}`}>{item.system}</Link>
          {item.incidentId ? (
            <>
              {' '}
              · <Link to={`/incidents/${item.incidentId}`}>{item.incidentId}</Link>
            </>
          ) : (
            <span className="muted"> · no incident</span>
          )}
          {item.control ? <span className="muted"> · {item.control}</span> : null}
        </span>
        <span className="small">
          <span className="muted">routed:</span> {routedText(item.routedBecause)}
        </span>
        <span className="small muted">
          queued by {item.submittedBy} <TimeText iso={item.createdAt} variant="clock" /> (
          <TimeText iso={item.createdAt} variant="short" />)
        </span>
      </div>
      <dl className="review-content">
        {contentEntries(item.content).map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd className={typeof value === 'string' ? '' : 'mono'}>{valueText(value)}</dd>
          </div>
        ))}
      </dl>
      {item.decision ? <DecisionText item={item} /> : null}
      {canWrite && actions.length > 0 ? (
        <div className="review-actions write-only" role="group" aria-label={`Decide ${item.id}`}>
          {actions.map((action) => (
            <button
              key={action.outcome}
              type="button"
              className={`button button-small ${action.outcome === 'approved' ? 'button-primary' : ''}`}
              onClick={() => onDecide(action.outcome)}
              aria-label={`${action.label} ${item.id}`}
              aria-haspopup="dialog"
            >
              {action.label}
            </button>
          ))}
        </div>
      ) : null}
    </li>
  );
}

function DecisionText({ item }: { item: ReviewItem }) {
  const decision = item.decision!;
  return (
    <div className={`review-decision review-decision-${decision.outcome}`}>
      <strong>{decision.outcome}</strong> by {item.decidedBy ?? '?'} <TimeText iso={item.decidedAt} variant="short" />
      {decision.message ? (
        <div>
          The user is shown: <q className="user-sees">{decision.message.text}</q>
        </div>
      ) : null}
      {decision.to ? <div>Escalated to {decision.to}</div> : null}
      {decision.edited ? (
        <details>
          <summary>Sent as edited</summary>
          <pre>{JSON.stringify(decision.edited, null, 2)}</pre>
        </details>
      ) : null}
      {decision.note ? <div className="muted">Note: {decision.note}</div> : null}
    </div>
  );
}
