import type { Alert } from '@firebreak/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { keys } from '../../data/keys';
import { useSession } from '../../data/session';
import { SeverityBadge, StatusBadge } from '../../ui/badges';
import { ErrorMessage } from '../../ui/error-message';
import { TimeText } from '../../ui/time-text';

/**
 * In the "open incident" dialog: the incidents already open on the alert's system, each with
 * "Attach", so the same failure does not become two incidents. Attaching puts the alert on that
 * incident's timeline (audited) and goes there.
 */
export function AttachToOpenIncident({ alert, open, onDone }: { alert: Alert; open: boolean; onDone(): void }) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const candidates = useQuery({
    queryKey: [...keys.alert(alert.id), 'open-incidents'],
    queryFn: () => client.openIncidentsForAlert(alert.id).then((body) => body.incidents),
    enabled: open,
  });
  const attach = useMutation({
    mutationFn: (incident: string) => client.attachAlert(alert.id, { incident }),
    onSuccess: (_alert, incident) => {
      void queryClient.invalidateQueries({ queryKey: keys.alerts() });
      void queryClient.invalidateQueries({ queryKey: keys.incident(incident) });
      onDone();
      navigate(`/incidents/${incident}`);
    },
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
