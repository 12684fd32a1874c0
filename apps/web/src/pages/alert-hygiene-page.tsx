import { Link } from 'react-router';
import { useAlertHygiene } from '../data/alerts';
import { MonitorStateBadge } from '../features/systems/monitor-status';
import { hygieneLines } from '../lib/tuning-text';
import { ErrorMessage } from '../ui/error-message';
import { EmptyState, Loading } from '../ui/states';
import { useTitle } from '../ui/use-title';

/**
 * Alert hygiene: monitors across systems by false-positive rate (dismissed ÷ alerts over 30
 * days), noisiest first, with their owner, state and tuning, and the alerts whose dismissal
 * tunes them (each alert page can take its tuning back).
 */
export function AlertHygienePage() {
  useTitle('Alert hygiene');
  const hygiene = useAlertHygiene();
  const lines = hygiene.data ? hygieneLines(hygiene.data) : [];
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/alerts">Alerts</Link> / <span aria-current="page">Hygiene</span>
      </nav>
      <div className="page-heading">
        <h1>Alert hygiene</h1>
        <span className="muted">false-positive rate over the last 30 days, noisiest first</span>
      </div>
      <p className="small">
        A monitor that cries wolf gets muted. Dismissing an alert as a false positive makes its monitor ten times less
        sensitive for that series; the owner sees here which monitors need a look, and can take a tuning back on the
        alert that made it.
      </p>
      {hygiene.isPending ? <Loading what="alert hygiene" /> : null}
      <ErrorMessage error={hygiene.error} title="Cannot load alert hygiene." />
      {hygiene.data && lines.length === 0 ? (
        <EmptyState title="No alerts in the last 30 days">
          <p>
            When monitors raise alerts, each one is listed here with how many it raised, how many were dismissed as
            false positives, its false-positive rate, its owner, its state (learning, watching or firing) and how far
            dismissals have tuned it.
          </p>
        </EmptyState>
      ) : null}
      {lines.length > 0 ? (
        <div className="table-wrap">
          <table className="table hygiene-table">
            <caption className="visually-hidden">Monitors by false-positive rate, noisiest first</caption>
            <thead>
              <tr>
                <th scope="col">Monitor</th>
                <th scope="col">False positives</th>
                <th scope="col" className="hide-narrow">
                  State
                </th>
                <th scope="col" className="hide-narrow">
                  Owner
                </th>
                <th scope="col">Tuning</th>
                <th scope="col">Taught by</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.key}>
                  <td>
                    <span className="mono small">{line.monitor}</span>
                    <div className="small">
                      <Link to={`/systems/${line.system}`}>{line.system}</Link>
                    </div>
                  </td>
                  <td>
                    <strong>{line.rate}</strong>
                    <div className="small muted">
                      {line.dismissed} of {line.alerts} dismissed
                    </div>
                  </td>
                  <td className="hide-narrow">
                    {line.state ? <MonitorStateBadge state={line.state} /> : <span className="muted">not running</span>}
                  </td>
                  <td className="hide-narrow">{line.owner}</td>
                  <td className="small">{line.tuning}</td>
                  <td>
                    {line.teaching.length > 0 ? (
                      <span className="teaching">
                        {line.teaching.map((alertId) => (
                          <Link key={alertId} to={`/alerts/${alertId}`} aria-label={`${alertId}: revert its tuning`}>
                            {alertId}
                          </Link>
                        ))}
                      </span>
                    ) : (
                      <span className="muted small">none</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
