import type { ChangeControlResponse, Control } from '@firebreak/contract';
import { type ControlStateValue, describeState } from '@firebreak/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useControlChange } from '../../data/controls';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';
import { ReasonField } from '../../ui/reason-field';
import { TimeText } from '../../ui/time-text';
import { type ActionDraft, actionFromDraft, initialDraft } from './action-draft';
import { ActionFields } from './action-fields';
import { ACTION_LABELS, type ActionType, approvalHint, previewAction, requestFor } from './control-actions';
import { expiryValue, revertAt, sentence } from './control-text';
import { ExpiryField } from './expiry-field';

interface Props {
  control: Control;
  type: ActionType | undefined;
  /** The incident the page is about; the change is linked to it unless unticked. */
  incidentId?: string | undefined;
  /** Open SEV1/SEV2 incidents on the control's system, to say before sending that it will wait for approval. */
  openHighSeverity: readonly string[];
  onClose(): void;
}

const DANGER: ReadonlySet<ActionType> = new Set(['kill', 'rollback', 'lift-throttle', 'pause', 'flush']);

/** One change to one control: its fields, a reason, how long, the effect previewed, then what happened. */
export function ControlDialog({ control, type, incidentId, openHighSeverity, onClose }: Props) {
  const change = useControlChange(control.key);
  const [draft, setDraft] = useState<ActionDraft>(() => initialDraft(control, type ?? 'kill'));
  const [reason, setReason] = useState('');
  const [expiry, setExpiry] = useState('');
  const [custom, setCustom] = useState('');
  const [link, setLink] = useState(true);
  const [result, setResult] = useState<ChangeControlResponse>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens (or its subject changes), not on every edit of its inputs
  useEffect(() => {
    if (!type) return;
    setDraft(initialDraft(control, type));
    setReason('');
    setExpiry('');
    setCustom('');
    setLink(true);
    setResult(undefined);
    change.reset();
    // A fresh form each time a dialog opens; not when the control changes under it.
  }, [type, control.key]);

  const read = type ? actionFromDraft(type, draft) : undefined;
  const preview = read?.ok ? previewAction(control, read.action) : undefined;
  const expires = expiryValue(expiry, custom);
  const hint = preview?.ok ? approvalHint(control, preview.after, openHighSeverity) : undefined;
  const ready = read?.ok && preview?.ok && expires.ok && reason.trim() !== '';
  const label = type ? ACTION_LABELS[type] : '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!read?.ok || !expires.ok) return;
    const request = requestFor(read.action, {
      reason,
      incident: link ? incidentId : undefined,
      expiresIn: expires.value,
    });
    change.mutate(request, { onSuccess: setResult });
  };

  return (
    <Modal
      open={type !== undefined}
      onOpenChange={(open) => !open && onClose()}
      title={`${label} ${control.key}`}
      description={control.description ?? `A ${control.kind.replace('_', ' ')} of ${control.system}.`}
    >
      {result ? (
        <Outcome result={result} onClose={onClose} linked={link ? incidentId : undefined} />
      ) : (
        <form className="form" onSubmit={submit}>
          <p className="small">
            Now: <strong>{describeState(control.state as ControlStateValue)}</strong>
            <span className="muted">
              {' '}
              · changed by {control.updatedBy} <TimeText iso={control.updatedAt} variant="short" />
            </span>
          </p>
          {type ? (
            <ActionFields
              control={control}
              type={type}
              draft={draft}
              onChange={setDraft}
              problem={read && !read.ok ? read : undefined}
              serverIssue={(field) => issueFor(change.error, field)}
            />
          ) : null}
          <ReasonField
            hint="Why: it goes on the record, and on the incident’s timeline when linked."
            value={reason}
            onChange={setReason}
            error={issueFor(change.error, 'reason')}
          />
          {type === 'flush' ? (
            // A flush cannot be taken back, so it cannot be temporary.
            <p className="muted small">A flush is for good: apps drop what they cached and fill it again.</p>
          ) : (
            <ExpiryField
              legend="Temporary for"
              name="control-expiry"
              choice={expiry}
              custom={custom}
              onChoice={setExpiry}
              onCustom={setCustom}
              error={expires.ok ? issueFor(change.error, 'expiresIn') : expires.problem}
            />
          )}
          {incidentId ? (
            <label className="check">
              <input type="checkbox" checked={link} onChange={(e) => setLink(e.target.checked)} /> Link to {incidentId}:
              the change goes on its timeline
            </label>
          ) : null}
          <div className="control-preview" data-testid="control-preview" aria-live="polite">
            <span className="muted small">Effect</span>
            {preview?.ok ? (
              <code className="preview-line">{preview.line}</code>
            ) : (
              <span className="field-error">
                {preview && !preview.ok ? preview.problem : read && !read.ok ? `${read.field}: ${read.problem}` : ''}
              </span>
            )}
            {preview?.ok && expires.ok && expires.value ? (
              <span className="small">
                {control.expiresAt ? (
                  'Reverts to what it was before the current temporary change'
                ) : (
                  <>
                    Reverts to <strong>{describeState(control.state as ControlStateValue)}</strong>
                  </>
                )}{' '}
                at <TimeText iso={revertAt(expires.value, new Date())} variant="clock" /> unless renewed.
              </span>
            ) : null}
            {hint ? <span className="small warning-inline">Will wait for a second person: {hint}.</span> : null}
          </div>
          <ErrorMessage error={change.error} title="Not changed." />
          <FormActions
            label={hint ? `Ask to ${label.toLowerCase()} ${control.name}` : `${label} ${control.name}`}
            busyLabel="Sending…"
            busy={change.isPending}
            disabled={!ready}
            tone={type && DANGER.has(type) ? 'danger' : 'primary'}
            onCancel={onClose}
          />
        </form>
      )}
    </Modal>
  );
}

/** Applied (apps obey within a second), or waiting for a second person, and why. */
export function Outcome({
  result,
  linked,
  onClose,
}: {
  result: ChangeControlResponse;
  linked?: string | undefined;
  onClose(): void;
}) {
  const state = describeState(result.control.state as ControlStateValue);
  return (
    <div className="form">
      {result.outcome === 'applied' ? (
        <div className="outcome outcome-applied" role="status">
          <p>
            <strong>Applied.</strong> <code>{result.control.key}</code> is now <strong>{state}</strong>. Apps following
            it obey it within a second.
          </p>
          {result.control.expiresAt ? (
            <div className="small">
              Temporary: reverts at <TimeText iso={result.control.expiresAt} variant="clock" /> unless renewed.
            </div>
          ) : null}
          {linked ? <div className="small">On {linked}’s timeline.</div> : null}
        </div>
      ) : (
        <div className="outcome outcome-pending" role="status">
          <p>
            <strong>Waiting for approval{result.approval ? ` (${result.approval.id})` : ''}.</strong>{' '}
            {sentence(result.approval?.why ?? '')} Nothing has changed yet: <code>{result.control.key}</code> stays{' '}
            <strong>{state}</strong>.
          </p>
          <div className="small">
            Another responder approves or rejects it in the controls panel, or with{' '}
            <code>firebreak control approve {result.approval?.id ?? 'APR-n'}</code>.
          </div>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onClose} autoFocus>
          Done
        </button>
      </div>
    </div>
  );
}
