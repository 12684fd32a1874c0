import type { Alert } from '@firebreak/contract';
import { useNavigate } from 'react-router';
import { useAttachAlert, useOpenIncidentsForAlert } from '../../data/alerts';
import { SeverityBadge, StatusBadge } from '../../ui/badges';
import { ErrorMessage } from '../../ui/error-message';
import { TimeText } from '../../ui/time-text';

/**
 * In the "open incident" dialog: the incidents already open on the alert's system, each with
 * "Attach", so the same failure does not become two incidents. Attaching puts the alert on that
 * incident's timeline (audited) and goes there.
 */
export function AttachToOpenIncident({ alert, open, onDone }: { alert: Alert; open: boolean; onDone(): void }) {
  const navigate = useNavigate();
  const candidates = useOpenIncidentsForAlert(alert.id, open);
  const attach = useAttachAlert(alert.id, (incident) => {
    onDone();
    navigate(`/incidents/${incident}`);
  });
  const incidents = candidates.data ?? [];
  if (incidents.length === 0) return <ErrorMessage error={candidates.error} title="Cannot list open incidents." />;
  return (
    <section className="attach-suggestions" aria-labelledby={`attach-${alert.id}`}>
      <h3 id={`attach-${alert.id}`}>Already open on {alert.system}</h3>
      <p className="small muted">If this alert is part of one of these, attach it instead of opening another.</p>
      <ul className="plain-list">
        {incidents.map((incident) => (
          <li key={incident.id} className="attach-candidate">
            <span>
              <span className="incident-id">{incident.id}</span> {incident.title}{' '}
              <SeverityBadge severity={incident.severity} /> <StatusBadge status={incident.status} />{' '}
              <span className="small muted">
                declared <TimeText iso={incident.declaredAt} variant="short" />
              </span>
            </span>
            <button
              type="button"
              className="button button-small"
              onClick={() => attach.mutate(incident.id)}
              disabled={attach.isPending}
            >
              Attach to {incident.id}
            </button>
          </li>
        ))}
      </ul>
      <ErrorMessage error={attach.error} title="Not attached." />
    </section>
  );
}
