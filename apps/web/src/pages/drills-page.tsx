import type { Exercise } from '@firebreak/contract';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useExerciseList } from '../data/exercises';
import { useSession } from '../data/session';
import { DrillScore, DrillStatus } from '../features/drills/drill-badges';
import { MODE_TEXT } from '../features/drills/drill-text';
import { NewDrillForm } from '../features/drills/new-drill-form';
import { ErrorMessage } from '../ui/error-message';
import { EmptyState, Loading } from '../ui/states';
import { TimeText } from '../ui/time-text';
import { useNarrow } from '../ui/use-narrow';
import { useTitle } from '../ui/use-title';

/**
 * Drills: every exercise with its status, scenario, team and score, and the New drill form. A
 * drill runs in its own exercise space (a copy of the system and its controls); the facilitator
 * runs it from its page, the team answers it in the normal war room.
 */
export function DrillsPage() {
  useTitle('Drills');
  const { canWrite } = useSession();
  const navigate = useNavigate();
  const narrow = useNarrow();
  const list = useExerciseList();
  const [creating, setCreating] = useState(false);
  const rows = list.data ?? [];
  return (
    <div className="page drills-page">
      <div className="page-heading">
        <h1>Drills</h1>
        <span className="muted small">
          Exercises in their own space: never counted in real metrics, never sent to real channels.
        </span>
        {canWrite && !creating ? (
          <button type="button" className="button button-primary write-only" onClick={() => setCreating(true)}>
            New drill
          </button>
        ) : null}
      </div>
      {creating && !narrow ? (
        <NewDrillForm
          onCreated={(exercise) => navigate(`/drills/${exercise.id}`)}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      {list.isPending ? <Loading what="the drills" /> : null}
      <ErrorMessage error={list.error} title="Cannot load the drills." />
      {list.data && rows.length === 0 ? (
        <EmptyState title="No drills yet">
          <p>
            Set one up with New drill (or <code>POST /api/v1/exercises</code>): the library has a scenario for each
            failure kind; <code>firebreak drill list</code> lists them.
          </p>
        </EmptyState>
      ) : null}
      {rows.length > 0 ? narrow ? <DrillCards drills={rows} /> : <DrillTable drills={rows} /> : null}
    </div>
  );
}

function DrillTable({ drills }: { drills: readonly Exercise[] }) {
  return (
    <div className="table-wrap">
      <table className="table drill-table">
        <caption className="visually-hidden">Drills, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Drill</th>
            <th scope="col">Status</th>
            <th scope="col">Scenario</th>
            <th scope="col">Mode</th>
            <th scope="col">Team</th>
            <th scope="col">Score</th>
            <th scope="col">Set up</th>
          </tr>
        </thead>
        <tbody>
          {drills.map((drill) => (
            <tr key={drill.id} data-drill={drill.id}>
              <td>
                <Link to={`/drills/${drill.id}`}>{drill.id}</Link>
              </td>
              <td>
                <DrillStatus status={drill.status} />
              </td>
              <td>
                {drill.scenario.title}
                <div className="small muted">
                  {drill.system} → <code>{drill.space.system}</code>
                </div>
              </td>
              <td>{MODE_TEXT[drill.mode]}</td>
              <td>{drill.team}</td>
              <td>
                <DrillScore exercise={drill} />
              </td>
              <td>
                <TimeText iso={drill.createdAt} variant="short" />
                <div className="small muted">by {drill.facilitator}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DrillCards({ drills }: { drills: readonly Exercise[] }) {
  return (
    <ul className="card-list" aria-label="Drills, newest first">
      {drills.map((drill) => (
        <li key={drill.id} className="list-card" data-drill={drill.id}>
          <div className="list-card-title">
            <Link to={`/drills/${drill.id}`}>{drill.id}</Link> {drill.scenario.title}
          </div>
          <div className="badges">
            <DrillStatus status={drill.status} />
            <span className="small muted">
              {MODE_TEXT[drill.mode]} · {drill.team}
            </span>
          </div>
          <DrillScore exercise={drill} />
        </li>
      ))}
    </ul>
  );
}
