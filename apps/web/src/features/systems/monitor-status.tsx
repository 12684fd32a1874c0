import type { MonitorStatusView } from '@firebreak/contract';
import { useSystemMonitors } from '../../data/alerts';
import { MONITOR_STATE_HINT, percentText, stepsText } from '../../lib/tuning-text';
import { ErrorMessage } from '../../ui/error-message';
import { Loading } from '../../ui/states';

/** learning, watching or firing, coloured, saying on hover (and to screen readers) what it means. */
export function MonitorStateBadge({ state }: { state: MonitorStatusView['state'] }) {
  return (
    <span className={`badge monitor-state monitor-${state}`} title={MONITOR_STATE_HINT[state]}>
      {state}
    </span>
  );
}

/**
 * Where each monitor of a system stands in the detection engine: its state, its series, the
 * dismissals that tuned it, its share of the system's false-alarm budget, and its alerts and
 * false positives over 30 days. The budget itself is stated above the table.
 */
export function MonitorStatusTable({ systemId }: { systemId: string }) {
  const status = useSystemMonitors(systemId);
  if (status.isPending) return <Loading what="monitor status" />;
  if (status.isError) return <ErrorMessage error={status.error} title="Cannot load where the monitors stand." />;
  const { budget, monitors, live } = status.data;
  return (
    <div className="monitor-status">
      <p className="small">
        Alert budget: at most one false page per <strong>{budget.page}</strong> and one false warning per{' '}
        <strong>{budget.warn}</strong> for all its monitors together, split between them (set <code>alertBudget</code>{' '}
        in <code>firebreak.yaml</code>).
        {live ? '' : ' Read from the last saved snapshot: this server runs no detection.'}
      </p>
      {monitors.length === 0 ? (
        <p className="muted small">No monitor has seen telemetry yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Where each monitor of {systemId} stands</caption>
            <thead>
              <tr>
                <th scope="col">Monitor</th>
                <th scope="col">State</th>
                <th scope="col" className="hide-narrow">
                  Series
                </th>
                <th scope="col">Tuning</th>
                <th scope="col" className="hide-narrow">
                  Budget share
                </th>
                <th scope="col">False positives, 30 days</th>
              </tr>
            </thead>
            <tbody>
              {monitors.map((m) => (
                <tr key={m.monitor}>
                  <td>
                    <span className="mono small">{m.monitor}</span>
                    <div className="small muted">
                      <code>{m.signal}</code>
                      {m.segmentBy ? ` · per ${m.segmentBy}` : ''}
                    </div>
                  </td>
                  <td>
                    <MonitorStateBadge state={m.state} />
                    {m.state === 'learning' ? <div className="small muted">pages only on PII and secrets</div> : null}
                  </td>
                  <td className="hide-narrow">
                    {m.series}
                    {m.learning > 0 && m.state !== 'learning' ? (
                      <span className="small muted"> ({m.learning} learning)</span>
                    ) : null}
                  </td>
                  <td className="small">{stepsText(m.tuning)}</td>
                  <td className="hide-narrow">
                    {m.detector === 'zero_tolerance' ? 'none: any hit pages' : percentText(m.share)}
                  </td>
                  <td>
                    {m.dismissed} of {m.alerts}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="small muted">
        <strong>learning</strong>: {MONITOR_STATE_HINT.learning}
      </p>
    </div>
  );
}
