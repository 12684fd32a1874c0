import type { Control } from '@firebreak/contract';
import { type ControlStateValue, describeState } from '@firebreak/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useRenew } from '../../data/controls';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';
import { ReasonField } from '../../ui/reason-field';
import { TimeText } from '../../ui/time-text';
import { expiryValue, revertAt } from './control-text';
import { ExpiryField } from './expiry-field';

/** Keeps a temporary change for longer: without renewal it reverts when its time is up. */
export function RenewDialog({ control, open, onClose }: { control: Control; open: boolean; onClose(): void }) {
  const renew = useRenew(control.key);
  const [choice, setChoice] = useState('1h');
  const [custom, setCustom] = useState('');
  const [reason, setReason] = useState('');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens (or its subject changes), not on every edit of its inputs
  useEffect(() => {
    if (!open) return;
    setChoice('1h');
    setCustom('');
    setReason('');
    renew.reset();
  }, [open, control.key]);
  const expires = expiryValue(choice, custom);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (expires.ok && expires.value)
      renew.mutate({ for: expires.value, reason: reason.trim() }, { onSuccess: onClose });
  };
  return (
    <Modal
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={`Renew ${control.key}`}
      description={`Stays ${describeState(control.state as ControlStateValue)} for longer instead of reverting.`}
    >
      <form className="form" onSubmit={submit}>
        <p className="small">
          Reverts now at <TimeText iso={control.expiresAt} />.
        </p>
        <ExpiryField
          legend="Keep for another"
          name="renew-for"
          choice={choice}
          custom={custom}
          onChoice={setChoice}
          onCustom={setCustom}
          required
          error={expires.ok ? issueFor(renew.error, 'for') : expires.problem}
        />
        {expires.ok && expires.value ? (
          <p className="small" aria-live="polite">
            New revert time: <TimeText iso={revertAt(expires.value, new Date())} variant="clock" />
          </p>
        ) : null}
        <ReasonField
          hint="Why it is still needed; it goes on the record."
          value={reason}
          onChange={setReason}
          error={issueFor(renew.error, 'reason')}
        />
        <ErrorMessage error={renew.error} title="Not renewed." />
        <FormActions
          label={`Renew ${control.name}`}
          busyLabel="Renewing…"
          busy={renew.isPending}
          disabled={!expires.ok || !reason.trim()}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
