import type { Action, VerificationResult } from '@firebreak/contract';
import { ACTION_CATEGORIES, ACTION_PRIORITIES } from '@firebreak/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useAction, useCloseAction, useUpdateAction, useVerifications, useVerifyAction } from '../../data/actions';
import { useSession } from '../../data/session';
import { issueFor } from '../../lib/api-error';
import { dueFromDate } from '../../lib/due-date';
import { words } from '../../lib/labels';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { Modal } from '../../ui/modal';
import { Loading } from '../../ui/states';
import { TimeText } from '../../ui/time-text';
import { describeVerification, detailRows, draftOf, toVerification, verdict } from './action-text';
import { OwnerInput } from './owner-input';
import { VerificationEditor } from './verification-editor';

/** One action in a drawer: its fields, its verification, verifying it, its history and closing it. */
export function ActionDrawer({ id, onClose }: { id: string | undefined; onClose(): void }) {
  const action = useAction(id);
  return (
    <Modal
      open={id !== undefined}
      onOpenChange={(open) => !open && onClose()}
      variant="drawer"
      title={action.data ? `${action.data.id} ${action.data.title}` : (id ?? '')}
    >
      {action.isPending ? <Loading what={id ?? 'the action'} /> : null}
      <ErrorMessage error={action.error} title={`Cannot load ${id}.`} />
      {action.data ? <ActionDetail key={`${action.data.id}:${action.data.updatedAt}`} action={action.data} /> : null}
    </Modal>
  );
}

function ActionDetail({ action }: { action: Action }) {
  const { canWrite } = useSession();
  const finished = action.status === 'closed' || action.status === 'cancelled';
  return (
    <div className="action-detail">
      <p className="small">
        <Link to={`/incidents/${action.incidentId}`}>{action.incidentId}</Link> · {action.type} ·{' '}
        {words(action.category)} ·{' '}
        <span className={`badge action-status action-${action.status}`}>{action.status}</span>
        {action.overdue ? <span className="badge overdue-badge">OVERDUE</span> : null}
        {action.tracker ? (
          <>
            {' '}
            · <a href={action.tracker}>tracker</a>
          </>
        ) : null}
      </p>
      {canWrite && !finished ? <ActionFields action={action} /> : <ReadOnlyFields action={action} />}
      <VerifyPanel action={action} canWrite={canWrite} />
      <History actionId={action.id} />
      <FollowUps action={action} />
      {canWrite && !finished ? <CloseAction action={action} /> : null}
      {action.closedAt ? (
        <p className="small">
          Closed by {action.closedBy} <TimeText iso={action.closedAt} />
        </p>
      ) : null}
    </div>
  );
}

function ReadOnlyFields({ action }: { action: Action }) {
  return (
    <dl className="close-facts">
      <div>
        <dt>Owner</dt>
        <dd>{action.ownerName ?? action.owner ?? 'nobody'}</dd>
      </div>
      <div>
        <dt>Due</dt>
        <dd>
          <TimeText iso={action.dueAt} />
        </dd>
      </div>
      <div>
        <dt>Verification</dt>
        <dd>{describeVerification(action.verification)}</dd>
      </div>
    </dl>
  );
}

type Category = (typeof ACTION_CATEGORIES)[number];
type Priority = (typeof ACTION_PRIORITIES)[number];

function ActionFields({ action }: { action: Action }) {
  const update = useUpdateAction(action.id);
  const [title, setTitle] = useState(action.title);
  const [category, setCategory] = useState<Category>(action.category);
  const [priority, setPriority] = useState<Priority>(action.priority);
  const [owner, setOwner] = useState(action.owner ?? '');
  const [due, setDue] = useState(action.dueAt?.slice(0, 10) ?? '');
  const [tracker, setTracker] = useState(action.tracker ?? '');
  const [status, setStatus] = useState(action.status);
  const [reason, setReason] = useState('');
  const [verification, setVerification] = useState(() => draftOf(action.verification));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const dueAt = dueFromDate(due);
    const spec = toVerification(verification);
    update.mutate({
      ...(title.trim() !== action.title ? { title: title.trim() } : {}),
      ...(category !== action.category ? { category } : {}),
      ...(priority !== action.priority ? { priority } : {}),
      ...(owner.trim() && owner.trim() !== action.owner ? { owner: owner.trim() } : {}),
      ...(dueAt && dueAt !== action.dueAt ? { dueAt } : {}),
      ...(tracker.trim() && tracker.trim() !== action.tracker ? { tracker: tracker.trim() } : {}),
      ...(status !== action.status && status !== 'closed' ? { status } : {}),
      ...(spec && JSON.stringify(spec) !== JSON.stringify(toVerification(draftOf(action.verification)))
        ? { verification: spec as Action['verification'] & object }
        : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
  };
  const issue = (field: string) => issueFor(update.error, field);
  return (
    <form className="form" onSubmit={submit} aria-label={`Edit ${action.id}`}>
      <Field label="Title" error={issue('title')}>
        {(props) => <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <div className="form-grid">
        <Field label="Category" error={issue('category')}>
          {(props) => (
            <select {...props} value={category} onChange={(e) => setCategory(e.target.value as Category)}>
              {ACTION_CATEGORIES.map((value) => (
                <option key={value} value={value}>
                  {words(value)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Priority" error={issue('priority')}>
          {(props) => (
            <select {...props} value={priority} onChange={(e) => setPriority(e.target.value as Priority)}>
              {ACTION_PRIORITIES.map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Status" error={issue('status')}>
          {(props) => (
            <select {...props} value={status} onChange={(e) => setStatus(e.target.value as Action['status'])}>
              {(['open', 'in_progress', 'blocked', 'cancelled'] as const).map((value) => (
                <option key={value} value={value}>
                  {value.replace('_', ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Owner" error={issue('owner')}>
          {(props) => <OwnerInput control={props} value={owner} onChange={setOwner} />}
        </Field>
        <Field label="Due" error={issue('dueAt')}>
          {(props) => <input {...props} type="date" value={due} onChange={(e) => setDue(e.target.value)} />}
        </Field>
        <Field label="Tracker URL" optional error={issue('tracker')}>
          {(props) => <input {...props} type="url" value={tracker} onChange={(e) => setTracker(e.target.value)} />}
        </Field>
      </div>
      <VerificationEditor draft={verification} onChange={setVerification} issue={issue} />
      <Field label="Reason" optional hint="Goes on the timeline (required to cancel)." error={issue('reason')}>
        {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <ErrorMessage error={update.error} title="Not saved." />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}

/** A verification result: the verdict, the summary and the figures behind it. */
export function ResultView({ result }: { result: VerificationResult }) {
  const rows = detailRows(result.details);
  return (
    <div
      className={`verification-result ${result.passed ? 'result-passed' : 'result-failed'}`}
      data-testid="verify-result"
    >
      <strong className="verdict-word">{verdict(result)}</strong> <span>{result.summary}</span>
      <span className="muted small">
        {' '}
        · {result.kind}, {result.trigger} by {result.by} <TimeText iso={result.at} variant="short" />
      </span>
      {rows.length > 0 ? (
        <dl className="result-details">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

function VerifyPanel({ action, canWrite }: { action: Action; canWrite: boolean }) {
  const verify = useVerifyAction(action.id);
  const shown = verify.data?.result ?? action.lastVerification;
  return (
    <section className="subform" aria-labelledby={`verify-${action.id}`}>
      <h3 id={`verify-${action.id}`}>Verification: {describeVerification(action.verification)}</h3>
      {canWrite ? (
        <button
          type="button"
          className="button button-primary"
          disabled={!action.verification || verify.isPending}
          title={action.verification ? 'Run the verification now' : 'Set a verification first'}
          onClick={() => verify.mutate(undefined)}
        >
          {verify.isPending ? 'Verifying…' : 'Verify'}
        </button>
      ) : null}
      <ErrorMessage error={verify.error} title="Not verified." />
      {shown ? <ResultView result={shown} /> : <p className="muted small">Not verified yet.</p>}
    </section>
  );
}

function History({ actionId }: { actionId: string }) {
  const history = useVerifications(actionId);
  const rows = history.data ?? [];
  return (
    <section className="subform" aria-labelledby={`history-${actionId}`}>
      <h3 id={`history-${actionId}`}>Verification history</h3>
      <ErrorMessage error={history.error} title="Cannot load the history." />
      {rows.length === 0 ? (
        <p className="muted small">None yet.</p>
      ) : (
        <ol className="plain-list verification-history">
          {[...rows].reverse().map((result) => (
            <li key={result.id}>
              <span className="muted small">{result.id}</span> <ResultView result={result} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function FollowUps({ action }: { action: Action }) {
  if (action.followUps.length === 0) return null;
  return (
    <section className="subform" aria-labelledby={`follow-${action.id}`}>
      <h3 id={`follow-${action.id}`}>Follow-ups</h3>
      <ul className="plain-list follow-ups">
        {action.followUps.map((followUp) => (
          <li key={followUp.day}>
            <strong>Day {followUp.day}</strong> · <TimeText iso={followUp.dueAt} variant="clock" /> ·{' '}
            {followUp.doneAt ? (
              <>
                {followUp.outcome ?? 'done'} <TimeText iso={followUp.doneAt} variant="short" />
              </>
            ) : (
              <span className="muted">to come</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CloseAction({ action }: { action: Action }) {
  const close = useCloseAction(action.id);
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    close.mutate(reason.trim() || undefined);
  };
  const passed = action.lastVerification?.passed === true;
  return (
    <form className="form subform" onSubmit={submit} aria-label={`Close ${action.id}`}>
      <h3>Close</h3>
      <p className="small muted">
        {passed ? 'Its last verification passed: it can close.' : 'Closing needs a passing verification.'}
      </p>
      <Field label="Reason" optional error={issueFor(close.error, 'reason')}>
        {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <ErrorMessage error={close.error} title="Not closed." />
      <button type="submit" className="button" disabled={close.isPending}>
        {close.isPending ? 'Closing…' : `Close ${action.id}`}
      </button>
    </form>
  );
}
