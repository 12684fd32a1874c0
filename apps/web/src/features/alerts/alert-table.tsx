import type { Alert } from '@firebreak/contract';
import { Link } from 'react-router';
import { useAlertChange } from '../../data/alerts';
import { useSession } from '../../data/session';
import { useNow } from '../../lib/use-now';
import { AlertLink } from '../../ui/alert-link';
import { DrillBadge, LevelBadge } from '../../ui/badges';
import { ErrorMessage } from '../../ui/error-message';
import { RunbookLink } from '../../ui/runbook-link';
import { TimeText } from '../../ui/time-text';
import { useNarrow } from '../../ui/use-narrow';
import { AlertActions } from './alert-actions';
import { alertState, segmentText } from './alert-text';

/**
 * Alerts, one row each: what fired where, who owns it and its runbook, when it opened and when
 * the change began, where it stands, and what can be done about it.
 */
export function AlertTable(props: { alerts: readonly Alert[]; caption: string }) {
  return useNarrow() ? <AlertCards {...props} /> : <Table {...props} />;
}

function unacknowledged(alert: Alert): string | undefined {
  return alert.status === 'firing' && !alert.acknowledged ? `row-unacknowledged row-${alert.level}` : undefined;
}

function Table({ alerts, caption }: { alerts: readonly Alert[]; caption: string }) {
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
            <tr key={alert.id} className={unacknowledged(alert)}>
              <td className="cell-alert">
                <LevelBadge alert={alert} /> <AlertLink alert={alert} />
                {alert.exercise ? (
                  <>
                    {' '}
                    <DrillBadge exercise={alert.exercise} />
                  </>
                ) : null}
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

/** On a phone: one card per alert, what fired where and where it stands, and Acknowledge. */
function AlertCards({ alerts, caption }: { alerts: readonly Alert[]; caption: string }) {
  const now = useNow();
  return (
    <ul className="card-list" aria-label={caption}>
      {alerts.map((alert) => (
        <li key={alert.id} className={`list-card ${unacknowledged(alert) ?? ''}`}>
          <div className="list-card-title">
            <LevelBadge alert={alert} /> <AlertLink alert={alert} />
            {alert.exercise ? (
              <>
                {' '}
                <DrillBadge exercise={alert.exercise} />
              </>
            ) : null}
          </div>
          <div className="small muted">
            {alert.system} · <code>{alert.signal}</code>
            {alert.segment ? <> · {segmentText(alert.segment)}</> : null}
          </div>
          <div className="small">
            {alertState(alert, now)}
            {alert.incidentId ? (
              <>
                {' '}
                · on <Link to={`/incidents/${alert.incidentId}`}>{alert.incidentId}</Link>
              </>
            ) : null}
          </div>
          <AcknowledgeAlert alert={alert} />
        </li>
      ))}
    </ul>
  );
}

/** The one thing a phone does to an alert: acknowledge it (responders, while it is not dismissed or acknowledged). */
function AcknowledgeAlert({ alert }: { alert: Alert }) {
  const { canWrite } = useSession();
  const acknowledge = useAlertChange((client, id: string) => client.acknowledgeAlert(id));
  if (!canWrite || alert.status === 'dismissed' || alert.acknowledged) return null;
  return (
    <div className="list-card-actions">
      <button
        type="button"
        className="button button-primary"
        onClick={(event) => {
          // The button goes once acknowledged: focus stays in the card, on its link.
          const card = event.currentTarget.closest('li');
          acknowledge.mutate(alert.id, { onSuccess: () => card?.querySelector('a')?.focus() });
        }}
        disabled={acknowledge.isPending}
        aria-label={`Acknowledge ${alert.id}`}
      >
        {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}
      </button>
      <ErrorMessage error={acknowledge.error} title={`${alert.id} not acknowledged.`} />
    </div>
  );
}
