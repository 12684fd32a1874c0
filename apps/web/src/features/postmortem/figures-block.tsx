import type { ResponseFigures } from '@firebreak/contract';
import { formatDuration } from '../../lib/time';
import { TimeText } from '../../ui/time-text';
import { figureSteps } from './postmortem-text';

/** Onset → detected → acknowledged → isolated → contained → resolved, with the durations between. */
export function FiguresBlock({ figures }: { figures: ResponseFigures }) {
  const steps = figureSteps(figures);
  return (
    <section className="panel figures" aria-labelledby="figures-title">
      <div className="panel-heading">
        <h2 id="figures-title">Detection and response figures</h2>
        <span className="muted small">onset to resolved: {formatDuration(figures.onsetToResolve)}</span>
      </div>
      <ol className="figure-steps">
        {steps.map((step) => (
          <li key={step.label} className={step.at ? 'figure-step' : 'figure-step figure-missing'}>
            {step.label === 'Onset' ? null : (
              <span className="figure-since" title="after the step before">
                +{formatDuration(step.since)}
              </span>
            )}
            <span className="figure-label">{step.label}</span>
            <span className="figure-at small">
              <TimeText iso={step.at} variant="clock" />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
