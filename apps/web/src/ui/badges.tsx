import type { Alert } from '@firebreak/contract';
import { SEVERITY_ALIASES, SEVERITY_INFO, type Severity, type Status } from '@firebreak/core';
import { words } from '../lib/labels';

const ALIAS = Object.fromEntries(
  Object.entries(SEVERITY_ALIASES).map(([alias, severity]) => [severity, alias]),
) as Record<Severity, string>;

/** SEV1..SEV4 with its colour and, on hover, what it means. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span
      className={`badge sev sev-${severity.toLowerCase()}`}
      title={`${severity} (${ALIAS[severity]}): ${SEVERITY_INFO[severity].description}`}
    >
      {severity}
    </span>
  );
}

export function StatusBadge({ status }: { status: Status }) {
  return <span className={`badge status status-${status}`}>{status}</span>;
}

export function NearMissBadge() {
  return (
    <span className="badge near-miss" title="Caught before it harmed anyone; still an incident">
      near miss
    </span>
  );
}

/** A plain tag: type, category, driver, risk tier. */
export function Tag({ value, title, className = '' }: { value: string; title?: string; className?: string }) {
  return (
    <span className={`badge tag ${className}`} title={title}>
      {words(value)}
    </span>
  );
}

/** warn or page, coloured, and for a dismissed or resolved alert, muted. */
export function LevelBadge({ alert }: { alert: Pick<Alert, 'level' | 'status'> }) {
  return (
    <span className={`badge level level-${alert.level} ${alert.status === 'firing' ? '' : 'level-past'}`}>
      {alert.level}
    </span>
  );
}

/** Marks what belongs to a drill's exercise space (an incident, an alert, a control), so nobody takes it for real. */
export function DrillBadge({ exercise }: { exercise: string }) {
  return (
    <span
      className="badge drill-badge"
      title={`Drill ${exercise}: an exercise, not a real event. It never counts in real metrics or reaches real channels.`}
    >
      DRILL <span className="drill-badge-id">{exercise}</span>
    </span>
  );
}
