import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useAlerts } from '../data/alerts';
import { useLiveFeed } from '../data/live-feed';
import { useSystems } from '../data/systems';
import { AlertTable } from '../features/alerts/alert-table';
import { ALERT_STATUSES, type AlertFilter, readAlertFilter, writeAlertFilter } from '../features/alerts/alert-text';
import { NoAlertsYet } from '../features/alerts/alerts-empty';
import { ErrorMessage } from '../ui/error-message';
import { LiveIndicator } from '../ui/live-indicator';
import { Segmented } from '../ui/segmented';
import { EmptyState, Loading } from '../ui/states';
import { useTitle } from '../ui/use-title';

const LIMIT = 500;
const STATUS_HINT = {
  firing: 'what needs someone now',
  resolved: 'quiet again, re-armed',
  dismissed: 'false positives, with why',
} as const;

/** Firing alerts across every system, each with its owner and runbook; resolved and dismissed ones a click away. */
export function AlertsPage() {
  useTitle('Alerts');
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => readAlertFilter(params), [params]);
  const live = useLiveFeed();
  const systems = useSystems();
  const alerts = useAlerts({
    status: filter.status,
    ...(filter.system ? { system: filter.system } : {}),
    limit: LIMIT,
  });
  const set = (next: AlertFilter) => setParams(writeAlertFilter(next), { replace: true });
  const list = alerts.data ?? [];
  const unacknowledged = filter.status === 'firing' ? list.filter((alert) => !alert.acknowledged).length : 0;

  return (
    <div className="page">
      <div className="page-heading">
        <h1>Alerts</h1>
        <LiveIndicator state={live} />
        {alerts.data ? (
          <span className="muted" aria-live="polite">
            {list.length} {filter.status}
            {unacknowledged > 0 ? `, ${unacknowledged} not acknowledged` : ''}
          </span>
        ) : null}
        <Link to="/alerts/hygiene" className="heading-link">
          Alert hygiene
        </Link>
      </div>
      <div className="filters">
        <Segmented
          legend="Status"
          name="alert-status"
          options={ALERT_STATUSES}
          value={filter.status}
          hints={STATUS_HINT}
          onChange={(status) => set({ ...filter, status })}
        />
        <div className="field-inline">
          <label htmlFor="alert-system">System</label>
          <select
            id="alert-system"
            value={filter.system ?? ''}
            onChange={(e) => set({ status: filter.status, ...(e.target.value ? { system: e.target.value } : {}) })}
          >
            <option value="">all systems</option>
            {(systems.data ?? []).map((system) => (
              <option key={system.id} value={system.id}>
                {system.name} ({system.id})
              </option>
            ))}
            {filter.system && !systems.data?.some((system) => system.id === filter.system) ? (
              <option value={filter.system}>{filter.system}</option>
            ) : null}
          </select>
        </div>
      </div>
      {alerts.isPending ? <Loading what="alerts" /> : null}
      <ErrorMessage error={alerts.error} title="Cannot load alerts." />
      {alerts.data && list.length === 0 && filter.status === 'firing' && !filter.system ? <NoAlertsYet /> : null}
      {alerts.data && list.length === 0 && (filter.status !== 'firing' || filter.system) ? (
        <EmptyState title={`No ${filter.status} alerts${filter.system ? ` on ${filter.system}` : ''}`}>
          <p>
            {filter.status === 'dismissed'
              ? 'Nothing was dismissed as a false positive. When a responder dismisses an alert, it shows here with who did and why.'
              : filter.status === 'resolved'
                ? 'An alert resolves when its monitor has been quiet for a few windows in a row; none has yet.'
                : 'This system has nothing firing now.'}
          </p>
          <button type="button" className="button" onClick={() => set({ status: 'firing' })}>
            Show firing alerts on every system
          </button>
        </EmptyState>
      ) : null}
      {list.length > 0 ? <AlertTable alerts={list} caption={`${filter.status} alerts, newest first`} /> : null}
      {list.length >= LIMIT ? (
        <p className="muted small">Showing the newest {LIMIT}; narrow by system to see older ones.</p>
      ) : null}
    </div>
  );
}
