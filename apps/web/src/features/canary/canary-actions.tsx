import type { CanaryRun } from '@firebreak/contract';
import { type FormEvent, useEffect, useState } from 'react';
import { type CanaryAction, useCanaryAction } from '../../data/canary';
import { useSession } from '../../data/session';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';
import { ReasonField } from '../../ui/reason-field';
import { awaitingAcceptance } from './canary-model';

/**
 * What a responder can do to a running canary from the war room: cancel it, and, while
 * zero-tolerance segment series hold its step for a person, accept their residual risk. Each asks
 * for a reason, as the CLI does. Nothing for a viewer or a run that has ended.
 */
export function CanaryActions({ run }: { run: CanaryRun }) {
  const { canWrite } = useSession();
  const [open, setOpen] = useState<CanaryAction | null>(null);
  // The series the dialog names, fixed when it opens: those are what the person accepts.
  const [shown, setShown] = useState<string[]>([]);
  if (!canWrite || run.state !== 'running') return null;
  const waiting = awaitingAcceptance(run);
  return (
    <div className="canary-actions">
      {waiting.length > 0 ? (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            setShown(waiting);
            setOpen('accept-risk');
          }}
        >
          Accept residual risk…
        </button>
      ) : null}
      <button type="button" className="button button-small button-danger" onClick={() => setOpen('cancel')}>
        Cancel canary…
      </button>
      <CanaryActionDialog run={run} action={open} waiting={shown} onClose={() => setOpen(null)} />
    </div>
  );
}

function CanaryActionDialog({
  run,
  action,
  waiting,
  onClose,
}: {
  run: CanaryRun;
  action: CanaryAction | null;
  waiting: readonly string[];
  onClose(): void;
}) {
  const act = useCanaryAction(run.key, action ?? 'cancel');
  const [reason, setReason] = useState('');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens, not on every edit
  useEffect(() => {
    if (!action) return;
    setReason('');
    act.reset();
  }, [action, run.id]);
  const accept = action === 'accept-risk';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    act.mutate({ reason: reason.trim(), ...(accept ? { series: waiting } : {}) }, { onSuccess: onClose });
  };
  return (
    <Modal
      open={action !== null}
      onOpenChange={(next) => !next && onClose()}
      title={accept ? `Accept the residual risk of ${run.id}` : `Cancel ${run.id}`}
      description={
        accept
          ? `${waiting.join(', ')} ${waiting.length === 1 ? 'holds' : 'hold'} this step: too rare to show ${run.candidate} is no worse yet. Accepted, ${waiting.length === 1 ? 'it is' : 'they are'} judged like any other segment series and can still abort the canary.`
          : `${run.key} goes back to ${run.baseline} alone.`
      }
    >
      <form className="form" onSubmit={submit}>
        <ReasonField
          hint={
            accept
              ? 'Why the remaining risk is acceptable; it goes on the record, the audit log and the timeline with your name.'
              : 'Why; it goes on the record and the incident’s timeline.'
          }
          value={reason}
          onChange={setReason}
          error={issueFor(act.error, 'reason')}
        />
        <ErrorMessage error={act.error} title={accept ? 'Not accepted.' : 'Not cancelled.'} />
        <FormActions
          label={accept ? 'Accept the risk' : 'Cancel the canary'}
          busyLabel={accept ? 'Accepting…' : 'Cancelling…'}
          busy={act.isPending}
          disabled={!reason.trim()}
          tone={accept ? 'primary' : 'danger'}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
