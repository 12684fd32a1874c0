import type { ConnectionState } from '@firebreak/sdk';

const TEXT: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Not live',
};

const TITLE: Record<ConnectionState, string> = {
  connecting: 'Opening the live feed',
  open: 'Changes appear as they are committed, without reloading',
  reconnecting: 'Lost the live feed; retrying. What you see may be behind.',
  closed: 'No live feed; reload to see changes.',
};

/** Whether the page is following live changes. */
export function LiveIndicator({ state }: { state: ConnectionState }) {
  return (
    <span className={`live live-${state}`} role="status" title={TITLE[state]} data-live-state={state}>
      <span className="live-dot" aria-hidden="true" />
      {TEXT[state]}
    </span>
  );
}
