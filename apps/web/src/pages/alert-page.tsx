import type { Alert } from '@firebreak/contract';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useAlert } from '../data/alerts';
import { AlertActions } from '../features/alerts/alert-actions';
import { alertState, formatNumber, segmentText } from '../features/alerts/alert-text';
import { AlertTuningPanel } from '../features/alerts/alert-tuning';
import { detailLabel } from '../features/alerts/detail-labels';
import { LazyAlertCharts as AlertCharts } from '../features/alerts/lazy-charts';
import { AlertNotifications } from '../features/notifications/alert-notifications';
import { formatDuration } from '../lib/time';
import { useNow } from '../lib/use-now';
import { DrillBadge, LevelBadge } from '../ui/badges';
import { DrillBanner } from '../ui/drill-banner';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/states';
import { TimeText } from '../ui/time-text';
import { useTitle } from '../ui/use-title';

function Row({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className="card-row">
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One alert: what fired, who owns it, when it began, its charts and evidence, and what to do. */
export function AlertPage() {
  const { id = '' } = useParams();
  const alert = useAlert(id);
  useTitle(alert.data ? `${alert.data.id} ${alert.data.monitor} on ${alert.data.system}` : id);
  if (alert.isPending) return <Loading what={id} />;
  if (alert.isError) {
    return (
      <div className="page">
        <ErrorMessage error={alert.error} title={`Cannot load ${id}.`} />
        <p>
          <Link to="/alerts">Back to alerts</Link>
        </p>
      </div>
    );
  }
  const data = alert.data;
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/alerts">Alerts</Link> / <span aria-current="page">{data.id}</span>
      </nav>
      {data.exercise ? <DrillBanner exercise={data.exercise} what="alert" /> : null}
      <div className="page-heading alert-heading">
        <h1>
          <span className="incident-id">{data.id}</span> {data.monitor} <span className="muted">on</span> {data.system}
          {data.segment ? <span className="muted"> · {segmentText(data.segment)}</span> : null}
        </h1>
        <LevelBadge alert={data} />
        {data.exercise ? <DrillBadge exercise={data.exercise} /> : null}
      </div>
      <AlertActions alert={data} shortcut />
      <div className="incident-grid">
        <section className="panel incident-main" aria-labelledby="alert-charts">
          <h2 id="alert-charts">Evidence</h2>
          <AlertCharts alert={data} />
          <AlertEvidenceFacts alert={data} />
        </section>
        <aside className="incident-side" aria-label="Alert">
          <section className="panel" aria-labelledby="alert-facts">
            <h2 id="alert-facts">What fired</h2>
            <AlertFacts alert={data} />
          </section>
          <AlertTuningPanel alert={data} />
          <AlertNotifications alertId={data.id} />
        </aside>
      </div>
    </div>
  );
}

/** The alert's facts as a responder needs them: owner, runbook, times, state. */
export function AlertFacts({ alert }: { alert: Alert }) {
  const now = useNow();
  const lag = (Date.parse(alert.openedAt) - Date.parse(alert.onset)) / 1000;
  return (
    <dl className="card-grid">
      <Row name="State">{alertState(alert, now)}</Row>
      <Row name="Signal">
        <code>{alert.signal}</code> <span className="muted">by {alert.detector}</span>
      </Row>
      <Row name="Value">
        {formatNumber(alert.value)}{' '}
        <span className="muted">
          against threshold {formatNumber(alert.threshold)} · score {formatNumber(alert.score)}
        </span>
      </Row>
      <Row name="Owner">{alert.owner}</Row>
      <Row name="Runbook">
        {alert.runbook ? (
          <a href={alert.runbook} target="_blank" rel="noreferrer noopener">
            {alert.runbook}
          </a>
        ) : (
          <span className="muted">none linked: add one to the monitor in firebreak.yaml</span>
        )}
      </Row>
      <Row name="Opened">
        <TimeText iso={alert.openedAt} />
      </Row>
      <Row name="Onset">
        <TimeText iso={alert.onset} /> <span className="muted">estimated; detected {formatDuration(lag)} later</span>
      </Row>
      {alert.resolvedAt ? (
        <Row name="Resolved">
          <TimeText iso={alert.resolvedAt} />
        </Row>
      ) : null}
      <Row name="Incident">
        {alert.incidentId ? (
          <Link to={`/incidents/${alert.incidentId}`}>{alert.incidentId}</Link>
        ) : (
          <span className="muted">none yet</span>
        )}
      </Row>
      {alert.acknowledged ? (
        <Row name="Acknowledged">
          by {alert.acknowledged.by} <TimeText iso={alert.acknowledged.at} />
        </Row>
      ) : null}
      {alert.dismissed ? (
        <Row name="Dismissed">
          by {alert.dismissed.by} <TimeText iso={alert.dismissed.at} />: {alert.dismissed.reason}
        </Row>
      ) : null}
      {alert.suppressedUntil ? (
        <Row name="Suppressed">
          until <TimeText iso={alert.suppressedUntil} />
        </Row>
      ) : null}
    </dl>
  );
}

/** The deciding window, the detector's numbers and the sample events behind the alert. */
export function AlertEvidenceFacts({ alert }: { alert: Alert }) {
  const { window, detail, sampleEventIds } = alert.evidence;
  return (
    <div className="alert-evidence">
      <h3>Deciding window</h3>
      {window ? (
        <p>
          <TimeText iso={window.start} variant="clock" /> to <TimeText iso={window.end} variant="clock" /> · observed{' '}
          {formatNumber(window.observed)}
        </p>
      ) : null}
      {detail && Object.keys(detail).length > 0 ? (
        <dl className="detail-grid small">
          {Object.entries(detail).map(([key, value]) => {
            const shown = detailLabel(key, value);
            return (
              <div key={key}>
                <dt title={key}>{shown.label}</dt>
                <dd>{shown.value}</dd>
              </div>
            );
          })}
        </dl>
      ) : null}
      <h3>Sample events</h3>
      {sampleEventIds && sampleEventIds.length > 0 ? (
        <ul className="plain-list mono small">
          {sampleEventIds.map((event) => (
            <li key={event}>{event}</li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No event ids in this window (events without an id cannot be linked).</p>
      )}
    </div>
  );
}
