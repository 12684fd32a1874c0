import { Link } from 'react-router';

/**
 * The band over anything of a drill's exercise space in the war room: it is an exercise, and
 * where its facilitator runs it.
 */
export function DrillBanner({ exercise, what }: { exercise: string; what: string }) {
  return (
    <p className="drill-banner" role="note" data-exercise={exercise}>
      <strong>DRILL</strong> This {what} is part of drill <Link to={`/drills/${exercise}`}>{exercise}</Link>: an
      exercise in its own space. It never counts in real metrics, never reaches real channels, and its controls are the
      drill’s copies, not the real system’s.
    </p>
  );
}
