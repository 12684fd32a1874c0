import { INCIDENT_TYPES, type IncidentType, type Severity } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useIncidentChange } from '../../data/incidents';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';
import { SeverityPicker, TypePicker } from '../../ui/taxonomy-pickers';

interface DialogProps {
  incident: IncidentDetail;
  open: boolean;
  onClose(): void;
}

/** Changes severity; the acknowledgement and containment clocks restart at the new SLA. */
export function SeverityDialog({ incident, open, onClose }: DialogProps) {
  const [severity, setSeverity] = useState<Severity>(incident.severity);
  const change = useIncidentChange(incident.id, (client, input: { severity: Severity; reason: string }) =>
    client.changeSeverity(incident.id, input),
  );
  return (
    <ReasonDialog
      title={`Change severity of ${incident.id}`}
      description="The response clocks restart from now at the new severity's SLA."
      open={open}
      onClose={onClose}
      change={change}
      submit={(reason) => change.mutate({ severity, reason }, { onSuccess: onClose })}
      disabled={severity === incident.severity}
    >
      <SeverityPicker
        name="change-severity"
        value={severity}
        onChange={setSeverity}
        current={incident.severity}
        error={issueFor(change.error, 'severity')}
      />
    </ReasonDialog>
  );
}

/** Reclassifies the incident; category and driver follow the new type's defaults. */
export function TypeDialog({ incident, open, onClose }: DialogProps) {
  const [type, setType] = useState<IncidentType>(incident.type);
  const change = useIncidentChange(incident.id, (client, input: { type: IncidentType; reason: string }) =>
    client.changeType(incident.id, input),
  );
  const info = INCIDENT_TYPES[type];
  return (
    <ReasonDialog
      title={`Change type of ${incident.id}`}
      description={`Category becomes ${info.category}, driver ${info.driver} (the type's defaults).`}
      open={open}
      onClose={onClose}
      change={change}
      submit={(reason) => change.mutate({ type, reason }, { onSuccess: onClose })}
      disabled={type === incident.type}
    >
      <TypePicker
        name="change-type"
        value={type}
        onChange={setType}
        current={incident.type}
        error={issueFor(change.error, 'type')}
      />
    </ReasonDialog>
  );
}

interface ReasonDialogProps {
  title: string;
  description: string;
  open: boolean;
  onClose(): void;
  change: { error: unknown; isPending: boolean; reset(): void };
  submit(reason: string): void;
  disabled: boolean;
  children: ReactNode;
}

function ReasonDialog({ title, description, open, onClose, change, submit, disabled, children }: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const close = () => {
    setReason('');
    change.reset();
    onClose();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(reason.trim());
  };
  return (
    <Modal open={open} onOpenChange={(next) => !next && close()} title={title} description={description} variant="wide">
      <form className="form" onSubmit={onSubmit}>
        {children}
        <Field label="Reason" hint="Required: it goes on the timeline." error={issueFor(change.error, 'reason')}>
          {(props) => (
            <textarea {...props} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required />
          )}
        </Field>
        <ErrorMessage error={change.error} title="Not changed." />
        <FormActions
          label="Change"
          busyLabel="Saving…"
          busy={change.isPending}
          disabled={disabled || !reason.trim()}
          onCancel={close}
        />
      </form>
    </Modal>
  );
}
