import type { CanaryEvidence } from '@firebreak/contract';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
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
  const innerWidth = Math.max(120, Math.min(width, 640) - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const top = Math.max(0.01, ...model.steps.flatMap((s) => [s.baseline ?? 0, s.candidate ?? 0]));
  const x = scaleBand<string>({ domain: model.steps.map((s) => s.label), range: [0, innerWidth], padding: 0.3 });
  const y = scaleLinear<number>({ domain: [0, top * 1.15], range: [innerHeight, 0], nice: true });
  const half = x.bandwidth() / 2;
  return (
    <figure className="chart canary-chart" ref={ref} data-testid="canary-chart">
      <figcaption className="chart-caption">{model.title}</figcaption>
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
                      <text x={at + half / 2} y={y(step.baseline) - 4} textAnchor="middle" className="chart-bar-label">
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
            candidate’s share of traffic (step)
          </text>
        </Group>
      </svg>
      <p className="chart-legend small">
        <span className="legend-bar legend-bar-reference">baseline</span>{' '}
        <span className="legend-bar legend-bar-current">candidate</span>
      </p>
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
