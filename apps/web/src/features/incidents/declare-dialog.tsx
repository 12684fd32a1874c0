import { CATEGORIES, type Category, DRIVERS, type Driver, INCIDENT_TYPES } from '@firebreak/core';
import { FirebreakApiError } from '@firebreak/sdk';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { useDeclareIncident } from '../../data/incidents';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { Modal } from '../../ui/modal';
import { SeverityPicker, slaLine, TypePicker } from '../../ui/taxonomy-pickers';
import { type DeclareDraft, EMPTY_DRAFT, missingInDraft, toDeclareRequest } from './declare-draft';
import { SystemPicker } from './system-picker';

/** Declares an incident: the taxonomy explained inline, so nobody guesses under pressure. */
export function DeclareDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<DeclareDraft>(EMPTY_DRAFT);
  const [missing, setMissing] = useState<FirebreakApiError>();
  const declare = useDeclareIncident((incident) => {
    setDraft(EMPTY_DRAFT);
    declare.reset();
    onOpenChange(false);
    navigate(`/incidents/${incident.id}`, { state: { warnings: incident.warnings ?? [] } });
  });
  // An error answers the form as it was sent; once the form changes, it no longer applies.
  const set = (patch: Partial<DeclareDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setMissing(undefined);
    if (declare.error) declare.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const issues = missingInDraft(draft);
    if (issues.length > 0) {
      const message = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
      setMissing(new FirebreakApiError({ status: 400, code: 'validation_failed', message, details: { issues } }));
      return;
    }
    declare.mutate(toDeclareRequest(draft));
  };
  const typeInfo = draft.type ? INCIDENT_TYPES[draft.type] : undefined;
  const error = missing ?? declare.error;

  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      variant="wide"
      title="Declare an incident"
      description="The response clocks start when you declare. Severity and type can change later, with a reason."
    >
      <form className="form declare-form" onSubmit={submit} noValidate>
        <Field label="Title" hint="What is wrong, in a line a responder understands." error={issueFor(error, 'title')}>
          {(props) => (
            <input
              {...props}
              value={draft.title}
              onChange={(e) => set({ title: e.target.value })}
              required
              maxLength={200}
              autoFocus
            />
          )}
        </Field>
        <TypePicker
          name="declare-type"
          value={draft.type}
          onChange={(type) => set({ type })}
          error={issueFor(error, 'type')}
        />
        <SeverityPicker
          name="declare-severity"
          value={draft.severity}
          onChange={(severity) => set({ severity })}
          error={issueFor(error, 'severity')}
        />
        <SystemPicker
          selected={draft.selected}
          onToggle={(id, on) =>
            set({ selected: on ? [...draft.selected, id] : draft.selected.filter((item) => item !== id) })
          }
          other={draft.other}
          onOther={(other) => set({ other })}
          error={issueFor(error, 'systems')}
        />
        <Field
          label="Summary"
          optional
          hint="What is known so far: symptoms, since when, who noticed."
          error={issueFor(error, 'summary')}
        >
          {(props) => (
            <textarea {...props} rows={3} value={draft.summary} onChange={(e) => set({ summary: e.target.value })} />
          )}
        </Field>
        <div className="form-row">
          <Field
            label="Onset (UTC)"
            optional
            hint="When the failure began; an estimate is fine."
            error={issueFor(error, 'onsetAt')}
          >
            {(props) => (
              <input
                {...props}
                type="datetime-local"
                value={draft.onset}
                onChange={(e) => set({ onset: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Incident commander"
            optional
            hint="Assign now, or later on the incident."
            error={issueFor(error, 'commander')}
          >
            {(props) => (
              <input
                {...props}
                value={draft.commander}
                onChange={(e) => set({ commander: e.target.value })}
                autoComplete="name"
              />
            )}
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" checked={draft.nearMiss} onChange={(e) => set({ nearMiss: e.target.checked })} /> Near
          miss: caught before it harmed anyone
        </label>
        <details className="overrides">
          <summary>
            Category and driver{' '}
            <span className="muted">
              {typeInfo
                ? `(default for this type: ${typeInfo.category}, driver ${typeInfo.driver})`
                : '(default from the type)'}
            </span>
          </summary>
          <div className="form-row">
            <Field label="Category" optional>
              {(props) => (
                <select
                  {...props}
                  value={draft.category}
                  onChange={(e) => set({ category: e.target.value as Category | '' })}
                >
                  <option value="">type default{typeInfo ? ` (${typeInfo.category})` : ''}</option>
                  {CATEGORIES.map((category) => (
                    <option key={category}>{category}</option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Driver" optional>
              {(props) => (
                <select
                  {...props}
                  value={draft.driver}
                  onChange={(e) => set({ driver: e.target.value as Driver | '' })}
                >
                  <option value="">type default{typeInfo ? ` (${typeInfo.driver})` : ''}</option>
                  {DRIVERS.map((driver) => (
                    <option key={driver}>{driver}</option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </details>
        <ErrorMessage error={error} title={missing ? 'Not declared yet:' : 'Not declared.'} />
        <div className="form-actions">
          <button type="submit" className="button button-danger" disabled={declare.isPending}>
            {declare.isPending ? 'Declaring…' : `Declare${draft.severity ? ` ${draft.severity}` : ''} incident`}
          </button>
          {draft.severity ? <span className="muted">Clocks: {slaLine(draft.severity)}</span> : null}
        </div>
      </form>
    </Modal>
  );
}
