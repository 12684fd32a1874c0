import type { IncidentNotification, NotificationPreview } from '@firebreak/contract';
import { isOpen } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { useIncidentNotifications, useNotificationPreview, useRetryNotification } from '../../data/notifications';
import { useSession } from '../../data/session';
import { words } from '../../lib/labels';
import { ErrorMessage } from '../../ui/error-message';
import { Loading } from '../../ui/states';
import { TimeText } from '../../ui/time-text';
import { notificationCounts, notificationFacts, notificationLine, sortNotifications } from './notification-text';

const STATUS_TONES: Record<IncidentNotification['status'], string> = {
  failed: 'bad',
  pending: 'neutral',
  delivering: 'info',
  delivered: 'ok',
  held: 'neutral',
};

/**
 * Who has been told about the incident and how delivery went (failed ones can be sent again by
 * a responder), and who the notification rules will tell as the incident stands, with the gaps.
 * The live timeline re-reads it when a delivery, failure or escalation is recorded.
 */
export function IncidentNotifications({ incident }: { incident: IncidentDetail }) {
  const list = useIncidentNotifications(incident.id);
  const open = isOpen(incident.status);
  const preview = useNotificationPreview(incident.id, open);
  const sorted = sortNotifications(list.data ?? []);
  return (
    <section className="panel notifications-panel" id="notifications" aria-labelledby="notifications-title">
      <div className="panel-heading">
        <h2 id="notifications-title">Notifications</h2>
        {list.data ? <span className="muted small">{notificationCounts(list.data)}</span> : null}
      </div>
      {list.isPending ? <Loading what="the notifications" /> : null}
      <ErrorMessage error={list.error} title="Cannot load the notifications." />
      {list.data?.length === 0 ? (
        <p className="muted small">Nobody has been sent anything about {incident.id} yet.</p>
      ) : null}
      {sorted.length > 0 ? (
        <ul className="notification-list">
          {sorted.map((notification) => (
            <NotificationItem key={notification.id} incidentId={incident.id} notification={notification} />
          ))}
        </ul>
      ) : null}
      {open ? (
        <WhoWillBeTold preview={preview.data} error={preview.error} pending={preview.isPending} />
      ) : (
        <p className="small muted">{incident.id} is finished: nobody is told anything more about it.</p>
      )}
    </section>
  );
}

function NotificationItem({ incidentId, notification }: { incidentId: string; notification: IncidentNotification }) {
  const { canWrite } = useSession();
  const retry = useRetryNotification(incidentId);
  return (
    <li className={`notification status-${notification.status}`} data-notification={notification.id}>
      <div className="notification-line">
        <span className={`badge notification-status tone-${STATUS_TONES[notification.status]}`}>
          {notification.status}
        </span>{' '}
        <span>{notificationLine(notification)}</span>
      </div>
      <div className="small muted">
        {notificationFacts(notification)} · queued <TimeText iso={notification.createdAt} variant="short" />
        {notification.deliveredAt ? (
          <>
            {' '}
            · delivered <TimeText iso={notification.deliveredAt} variant="clock" />
          </>
        ) : null}
        {notification.status === 'pending' && notification.nextAttemptAt ? (
          <>
            {' '}
            · next attempt <TimeText iso={notification.nextAttemptAt} variant="short" />
          </>
        ) : null}
      </div>
      {notification.lastError ? <div className="small notification-error">{notification.lastError}</div> : null}
      {canWrite && notification.status === 'failed' ? (
        <div className="notification-actions write-only">
          <button
            type="button"
            className="button button-small"
            disabled={retry.isPending}
            onClick={() => retry.mutate(notification.id)}
            aria-label={`Retry ${notificationLine(notification)}`}
          >
            {retry.isPending ? 'Retrying…' : 'Retry'}
          </button>
          <ErrorMessage error={retry.error} title="Not retried." />
        </div>
      ) : null}
    </li>
  );
}

/** Past this many gaps the list is folded, so a server with no channels yet does not bury the panel. */
const GAPS_SHOWN_OPEN = 4;

function WhoWillBeTold({
  preview,
  error,
  pending,
}: {
  preview: NotificationPreview | undefined;
  error: unknown;
  pending: boolean;
}) {
  return (
    <div className="who-will-be-told">
      <h3>Who will be told</h3>
      {pending ? <Loading what="the plan" /> : null}
      <ErrorMessage error={error} title="Cannot work out who will be told." />
      {preview ? (
        <>
          <p className="small muted">
            The rules for {words(preview.row)} as the incident stands
            {preview.escalationPolicy
              ? `; if nobody acknowledges, escalation policy ${preview.escalationPolicy} runs.`
              : '; no escalation policy applies, so an unacknowledged page goes no further.'}
          </p>
          {preview.notifications.length > 0 ? (
            <ul className="plan-list">
              {preview.notifications.map((item) => (
                <li key={item.key}>
                  <strong>{item.recipient.name ?? item.recipient.id}</strong>{' '}
                  <span className="muted small">({words(item.audience)})</span> by {item.channel}
                  {item.kind === 'page' ? ' · pages' : ''}{' '}
                  <span className="small">
                    {item.queued ? (
                      <span className="muted">sent or on its way</span>
                    ) : (
                      <>
                        due <TimeText iso={item.dueAt} variant="clock" />
                      </>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="small">The rules tell nobody about this incident.</p>
          )}
          {preview.gaps.length > 0 ? (
            <details className="warning plan-gaps" open={preview.gaps.length <= GAPS_SHOWN_OPEN}>
              <summary>
                <strong>Not everyone can be reached</strong> ({preview.gaps.length})
              </summary>
              <ul>
                {preview.gaps.map((gap) => (
                  <li key={`${gap.audience}:${gap.recipient ?? ''}:${gap.channel ?? ''}:${gap.reason}`}>
                    {gap.message}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
