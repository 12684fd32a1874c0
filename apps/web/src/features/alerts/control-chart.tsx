import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleLinear } from '@visx/scale';
import { Line, LinePath } from '@visx/shape';
import { useId } from 'react';
import { clockPair } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { useWidth } from '../../ui/use-width';
import { formatMeasured } from './alert-text';
import type { ControlChartModel } from './chart-models';

const HEIGHT = 230;
const MARGIN = { top: 18, bottom: 44, left: 58 };
/** Room for the line labels at the right edge: as wide as the longest needs (about 6.5 px a character at 11 px), at most 150. */
const rightMargin = (labels: readonly string[]) =>
  Math.min(150, 14 + 6.5 * Math.max(0, ...labels.map((label) => label.length)));
const LABEL_GAP = 12;
/** A generous width for chart text (11 px, some of it bold), to keep labels inside the chart. */
const textWidth = (text: string) => 7 * text.length;

const utcClock = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** Label heights for the lines at the chart's right edge, nudged apart so none overlap. */
function labelPositions(ys: readonly number[]): number[] {
  const order = ys.map((y, index) => ({ y, index })).sort((a, b) => a.y - b.y);
  const placed: number[] = new Array<number>(ys.length);
  let previous = -Infinity;
  for (const { y, index } of order) {
    const at = Math.max(y, previous + LABEL_GAP);
    placed[index] = at;
    previous = at;
  }
  return placed;
}

/**
 * The monitor's recent windows as a control chart: each window's value, coloured by the level
 * it reached, against the centre, warn and page lines, with the estimated onset and the
 * deciding window marked and the windows closed since shaded, so a responder sees whether it
 * is still happening. A sentence describes it for screen readers, and the numbers are one
 * disclosure away.
 */
export function ControlChart({
  model,
  title,
  note,
  stale,
}: {
  model: ControlChartModel;
  title: string;
  note?: string | undefined;
  /** Why the windows after the alert are missing, when they are. */
  stale?: string | undefined;
}) {
  const [ref, width] = useWidth<HTMLDivElement>(720);
  const id = useId();
  const lineLabels = model.lines.map((line) => `${line.label} ${formatMeasured(line.value, model.measure)}`);
  const right = rightMargin(lineLabels);
  const innerWidth = Math.max(120, width - MARGIN.left - right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleLinear<number>({ domain: model.x, range: [0, innerWidth] });
  const y = scaleLinear<number>({ domain: model.y, range: [innerHeight, 0], nice: true });
  const labels = labelPositions(model.lines.map((line) => y(line.value)));
  const decided = model.decided;
  const afterX = model.afterFrom === undefined ? undefined : Math.min(innerWidth, x(model.afterFrom));
  const afterText = 'after the alert';
  const showAfterText = afterX !== undefined && innerWidth - afterX >= textWidth(afterText) + 8;
  // The onset label starts just right of its line, pulled left as far as it must to end inside the chart.
  const onsetText =
    model.onset === undefined ? '' : `${width < 480 ? '' : 'estimated '}onset ${utcClock(model.onset)} UTC`;
  const onsetX =
    model.onset === undefined
      ? 0
      : Math.max(-MARGIN.left, Math.min(x(model.onset) + 4, innerWidth + right - textWidth(onsetText)));

  return (
    <figure className="chart" ref={ref}>
      <figcaption className="chart-caption">{title}</figcaption>
      <svg width={width} height={HEIGHT} role="img" aria-labelledby={`${id}-t ${id}-d`} className="chart-svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{model.summary}</desc>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {afterX !== undefined ? (
            <g className="chart-after">
              <rect x={afterX} y={0} width={innerWidth - afterX} height={innerHeight} />
              {showAfterText ? (
                <text x={innerWidth - 4} y={innerHeight - 6} textAnchor="end" className="chart-after-label">
                  {afterText}
                </text>
              ) : null}
            </g>
          ) : null}
          {model.lines.map((line, index) => (
            <g key={`${line.role}-${line.value}`} className={`chart-rule chart-rule-${line.role}`}>
              <Line from={{ x: 0, y: y(line.value) }} to={{ x: innerWidth, y: y(line.value) }} />
              <text x={innerWidth + 6} y={labels[index]} dy="0.32em" className="chart-rule-label">
                {lineLabels[index]}
              </text>
            </g>
          ))}
          {model.onset !== undefined ? (
            <g className="chart-onset">
              <Line from={{ x: x(model.onset), y: -6 }} to={{ x: x(model.onset), y: innerHeight }} />
              <text x={onsetX} y={-6} dy="0.7em" className="chart-onset-label">
                {onsetText}
              </text>
            </g>
          ) : null}
          <LinePath
            data={model.points}
            x={(point) => x(point.at)}
            y={(point) => y(point.value)}
            className="chart-path"
          />
          {model.points.map((point) => (
            <circle
              key={point.at}
              cx={x(point.at)}
              cy={y(point.value)}
              r={point.level === 'ok' ? 2.5 : 4}
              className={`chart-point chart-point-${point.level}`}
            />
          ))}
          <circle cx={x(decided.at)} cy={y(decided.value)} r={8} className="chart-decided" />
          <AxisLeft
            scale={y}
            numTicks={5}
            {...(model.yTicks ? { tickValues: model.yTicks } : {})}
            tickFormat={(value) => formatMeasured(Number(value), model.measure)}
            axisClassName="chart-axis"
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickValues={model.xTicks(Math.floor(innerWidth / 70))}
            tickFormat={(value) => utcClock(Number(value))}
            axisClassName="chart-axis"
          />
          <text x={innerWidth} y={innerHeight + 40} textAnchor="end" className="chart-axis-label">
            window start, UTC
          </text>
        </Group>
      </svg>
      <p className="chart-legend small">
        <span className="legend-item legend-ok">ok</span> <span className="legend-item legend-warn">warn</span>{' '}
        <span className="legend-item legend-page">page</span>{' '}
        <span className="legend-rule legend-rule-centre">centre</span>{' '}
        <span className="legend-rule legend-rule-warn">warn line</span>{' '}
        <span className="legend-rule legend-rule-page">page line</span>{' '}
        <span className="legend-rule legend-rule-onset">onset</span> · ringed: the deciding window
        {model.afterFrom !== undefined ? (
          <>
            {' '}
            <span className="legend-after">shaded: after the alert</span>
          </>
        ) : null}
      </p>
      {model.since ? (
        <p className="chart-since" role="status">
          {model.since}
        </p>
      ) : null}
      {stale ? <p className="small muted">{stale}</p> : null}
      {note ? <p className="small muted">{note}</p> : null}
      <SeriesTable model={model} />
    </figure>
  );
}

/** The chart's numbers, for reading exactly and for screen readers. */
function SeriesTable({ model }: { model: ControlChartModel }) {
  const now = useNow();
  return (
    <details className="chart-data">
      <summary>
        Data: {model.points.length} {model.points.length === 1 ? 'window' : 'windows'}
      </summary>
      <div className="table-wrap chart-table">
        <table className="table">
          <caption className="visually-hidden">{model.measure} per window</caption>
          <thead>
            <tr>
              <th scope="col">Window start</th>
              <th scope="col">{model.measure}</th>
              <th scope="col">Level</th>
            </tr>
          </thead>
          <tbody>
            {[...model.points].reverse().map((point) => (
              <tr key={point.at}>
                <td>{clockPair(new Date(point.at).toISOString(), now)}</td>
                <td className="num">{formatMeasured(point.value, model.measure)}</td>
                <td>
                  {point.level}
                  {point === model.decided ? ' · deciding window' : point.after ? ' · after the alert' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
