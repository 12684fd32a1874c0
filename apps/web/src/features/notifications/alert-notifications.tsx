import { useAlertNotifications } from '../../data/notifications';
import { ErrorMessage } from '../../ui/error-message';
import { TimeText } from '../../ui/time-text';
import { notificationCounts, notificationFacts, notificationLine, sortNotifications } from './notification-text';

/**
 * Who was told about an alert while no incident held it: the page to on-call, warnings to the
 * owning team, escalations, and how each delivery went. Nothing is shown when nobody was.
 */
export function AlertNotifications({ alertId }: { alertId: string }) {
  const list = useAlertNotifications(alertId);
  if (list.data?.length === 0) return null;
  return (
    <section className="panel notifications-panel" aria-labelledby="alert-notifications-title">
      <div className="panel-heading">
        <h2 id="alert-notifications-title">Who was told</h2>
        {list.data ? <span className="muted small">{notificationCounts(list.data)}</span> : null}
      </div>
      <ErrorMessage error={list.error} title="Cannot load who was told." />
      <ul className="notification-list">
        {sortNotifications(list.data ?? []).map((notification) => (
          <li key={notification.id} className={`notification status-${notification.status}`}>
            <div className="notification-line">
              <span className="badge notification-status">{notification.status}</span>{' '}
              <span>{notificationLine(notification)}</span>
            </div>
            <div className="small muted">
              {notificationFacts(notification)} · queued <TimeText iso={notification.createdAt} variant="short" />
              {notification.lastError ? ` · ${notification.lastError}` : ''}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
