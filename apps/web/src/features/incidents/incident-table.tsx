import type { Incident } from '@firebreak/contract';
import { Link } from 'react-router';
import { words } from '../../lib/labels';
import { NearMissBadge, SeverityBadge, StatusBadge } from '../../ui/badges';
import { TimeText } from '../../ui/time-text';
import { AckCell, ContainCell } from './sla-cell';

/** Incidents, one row each, with their live response clocks. */
export function IncidentTable({
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
            <th scope="col" className="hide-narrow hide-compact">
              Type
            </th>
            <th scope="col" className="hide-narrow hide-compact">
              Systems
            </th>
            <th scope="col">Acknowledge</th>
            <th scope="col" className="hide-narrow hide-compact">
              Contain
            </th>
            <th scope="col" className="hide-narrow">
              Declared
            </th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((incident) => (
            <tr
              key={incident.id}
              className={incident.response.overdue || incident.response.containOverdue ? 'row-overdue' : undefined}
            >
              <td className="cell-title">
                <span className="incident-id">{incident.id}</span>{' '}
                <Link to={`/incidents/${incident.id}`}>{incident.title}</Link>{' '}
                {incident.nearMiss ? <NearMissBadge /> : null}
              </td>
              <td>
                <SeverityBadge severity={incident.severity} />
              </td>
              <td>
                <StatusBadge status={incident.status} />
              </td>
              <td className="hide-narrow hide-compact">{words(incident.type)}</td>
              <td className="hide-narrow hide-compact">
                <span className="system-list">
                  {incident.systems.map((id) => (
                    <span key={id}>{id}</span>
                  ))}
                </span>
              </td>
              <td>
                <AckCell incident={incident} />
              </td>
              <td className="hide-narrow hide-compact">
                <ContainCell incident={incident} />
              </td>
              <td className="hide-narrow">
                <TimeText iso={incident.declaredAt} variant="short" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
