import type { Alert } from '@firebreak/contract';
import { useState } from 'react';
import { useAlertChange } from '../../data/alerts';
import { useSession } from '../../data/session';
import { ErrorMessage } from '../../ui/error-message';
import { useShortcut } from '../../ui/shortcuts';
import { type AlertDialogKind, DismissDialog, OpenIncidentDialog, SuppressDialog } from './alert-dialogs';

/**
 * What a responder can do about an alert: acknowledge it, open an incident from it, dismiss it
 * as a false positive, or suppress it for a while. Only what its state allows is offered;
 * viewers and phones see none of it. `shortcut` binds `a` to acknowledge (the alert's page).
 */
export function AlertActions({
  alert,
  compact = false,
  shortcut = false,
}: {
  alert: Alert;
  compact?: boolean;
  shortcut?: boolean;
}) {
  const { canWrite } = useSession();
  const [dialog, setDialog] = useState<AlertDialogKind>();
  const acknowledge = useAlertChange((client, id: string) => client.acknowledgeAlert(id));
  const canAcknowledge = alert.status !== 'dismissed' && !alert.acknowledged;
  useShortcut('a', () => acknowledge.mutate(alert.id), shortcut && canWrite && canAcknowledge);
  if (!canWrite || alert.status === 'dismissed') return null;
  const size = compact ? 'button button-small' : 'button';

  return (
    <div
      className={`alert-actions write-only ${compact ? 'alert-actions-compact' : ''}`}
      role="group"
      aria-label={`Act on ${alert.id}`}
    >
      {canAcknowledge ? (
        <button
          type="button"
          className={`${size} button-primary`}
          onClick={() => acknowledge.mutate(alert.id)}
          disabled={acknowledge.isPending}
          aria-keyshortcuts={shortcut ? 'a' : undefined}
          aria-label={compact ? `Acknowledge ${alert.id}` : undefined}
        >
          {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge'}
          {shortcut ? <kbd>a</kbd> : null}
        </button>
      ) : null}
      {alert.incidentId === null ? (
        <button
          type="button"
          className={size}
          onClick={() => setDialog('incident')}
          aria-haspopup="dialog"
          aria-label={compact ? `Open incident from ${alert.id}` : undefined}
        >
          Open incident
        </button>
      ) : null}
      <button
        type="button"
        className={size}
        onClick={() => setDialog('dismiss')}
        aria-haspopup="dialog"
        aria-label={compact ? `Dismiss ${alert.id}` : undefined}
      >
        Dismiss
      </button>
      {alert.status === 'firing' ? (
        <button
          type="button"
          className={size}
          onClick={() => setDialog('suppress')}
          aria-haspopup="dialog"
          aria-label={compact ? `Suppress ${alert.id}` : undefined}
        >
          Suppress
        </button>
      ) : null}
      <ErrorMessage error={acknowledge.error} title="Not acknowledged." />
      <OpenIncidentDialog alert={alert} open={dialog === 'incident'} onClose={() => setDialog(undefined)} />
      <DismissDialog alert={alert} open={dialog === 'dismiss'} onClose={() => setDialog(undefined)} />
      <SuppressDialog alert={alert} open={dialog === 'suppress'} onClose={() => setDialog(undefined)} />
    </div>
  );
}
