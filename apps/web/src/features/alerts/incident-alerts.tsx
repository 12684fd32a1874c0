import { useAlerts } from '../../data/alerts';
import { AlertLink } from '../../ui/alert-link';
import { LevelBadge } from '../../ui/badges';
import { ErrorMessage } from '../../ui/error-message';
import { Loading } from '../../ui/states';
import { TimeText } from '../../ui/time-text';
import { segmentText } from './alert-text';
import { LazyAlertCharts as AlertCharts } from './lazy-charts';

/**
 * The alerts on an incident, newest first, each with its charts (the newest open, the rest one
 * click away), so the war room sees the signal that started it and when it began.
 */
export function IncidentAlerts({ incidentId }: { incidentId: string }) {
  const alerts = useAlerts({ incident: incidentId, limit: 50 });
  if (alerts.isPending) return <Loading what="alerts" />;
  if (alerts.isError) return <ErrorMessage error={alerts.error} title="Cannot load the incident’s alerts." />;
  if (alerts.data.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="incident-alerts">
      <h2 id="incident-alerts">Alerts ({alerts.data.length})</h2>
      <ul className="incident-alerts">
        {alerts.data.map((alert, index) => (
          <li key={alert.id}>
            <details open={index === 0} className="incident-alert">
              <summary>
                <LevelBadge alert={alert} /> <span className="incident-id">{alert.id}</span> {alert.monitor}{' '}
                <span className="muted">on {alert.system}</span>
                {alert.segment ? <span className="muted"> · {segmentText(alert.segment)}</span> : null}
                <span className="small muted">
                  {' '}
                  · {alert.status} · onset <TimeText iso={alert.onset} variant="clock" />
                </span>
              </summary>
              <p className="small">
                <AlertLink alert={alert} /> <span className="muted">· owner {alert.owner}</span>
                {alert.runbook ? (
                  <>
                    {' '}
                    ·{' '}
                    <a href={alert.runbook} target="_blank" rel="noreferrer noopener">
                      runbook<span className="visually-hidden"> for {alert.monitor} (opens in a new tab)</span>
                    </a>
                  </>
                ) : null}
              </p>
              <AlertCharts alert={alert} />
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
