import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar, Line } from '@visx/shape';
import { useId } from 'react';
import { useWidth } from '../../ui/use-width';
import { formatShare } from './alert-text';
import type { HistogramModel, SelectionModel } from './chart-models';

const MARGIN = { top: 8, bottom: 34 };
const shortLabel = (label: string) => (label.length > 18 ? `${label.slice(0, 17)}…` : label);
/**
 * Room beside the bars for labels: as wide as the longest needs (about 6.5 px a character at
 * the charts' 11 px), so a phone gives the bars what the labels do not take.
 */
const room = (labels: readonly string[], most: number) =>
  Math.min(most, 14 + 6.5 * Math.max(0, ...labels.map((label) => label.length)));

/**
 * Drift: each bin's (or category's) share of the reference period beside its share of the
 * deciding window, one row per bin, so a shift reads as bars that no longer match.
 */
export function HistogramChart({ model, title }: { model: HistogramModel; title: string }) {
  const [ref, width] = useWidth<HTMLDivElement>(720);
  const id = useId();
  const rowHeight = 24;
  const values = model.bins.map((bin) => `${formatShare(bin.reference)} → ${formatShare(bin.current)}`);
  const left = room(
    model.bins.map((bin) => shortLabel(bin.label)),
    120,
  );
  const right = room(values, 110);
  const innerWidth = Math.max(120, width - left - right);
  const innerHeight = model.bins.length * rowHeight;
  const top = Math.max(...model.bins.flatMap((bin) => [bin.reference, bin.current]), 0.01);
  const x = scaleLinear<number>({ domain: [0, top], range: [0, innerWidth], nice: true });
  const y = scaleBand<string>({ domain: model.bins.map((bin) => bin.key), range: [0, innerHeight], padding: 0.2 });
  const half = y.bandwidth() / 2;
  return (
    <figure className="chart" ref={ref}>
      <figcaption className="chart-caption">{title}</figcaption>
      <svg
        width={width}
        height={innerHeight + MARGIN.top + MARGIN.bottom}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        className="chart-svg"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{model.summary}</desc>
        <Group left={left} top={MARGIN.top}>
          {model.bins.map((bin, index) => {
            const at = y(bin.key) ?? 0;
            return (
              <g key={bin.key}>
                <Bar x={0} y={at} width={x(bin.reference)} height={half} className="chart-bar-reference" />
                <Bar x={0} y={at + half} width={x(bin.current)} height={half} className="chart-bar-current" />
                <text
                  x={x(Math.max(bin.reference, bin.current)) + 4}
                  y={at + half}
                  dy="0.32em"
                  className="chart-bar-label"
                >
                  {values[index]}
                </text>
              </g>
            );
          })}
          <AxisLeft
            scale={y}
            tickFormat={(key) => shortLabel(model.bins.find((bin) => bin.key === key)?.label ?? String(key))}
            axisClassName="chart-axis"
            hideTicks
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            numTicks={5}
            tickFormat={(value) => formatShare(Number(value))}
            axisClassName="chart-axis"
          />
          <text x={innerWidth} y={innerHeight + 30} textAnchor="end" className="chart-axis-label">
            share of values
          </text>
        </Group>
      </svg>
      <p className="chart-legend small">
        <span className="legend-bar legend-bar-reference">reference period ({model.referenceTotal} values)</span>{' '}
        <span className="legend-bar legend-bar-current">deciding window ({model.currentTotal} values)</span>
      </p>
      <details className="chart-data">
        <summary>
          Data: {model.bins.length} {model.binned ? 'bins' : 'categories'}
        </summary>
        <div className="table-wrap chart-table">
          <table className="table">
            <caption className="visually-hidden">Reference against current counts</caption>
            <thead>
              <tr>
                <th scope="col">{model.binned ? 'Bin' : 'Category'}</th>
                <th scope="col">Reference</th>
                <th scope="col">Current</th>
              </tr>
            </thead>
            <tbody>
              {model.bins.map((bin) => (
                <tr key={bin.key}>
                  <td>{bin.label}</td>
                  <td className="num">
                    {bin.referenceCount} ({formatShare(bin.reference)})
                  </td>
                  <td className="num">
                    {bin.currentCount} ({formatShare(bin.current)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/**
 * Fairness: each group's selection rate in the deciding window, with the four-fifths line
 * (four-fifths of the highest group's rate); bars under it are the adverse impact.
 */
export function SelectionChart({ model, title }: { model: SelectionModel; title: string }) {
  const [ref, width] = useWidth<HTMLDivElement>(720);
  const id = useId();
  const rowHeight = 26;
  const values = model.groups.map((group) => `${formatShare(group.rate)} (${group.selected}/${group.total})`);
  const left = room(
    model.groups.map((group) => shortLabel(group.group)),
    120,
  );
  const right = room(values, 110);
  const innerWidth = Math.max(120, width - left - right);
  const innerHeight = model.groups.length * rowHeight;
  const ruleText = `four-fifths line ${formatShare(model.threshold)}`;
  const x = scaleLinear<number>({ domain: [0, Math.max(model.highest, 0.01)], range: [0, innerWidth], nice: true });
  const y = scaleBand<string>({
    domain: model.groups.map((group) => group.group),
    range: [0, innerHeight],
    padding: 0.25,
  });
  return (
    <figure className="chart" ref={ref}>
      <figcaption className="chart-caption">{title}</figcaption>
      <svg
        width={width}
        height={innerHeight + MARGIN.top + MARGIN.bottom + 14}
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        className="chart-svg"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{model.summary}</desc>
        <Group left={left} top={MARGIN.top + 14}>
          {model.groups.map((group, index) => (
            <g key={group.group}>
              <Bar
                x={0}
                y={y(group.group) ?? 0}
                width={x(group.rate)}
                height={y.bandwidth()}
                className={group.below ? 'chart-bar-adverse' : 'chart-bar-rate'}
              />
              <text
                x={x(group.rate) + 4}
                y={(y(group.group) ?? 0) + y.bandwidth() / 2}
                dy="0.32em"
                className="chart-bar-label"
              >
                {values[index]}
              </text>
            </g>
          ))}
          <g className="chart-rule chart-rule-page">
            <Line from={{ x: x(model.threshold), y: -12 }} to={{ x: x(model.threshold), y: innerHeight }} />
            {/* Just right of its line, pulled left as far as it must to end inside the chart. */}
            <text
              x={Math.max(-left, Math.min(x(model.threshold) + 4, innerWidth + right - 7 * ruleText.length))}
              y={-12}
              dy="0.7em"
              className="chart-rule-label"
            >
              {ruleText}
            </text>
          </g>
          <AxisLeft scale={y} tickFormat={(name) => shortLabel(String(name))} axisClassName="chart-axis" hideTicks />
          <AxisBottom
            top={innerHeight}
            scale={x}
            numTicks={5}
            tickFormat={(value) => formatShare(Number(value))}
            axisClassName="chart-axis"
          />
          <text x={innerWidth} y={innerHeight + 30} textAnchor="end" className="chart-axis-label">
            selection rate of “{model.positive}”
          </text>
        </Group>
      </svg>
      <p className="chart-legend small">
        <span className="legend-bar legend-bar-rate">at or above the line</span>{' '}
        <span className="legend-bar legend-bar-adverse">below: adverse impact</span> · the line is {model.line} × the
        highest rate ({formatShare(model.highest)})
      </p>
    </figure>
  );
}
