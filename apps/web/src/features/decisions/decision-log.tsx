import type { Decision } from '@firebreak/contract';
import type { IncidentDetail } from '@firebreak/sdk';
import { useState } from 'react';
import { useSession } from '../../data/session';
import { isEditable } from '../../lib/finished';
import { EmptyState } from '../../ui/states';
import { TimeText } from '../../ui/time-text';
import { DecisionDialog } from './decision-dialog';

/** Decisions in the observation → hypothesis → test → decision frame, with the evidence cited. */
export function DecisionLog({ incident }: { incident: IncidentDetail }) {
  const canWrite = useSession().canWrite && isEditable(incident.status);
  const [adding, setAdding] = useState(false);
  return (
    <section className="panel" aria-labelledby="decisions-title">
      <div className="panel-heading">
        <h2 id="decisions-title">Decision log</h2>
        <span className="muted small">{incident.decisions.length}</span>
        {canWrite ? (
          <button type="button" className="button button-small write-only" onClick={() => setAdding(true)}>
            Log decision
          </button>
        ) : null}
      </div>
      {incident.decisions.length === 0 ? (
        <EmptyState title="No decisions logged">
          <p>
            Log each call as you make it: what you <em>observed</em>, what you <em>think</em> explains it, how you{' '}
            <em>tested</em> that, and what you <em>decided</em>. The postmortem will thank you, and the next shift knows
            why things are the way they are.
          </p>
        </EmptyState>
      ) : (
        <ol className="decisions">
          {incident.decisions.map((decision) => (
            <DecisionItem key={decision.id} decision={decision} />
          ))}
        </ol>
      )}
      {canWrite ? <DecisionDialog incident={incident} open={adding} onOpenChange={setAdding} /> : null}
    </section>
  );
}

function DecisionItem({ decision }: { decision: Decision }) {
  const steps: Array<[string, string | null]> = [
    ['Observation', decision.observation],
    ['Hypothesis', decision.hypothesis],
    ['Test', decision.test],
  ];
  return (
    <li className="decision" id={decision.id}>
      <div className="decision-head">
        <span className="incident-id">{decision.id}</span>
        <strong className="decision-text">{decision.decision}</strong>
      </div>
      <dl className="decision-frame">
        {steps.map(([name, text]) =>
          text ? (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{text}</dd>
            </div>
          ) : null,
        )}
        {decision.rationale ? (
          <div>
            <dt>Rationale</dt>
            <dd>{decision.rationale}</dd>
          </div>
        ) : null}
        {decision.evidence.length > 0 ? (
          <div>
            <dt>Evidence</dt>
            <dd>
              {decision.evidence.map((id, index) => (
                <span key={id}>
                  {index > 0 ? ', ' : ''}
                  <a href={`#${id}`}>{id}</a>
                </span>
              ))}
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="small muted">
        decided by {decision.decidedBy} <TimeText iso={decision.decidedAt} />
      </div>
    </li>
  );
}
