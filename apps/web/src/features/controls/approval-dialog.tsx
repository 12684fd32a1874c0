import type { Approval, ChangeControlResponse, Control } from '@firebreak/contract';
import { type FormEvent, useEffect, useState } from 'react';
import { useApprovalDecision } from '../../data/controls';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';
import { ReasonField } from '../../ui/reason-field';
import { TimeText } from '../../ui/time-text';
import { Outcome } from './control-dialog';
import { approvalLine, sentence } from './control-text';

export type ApprovalVerdict = 'approve' | 'reject' | 'withdraw';

interface Props {
  approval: Approval;
  control: Control | undefined;
  verdict: ApprovalVerdict | undefined;
  onClose(): void;
}

const TITLE: Record<ApprovalVerdict, string> = { approve: 'Approve', reject: 'Reject', withdraw: 'Withdraw' };

/** A second person approves a pending change (applied at once), or rejects it; the one who asked may withdraw it. */
export function ApprovalDialog({ approval, control, verdict, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<ChangeControlResponse>();
  const decide = useApprovalDecision((client, input) =>
    verdict === 'approve'
      ? client.approveChange(input.id, input.reason || undefined)
      : client.rejectChange(input.id, input.reason),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens (or its subject changes), not on every edit of its inputs
  useEffect(() => {
    if (!verdict) return;
    setReason('');
    setResult(undefined);
    decide.reset();
  }, [verdict, approval.id]);
  const asked = typeof approval.change.reason === 'string' ? approval.change.reason : undefined;
  const needsReason = verdict !== 'approve';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    decide.mutate(
      { id: approval.id, reason: reason.trim() },
      { onSuccess: (response) => (verdict === 'approve' ? setResult(response as ChangeControlResponse) : onClose()) },
    );
  };
  return (
    <Modal
      open={verdict !== undefined}
      onOpenChange={(open) => !open && onClose()}
      title={`${verdict ? TITLE[verdict] : ''} ${approval.id}`}
      description={approvalLine(approval, control)}
    >
      {result ? (
        <Outcome result={result} onClose={onClose} />
      ) : (
        <form className="form" onSubmit={submit}>
          <dl className="approval-facts">
            <dt>Asked by</dt>
            <dd>
              {approval.requestedBy} <TimeText iso={approval.requestedAt} />
            </dd>
            {asked ? (
              <>
                <dt>Their reason</dt>
                <dd>{asked}</dd>
              </>
            ) : null}
            <dt>Why it waits</dt>
            <dd>{sentence(approval.why)}</dd>
          </dl>
          <ReasonField
            hint={
              verdict === 'approve'
                ? 'Applied at once when you approve; the record names you as approver.'
                : 'The control stays as it is; the reason goes on the record.'
            }
            value={reason}
            onChange={setReason}
            error={issueFor(decide.error, 'reason')}
            required={needsReason}
          />
          <ErrorMessage error={decide.error} title={verdict === 'approve' ? 'Not approved.' : 'Not rejected.'} />
          <FormActions
            label={`${verdict ? TITLE[verdict] : ''} ${approval.id}`}
            busyLabel="Sending…"
            busy={decide.isPending}
            disabled={needsReason && !reason.trim()}
            tone={verdict === 'approve' ? 'primary' : 'danger'}
            onCancel={onClose}
          />
        </form>
      )}
    </Modal>
  );
}
