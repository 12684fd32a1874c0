import { reasonRequired, type Status } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { type FormEvent, useEffect, useState } from 'react';
import { useIncidentChange } from '../../data/incidents';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';

const MEANING: Record<Status, string> = {
  triage: 'Back to triage: scope and severity to be confirmed again.',
  active: 'Being worked; the harm is not yet stopped.',
  contained: 'The harm has stopped (rolled back, switched off, routed to people); the cause may remain.',
  recovering: 'The fix is in; checking everything is back to normal.',
  resolved: 'Fixed and verified. Reopen to active if it recurs.',
  closed: 'Final: the postmortem is done. Nothing changes after this.',
  dismissed: 'Not an incident (false positive). Kept for alert hygiene.',
};

/** Moves the incident to `to`, asking why where the lifecycle requires a reason. */
export function TransitionDialog({
  incident,
  to,
  onClose,
}: {
  incident: IncidentDetail;
  to: Status | undefined;
  onClose(): void;
}) {
  const [reason, setReason] = useState('');
  const move = useIncidentChange(incident.id, (client, input: { status: Status; reason?: string }) =>
    client.transition(incident.id, input),
  );
  const required = to ? reasonRequired(incident.status, to) : false;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens (or its subject changes), not on every edit of its inputs
  useEffect(() => {
    setReason('');
    move.reset();
    // A new target starts a fresh form.
  }, [to]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!to) return;
    move.mutate({ status: to, ...(reason.trim() ? { reason: reason.trim() } : {}) }, { onSuccess: onClose });
  };

  return (
    <Modal
      open={to !== undefined}
      onOpenChange={(open) => !open && onClose()}
      title={`Move ${incident.id} from ${incident.status} to ${to ?? ''}`}
      description={to ? MEANING[to] : undefined}
    >
      <form className="form" onSubmit={submit}>
        <Field
          label="Reason"
          optional={!required}
          hint={required ? 'Required for this move: it goes on the timeline.' : 'Goes on the timeline.'}
          error={issueFor(move.error, 'reason')}
        >
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required={required}
              autoFocus
            />
          )}
        </Field>
        <ErrorMessage error={move.error} title="Not moved." />
        <FormActions
          label={`Move to ${to ?? ''}`}
          busyLabel="Moving…"
          busy={move.isPending}
          disabled={required && !reason.trim()}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
