import type { Postmortem } from '@firebreak/contract';
import type { PostmortemStatus } from '@firebreak/core';
import { FirebreakApiError } from '@firebreak/sdk';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { type PostmortemMove, useEditPostmortem, useMovePostmortem } from '../../data/learning';
import { issueFor } from '../../lib/api-error';
import { dueFromDate } from '../../lib/due-date';
import { SeverityBadge } from '../../ui/badges';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { TimeText } from '../../ui/time-text';
import { FindingList } from './live-lint';

/** The blameless findings a refused publish listed, if that is why it was refused. */
export function refusedFindings(error: unknown): Postmortem['lint'] | undefined {
  if (!(error instanceof FirebreakApiError)) return undefined;
  const findings = error.details?.findings;
  return Array.isArray(findings) && findings.length > 0 ? (findings as Postmortem['lint']) : undefined;
}

/** Status, owner, due date and template, and the moves: send to review, publish, reopen. */
export function PostmortemHeader({ postmortem, canEdit }: { postmortem: Postmortem; canEdit: boolean }) {
  const move = useMovePostmortem(postmortem.incidentId);
  const [reason, setReason] = useState('');
  const [reopening, setReopening] = useState(false);
  const findings = refusedFindings(move.error);
  const go = (input: PostmortemMove) =>
    move.mutate(input, {
      onSuccess: () => {
        setReason('');
        setReopening(false);
      },
    });
  const publishAnyway = (event: FormEvent) => {
    event.preventDefault();
    go({ status: 'published', acceptFindings: true, reason: reason.trim() });
  };
  const reopen = (event: FormEvent) => {
    event.preventDefault();
    go({ status: 'draft', reason: reason.trim() });
  };
  const button = (label: string, status: PostmortemStatus) => (
    <button
      type="button"
      className={`button ${status === 'published' ? 'button-primary' : ''}`}
      disabled={move.isPending}
      onClick={() => go({ status })}
    >
      {label}
    </button>
  );
  const { incident } = postmortem;
  return (
    <header className="pm-header">
      <div className="page-heading">
        <h1>
          Postmortem: <Link to={`/incidents/${postmortem.incidentId}`}>{postmortem.incidentId}</Link> {incident.title}
        </h1>
      </div>
      <div className="pm-meta">
        <SeverityBadge severity={incident.severity} />
        <span className={`badge pm-status pm-status-${postmortem.status}`} data-testid="postmortem-status">
          {postmortem.status.replace('_', ' ')}
        </span>
        <span className="small">
          template <strong>{postmortem.template}</strong>
        </span>
        {postmortem.required ? <span className="small muted">required before closing</span> : null}
        <span className="small">
          v{postmortem.version} · updated by {postmortem.updatedBy}{' '}
          <TimeText iso={postmortem.updatedAt} variant="short" />
        </span>
      </div>
      <OwnerAndDue postmortem={postmortem} canEdit={canEdit} />
      {canEdit ? (
        <div className="pm-moves" role="group" aria-label="Postmortem status">
          {postmortem.status === 'draft' ? button('Send to review', 'in_review') : null}
          {postmortem.status === 'in_review' ? button('Back to draft', 'draft') : null}
          {postmortem.status !== 'published' ? button('Publish', 'published') : null}
          {postmortem.status === 'published' && !reopening ? (
            <button type="button" className="button" onClick={() => setReopening(true)}>
              Reopen
            </button>
          ) : null}
        </div>
      ) : null}
      {reopening ? (
        <form className="form subform" onSubmit={reopen}>
          <Field label="Why reopen it" hint="Required: it goes on the timeline." error={issueFor(move.error, 'reason')}>
            {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} required />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="button" disabled={!reason.trim() || move.isPending}>
              Reopen as draft
            </button>
            <button type="button" className="button button-ghost" onClick={() => setReopening(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      {findings ? (
        <form className="warning publish-findings" onSubmit={publishAnyway} role="alert">
          <strong>
            Not published: the blameless lint found {findings.length === 1 ? 'one thing' : `${findings.length} things`}{' '}
            to look at.
          </strong>
          <FindingList findings={findings} showWhere />
          <Field label="Reason to publish anyway" hint="Recorded on the timeline with the findings accepted.">
            {(props) => <input {...props} value={reason} onChange={(e) => setReason(e.target.value)} required />}
          </Field>
          <button type="submit" className="button button-danger" disabled={!reason.trim() || move.isPending}>
            Publish anyway
          </button>
        </form>
      ) : (
        <ErrorMessage error={move.error} title="Status not changed." />
      )}
    </header>
  );
}

function OwnerAndDue({ postmortem, canEdit }: { postmortem: Postmortem; canEdit: boolean }) {
  const edit = useEditPostmortem(postmortem.incidentId);
  const [editing, setEditing] = useState(false);
  const [owner, setOwner] = useState(postmortem.owner ?? '');
  const [due, setDue] = useState(postmortem.dueAt?.slice(0, 10) ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const dueAt = dueFromDate(due);
    edit.mutate(
      {
        ...(owner.trim() && owner.trim() !== postmortem.owner ? { owner: owner.trim() } : {}),
        ...(dueAt && dueAt !== postmortem.dueAt ? { dueAt } : {}),
        version: postmortem.version,
      },
      { onSuccess: () => setEditing(false) },
    );
  };
  if (!editing)
    return (
      <div className="pm-owner small">
        Owner <strong>{postmortem.ownerName ?? postmortem.owner ?? 'nobody'}</strong> · due{' '}
        <TimeText iso={postmortem.dueAt} variant="clock" />{' '}
        {postmortem.overdue ? <span className="badge overdue-badge">OVERDUE</span> : null}
        {canEdit ? (
          <button type="button" className="button button-ghost button-small" onClick={() => setEditing(true)}>
            Change owner or due date
          </button>
        ) : null}
      </div>
    );
  return (
    <form className="form subform form-inline" onSubmit={submit}>
      <Field label="Owner" error={issueFor(edit.error, 'owner')}>
        {(props) => <input {...props} value={owner} onChange={(e) => setOwner(e.target.value)} />}
      </Field>
      <Field label="Due" error={issueFor(edit.error, 'dueAt')}>
        {(props) => <input {...props} type="date" value={due} onChange={(e) => setDue(e.target.value)} />}
      </Field>
      <ErrorMessage error={edit.error} title="Not changed." />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={edit.isPending}>
          Save
        </button>
        <button type="button" className="button button-ghost" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
