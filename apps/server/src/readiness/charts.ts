import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';

// Charts of the readiness report as self-contained SVG text: d3 computes the scales and paths,
// the markup is written here so the HTML report needs no script, font or stylesheet to show them.

const esc = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const COLOURS = ['#1f6feb', '#d97706', '#16a34a', '#b91c1c', '#7c3aed'];

export interface Series {
  name: string;
  /** One value per label; null leaves a gap. */
  values: ReadonlyArray<number | null>;
}

/** Lines over time (one per series), with a legend; values in the unit the caption names. */
export function lineChart(title: string, labels: readonly string[], series: readonly Series[], unit: string): string {
  const width = 640;
  const height = 260;
  const margin = { top: 28, right: 120, bottom: 40, left: 56 };
  const x = scalePoint<string>()
    .domain(labels.map((l, i) => `${i}:${l}`))
    .range([margin.left, width - margin.right]);
  const max = Math.max(1, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const y = scaleLinear()
    .domain([0, max])
    .nice()
    .range([height - margin.bottom, margin.top]);
  const keys = labels.map((l, i) => `${i}:${l}`);
  const grid = y
    .ticks(4)
    .map(
      (t) =>
        `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(t)}" y2="${y(t)}" stroke="#e5e7eb"/>` +
        `<text x="${margin.left - 6}" y="${y(t) + 4}" text-anchor="end" font-size="11">${t}</text>`,
    )
    .join('');
  const step = Math.max(1, Math.ceil(labels.length / 7));
  const ticks = labels
    .map((label, i) =>
      i % step === 0
        ? `<text x="${x(keys[i]!)}" y="${height - margin.bottom + 16}" text-anchor="middle" font-size="11">${esc(label)}</text>`
        : '',
    )
    .join('');
  const paths = series
    .map((s, n) => {
      const colour = COLOURS[n % COLOURS.length]!;
      const points = s.values.map((v, i) => [x(keys[i]!) ?? 0, v === null ? null : y(v)] as const);
      const d =
        line<(typeof points)[number]>()
          .defined((p) => p[1] !== null)
          .x((p) => p[0])
          .y((p) => p[1] ?? 0)(points) ?? '';
      const dots = points
        .filter((p) => p[1] !== null)
        .map((p) => `<circle cx="${p[0]}" cy="${p[1]}" r="3" fill="${colour}"/>`)
        .join('');
      const legend = `<rect x="${width - margin.right + 12}" y="${margin.top + n * 18}" width="12" height="3" fill="${colour}"/><text x="${width - margin.right + 30}" y="${margin.top + n * 18 + 5}" font-size="12">${esc(s.name)}</text>`;
      return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"/>${dots}${legend}`;
    })
    .join('');
  return svg(width, height, title, `${grid}${ticks}${paths}`, unit, margin.left);
}

export interface Bar {
  label: string;
  value: number | null;
  /** What is printed after the bar (default: the value). */
  text?: string;
}

/** Horizontal bars, one per label, from 0 to `max` (1 for shares). */
export function barChart(title: string, bars: readonly Bar[], unit: string, max?: number): string {
  const width = 640;
  const row = 22;
  const margin = { top: 28, right: 80, bottom: 24, left: 220 };
  const height = margin.top + margin.bottom + Math.max(1, bars.length) * row;
  const y = scaleBand<string>()
    .domain(bars.map((_bar, i) => `${i}`))
    .range([margin.top, height - margin.bottom])
    .padding(0.25);
  const top = max ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  const x = scaleLinear()
    .domain([0, top])
    .range([margin.left, width - margin.right]);
  const body = bars
    .map((bar, i) => {
      const yy = y(`${i}`) ?? 0;
      const w = bar.value === null ? 0 : Math.max(1, x(bar.value) - margin.left);
      const text = bar.text ?? (bar.value === null ? '—' : `${bar.value}`);
      return (
        `<text x="${margin.left - 6}" y="${yy + y.bandwidth() / 2 + 4}" text-anchor="end" font-size="12">${esc(bar.label)}</text>` +
        `<rect x="${margin.left}" y="${yy}" width="${w}" height="${y.bandwidth()}" fill="${COLOURS[0]}"/>` +
        `<text x="${margin.left + w + 6}" y="${yy + y.bandwidth() / 2 + 4}" font-size="12">${esc(text)}</text>`
      );
    })
    .join('');
  return svg(width, height, title, body, unit, margin.left);
}

function svg(width: number, height: number, title: string, body: string, unit: string, left: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${esc(title)}" font-family="system-ui, sans-serif">` +
    `<title>${esc(title)}</title>` +
    `<text x="${left}" y="16" font-size="13" font-weight="600">${esc(title)}</text>` +
    `<text x="${width - 8}" y="16" font-size="11" text-anchor="end" fill="#6b7280">${esc(unit)}</text>` +
    `${body}</svg>`
  );
}
