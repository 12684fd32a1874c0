import type { IncidentDetail } from '@firebreak/sdk';
import { useAlerts } from '../../data/alerts';
import { useControls, usePendingApprovals } from '../../data/controls';
import { clockPair } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { SeverityBadge, StatusBadge } from '../../ui/badges';
import { ClockText } from '../../ui/clock-text';
import { incidentSummary } from './summary';

/** The strip's id: focus lands on it after an action that removes its own button. */
export const SUMMARY_ID = 'at-a-glance';

function Item({ label, children, tone }: { label: string; children: React.ReactNode; tone?: string }) {
  return (
    <div className={`summary-item ${tone ? `tone-${tone}` : ''}`}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * The incident at a glance, pinned to the top of the page while the rest scrolls: severity,
 * status, the clocks (none once finished), commander, what is held back and until when, the
 * next update due, approvals waiting and the linked alerts.
 */
export function SummaryStrip({ incident }: { incident: IncidentDetail }) {
  const now = useNow();
  const controls = useControls(incident.systems);
  const approvals = usePendingApprovals();
  const alerts = useAlerts({ incident: incident.id, limit: 50 });
  const summary = incidentSummary({
    incident,
    controls: controls.data ?? [],
    approvals: approvals.data ?? [],
    alerts: alerts.data ?? [],
    now,
  });
  const held = summary.holding;
  return (
    <section
      id={SUMMARY_ID}
      tabIndex={-1}
      data-focus-fallback
      className="summary-strip"
      aria-label={`${incident.id} at a glance`}
    >
      <dl>
        <Item label={incident.id}>
          <SeverityBadge severity={incident.severity} /> <StatusBadge status={incident.status} />{' '}
          <span className="muted small">{summary.elapsed}</span>
        </Item>
        {summary.ack && summary.contain ? (
          <>
            <Item label="Acknowledge" tone={summary.ack.tone}>
              <ClockText state={summary.ack} compact />
            </Item>
            <Item label="Contain" tone={summary.contain.tone}>
              <ClockText state={summary.contain} compact />
            </Item>
          </>
        ) : null}
        <Item label="Commander" tone={summary.commander || summary.finished ? undefined : 'warn'}>
          {summary.commander ?? 'nobody yet'}
        </Item>
        <Item label="Held back">
          {held.length === 0 ? (
            <span className="muted">nothing</span>
          ) : (
            held.map((item, index) => (
              <span key={item.key} className="summary-held">
                {index > 0 ? '; ' : null}
                <code>{item.key}</code> {item.state}
                {item.until ? <span className="muted"> until {clockPair(item.until, now)}</span> : null}
              </span>
            ))
          )}
        </Item>
        {summary.finished ? null : (
          <Item
            label="Next update"
            tone={summary.nextUpdate?.overdue ? 'bad' : summary.nextUpdate?.posted ? undefined : 'warn'}
          >
            {summary.nextUpdate ? (
              <span title={clockPair(summary.nextUpdate.at, now)}>{summary.nextUpdate.text}</span>
            ) : null}
            {summary.nextUpdate?.posted ? null : (
              <span className="muted small">{summary.nextUpdate ? ' · ' : ''}none posted yet</span>
            )}
          </Item>
        )}
        <Item label="Approvals" tone={summary.pendingApprovals > 0 ? 'warn' : undefined}>
          {summary.pendingApprovals > 0 ? <a href="#controls">{summary.pendingApprovals} waiting</a> : 'none waiting'}
        </Item>
        <Item label="Alerts">
          {summary.alerts.total === 0 ? (
            <span className="muted">none linked</span>
          ) : (
            <a href="#incident-alerts">
              {summary.alerts.total} linked{summary.alerts.firing > 0 ? `, ${summary.alerts.firing} firing` : ''}
            </a>
          )}
        </Item>
      </dl>
    </section>
  );
}
