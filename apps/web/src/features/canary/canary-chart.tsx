import type { CanaryEvidence } from '@firebreak/contract';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, Line, LinePath } from '@visx/shape';
import { useId } from 'react';
import { useWidth } from '../../ui/use-width';
import { type CanaryChartModel, chartModel, decidingSeries } from './canary-model';

const HEIGHT = 200;
const MARGIN = { top: 18, bottom: 40, left: 52, right: 8 };
const short = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/**
 * Candidate against baseline for the series that decided (or are deciding): per step, the two
 * flag rates side by side, with the sequential test's standing in words and the figures one
 * disclosure away.
 */
export function CanaryCharts({ evidence }: { evidence: CanaryEvidence }) {
  const series = decidingSeries(evidence);
  if (series.length === 0) return <p className="muted small">No counts yet.</p>;
  return (
    <>
      {series.map((s) => (
        <CanaryChart key={JSON.stringify([s.signal, s.segment])} model={chartModel(evidence, s)} />
      ))}
    </>
  );
}

function CanaryChart({ model }: { model: CanaryChartModel }) {
  const [ref, width] = useWidth<HTMLDivElement>(640);
  const id = useId();
  // Side by side with the test's chart when there is room for both, one above the other on a phone.
  const each = width >= 640 ? Math.min(480, (width - 24) / 2) : width;
  const innerWidth = Math.max(120, each - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const top = Math.max(0.01, ...model.steps.flatMap((s) => [s.baseline ?? 0, s.candidate ?? 0]));
  const x = scaleBand<string>({ domain: model.steps.map((s) => s.label), range: [0, innerWidth], padding: 0.3 });
  const y = scaleLinear<number>({ domain: [0, top * 1.15], range: [innerHeight, 0], nice: true });
  const half = x.bandwidth() / 2;
  return (
    <figure className="chart canary-chart" ref={ref} data-testid="canary-chart">
      <figcaption className="chart-caption">{model.title}</figcaption>
      <div className="canary-charts">
        <div className="canary-rate-chart">
          <svg
            width={innerWidth + MARGIN.left + MARGIN.right}
            height={HEIGHT}
            role="img"
            aria-labelledby={`${id}-t ${id}-d`}
            className="chart-svg"
          >
            <title id={`${id}-t`}>{model.title}</title>
            <desc id={`${id}-d`}>{model.summary}</desc>
            <Group left={MARGIN.left} top={MARGIN.top}>
              {model.steps.map((step) => {
                const at = x(step.label) ?? 0;
                return (
                  <g key={step.label}>
                    {step.baseline !== null ? (
                      <>
                        <Bar
                          x={at}
                          y={y(step.baseline)}
                          width={half - 1}
                          height={innerHeight - y(step.baseline)}
                          className="chart-bar-reference"
                        />
                        {half >= 30 ? (
                          <text
                            x={at + half / 2}
                            y={y(step.baseline) - 4}
                            textAnchor="middle"
                            className="chart-bar-label"
                          >
                            {short(step.baseline)}
                          </text>
                        ) : null}
                      </>
                    ) : null}
                    {step.candidate !== null ? (
                      <>
                        <Bar
                          x={at + half}
                          y={y(step.candidate)}
                          width={half - 1}
                          height={innerHeight - y(step.candidate)}
                          className="chart-bar-current"
                        />
                        {half >= 30 ? (
                          <text
                            x={at + half + half / 2}
                            y={y(step.candidate) - 4}
                            textAnchor="middle"
                            className="chart-bar-label"
                          >
                            {short(step.candidate)}
                          </text>
                        ) : null}
                      </>
                    ) : null}
                  </g>
                );
              })}
              <AxisLeft
                scale={y}
                numTicks={4}
                tickFormat={(value) => `${(Number(value) * 100).toFixed(0)}%`}
                axisClassName="chart-axis"
              />
              <AxisBottom top={innerHeight} scale={x} axisClassName="chart-axis" hideTicks />
              <text x={innerWidth} y={innerHeight + 34} textAnchor="end" className="chart-axis-label">
                flagged share, per step of the canary
              </text>
            </Group>
          </svg>
          <p className="chart-legend small">
            <span className="legend-bar legend-bar-reference">baseline</span>{' '}
            <span className="legend-bar legend-bar-current">candidate</span>
          </p>
        </div>
        <TestChart model={model} />
      </div>
      <p className="small muted canary-bounds">{model.bounds}</p>
      <details className="chart-data">
        <summary>Data: {model.steps.length === 1 ? '1 step' : `${model.steps.length} steps`}</summary>
        <div className="table-wrap chart-table">
          <table className="table">
            <caption className="visually-hidden">Flagged over served, per step</caption>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">Baseline</th>
                <th scope="col">Candidate</th>
                <th scope="col">Log-likelihood ratio</th>
              </tr>
            </thead>
            <tbody>
              {model.steps.map((step) => (
                <tr key={step.label}>
                  <td>{step.label}</td>
                  <td className="num">{step.baselineText}</td>
                  <td className="num">{step.candidateText}</td>
                  <td className="num">{step.logLikelihoodRatio.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

const TEST_MARGIN = { top: 18, bottom: 40, left: 52 };
/** Room at the right for the bounds' labels (about 6.5 px a character at 11 px). */
const boundRoom = (labels: readonly string[]) => 14 + 6.5 * Math.max(...labels.map((label) => label.length));

/**
 * The sequential test after each step: its log-likelihood ratio against the abort bound above
 * and the pass bound below; the run ends where the line crosses one of them.
 */
function TestChart({ model }: { model: CanaryChartModel }) {
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const id = useId();
  const { abortAt, passAt } = model.test;
  const labels = [`abort ${abortAt.toFixed(1)}`, `pass ${passAt.toFixed(1)}`];
  const right = boundRoom(labels);
  const innerWidth = Math.max(100, Math.min(width, 480) - TEST_MARGIN.left - right);
  const innerHeight = HEIGHT - TEST_MARGIN.top - TEST_MARGIN.bottom;
  const values = model.steps.map((step) => step.logLikelihoodRatio);
  const low = Math.min(passAt, 0, ...values);
  const high = Math.max(abortAt, 0, ...values);
  const pad = (high - low) * 0.08;
  const x = scaleBand<string>({ domain: model.steps.map((s) => s.label), range: [0, innerWidth], padding: 0.3 });
  const y = scaleLinear<number>({ domain: [low - pad, high + pad], range: [innerHeight, 0] });
  const centre = (label: string) => (x(label) ?? 0) + x.bandwidth() / 2;
  const title = 'Evidence of harm after each step, against the abort and pass bounds';
  return (
    <div ref={ref} className="canary-test-chart">
      <svg
        width={innerWidth + TEST_MARGIN.left + right}
        height={HEIGHT}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        className="chart-svg"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{model.test.summary}</desc>
        <Group left={TEST_MARGIN.left} top={TEST_MARGIN.top}>
          <g className="chart-rule chart-rule-page">
            <Line from={{ x: 0, y: y(abortAt) }} to={{ x: innerWidth, y: y(abortAt) }} />
            <text x={innerWidth + 6} y={y(abortAt)} dy="0.32em">
              {labels[0]}
            </text>
          </g>
          <g className="chart-rule chart-rule-centre">
            <Line from={{ x: 0, y: y(passAt) }} to={{ x: innerWidth, y: y(passAt) }} />
            <text x={innerWidth + 6} y={y(passAt)} dy="0.32em">
              {labels[1]}
            </text>
          </g>
          <LinePath
            data={model.steps}
            x={(step) => centre(step.label)}
            y={(step) => y(step.logLikelihoodRatio)}
            className="chart-path"
          />
          {model.steps.map((step) => (
            <circle
              key={step.label}
              cx={centre(step.label)}
              cy={y(step.logLikelihoodRatio)}
              r={4}
              className={`chart-point ${step.logLikelihoodRatio >= abortAt ? 'chart-point-page' : 'chart-point-ok'}`}
            />
          ))}
          <AxisLeft
            scale={y}
            numTicks={4}
            tickFormat={(value) => Number(value).toFixed(0)}
            axisClassName="chart-axis"
          />
          <AxisBottom top={innerHeight} scale={x} axisClassName="chart-axis" hideTicks />
          <text x={innerWidth} y={innerHeight + 34} textAnchor="end" className="chart-axis-label">
            log-likelihood ratio per step
          </text>
        </Group>
      </svg>
    </div>
  );
}
