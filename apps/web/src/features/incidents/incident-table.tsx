import type { Incident } from '@firebreak/contract';
import { isOpen } from '@firebreak/core';
import { Link } from 'react-router';
import { useIncidentChange } from '../../data/incidents';
import { useSession } from '../../data/session';
import { words } from '../../lib/labels';
import { DrillBadge, NearMissBadge, SeverityBadge, StatusBadge } from '../../ui/badges';
import { AckCell, ContainCell, UpdateCell } from '../../ui/clock-text';
import { ErrorMessage } from '../../ui/error-message';
import { TimeText } from '../../ui/time-text';
import { useNarrow } from '../../ui/use-narrow';
import { commanderOf } from './urgency';

function overdue(incident: Incident): boolean {
  return isOpen(incident.status) && (incident.response.overdue || incident.response.containOverdue);
}

/**
 * Incidents with their live response clocks and commander: a table, or on a phone one card each
 * with an Acknowledge button for an open incident nobody has acknowledged yet.
 */
export function IncidentTable(props: { incidents: readonly Incident[]; caption: string; compact?: boolean }) {
  return useNarrow() ? <IncidentCards {...props} /> : <Table {...props} />;
}

function Table({
  incidents,
  caption,
  compact = false,
}: {
  incidents: readonly Incident[];
  caption: string;
  compact?: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className={`table incident-table ${compact ? 'incident-table-compact' : ''}`}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Incident</th>
            <th scope="col">Sev</th>
            <th scope="col">Status</th>
            <th scope="col" className="hide-compact">
              Commander
            </th>
            <th scope="col" className="hide-compact">
              Type
            </th>
            <th scope="col" className="hide-compact">
              Systems
            </th>
            <th scope="col">Acknowledge</th>
            <th scope="col" className="hide-compact">
              Contain
            </th>
            <th scope="col">Update</th>
            <th scope="col">Declared</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <tr key={incident.id} className={overdue(incident) ? 'row-overdue' : undefined}>
              <td className="cell-title">
                <span className="incident-id">{incident.id}</span>{' '}
                <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>{' '}
                {incident.exercise ? <DrillBadge exercise={incident.exercise} /> : null}
                {incident.nearMiss ? <NearMissBadge /> : null}
              </td>
              <td>
                <SeverityBadge severity={incident.severity} />
              </td>
              <td>
                <StatusBadge status={incident.status} />
              </td>
              <td className="hide-compact">
                <Commander incident={incident} />
              </td>
              <td className="hide-compact">{words(incident.type)}</td>
              <td className="hide-compact">
                <span className="system-list">
                  {incident.systems.map((id) => (
                    <span key={id}>{id}</span>
                  ))}
                </span>
              </td>
              <td>
                <AckCell incident={incident} />
              </td>
              <td className="hide-compact">
                <ContainCell incident={incident} />
              </td>
              <td>
                <UpdateCell incident={incident} />
              </td>
              <td>
                <TimeText iso={incident.declaredAt} variant="short" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Commander({ incident }: { incident: Incident }) {
  const commander = commanderOf(incident);
  if (commander) return <>{commander}</>;
  return isOpen(incident.status) ? <span className="tone-warn-text">nobody</span> : <span className="muted">—</span>;
}

function IncidentCards({ incidents, caption }: { incidents: readonly Incident[]; caption: string }) {
  return (
    <ul className="card-list" aria-label={caption}>
      {incidents.map((incident) => (
        <li key={incident.id} className={`list-card ${overdue(incident) ? 'row-overdue' : ''}`}>
          <div className="list-card-title">
            <span className="incident-id">{incident.id}</span>{' '}
            <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>
          </div>
          <div className="badges">
            {incident.exercise ? <DrillBadge exercise={incident.exercise} /> : null}
            <SeverityBadge severity={incident.severity} />
            <StatusBadge status={incident.status} />
            {incident.nearMiss ? <NearMissBadge /> : null}
            <span className="small muted">
              declared <TimeText iso={incident.declaredAt} variant="short" />
            </span>
          </div>
          <dl className="list-card-facts">
            <div>
              <dt>Commander</dt>
              <dd>
                <Commander incident={incident} />
              </dd>
            </div>
            <div>
              <dt>Acknowledge</dt>
              <dd>
                <AckCell incident={incident} />
              </dd>
            </div>
            <div>
              <dt>Contain</dt>
              <dd>
                <ContainCell incident={incident} />
              </dd>
            </div>
            <div>
              <dt>Update</dt>
              <dd>
                <UpdateCell incident={incident} />
              </dd>
            </div>
          </dl>
          <AcknowledgeIncident incident={incident} />
        </li>
      ))}
    </ul>
  );
}

/** The one thing a phone does to an incident: acknowledge it (for responders, while it is open and unacknowledged). */
function AcknowledgeIncident({ incident }: { incident: Incident }) {
  const { canWrite } = useSession();
  const acknowledge = useIncidentChange(incident.id, (client) => client.acknowledge(incident.id));
  if (!canWrite || !isOpen(incident.status) || incident.response.acknowledgedAt) return null;
  return (
    <div className="list-card-actions">
      <button
        type="button"
        className="button button-primary"
        onClick={(event) => {
          // The button goes once acknowledged: focus stays in the card, on its link.
          const card = event.currentTarget.closest('li');
          acknowledge.mutate(undefined, { onSuccess: () => card?.querySelector('a')?.focus() });
        }}
        disabled={acknowledge.isPending}
        aria-label={`Acknowledge ${incident.id}`}
      >
        {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}
      </button>
      <ErrorMessage error={acknowledge.error} title={`${incident.id} not acknowledged.`} />
    </div>
  );
}
