import type { Alert } from '@firebreak/contract';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useAlertTuning, useRevertTuning } from '../../data/alerts';
import { useSession } from '../../data/session';
import { issueFor } from '../../lib/api-error';
import { dismissLesson, tuningState } from '../../lib/tuning-text';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';
import { TimeText } from '../../ui/time-text';

/**
 * What dismissing this alert does to its monitor, before (the lesson, in one sentence) and after
 * (where the tuning stands, its log, and a way to take it back).
 */
export function AlertTuningPanel({ alert }: { alert: Alert }) {
  const tuning = useAlertTuning(alert.id);
  const { canWrite } = useSession();
  const [reverting, setReverting] = useState(false);
  return (
    <section className="panel" aria-labelledby="alert-tuning">
      <h2 id="alert-tuning">Tuning</h2>
      {alert.status !== 'dismissed' ? <p className="small">{dismissLesson(alert)}</p> : null}
      <ErrorMessage error={tuning.error} title="Cannot load this alert’s tuning." />
      {tuning.data ? (
        <>
          <p className="small">{tuningState(tuning.data)}</p>
          {tuning.data.history.length > 0 ? (
            <ul className="plain-list small">
              {tuning.data.history.map((entry) => (
                <li key={entry.seq}>
                  {entry.action === 'dismissed' ? 'Tuned' : 'Taken back'} by {entry.by} <TimeText iso={entry.at} /> (
                  {entry.alertId === alert.id ? (
                    'this alert'
                  ) : (
                    <Link to={`/alerts/${entry.alertId}`}>{entry.alertId}</Link>
                  )}
                  ): {entry.reason}
                </li>
              ))}
            </ul>
          ) : null}
          {canWrite && tuning.data.thisAlert === 'teaching' ? (
            <button type="button" className="button button-ghost" onClick={() => setReverting(true)}>
              Revert tuning
            </button>
          ) : null}
        </>
      ) : null}
      <p className="small">
        <Link to="/alerts/hygiene">Alert hygiene</Link>: every monitor by false-positive rate.
      </p>
      <RevertTuningDialog alert={alert} open={reverting} onClose={() => setReverting(false)} />
    </section>
  );
}

function RevertTuningDialog({ alert, open, onClose }: { alert: Alert; open: boolean; onClose(): void }) {
  const [reason, setReason] = useState('');
  const revert = useRevertTuning(alert.id);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    revert.mutate(reason.trim(), {
      onSuccess: () => {
        setReason('');
        onClose();
      },
    });
  };
  return (
    <Modal
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={`Revert the tuning from ${alert.id}`}
      description={`${alert.monitor} becomes ten times more sensitive again for this series. The dismissal stands; the revert is recorded.`}
    >
      <form className="form" onSubmit={submit}>
        <Field
          label="Reason"
          hint="Why the monitor should be as sensitive as before"
          error={issueFor(revert.error, 'reason')}
        >
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              autoFocus
            />
          )}
        </Field>
        <ErrorMessage error={revert.error} title="Not reverted." />
        <FormActions
          label="Revert tuning"
          busyLabel="Reverting…"
          busy={revert.isPending}
          disabled={!reason.trim()}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
