import { FACTOR_LABELS } from '@firebreak/core';
import { Link } from 'react-router';
import { useRelatedIncidents } from '../../data/learning';
import { words } from '../../lib/labels';
import { SeverityBadge, StatusBadge } from '../../ui/badges';
import { ErrorMessage } from '../../ui/error-message';
import { TimeText } from '../../ui/time-text';

/**
 * Repeat detection: earlier incidents on the same system sharing the type or a contributing-factor
 * category, what their postmortems found and which of their actions are still open. Shown only
 * when there are any, above the war room's records, since a repeat changes how to respond.
 */
export function RelatedIncidentsPanel({ incidentId }: { incidentId: string }) {
  const related = useRelatedIncidents(incidentId);
  if (related.isError) return <ErrorMessage error={related.error} title="Cannot look for related incidents." />;
  const rows = related.data?.related ?? [];
  if (rows.length === 0) return null;
  return (
    <section className="panel related-panel" aria-labelledby="related-title">
      <div className="panel-heading">
        <h2 id="related-title">Related incidents: this may be a repeat</h2>
        <span className="muted small">
          {rows.length} earlier on the same system with the same type or contributing factor
        </span>
      </div>
      <ul className="related-list">
        {rows.map((row) => (
          <li key={row.incidentId} className="related-item" data-incident={row.incidentId}>
            <div className="related-head">
              <Link to={`/incidents/${row.incidentId}`}>
                <strong>{row.incidentId}</strong> {row.title}
              </Link>{' '}
              <SeverityBadge severity={row.severity} /> <StatusBadge status={row.status} />{' '}
              <span className="muted small">
                declared <TimeText iso={row.declaredAt} variant="short" /> · {row.systems.join(', ')}
              </span>
            </div>
            <div className="small">
              Shares:{' '}
              {[
                ...(row.sameType ? [`type ${words(row.type)}`] : []),
                ...row.factors.map((factor) => `${FACTOR_LABELS[factor].toLowerCase()} factors`),
              ].join(', ')}
            </div>
            {row.postmortem ? (
              <div className="related-postmortem">
                <div className="small muted">
                  Postmortem ({row.postmortem.status.replace('_', ' ')}) ·{' '}
                  <Link to={`/incidents/${row.incidentId}/postmortem`}>read it</Link>
                </div>
                {row.postmortem.summary ? <p className="related-summary">{row.postmortem.summary}</p> : null}
                {row.postmortem.factors.length > 0 ? (
                  <ul className="plain-list small">
                    {row.postmortem.factors.map((factor) => (
                      <li key={`${factor.category}:${factor.description}`}>
                        <span className="badge tag">{FACTOR_LABELS[factor.category]}</span> {factor.description}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </div>
            ) : (
              <div className="small muted">No postmortem.</div>
            )}
            {row.openActions.length > 0 ? (
              <div className="related-actions">
                <strong className="small">Still open from {row.incidentId}:</strong>
                <ul className="plain-list small">
                  {row.openActions.map((action) => (
                    <li key={action.id}>
                      <Link to={`/actions?action=${action.id}`}>{action.id}</Link> {action.title}
                      {action.owner ? <span className="muted"> · {action.owner}</span> : null}
                      {action.overdue ? <span className="badge overdue-badge">OVERDUE</span> : null}
                      {action.dueAt ? (
                        <span className="muted">
                          {' '}
                          · due <TimeText iso={action.dueAt} variant="short" />
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
