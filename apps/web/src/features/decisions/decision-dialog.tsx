import type { FirebreakClient, IncidentDetail } from '@firebreak/sdk';
import { type FormEvent, useState } from 'react';
import { useIncidentChange } from '../../data/incidents';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { Modal } from '../../ui/modal';

const EMPTY = { observation: '', hypothesis: '', test: '', decision: '', rationale: '' };
type Draft = typeof EMPTY;
type DecisionInput = Parameters<FirebreakClient['logDecision']>[1];

const STEPS: ReadonlyArray<{ key: keyof Draft; label: string; hint: string; optional?: boolean }> = [
  { key: 'observation', label: 'Observation', hint: 'What you saw, as a fact: numbers, times, versions.' },
  { key: 'hypothesis', label: 'Hypothesis', hint: 'What you think explains it.', optional: true },
  { key: 'test', label: 'Test', hint: 'How you checked the hypothesis, and what came out.', optional: true },
  { key: 'decision', label: 'Decision', hint: 'What you decided to do.' },
  {
    key: 'rationale',
    label: 'Rationale',
    hint: 'Why this over the alternatives; the risk you accept.',
    optional: true,
  },
];

/** Logs a decision in the observation → hypothesis → test → decision frame, citing evidence. */
export function DecisionDialog({
  incident,
  open,
  onOpenChange,
}: {
  incident: IncidentDetail;
  open: boolean;
  onOpenChange(open: boolean): void;
}) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [cited, setCited] = useState<string[]>([]);
  const log = useIncidentChange(incident.id, (client, body: DecisionInput) => client.logDecision(incident.id, body));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const optional = (value: string) => value.trim() || undefined;
    const body: DecisionInput = {
      observation: draft.observation.trim(),
      decision: draft.decision.trim(),
      hypothesis: optional(draft.hypothesis),
      test: optional(draft.test),
      rationale: optional(draft.rationale),
      evidence: cited,
    };
    log.mutate(body, {
      onSuccess: () => {
        setDraft(EMPTY);
        setCited([]);
        onOpenChange(false);
      },
    });
  };
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      variant="wide"
      title={`Log a decision on ${incident.id}`}
      description="Observation → hypothesis → test → decision. It goes on the timeline as written."
    >
      <form className="form" onSubmit={submit}>
        {STEPS.map((step) => (
          <Field
            key={step.key}
            label={step.label}
            hint={step.hint}
            optional={step.optional}
            error={issueFor(log.error, step.key)}
          >
            {(props) => (
              <textarea
                {...props}
                rows={2}
                value={draft[step.key]}
                onChange={(e) => setDraft({ ...draft, [step.key]: e.target.value })}
                required={!step.optional}
              />
            )}
          </Field>
        ))}
        <fieldset className="choice-group">
          <legend>Evidence it rests on</legend>
          {incident.evidence.length === 0 ? (
            <p className="muted small">No evidence on this incident yet; add some, then cite it.</p>
          ) : null}
          {incident.evidence.map((evidence) => (
            <label key={evidence.id} className="check">
              <input
                type="checkbox"
                checked={cited.includes(evidence.id)}
                onChange={(e) =>
                  setCited(e.target.checked ? [...cited, evidence.id] : cited.filter((id) => id !== evidence.id))
                }
              />{' '}
              {evidence.id}: {evidence.title}
            </label>
          ))}
        </fieldset>
        <ErrorMessage error={log.error} title="Not logged." />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={log.isPending}>
            {log.isPending ? 'Logging…' : 'Log decision'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
