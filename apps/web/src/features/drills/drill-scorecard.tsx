import type { Exercise } from '@firebreak/contract';
import { DrillScore } from './drill-badges';
import { verdictText } from './drill-text';

/**
 * The scorecard as it fills: each expected action with its target, what the drill's own
 * timeline shows so far, and whether it was met (open while it still can be).
 */
export function DrillScorecard({ exercise }: { exercise: Exercise }) {
  const { items } = exercise.scorecard;
  return (
    <section className="panel drill-scorecard" aria-labelledby="drill-scorecard-heading">
      <div className="panel-heading">
        <h2 id="drill-scorecard-heading">Scorecard</h2>
        <DrillScore exercise={exercise} />
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1) */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label="The scorecard, scrollable">
        <table className="table">
          <caption className="visually-hidden">Expected actions: target, actual and verdict</caption>
          <thead>
            <tr>
              <th scope="col">Expected</th>
              <th scope="col">Target</th>
              <th scope="col">Actual</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} data-score-item={item.id} data-met={String(item.met)}>
                <th scope="row">{item.label}</th>
                <td>{item.target}</td>
                <td className="score-actual">
                  {item.actual}
                  {item.detail ? <div className="small muted">{item.detail}</div> : null}
                </td>
                <td>
                  <span className={`badge verdict verdict-${verdictText(item.met)}`}>{verdictText(item.met)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
