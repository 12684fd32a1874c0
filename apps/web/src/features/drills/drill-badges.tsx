import type { Exercise } from '@firebreak/contract';
import { STATUS_TEXT } from './drill-text';

/** A drill's status, coloured: running stands out, ended is muted. */
export function DrillStatus({ status }: { status: Exercise['status'] }) {
  return <span className={`badge drill-status drill-status-${status}`}>{STATUS_TEXT[status]}</span>;
}

/** The score and whether it passed; nothing to say before the scorecard has any verdict. */
export function DrillScore({ exercise }: { exercise: Pick<Exercise, 'status' | 'scorecard'> }) {
  const { score, passed } = exercise.scorecard;
  return (
    <span className="drill-score">
      <strong>{Math.round(score)}</strong>/100{' '}
      {exercise.status === 'ended' ? (
        <span className={`badge ${passed ? 'drill-passed' : 'drill-failed'}`}>{passed ? 'passed' : 'not passed'}</span>
      ) : (
        <span className="muted small">so far</span>
      )}
    </span>
  );
}
