import type { AiSystem, Alert } from '@firebreak/contract';
import { Link } from 'react-router';
import { useAlerts } from '../../data/alerts';
import { AlertLink } from '../../ui/alert-link';
import { LevelBadge } from '../../ui/badges';
import { ErrorMessage } from '../../ui/error-message';
import { RunbookLink } from '../../ui/runbook-link';
import { EmptyState, Loading } from '../../ui/states';
import { TimeText } from '../../ui/time-text';
import { monitorRows } from './monitor-rows';
import { MonitorStatusTable } from './monitor-status';

const SHOWN = 6;

/**
 * A system's monitors, configured or the defaults Firebreak chose: where each stands (learning,
 * watching, firing; tuning; budget share), then each with its owner, runbook and the alerts it
 * raised, latest first.
 */
export function SystemMonitors({ system }: { system: AiSystem }) {
  const alerts = useAlerts({ system: system.id, limit: 500 });
  const rows = monitorRows(system, alerts.data ?? []);
  const configured = system.monitors?.length ?? 0;
  return (
    <>
      <section className="panel" aria-labelledby="monitor-status">
        <h2 id="monitor-status">Monitor status</h2>
        <MonitorStatusTable systemId={system.id} />
      </section>
      <MonitorAlerts system={system} rows={rows} alerts={alerts} configured={configured} />
    </>
  );
}

function MonitorAlerts({
  system,
  rows,
  alerts,
  configured,
}: {
  system: AiSystem;
  rows: ReturnType<typeof monitorRows>;
  alerts: ReturnType<typeof useAlerts>;
  configured: number;
}) {
  return (
    <section className="panel" aria-labelledby="system-monitors">
      <div className="panel-heading">
        <h2 id="system-monitors">Monitors</h2>
        <span className="muted small">
          {configured > 0
            ? `${configured} configured in its card`
            : 'none configured: every standard signal in its telemetry is watched with defaults'}
        </span>
      </div>
      {alerts.isPending ? <Loading what="alerts" /> : null}
      <ErrorMessage error={alerts.error} title="Cannot load this system’s alerts." />
      {alerts.data && rows.length === 0 ? (
        <EmptyState title="No telemetry has raised an alert here yet">
          <p>
            With no monitors in its card, {system.name} gets default monitors on every signal its telemetry carries
            (harm flags, feedback, confidence and output drift, latency, fairness by segment) from the first events.
            Write monitors under the system in <code>firebreak.yaml</code> to choose detectors, thresholds, owners and
            runbooks. See the <Link to="/alerts">alerts page</Link> for how to send telemetry.
          </p>
        </EmptyState>
      ) : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table monitor-table">
            <caption className="visually-hidden">Monitors of {system.id} and their alerts</caption>
            <thead>
              <tr>
                <th scope="col">Monitor</th>
                <th scope="col" className="hide-narrow">
                  Owner
                </th>
                <th scope="col">Alerts, latest first</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <strong className="mono small">{row.id}</strong>
                    <div className="small muted">
                      <code>{row.signal}</code> · {row.detector}
                      {row.window ? ` · ${row.window} windows` : ''}
                      {row.segmentBy ? ` · per ${row.segmentBy}` : ''}
                    </div>
                    {row.note ? <div className="small muted">{row.note}</div> : null}
                  </td>
                  <td className="hide-narrow">
                    {row.owner}
                    <div className="small">
                      <RunbookLink href={row.runbook} of={row.id} />
                    </div>
                  </td>
                  <td>
                    <AlertHistory alerts={row.alerts} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function AlertHistory({ alerts }: { alerts: readonly Alert[] }) {
  if (alerts.length === 0) return <span className="muted small">none raised</span>;
  return (
    <ul className="alert-history">
      {alerts.slice(0, SHOWN).map((alert) => (
        <li key={alert.id}>
          <LevelBadge alert={alert} /> <AlertLink alert={{ id: alert.id }} />{' '}
          <span className="small muted">{alert.status}</span>{' '}
          <span className="small">
            <TimeText iso={alert.openedAt} variant="short" />
          </span>
        </li>
      ))}
      {alerts.length > SHOWN ? <li className="small muted">and {alerts.length - SHOWN} earlier</li> : null}
    </ul>
  );
}
