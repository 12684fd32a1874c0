import type { Exercise, HotwashFinding } from '@firebreak/contract';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { useExerciseChange } from '../../data/exercises';
import { useSession } from '../../data/session';
import { issueFor } from '../../lib/api-error';
import { ErrorMessage } from '../../ui/error-message';
import { type ControlProps, Field } from '../../ui/field';

interface Draft {
  key: number;
  kind: HotwashFinding['kind'];
  observation: string;
  withAction: boolean;
  title: string;
  owner: string;
}

const blank = (key: number, kind: HotwashFinding['kind'] = 'improvement'): Draft => ({
  key,
  kind,
  observation: '',
  withAction: false,
  title: '',
  owner: '',
});

/** The findings as the API takes them: an action only where asked for, its owner only when given. */
export function hotwashFindings(drafts: readonly Draft[]): HotwashFinding[] {
  return drafts
    .filter((draft) => draft.observation.trim())
    .map((draft) => ({
      kind: draft.kind,
      observation: draft.observation.trim(),
      ...(draft.withAction
        ? { action: { title: draft.title.trim(), ...(draft.owner.trim() ? { owner: draft.owner.trim() } : {}) } }
        : {}),
    }));
}

/**
 * The hotwash after the drill ends: what went well and what to improve, each improvement
 * optionally a corrective action (tracked and verified like any incident's). Once held, its
 * findings show with their actions.
 */
export function Hotwash({
  exercise,
  ownerInput,
}: {
  exercise: Exercise;
  /** The owner field (the page composes the actions' directory picker in). */
  ownerInput: OwnerInputRender;
}) {
  const { canWrite } = useSession();
  if (exercise.hotwash) {
    return (
      <section className="panel drill-hotwash" aria-labelledby="drill-hotwash-heading">
        <h2 id="drill-hotwash-heading">Hotwash</h2>
        <p className="small muted">
          Held by {exercise.hotwash.by}; {exercise.hotwash.findings.length} findings.
        </p>
        <ul className="hotwash-findings">
          {exercise.hotwash.findings.map((finding) => (
            <li key={`${finding.kind}:${finding.observation}`} data-finding={finding.kind}>
              <span className={`badge ${finding.kind === 'strength' ? 'drill-passed' : 'tag'}`}>{finding.kind}</span>{' '}
              {finding.observation}
              {finding.actionId ? (
                <div className="small">
                  Action <Link to={`/actions?action=${finding.actionId}`}>{finding.actionId}</Link>:{' '}
                  {finding.action?.title}
                  {finding.action?.owner ? ` (${finding.action.owner})` : ''}
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  if (!canWrite) return null;
  return <HotwashForm exercise={exercise} ownerInput={ownerInput} />;
}

type OwnerInputRender = (control: ControlProps, value: string, onChange: (value: string) => void) => ReactNode;

function HotwashForm({ exercise, ownerInput }: { exercise: Exercise; ownerInput: OwnerInputRender }) {
  const [drafts, setDrafts] = useState<Draft[]>([blank(0, 'strength'), blank(1)]);
  const wash = useExerciseChange(exercise.id, (client, findings: HotwashFinding[]) =>
    client.hotwash(exercise.id, { findings }),
  );
  const set = (key: number, patch: Partial<Draft>) =>
    setDrafts((all) => all.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft)));
  const findings = hotwashFindings(drafts);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    wash.mutate(findings);
  };
  const noIncident = exercise.incidents.length === 0;
  return (
    <form className="panel form drill-hotwash write-only" onSubmit={submit} aria-labelledby="drill-hotwash-heading">
      <h2 id="drill-hotwash-heading">Hotwash</h2>
      <p className="small muted">
        Right after the drill, while it is fresh: what went well, what to improve. An improvement can become a
        corrective action on the drill’s incident{noIncident ? ' (none was declared, so findings only)' : ''}.
      </p>
      {drafts.map((draft, index) => (
        <fieldset key={draft.key} className="hotwash-finding" data-finding-index={index}>
          <legend>Finding {index + 1}</legend>
          <div className="form-row">
            <Field label="Kind">
              {(props) => (
                <select
                  {...props}
                  value={draft.kind}
                  onChange={(e) => set(draft.key, { kind: e.target.value as HotwashFinding['kind'] })}
                >
                  <option value="strength">strength</option>
                  <option value="improvement">improvement</option>
                </select>
              )}
            </Field>
            <Field label="Observation" className="grow" error={issueFor(wash.error, `findings.${index}.observation`)}>
              {(props) => (
                <textarea
                  {...props}
                  rows={2}
                  value={draft.observation}
                  onChange={(e) => set(draft.key, { observation: e.target.value })}
                  maxLength={2000}
                />
              )}
            </Field>
          </div>
          {noIncident ? null : (
            <label className="check">
              <input
                type="checkbox"
                checked={draft.withAction}
                onChange={(e) => set(draft.key, { withAction: e.target.checked })}
              />{' '}
              Create an action
            </label>
          )}
          {draft.withAction && !noIncident ? (
            <div className="form-row">
              <Field
                label="Action title"
                className="grow"
                error={issueFor(wash.error, `findings.${index}.action.title`)}
              >
                {(props) => (
                  <input
                    {...props}
                    value={draft.title}
                    onChange={(e) => set(draft.key, { title: e.target.value })}
                    maxLength={200}
                  />
                )}
              </Field>
              <Field label="Owner" optional error={issueFor(wash.error, `findings.${index}.action.owner`)}>
                {(props) => ownerInput(props, draft.owner, (owner) => set(draft.key, { owner }))}
              </Field>
            </div>
          ) : null}
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="button" className="button" onClick={() => setDrafts((all) => [...all, blank(Date.now())])}>
          Add a finding
        </button>
        <button type="submit" className="button button-primary" disabled={findings.length === 0 || wash.isPending}>
          {wash.isPending ? 'Recording…' : 'Record the hotwash'}
        </button>
      </div>
      <ErrorMessage error={wash.error} title="Hotwash not recorded." />
    </form>
  );
}
