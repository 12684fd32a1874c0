import type { IncidentDetail } from '@firebreak/sdk';
import { type FormEvent, useState } from 'react';
import { useIncidentChange } from '../../data/incidents';
import { markIsolated } from '../../data/learning';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';

/**
 * The tech lead marks the cause identified: the "isolated" moment of the response figures, with
 * the cause in words on the timeline.
 */
export function CauseDialog({ incident, open, onClose }: { incident: IncidentDetail; open: boolean; onClose(): void }) {
  const [cause, setCause] = useState('');
  const mark = useIncidentChange(incident.id, (client, input: { cause: string }) =>
    markIsolated(client, incident.id, input),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mark.mutate(
      { cause: cause.trim() },
      {
        onSuccess: () => {
          setCause('');
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title="Cause identified"
      description="Marks the moment the cause was isolated: time to isolate is measured from detection to now."
    >
      <form className="form" onSubmit={submit}>
        <Field label="Cause" hint="What the cause is, as far as it is known now." error={issueFor(mark.error, 'cause')}>
          {(props) => (
            <textarea {...props} rows={3} value={cause} onChange={(e) => setCause(e.target.value)} required autoFocus />
          )}
        </Field>
        <ErrorMessage error={mark.error} title="Not marked." />
        <FormActions
          label="Mark cause identified"
          busyLabel="Marking…"
          busy={mark.isPending}
          disabled={!cause.trim()}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
