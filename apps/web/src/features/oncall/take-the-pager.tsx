import type { AddOverrideRequest, DirectoryView } from '@firebreak/contract';
import { type FormEvent, useState } from 'react';
import { useAddOverride } from '../../data/oncall';
import { issueFor } from '../../lib/api-error';
import { clockPair, fromUtcInput, toUtcInput } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { type OverrideDraft, overrideRequest, overrideSummary } from './override-draft';

type Directory = DirectoryView['directory'];

const HOUR = 3_600_000;

function freshDraft(directory: Directory): OverrideDraft {
  const start = Math.floor(Date.now() / 60_000) * 60_000;
  return {
    schedule: directory.schedules[0]?.id ?? '',
    person: '',
    from: toUtcInput(new Date(start).toISOString()),
    to: toUtcInput(new Date(start + 8 * HOUR).toISOString()),
    replacing: '',
    reason: '',
  };
}

/** The override as it would be written under `overrides:` in firebreak.yaml. */
function asYaml(override: AddOverrideRequest): string {
  const lines = [
    `  - id: ${override.id}`,
    `    schedule: ${override.schedule}`,
    `    person: ${override.person}`,
    `    from: ${override.from}`,
    `    to: ${override.to}`,
  ];
  if (override.replacing) lines.push(`    replacing: ${override.replacing}`);
  if (override.reason) lines.push(`    reason: ${JSON.stringify(override.reason)}`);
  return `overrides:\n${lines.join('\n')}`;
}

/** A UTC time input's local reading, under the field: `22:00 UTC · 23:00 local`. */
function LocalHint({ value }: { value: string }) {
  const now = useNow();
  const iso = fromUtcInput(value);
  return <>{iso ? clockPair(iso, now) : 'UTC, as YYYY-MM-DD HH:MM'}</>;
}

/**
 * "Take the pager": adds an override to the directory in force, for the night or the holiday
 * nobody wants a pull request for. The server's answer names any field it refuses; on success the
 * override is shown as YAML, since the next `firebreak system apply` replaces the overrides with
 * the file's.
 */
export function TakeThePager({ directory, nameOf }: { directory: Directory; nameOf(id: string): string }) {
  const [draft, setDraft] = useState(() => freshDraft(directory));
  const [added, setAdded] = useState<AddOverrideRequest>();
  const add = useAddOverride();
  const set = (field: keyof OverrideDraft) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [field]: event.target.value }));
  const schedule = directory.schedules.find((candidate) => candidate.id === draft.schedule);
  const summary = overrideSummary(draft, nameOf, schedule?.name ?? draft.schedule);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const request = overrideRequest(
      draft,
      directory.overrides.map((override) => override.id),
    );
    add.mutate(request, {
      onSuccess: () => {
        setAdded(request);
        setDraft(freshDraft(directory));
      },
    });
  };
  const people = [...directory.people].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className="panel take-the-pager write-only" aria-labelledby="take-the-pager-title">
      <h2 id="take-the-pager-title">Take the pager</h2>
      <p className="small">
        An override puts someone on call for a period, for everyone on the schedule or only in place of one person. It
        takes effect at once.{' '}
        <strong>
          The next <code>firebreak system apply</code> replaces every override with the ones in firebreak.yaml
        </strong>
        , so add it to the file too (it is shown here once added).
      </p>
      <form className="form" onSubmit={submit}>
        <div className="form-row">
          <Field label="Schedule" error={issueFor(add.error, 'schedule')}>
            {(props) => (
              <select {...props} value={draft.schedule} onChange={set('schedule')} required>
                {directory.schedules.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Who takes it" error={issueFor(add.error, 'person')}>
            {(props) => (
              <select {...props} value={draft.person} onChange={set('person')} required>
                <option value="">Choose a person…</option>
                {people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="In place of" optional error={issueFor(add.error, 'replacing')}>
            {(props) => (
              <select {...props} value={draft.replacing} onChange={set('replacing')}>
                <option value="">Everyone on the schedule</option>
                {people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form-row">
          <Field label="From (UTC)" hint={<LocalHint value={draft.from} />} error={issueFor(add.error, 'from')}>
            {(props) => <input {...props} type="datetime-local" value={draft.from} onChange={set('from')} required />}
          </Field>
          <Field label="To (UTC)" hint={<LocalHint value={draft.to} />} error={issueFor(add.error, 'to')}>
            {(props) => <input {...props} type="datetime-local" value={draft.to} onChange={set('to')} required />}
          </Field>
          <Field label="Reason" optional className="grow" error={issueFor(add.error, 'reason')}>
            {(props) => (
              <input
                {...props}
                value={draft.reason}
                onChange={set('reason')}
                placeholder="Dana is ill"
                maxLength={500}
              />
            )}
          </Field>
        </div>
        {summary ? <p className="override-summary">{summary}</p> : null}
        <ErrorMessage error={add.error} title="Override not added." />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={add.isPending || !draft.person}>
            {add.isPending ? 'Adding…' : 'Take the pager'}
          </button>
        </div>
      </form>
      {added ? (
        <div className="notice" role="status">
          <p>
            Override <code>{added.id}</code> added. Put it in firebreak.yaml as well, or the next apply removes it:
          </p>
          <pre>
            <code>{asYaml(added)}</code>
          </pre>
        </div>
      ) : null}
    </section>
  );
}
