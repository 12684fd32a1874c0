import { Link, useParams } from 'react-router';
import { useExercise } from '../data/exercises';
import { OwnerInput } from '../features/actions/owner-input';
import { DrillStatus } from '../features/drills/drill-badges';
import { DrillClock } from '../features/drills/drill-clock';
import { DrillInjects } from '../features/drills/drill-injects';
import { DrillReport } from '../features/drills/drill-report';
import { DrillScenario } from '../features/drills/drill-scenario';
import { DrillScorecard } from '../features/drills/drill-scorecard';
import { MODE_TEXT } from '../features/drills/drill-text';
import { Hotwash } from '../features/drills/hotwash-form';
import { MarkdownView } from '../features/postmortem/markdown-view';
import { DrillBadge } from '../ui/badges';
import { ErrorMessage } from '../ui/error-message';
import { Loading } from '../ui/states';
import { TimeText } from '../ui/time-text';
import { useTitle } from '../ui/use-title';

/**
 * The facilitator's view of one drill: its clock and the buttons on it, the scorecard filling as
 * the team works, the injects, the scenario's brief, links into the war room where the team acts
 * on the exercise space, and after the end the hotwash and the report.
 */
export function DrillPage() {
  const { id = '' } = useParams();
  const drill = useExercise(id);
  useTitle(drill.data ? `${drill.data.id} ${drill.data.scenario.title}` : id);
  if (drill.isPending) return <Loading what={id} />;
  if (drill.isError) {
    return (
      <div className="page">
        <ErrorMessage error={drill.error} title={`Cannot load ${id}.`} />
        <p>
          <Link to="/drills">Back to drills</Link>
        </p>
      </div>
    );
  }
  const data = drill.data;
  return (
    <div className="page drill-page" data-drill={data.id}>
      <header className="drill-header">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link to="/drills">Drills</Link> / <span aria-current="page">{data.id}</span>
        </nav>
        <h1>
          <span className="incident-id">{data.id}</span> {data.scenario.title}
        </h1>
        <div className="badges">
          <DrillBadge exercise={data.id} />
          <DrillStatus status={data.status} />
          <span className="badge tag">{MODE_TEXT[data.mode]}</span>
          <span className="small muted">
            team {data.team} · facilitator {data.facilitator} · set up <TimeText iso={data.createdAt} variant="short" />
          </span>
        </div>
      </header>
      <div className="drill-grid">
        <div className="drill-main">
          <DrillClock exercise={data} readAt={drill.dataUpdatedAt} />
          <DrillScorecard exercise={data} />
          <WarRoomLinks exercise={data} />
          <DrillInjects exercise={data} />
          {data.status === 'ended' ? (
            <Hotwash
              exercise={data}
              ownerInput={(control, value, onChange) => (
                <OwnerInput control={control} value={value} onChange={onChange} />
              )}
            />
          ) : null}
          <DrillReport exercise={data} render={(markdown) => <MarkdownView markdown={markdown} />} />
        </div>
        <aside className="drill-side" aria-label="Scenario">
          <DrillScenario exercise={data} />
        </aside>
      </div>
    </div>
  );
}

/** Where the team works: the exercise space's incidents, alerts and controls in the normal war room. */
function WarRoomLinks({ exercise }: { exercise: NonNullable<ReturnType<typeof useExercise>['data']> }) {
  const { space } = exercise;
  return (
    <section className="panel drill-space" aria-labelledby="drill-space-heading">
      <h2 id="drill-space-heading">In the war room</h2>
      <p className="small muted">
        The team answers in the normal war room, on the exercise space <code>{space.system}</code>, a copy of{' '}
        <code>{exercise.system}</code> with its own controls; the real system is never touched.
      </p>
      <ul className="drill-links">
        <li>
          Incidents:{' '}
          {exercise.incidents.length === 0 ? (
            <span className="muted">none declared yet</span>
          ) : (
            exercise.incidents.map((incident, index) => (
              <span key={incident}>
                {index > 0 ? ', ' : null}
                <Link to={`/incidents/${incident}`}>{incident}</Link>
              </span>
            ))
          )}
        </li>
        <li>
          <Link to={`/alerts?system=${encodeURIComponent(space.system)}`}>Alerts on {space.system}</Link>
        </li>
        <li>
          <Link to={`/systems/${encodeURIComponent(space.system)}`}>
            Controls of the exercise space ({space.controls.length})
          </Link>
        </li>
      </ul>
    </section>
  );
}
