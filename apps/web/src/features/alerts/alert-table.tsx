import type { Alert } from '@firebreak/contract';
import { Link } from 'react-router';
import { useNow } from '../../lib/use-now';
import { RunbookLink } from '../../ui/runbook-link';
import { TimeText } from '../../ui/time-text';
import { AlertActions } from './alert-actions';
import { alertState, segmentText } from './alert-text';

/** warn or page, coloured, and for a dismissed or resolved alert, muted. */
export function LevelBadge({ alert }: { alert: Pick<Alert, 'level' | 'status'> }) {
  return (
    <span className={`badge level level-${alert.level} ${alert.status === 'firing' ? '' : 'level-past'}`}>
      {alert.level}
    </span>
  );
}

/** The link to an alert's page, named by its id and, where it says something, its monitor. */
export function AlertLink({ alert }: { alert: { id: string; monitor?: string } }) {
  return (
    <Link to={`/alerts/${alert.id}`} className="alert-link">
      <span className="incident-id">{alert.id}</span>
      {alert.monitor ? ` ${alert.monitor}` : null}
    </Link>
  );
}

/**
 * Alerts, one row each: what fired where, who owns it and its runbook, when it opened and when
 * the change began, where it stands, and what can be done about it.
 */
export function AlertTable({ alerts, caption }: { alerts: readonly Alert[]; caption: string }) {
  const now = useNow();
  return (
    <div className="table-wrap">
      <table className="table alert-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Alert</th>
            <th scope="col">System</th>
            <th scope="col" className="hide-narrow">
              Owner
            </th>
            <th scope="col" className="hide-narrow">
              Opened · onset
            </th>
            <th scope="col">State</th>
            <th scope="col" className="write-only">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr
              key={alert.id}
              className={
                alert.status === 'firing' && !alert.acknowledged ? `row-unacknowledged row-${alert.level}` : undefined
              }
            >
              <td className="cell-alert">
                <LevelBadge alert={alert} /> <AlertLink alert={alert} />
                <div className="small muted">
                  <code>{alert.signal}</code>
                  {alert.segment ? <> · {segmentText(alert.segment)}</> : null}
                </div>
              </td>
              <td>
                <Link to={`/systems/${alert.system}`}>{alert.system}</Link>
              </td>
              <td className="hide-narrow">
                {alert.owner}
                <div className="small">
                  <RunbookLink href={alert.runbook} of={alert.monitor} />
                </div>
              </td>
              <td className="hide-narrow cell-times">
                <TimeText iso={alert.openedAt} />
                <div className="small muted">
                  onset <TimeText iso={alert.onset} variant="clock" />
                </div>
              </td>
              <td className="small">
                {alertState(alert, now)}
                {alert.incidentId ? (
                  <div>
                    on <Link to={`/incidents/${alert.incidentId}`}>{alert.incidentId}</Link>
                  </div>
                ) : null}
              </td>
              <td className="write-only">
                <AlertActions alert={alert} compact />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
