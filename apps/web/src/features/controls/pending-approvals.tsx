import type { Approval, Control } from '@firebreak/contract';
import { useState } from 'react';
import { TimeText } from '../../ui/time-text';
import type { ApprovalVerdict } from './approval-dialog';
import { approvalLine, sentence } from './control-text';
import { LazyApprovalDialog as ApprovalDialog } from './lazy-dialogs';

interface Props {
  approvals: readonly Approval[];
  controls: ReadonlyMap<string, Control>;
  /** Who is signed in: the one who asked cannot approve, only withdraw. */
  me: string;
  canWrite: boolean;
}

/** Changes waiting for a second person, each with approve and reject for anyone but the one who asked. */
export function PendingApprovals({ approvals, controls, me, canWrite }: Props) {
  // The approval is kept as it was when the dialog opened: once decided it leaves the list, while its dialog still shows the outcome.
  const [deciding, setDeciding] = useState<{ approval: Approval; verdict: ApprovalVerdict | undefined }>();
  if (approvals.length === 0 && !deciding?.verdict) return null;
  return (
    <div className="approvals" role="region" aria-labelledby="approvals-title">
      <h3 id="approvals-title">Waiting for a second person ({approvals.length})</h3>
      <ul className="approval-list">
        {approvals.map((approval) => {
          const mine = approval.requestedBy === me;
          const reason = typeof approval.change.reason === 'string' ? approval.change.reason : undefined;
          return (
            <li key={approval.id} className="approval" data-approval={approval.id}>
              <div className="approval-what">
                <span className="incident-id">{approval.id}</span>{' '}
                <code>{approvalLine(approval, controls.get(approval.key))}</code>
                <div className="small">
                  asked by <strong>{approval.requestedBy}</strong>{' '}
                  <TimeText iso={approval.requestedAt} variant="short" />
                  {reason ? <span className="muted"> · “{reason}”</span> : null}
                </div>
                <div className="small muted">{sentence(approval.why)}</div>
              </div>
              {canWrite ? (
                <div className="approval-actions write-only">
                  {mine ? (
                    <>
                      <span className="small muted">You asked: someone else approves.</span>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setDeciding({ approval, verdict: 'withdraw' })}
                        aria-label={`Withdraw ${approval.id}`}
                      >
                        Withdraw
                      </button>
                    </>
                  ) : (
                    <>
                      <button
                        type="button"
                        className="button button-small button-primary"
                        onClick={() => setDeciding({ approval, verdict: 'approve' })}
                        aria-label={`Approve ${approval.id}`}
                      >
                        Approve
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setDeciding({ approval, verdict: 'reject' })}
                        aria-label={`Reject ${approval.id}`}
                      >
                        Reject
                      </button>
                    </>
                  )}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {deciding ? (
        <ApprovalDialog
          approval={deciding.approval}
          control={controls.get(deciding.approval.key)}
          verdict={deciding.verdict}
          onClose={() => setDeciding({ approval: deciding.approval, verdict: undefined })}
        />
      ) : null}
    </div>
  );
}
