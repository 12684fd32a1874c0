import { ACTION_CATEGORIES, ACTION_PRIORITIES, ACTION_TYPES } from '@firebreak/core';
import { type FormEvent, useState } from 'react';
import { type AddActionInput, useAddAction } from '../../data/actions';
import { issueFor } from '../../lib/api-error';
import { dueFromDate } from '../../lib/due-date';
import { words } from '../../lib/labels';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { EMPTY_VERIFICATION, toVerification, type VerificationDraft } from './action-text';
import { OwnerInput } from './owner-input';
import { VerificationEditor } from './verification-editor';

type Category = (typeof ACTION_CATEGORIES)[number];
type ActionType = (typeof ACTION_TYPES)[number];
type Priority = (typeof ACTION_PRIORITIES)[number];

/** Adds a corrective or preventive action to the incident, with the verification it must pass. */
export function AddActionForm({ incidentId, onAdded }: { incidentId: string; onAdded?(id: string): void }) {
  const add = useAddAction(incidentId);
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<Category>('monitoring');
  const [type, setType] = useState<ActionType>('corrective');
  const [priority, setPriority] = useState<Priority>('medium');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [tracker, setTracker] = useState('');
  const [verification, setVerification] = useState<VerificationDraft>(EMPTY_VERIFICATION);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const dueAt = dueFromDate(due);
    const spec = toVerification(verification);
    const input: AddActionInput = {
      title: title.trim(),
      category,
      type,
      priority,
      ...(owner.trim() ? { owner: owner.trim() } : {}),
      ...(dueAt ? { dueAt } : {}),
      ...(tracker.trim() ? { tracker: tracker.trim() } : {}),
      ...(spec ? { verification: spec as AddActionInput['verification'] } : {}),
    };
    add.mutate(input, {
      onSuccess: (action) => {
        setTitle('');
        setTracker('');
        setVerification(EMPTY_VERIFICATION);
        onAdded?.(action.id);
      },
    });
  };
  const issue = (field: string) => issueFor(add.error, field);
  return (
    <form className="form add-action" onSubmit={submit} aria-label="Add an action">
      <h3>Add an action</h3>
      <Field label="Title" error={issue('title')}>
        {(props) => <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} required />}
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
        <Field label="Type" error={issue('type')}>
          {(props) => (
            <select {...props} value={type} onChange={(e) => setType(e.target.value as ActionType)}>
              {ACTION_TYPES.map((value) => (
                <option key={value} value={value}>
                  {value}
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
        <Field label="Owner" optional hint="A person of the directory." error={issue('owner')}>
          {(props) => <OwnerInput control={props} value={owner} onChange={setOwner} />}
        </Field>
        <Field label="Due" optional error={issue('dueAt')}>
          {(props) => <input {...props} type="date" value={due} onChange={(e) => setDue(e.target.value)} />}
        </Field>
        <Field label="Tracker URL" optional hint="The issue that tracks the work." error={issue('tracker')}>
          {(props) => <input {...props} type="url" value={tracker} onChange={(e) => setTracker(e.target.value)} />}
        </Field>
      </div>
      <VerificationEditor draft={verification} onChange={setVerification} issue={issue} />
      <ErrorMessage error={add.error} title="Not added." />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={add.isPending || !title.trim()}>
          {add.isPending ? 'Adding…' : 'Add action'}
        </button>
      </div>
    </form>
  );
}
