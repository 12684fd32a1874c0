import type { CanaryRun } from '@firebreak/contract';
import { signalSettingsText } from '@firebreak/core';
import { useCanaries } from '../../data/canary';
import { useControls } from '../../data/controls';
import { ErrorMessage } from '../../ui/error-message';
import { TimeText } from '../../ui/time-text';
import { CanaryActions } from './canary-actions';
import { percentText, runStateText, signalRates, stepState, stepVerdict } from './canary-model';
import { LazyCanaryCharts } from './lazy-canary-charts';

/**
 * The canary runs on the systems' routes: the one running, else the last one, with its steps
 * (share, state, verdict), each signal's rates per step, and a chart of candidate against
 * baseline for the signal that decided. Renders nothing while no route has had a canary.
 */
export function CanaryPanel({ systems, headingLevel = 2 }: { systems: readonly string[]; headingLevel?: 2 | 3 }) {
  const controls = useControls(systems);
  const routes = (controls.data ?? []).filter((control) => control.kind === 'route').map((control) => control.key);
  const canaries = useCanaries(routes);
  if (canaries.runs.length === 0 && !canaries.error) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="panel canary-panel" aria-labelledby="canary-title">
      <div className="panel-heading">
        <Heading id="canary-title">Canaries</Heading>
        <span className="muted small">a route’s candidate judged step by step against its active version</span>
      </div>
      <ErrorMessage error={canaries.error} title="Cannot load every canary." />
      {canaries.runs.map((run) => (
        <CanaryRunView key={run.key} run={run} />
      ))}
    </section>
  );
}

function CanaryRunView({ run }: { run: CanaryRun }) {
  const rates = signalRates(run);
  return (
    <article className="canary-run" data-canary={run.key} data-state={run.state} aria-labelledby={`canary-${run.id}`}>
      <h3 id={`canary-${run.id}`} className="canary-run-title">
        {run.key}: {run.candidate} against {run.baseline}
      </h3>
      <p className="canary-run-state">
        <span className={`badge canary-state canary-state-${run.state}`}>{runStateText(run)}</span>{' '}
        <span className="muted small">
          {run.id} · started by {run.startedBy} <TimeText iso={run.startedAt} variant="clock" />
          {run.endedAt ? (
            <>
              {' '}
              · ended <TimeText iso={run.endedAt} variant="clock" />
            </>
          ) : null}
        </span>
      </p>
      {run.endReason ? <p className="small canary-end-reason">{run.endReason}</p> : null}
      <CanaryActions run={run} />
      <p className="small muted canary-signals">
        Judges {run.signals.map((signal) => signalSettingsText(signal, run.signalSettings[signal])).join(', ')}
        {run.segmentBy ? `, also by ${run.segmentBy}` : ''}
      </p>
      <div className="table-wrap">
        <table className="table canary-steps">
          <caption className="visually-hidden">Steps of {run.id}</caption>
          <thead>
            <tr>
              <th scope="col">Share</th>
              <th scope="col">State</th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {run.plan.map((step, index) => {
              const record = run.steps.find((s) => s.step === index);
              return (
                <tr key={step.percent} data-step={index}>
                  <td className="num">
                    {step.percent}%{step.gateSegments ? <span className="muted"> · segments must pass</span> : null}
                  </td>
                  <td>{stepState(run, index)}</td>
                  <td>{record ? stepVerdict(run, record) : ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <LazyCanaryCharts evidence={run.evidence} />
      <details className="chart-data canary-rates">
        <summary>Every signal: baseline and candidate rate per step</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Flag rates per signal and step</caption>
            <thead>
              <tr>
                <th scope="col">Signal</th>
                <th scope="col">Share</th>
                <th scope="col">Baseline</th>
                <th scope="col">Candidate</th>
              </tr>
            </thead>
            <tbody>
              {rates.flatMap((signal) =>
                signal.steps.map((step) => (
                  <tr key={`${signal.signal}-${step.step}`}>
                    <td>{signal.signal}</td>
                    <td className="num">{step.percent}%</td>
                    <td className="num">{percentText(step.baseline)}</td>
                    <td className="num">{percentText(step.candidate)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      </details>
    </article>
  );
}
