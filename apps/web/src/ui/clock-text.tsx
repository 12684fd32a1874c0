import type { Incident } from '@firebreak/contract';
import { ackClock, type ClockState, containClock, updateClock } from '../lib/sla';
import { clockPair } from '../lib/time';
import { useNow } from '../lib/use-now';

/** One response clock, live: the countdown in its tone, and the moment it is about. */
export function ClockText({ state, compact = false }: { state: ClockState; compact?: boolean }) {
  const now = useNow();
  return (
    <span className={`clock tone-${state.tone}`}>
      <span className="clock-text">{state.text}</span>
      {state.at && !compact ? <span className="clock-at">{clockPair(state.at, now)}</span> : null}
    </span>
  );
}

export function AckCell({ incident }: { incident: Incident }) {
  const now = useNow();
  const state = ackClock(incident, now);
  return <ClockText state={state} compact={state.tone === 'ok' || state.tone === 'muted'} />;
}

export function ContainCell({ incident }: { incident: Incident }) {
  const now = useNow();
  const state = containClock(incident, now);
  return <ClockText state={state} compact={state.tone === 'ok' || state.tone === 'muted'} />;
}

/**
 * The status-update clock as a badge for lists: `update due in 12m`, red `update overdue 8m`;
 * nothing on a finished incident.
 */
export function UpdateCell({ incident }: { incident: Incident }) {
  const now = useNow();
  const state = updateClock(incident, now);
  if (!state) return <span className="muted">—</span>;
  return (
    <span
      className={`badge update-badge tone-${state.tone}`}
      title={state.at ? `due ${clockPair(state.at, now)}` : undefined}
    >
      {state.badge}
    </span>
  );
}
