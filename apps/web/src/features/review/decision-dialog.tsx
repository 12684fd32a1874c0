import type { ReviewDecisionRequest, ReviewItem } from '@firebreak/contract';
import type { RefusalMessageId, ReviewOutcome } from '@firebreak/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useReviewDecision } from '../../data/review';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { FormActions } from '../../ui/form-actions';
import { Modal } from '../../ui/modal';
import { ContentEditor } from './content-editor';
import { changedKeys, REFUSALS } from './review-text';

const TITLE: Record<ReviewOutcome, string> = {
  approved: 'Approve',
  edited: 'Edit',
  refused: 'Refuse',
  escalated: 'Escalate',
};
const MEANING: Record<ReviewOutcome, string> = {
  approved: 'The app sends the content to the user as it is.',
  edited: 'The app sends your edited content instead.',
  refused: 'The app shows the user a standard refusal instead of the content.',
  escalated: 'Someone else decides; the item stays open for their final answer.',
};

/** A reviewer's decision on one item: approve, edit the content, refuse with a standard message, or escalate. */
export function DecisionDialog({
  item,
  outcome,
  onClose,
}: {
  item: ReviewItem;
  outcome: ReviewOutcome | undefined;
  onClose(): void;
}) {
  const decide = useReviewDecision();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<RefusalMessageId>(REFUSALS[0]!.id);
  const [to, setTo] = useState('');
  const [edited, setEdited] = useState<{ ok: true; content: Record<string, unknown> } | { ok: false; problem: string }>(
    { ok: true, content: item.content },
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form resets when the dialog opens (or its subject changes), not on every edit of its inputs
  useEffect(() => {
    if (!outcome) return;
    setNote('');
    setMessage(REFUSALS[0]!.id);
    setTo('');
    setEdited({ ok: true, content: item.content });
    decide.reset();
  }, [outcome, item.id]);

  const noteValue = note.trim() ? { note: note.trim() } : {};
  const body: ReviewDecisionRequest | undefined =
    outcome === 'approved'
      ? { outcome, ...noteValue }
      : outcome === 'refused'
        ? { outcome, message, ...noteValue }
        : outcome === 'escalated'
          ? to.trim()
            ? { outcome, to: to.trim(), ...noteValue }
            : undefined
          : outcome === 'edited' && edited.ok && changedKeys(item.content, edited.content).length > 0
            ? { outcome, edited: edited.content, ...noteValue }
            : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (body) decide.mutate({ id: item.id, body }, { onSuccess: onClose });
  };

  return (
    <Modal
      open={outcome !== undefined}
      onOpenChange={(open) => !open && onClose()}
      variant={outcome === 'edited' ? 'wide' : 'dialog'}
      title={`${outcome ? TITLE[outcome] : ''} ${item.id}`}
      description={outcome ? MEANING[outcome] : undefined}
    >
      <form className="form" onSubmit={submit}>
        {outcome === 'edited' ? (
          <ContentEditor content={item.content} onChange={setEdited} error={issueFor(decide.error, 'edited')} />
        ) : null}
        {outcome === 'refused' ? (
          <fieldset className="choice-group">
            <legend>Standard message</legend>
            <div className="choices choices-two">
              {REFUSALS.map((refusal) => (
                <label key={refusal.id} className={`choice ${message === refusal.id ? 'choice-selected' : ''}`}>
                  <input
                    type="radio"
                    name="refusal"
                    value={refusal.id}
                    checked={message === refusal.id}
                    onChange={() => setMessage(refusal.id)}
                  />
                  <span className="choice-body">
                    <span className="choice-text user-sees">{refusal.text}</span>
                    <span className="choice-meta">{refusal.id}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        {outcome === 'refused' ? (
          <div className="user-preview" data-testid="refusal-preview">
            <span className="muted small">The user sees</span>
            <p className="user-bubble">{REFUSALS.find((refusal) => refusal.id === message)?.text}</p>
          </div>
        ) : null}
        {outcome === 'escalated' ? (
          <Field
            label="Escalate to"
            hint="A person or a team: legal, privacy-oncall, the tech lead…"
            error={issueFor(decide.error, 'to')}
          >
            {(props) => <input {...props} value={to} onChange={(e) => setTo(e.target.value)} required autoFocus />}
          </Field>
        ) : null}
        <Field
          label="Note"
          optional
          hint="For the record: what you saw, why you decided so."
          error={issueFor(decide.error, 'note')}
        >
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              autoFocus={outcome === 'approved'}
            />
          )}
        </Field>
        <ErrorMessage error={decide.error} title="Not decided." />
        <FormActions
          label={`${outcome ? TITLE[outcome] : ''} ${item.id}`}
          busyLabel="Sending…"
          busy={decide.isPending}
          disabled={!body}
          tone={outcome === 'refused' ? 'danger' : 'primary'}
          onCancel={onClose}
        />
      </form>
    </Modal>
  );
}
