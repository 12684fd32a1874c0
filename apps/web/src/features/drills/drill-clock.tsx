import type { Exercise } from '@firebreak/contract';
import { type FormEvent, useState } from 'react';
import { useExerciseChange } from '../../data/exercises';
import { useSession } from '../../data/session';
import { useNow } from '../../lib/use-now';
import { ErrorMessage } from '../../ui/error-message';
import { Field } from '../../ui/field';
import { drillNow, drillTime, SPEEDS, STATUS_TEXT, speedText } from './drill-text';

type ClockRequest = { action: 'start' | 'pause' | 'resume' | 'speed' | 'end'; speed?: number; reason?: string };

/**
 * The drill clock and the facilitator's hands on it: drill time running at its speed, the
 * failure's onset, and start, pause, resume, speed (×1 to ×60) and end with a reason.
 * `readAt` is when the drill was read, so the clock moves on between reads.
 */
export function DrillClock({ exercise, readAt }: { exercise: Exercise; readAt: number }) {
  const { canWrite } = useSession();
  const now = useNow();
  const clock = useExerciseChange(exercise.id, (client, input: ClockRequest) =>
    client.exerciseClock(exercise.id, input),
  );
  const [ending, setEnding] = useState(false);
  const [reason, setReason] = useState('');
  const nowMs = drillNow(exercise, readAt, Math.max(now.getTime(), readAt));
  const { onsetMs } = exercise.clock;
  const live = exercise.status === 'running' || exercise.status === 'paused';

  const end = (event: FormEvent) => {
    event.preventDefault();
    clock.mutate(
      { action: 'end', ...(reason.trim() ? { reason: reason.trim() } : {}) },
      { onSuccess: () => setEnding(false) },
    );
  };

  return (
    <section className="panel drill-clock" aria-labelledby="drill-clock-heading" data-status={exercise.status}>
      <h2 id="drill-clock-heading">Drill clock</h2>
      <div className="drill-clock-face">
        <span className="drill-time" role="timer" aria-label="Drill time">
          {drillTime(nowMs)}
        </span>
        <span className="drill-speed" data-speed={exercise.clock.speed}>
          {speedText(exercise.clock.speed)}
        </span>
        <span className="muted small">{STATUS_TEXT[exercise.status]}</span>
      </div>
      {onsetMs !== null ? (
        <p className="small muted">
          The failure begins at {drillTime(onsetMs)} of drill time
          {nowMs < onsetMs && exercise.status !== 'ended' ? ` (in ${drillTime(onsetMs - nowMs)})` : ''}; the scenario
          runs {drillTime(exercise.clock.durationMs)}.
        </p>
      ) : (
        <p className="small muted">Tabletop: no telemetry, the injects carry the story.</p>
      )}
      {canWrite && exercise.status !== 'ended' ? (
        <div className="drill-clock-actions write-only">
          <div className="action-group" role="group" aria-label="Clock">
            {exercise.status === 'ready' ? (
              <button
                type="button"
                className="button button-primary"
                disabled={clock.isPending}
                onClick={() => clock.mutate({ action: 'start' })}
              >
                Start drill
              </button>
            ) : null}
            {exercise.status === 'running' ? (
              <button
                type="button"
                className="button"
                disabled={clock.isPending}
                onClick={() => clock.mutate({ action: 'pause' })}
              >
                Pause
              </button>
            ) : null}
            {exercise.status === 'paused' ? (
              <button
                type="button"
                className="button button-primary"
                disabled={clock.isPending}
                onClick={() => clock.mutate({ action: 'resume' })}
              >
                Resume
              </button>
            ) : null}
            <button type="button" className="button button-danger" onClick={() => setEnding(true)} disabled={ending}>
              End drill
            </button>
          </div>
          {live ? (
            <div className="action-group" role="group" aria-label="Speed">
              {SPEEDS.map((speed) => (
                <button
                  key={speed}
                  type="button"
                  className={`button button-small ${exercise.clock.speed === speed ? 'button-selected' : ''}`}
                  aria-pressed={exercise.clock.speed === speed}
                  disabled={clock.isPending}
                  onClick={() => clock.mutate({ action: 'speed', speed })}
                >
                  {speedText(speed)}
                </button>
              ))}
            </div>
          ) : null}
          {ending ? (
            <form className="form drill-end" onSubmit={end} aria-label="End the drill">
              <Field label="Why end now" optional hint="It goes on the audit chain and in the report.">
                {(props) => (
                  <textarea
                    {...props}
                    rows={2}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                    maxLength={2000}
                  />
                )}
              </Field>
              <div className="form-actions">
                <button type="submit" className="button button-danger" disabled={clock.isPending}>
                  {clock.isPending ? 'Ending…' : 'End the drill and score it'}
                </button>
                <button type="button" className="button button-ghost" onClick={() => setEnding(false)}>
                  Cancel
                </button>
              </div>
            </form>
          ) : null}
          <ErrorMessage error={clock.error} title="The clock did not change." />
        </div>
      ) : null}
    </section>
  );
}
