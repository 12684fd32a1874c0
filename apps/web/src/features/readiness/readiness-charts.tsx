import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear, scalePoint } from '@visx/scale';
import { Bar, LinePath } from '@visx/shape';
import { useId } from 'react';
import { useWidth } from '../../ui/use-width';

export interface TrendSeries {
  name: string;
  /** One value per label (minutes); null leaves a gap. */
  values: ReadonlyArray<number | null>;
}

const MARGIN = { top: 8, right: 16, bottom: 30, left: 48 };
const SERIES_CLASS = ['readiness-line-1', 'readiness-line-2', 'readiness-line-3', 'readiness-line-4'];

/** Mean response times per week or month, one line each, in minutes. */
export function TrendChart({
  title,
  summary,
  labels,
  series,
}: {
  title: string;
  summary: string;
  labels: readonly string[];
  series: readonly TrendSeries[];
}) {
  const [ref, width] = useWidth<HTMLDivElement>(720);
  const id = useId();
  const height = 220;
  const innerWidth = Math.max(160, width - MARGIN.left - MARGIN.right);
  const innerHeight = height - MARGIN.top - MARGIN.bottom;
  const x = scalePoint<string>({ domain: [...labels], range: [0, innerWidth], padding: 0.3 });
  const top = Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const y = scaleLinear<number>({ domain: [0, top], range: [innerHeight, 0], nice: true });
  const step = Math.max(1, Math.ceil(labels.length / Math.max(1, Math.floor(innerWidth / 70))));
  return (
    <figure className="chart" ref={ref}>
      <figcaption className="chart-caption">{title}</figcaption>
      <svg width={width} height={height} role="img" aria-labelledby={`${id}-t ${id}-d`} className="chart-svg">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{summary}</desc>
        <Group left={MARGIN.left} top={MARGIN.top}>
          {series.map((s, n) => (
            <LinePath<[string, number | null]>
              key={s.name}
              data={labels.map((label, i) => [label, s.values[i] ?? null])}
              defined={(d) => d[1] !== null}
              x={(d) => x(d[0]) ?? 0}
              y={(d) => y(d[1] ?? 0)}
              className={`readiness-line ${SERIES_CLASS[n % SERIES_CLASS.length]}`}
            />
          ))}
          {series.flatMap((s, n) =>
            s.values.map((value, i) =>
              value === null ? null : (
                <circle
                  key={`${s.name}-${labels[i]}`}
                  cx={x(labels[i]!) ?? 0}
                  cy={y(value)}
                  r={3}
                  className={`readiness-point ${SERIES_CLASS[n % SERIES_CLASS.length]}`}
                />
              ),
            ),
          )}
          <AxisLeft
            scale={y}
            numTicks={4}
            axisClassName="chart-axis"
            label="minutes"
            labelClassName="chart-axis-label"
          />
          <AxisBottom
            top={innerHeight}
            scale={x}
            axisClassName="chart-axis"
            tickValues={labels.filter((_label, i) => i % step === 0)}
          />
        </Group>
      </svg>
      <ul className="readiness-legend">
        {series.map((s, n) => (
          <li key={s.name}>
            <span className={`readiness-swatch ${SERIES_CLASS[n % SERIES_CLASS.length]}`} aria-hidden="true" />
            {s.name}
          </li>
        ))}
      </ul>
    </figure>
  );
}

export interface BarDatum {
  label: string;
  /** 0..max; null draws no bar. */
  value: number | null;
  text: string;
}

/** Horizontal bars, one per row, from 0 to `max` (1 for shares). */
export function BarsChart({ title, bars, max = 1 }: { title: string; bars: readonly BarDatum[]; max?: number }) {
  const [ref, width] = useWidth<HTMLDivElement>(720);
  const id = useId();
  const rowHeight = 24;
  const left = Math.min(260, 14 + 6.5 * Math.max(0, ...bars.map((b) => b.label.length)));
  const innerWidth = Math.max(120, width - left - 70);
  const innerHeight = Math.max(1, bars.length) * rowHeight;
  const x = scaleLinear<number>({ domain: [0, max], range: [0, innerWidth] });
  const y = scaleBand<string>({ domain: bars.map((b) => b.label), range: [0, innerHeight], padding: 0.2 });
  return (
    <figure className="chart" ref={ref}>
      <figcaption className="chart-caption">{title}</figcaption>
      <svg width={width} height={innerHeight + 8} role="img" aria-labelledby={`${id}-t`} className="chart-svg">
        <title id={`${id}-t`}>{`${title}: ${bars.map((b) => `${b.label} ${b.text}`).join('; ')}`}</title>
        <Group left={left} top={4}>
          {bars.map((bar) => {
            const at = y(bar.label) ?? 0;
            const w = bar.value === null ? 0 : Math.max(1, x(bar.value));
            return (
              <g key={bar.label}>
                <Bar x={0} y={at} width={w} height={y.bandwidth()} className="readiness-bar" />
                <text x={w + 4} y={at + y.bandwidth() / 2} dy="0.32em" className="chart-bar-label">
                  {bar.text}
                </text>
              </g>
            );
          })}
          <AxisLeft scale={y} axisClassName="chart-axis" hideTicks />
        </Group>
      </svg>
    </figure>
  );
}
