import type { Exercise } from '@firebreak/contract';
import { useExerciseChange } from '../../data/exercises';
import { useSession } from '../../data/session';
import { ErrorMessage } from '../../ui/error-message';
import { injectState } from './drill-text';

/** The scenario's injects: when each falls due, whether it is out, and Release to send one now. */
export function DrillInjects({ exercise }: { exercise: Exercise }) {
  const { canWrite } = useSession();
  const release = useExerciseChange(exercise.id, (client, inject: string) => client.releaseInject(exercise.id, inject));
  const live = exercise.status === 'running' || exercise.status === 'paused';
  return (
    <section className="panel drill-injects" aria-labelledby="drill-injects-heading">
      <h2 id="drill-injects-heading">Injects ({exercise.injects.length})</h2>
      {exercise.injects.length === 0 ? <p className="muted small">This scenario has no injects.</p> : null}
      <ol className="inject-list">
        {exercise.injects.map((inject) => {
          const state = injectState(inject);
          return (
            <li key={inject.id} data-inject={inject.id} data-released={String(state.released)} className="inject">
              <div className="inject-head">
                <strong>{inject.title}</strong>
                <span className={`badge ${state.released ? 'inject-released' : 'tag'}`}>{state.text}</span>
                {canWrite && live && !state.released ? (
                  <button
                    type="button"
                    className="button button-small write-only"
                    disabled={release.isPending}
                    onClick={() => release.mutate(inject.id)}
                    aria-label={`Release ${inject.title}`}
                  >
                    Release
                  </button>
                ) : null}
              </div>
              <p className="small">{inject.body}</p>
              <div className="small muted">
                {inject.audience ? `For ${inject.audience} · ` : ''}
                {inject.trigger}
              </div>
            </li>
          );
        })}
      </ol>
      <ErrorMessage error={release.error} title="Inject not released." />
    </section>
  );
}
