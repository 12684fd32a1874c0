import type { Exercise } from '@firebreak/contract';
import { words } from '../../lib/labels';

/** What the facilitator briefs: the background, objectives, constraints and roles of the scenario. */
export function DrillScenario({ exercise }: { exercise: Exercise }) {
  const { scenario } = exercise;
  return (
    <section className="panel drill-scenario" aria-labelledby="drill-scenario-heading">
      <h2 id="drill-scenario-heading">Scenario</h2>
      <p className="prose">{scenario.background || scenario.summary}</p>
      <h3>Objectives</h3>
      <ul>
        {scenario.objectives.map((objective) => (
          <li key={objective}>{objective}</li>
        ))}
      </ul>
      {scenario.constraints.length > 0 ? (
        <>
          <h3>Constraints</h3>
          <ul>
            {scenario.constraints.map((constraint) => (
              <li key={`${constraint.kind}:${constraint.description}`}>
                <strong>{words(constraint.kind)}</strong>: {constraint.description}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {scenario.roles.length > 0 ? (
        <>
          <h3>Roles</h3>
          <p className="badges">
            {scenario.roles.map((role) => (
              <span key={role} className="badge tag">
                {words(role)}
              </span>
            ))}
          </p>
        </>
      ) : null}
    </section>
  );
}
