import type { Exercise } from '@firebreak/contract';
import { type FormEvent, useState } from 'react';
import { useCreateExercise, useScenarios } from '../../data/exercises';
import { issueFor } from '../../lib/api-error';
import { words } from '../../lib/labels';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { Segmented } from '../../ui/segmented';
import { Loading } from '../../ui/states';
import { MODE_TEXT, SPEEDS, speedText } from './drill-text';

const MODES = ['live fire', 'tabletop'] as const;
const MODE_HINTS = {
  'live fire': 'The scenario’s telemetry runs through the real monitors: the team meets the failure as an alert.',
  tabletop: 'Injects only: the team talks the failure through.',
};

/**
 * Sets up a drill from the library: the scenario (its summary shown), live fire or tabletop, the
 * team drilled, the clock's speed and an optional drill channel. Creating it copies the system
 * and its controls into the drill's exercise space; `onCreated` opens it.
 */
export function NewDrillForm({ onCreated, onCancel }: { onCreated(exercise: Exercise): void; onCancel(): void }) {
  const scenarios = useScenarios();
  const [scenario, setScenario] = useState('');
  const [mode, setMode] = useState<(typeof MODES)[number]>('live fire');
  const [team, setTeam] = useState('');
  const [speed, setSpeed] = useState<number>(1);
  const [channel, setChannel] = useState('');
  const create = useCreateExercise(onCreated);
  const picked = scenarios.data?.find((item) => item.id === scenario);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      scenario,
      mode: mode === 'tabletop' ? 'tabletop' : 'live_fire',
      speed,
      ...(team.trim() ? { team: team.trim() } : {}),
      ...(channel.trim() ? { channel: channel.trim() } : {}),
    });
  };

  if (scenarios.isPending) return <Loading what="the scenario library" />;
  return (
    <form className="panel form new-drill" onSubmit={submit} aria-label="New drill">
      <h2>New drill</h2>
      <ErrorMessage error={scenarios.error} title="Cannot load the scenario library." />
      <Field
        label="Scenario"
        hint="From the built-in library: each runs a failure of one kind on a demo system."
        error={issueFor(create.error, 'scenario')}
      >
        {(props) => (
          <select {...props} value={scenario} onChange={(e) => setScenario(e.target.value)} required>
            <option value="">Choose a scenario…</option>
            {(scenarios.data ?? []).map((item) => (
              <option key={item.id} value={item.id}>
                {item.title} ({words(item.kind)}, {item.system})
              </option>
            ))}
          </select>
        )}
      </Field>
      {picked ? (
        <div className="notice drill-scenario-summary" role="note" aria-label="Scenario summary">
          <strong>{picked.title}</strong> <span className="small">on {picked.system}</span>
          <p>{picked.summary}</p>
        </div>
      ) : null}
      <Segmented<(typeof MODES)[number]>
        legend="Mode"
        name="drill-mode"
        options={MODES}
        value={mode}
        hints={MODE_HINTS}
        onChange={setMode}
      />
      <div className="form-row">
        <Field
          label="Team"
          optional
          hint="The team drilled; the system’s owner unless given."
          error={issueFor(create.error, 'team')}
        >
          {(props) => <input {...props} value={team} onChange={(e) => setTeam(e.target.value)} maxLength={120} />}
        </Field>
        <Field
          label="Speed"
          hint="Drill minutes per real minute; the facilitator can change it."
          error={issueFor(create.error, 'speed')}
        >
          {(props) => (
            <select {...props} value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
              {SPEEDS.map((value) => (
                <option key={value} value={value}>
                  {speedText(value)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Drill channel"
          optional
          hint="A webhook for the drill’s notifications, marked DRILL; without one they are held, never sent."
          error={issueFor(create.error, 'channel')}
        >
          {(props) => (
            <input
              {...props}
              type="url"
              value={channel}
              onChange={(e) => setChannel(e.target.value)}
              placeholder="https://hooks.example.com/drills"
              maxLength={120}
            />
          )}
        </Field>
      </div>
      <ErrorMessage error={create.error} title="Drill not set up." />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!scenario || create.isPending}>
          {create.isPending
            ? 'Setting up…'
            : `Set up ${MODE_TEXT[mode === 'tabletop' ? 'tabletop' : 'live_fire']} drill`}
        </button>
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
