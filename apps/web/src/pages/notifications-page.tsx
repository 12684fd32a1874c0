import { Link } from 'react-router';
import { useNotificationSettings } from '../data/notifications';
import { useDirectory } from '../data/oncall';
import { NotificationSettingsView } from '../features/notifications/notification-settings';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/states';
import { useTitle } from '../ui/use-title';

/** The notification rules in force: who is told what, how, how soon; escalation; audiences; cadence; channels. */
export function NotificationsPage() {
  useTitle('Notifications');
  const settings = useNotificationSettings();
  const directory = useDirectory();
  const names = new Map<string, string>();
  for (const person of directory.data?.directory.people ?? []) names.set(person.id, person.name);
  for (const schedule of directory.data?.directory.schedules ?? []) names.set(schedule.id, schedule.name);
  for (const team of directory.data?.directory.teams ?? []) names.set(team.id, team.name);
  const nameOf = (id: string) => names.get(id) ?? id;
  return (
    <div className="page notifications-page">
      <div className="page-heading">
        <h1>Notifications</h1>
        {settings.data ? (
          <span className="muted small">
            {settings.data.revision > 0
              ? `from directory revision ${settings.data.revision}`
              : 'the defaults: no notifications section applied yet'}{' '}
            · <Link to="/oncall">who is on call</Link>
          </span>
        ) : null}
      </div>
      {settings.isPending ? <Loading what="the notification rules" /> : null}
      <ErrorMessage error={settings.error} title="Cannot load the notification rules." />
      {settings.data?.revision === 0 ? (
        <p className="notice">
          These are Firebreak’s defaults. Change them in the <code>notifications:</code> section of firebreak.yaml
          (matrix rows replace the default row whole; audiences, escalation policies and the update cadence beside them)
          and send it with <code>firebreak system apply -f firebreak.yaml</code>.
        </p>
      ) : null}
      {settings.data ? <NotificationSettingsView settings={settings.data} nameOf={nameOf} /> : null}
    </div>
  );
}
