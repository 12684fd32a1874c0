import type { Alert } from '@firebreak/contract';
import type { IncidentType, Severity } from '@firebreak/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useAlertChange, useDeclareFromAlert } from '../../data/alerts';
import { issueFor } from '../../lib/api-error';
import { dismissLesson } from '../../lib/tuning-text';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';
import { SeverityPicker, slaLine, TypePicker } from '../../ui/taxonomy-pickers';
import { SUPPRESS_CHOICES, segmentText, suggestIncident } from './alert-text';
import { AttachToOpenIncident } from './attach-alert';

export type AlertDialogKind = 'incident' | 'dismiss' | 'suppress';

interface DialogProps {
  alert: Alert;
  open: boolean;
  onClose(): void;
}

const where = (alert: Alert) =>
  `${alert.system} / ${alert.monitor}${alert.segment ? ` (${segmentText(alert.segment)})` : ''}`;

/** Opens an incident from an alert: its onset and evidence carry over; type and severity are suggested from the signal. */
export function OpenIncidentDialog({ alert, open, onClose }: DialogProps) {
  const navigate = useNavigate();
  const suggested = suggestIncident(alert);
  const [type, setType] = useState<IncidentType>(suggested.type);
  const [severity, setSeverity] = useState<Severity>(suggested.severity);
  const [title, setTitle] = useState('');
  const declare = useDeclareFromAlert(alert.id, (incident) => {
    onClose();
    navigate(`/incidents/${incident.id}`);
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens (or its subject changes), not on every edit of its inputs
  useEffect(() => {
    if (!open) return;
    setType(suggested.type);
    setSeverity(suggested.severity);
    setTitle('');
    declare.reset();
    // A fresh form each time it opens, with the suggestion for this alert.
  }, [open, alert.id]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    declare.mutate({ type, severity, ...(title.trim() ? { title: title.trim() } : {}) });
  };
  return (
    <Modal
      open={open}
      onOpenChange={(next) => !next && onClose()}
      variant="wide"
      title={`Open an incident from ${alert.id}`}
      description={`${where(alert)}: the incident starts at the alert’s estimated onset, with the alert on its timeline.`}
    >
      <AttachToOpenIncident alert={alert} open={open} onDone={onClose} />
      <form className="form" onSubmit={submit}>
        <p className="notice small">
          Type and severity are suggested from the signal ({alert.signal}, {alert.level}); change them if the evidence
          says otherwise.
        </p>
        <TypePicker
          name="alert-incident-type"
          value={type}
          onChange={setType}
          error={issueFor(declare.error, 'type')}
        />
        <SeverityPicker
          name="alert-incident-severity"
          value={severity}
          onChange={setSeverity}
          error={issueFor(declare.error, 'severity')}
        />
        <Field
          label="Title"
          optional
          hint="Defaults to the signal, level and system."
          error={issueFor(declare.error, 'title')}
        >
          {(props) => <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />}
        </Field>
        <ErrorMessage error={declare.error} title="No incident opened." />
        <div className="form-actions">
          <button type="submit" className="button button-danger" disabled={declare.isPending}>
            {declare.isPending ? 'Opening…' : `Open ${severity} incident`}
          </button>
          <span className="muted">Clocks: {slaLine(severity)}</span>
        </div>
      </form>
    </Modal>
  );
}

/** Dismisses an alert as a false positive, saying why (it counts against the monitor's alert hygiene and tunes it). */
export function DismissDialog({ alert, open, onClose }: DialogProps) {
  const [reason, setReason] = useState('');
  const dismiss = useAlertChange((client, input: { id: string; reason: string }) =>
    client.dismissAlert(input.id, input.reason),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens (or its subject changes), not on every edit of its inputs
  useEffect(() => {
    if (open) {
      setReason('');
      dismiss.reset();
    }
  }, [open, alert.id]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    dismiss.mutate({ id: alert.id, reason: reason.trim() }, { onSuccess: onClose });
  };
  return (
    <Modal
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={`Dismiss ${alert.id} as a false positive`}
      description={`${where(alert)}. It stops, and counts against this monitor’s alert hygiene. ${dismissLesson(alert)}`}
    >
      <form className="form" onSubmit={submit}>
        <Field
          label="Reason"
          hint="Why it was not a real problem: load test, test accounts, a known batch job…"
          error={issueFor(dismiss.error, 'reason')}
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
        <ErrorMessage error={dismiss.error} title="Not dismissed." />
        <FormActions
          label="Dismiss as false positive"
          busyLabel="Dismissing…"
          busy={dismiss.isPending}
          disabled={!reason.trim()}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}

/** Silences the alert's monitor and segment for a while: new alerts are still recorded, but trigger no rule. */
export function SuppressDialog({ alert, open, onClose }: DialogProps) {
  const [duration, setDuration] = useState<string>('1h');
  const [reason, setReason] = useState('');
  const suppress = useAlertChange((client, input: { id: string; for: string; reason: string }) =>
    client.suppressAlert(input.id, { for: input.for, reason: input.reason }),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens (or its subject changes), not on every edit of its inputs
  useEffect(() => {
    if (open) {
      setDuration('1h');
      setReason('');
      suppress.reset();
    }
  }, [open, alert.id]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    suppress.mutate({ id: alert.id, for: duration, reason: reason.trim() }, { onSuccess: onClose });
  };
  return (
    <Modal
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={`Suppress ${where(alert)}`}
      description="Alerts keep being recorded while suppressed; no triage rule runs on them and nobody is paged."
    >
      <form className="form" onSubmit={submit}>
        <Field label="For" error={issueFor(suppress.error, 'for')}>
          {(props) => (
            <select {...props} value={duration} onChange={(e) => setDuration(e.target.value)}>
              {SUPPRESS_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Reason"
          hint="Planned migration, load test, a fix rolling out…"
          error={issueFor(suppress.error, 'reason')}
        >
          {(props) => (
            <textarea {...props} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required />
          )}
        </Field>
        <ErrorMessage error={suppress.error} title="Not suppressed." />
        <FormActions
          label="Suppress"
          busyLabel="Suppressing…"
          busy={suppress.isPending}
          disabled={!reason.trim()}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
