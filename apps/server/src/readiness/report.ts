import type { Readiness } from '@firebreak/contract';
import { formatDuration, READINESS_TIMES, type ReadinessTime } from '@firebreak/core';
import MarkdownIt from 'markdown-it';
import { barChart, lineChart } from './charts';

// The quarterly readiness report: Markdown for the record, HTML (markdown-it, raw HTML escaped)
// with the charts as inline SVG for the audit committee's pack. Both come from the same parts.

export const TIME_LABELS: Record<ReadinessTime, string> = {
  mttd: 'MTTD (onset → detected)',
  mtta: 'MTTA (detected → acknowledged)',
  mtti: 'MTTI (detected → cause identified)',
  mttc: 'MTTC (detected → contained)',
  mttr: 'MTTR (detected → resolved)',
};

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);
const day = (iso: string) => iso.slice(0, 10);
const cell = (text: string) => text.replace(/\|/g, '\\|');
const table = (head: readonly string[], rows: ReadonlyArray<readonly string[]>) =>
  rows.length === 0
    ? '_None in this period._\n'
    : [
        `| ${head.join(' | ')} |`,
        `|${head.map(() => '---').join('|')}|`,
        ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
      ].join('\n') + '\n';
const minutes = (seconds: number | null) => (seconds === null ? null : Math.round((seconds / 60) * 10) / 10);

interface Part {
  markdown: string;
  chart?: string;
}

/** The last day a period covers: `to` is exclusive. */
const lastDay = (to: string) => day(new Date(Date.parse(to) - 1).toISOString());

function parts(r: Readiness, generatedAt: string): Part[] {
  const { overall } = r.response;
  const summary = table(
    ['Measure', 'Value'],
    [
      [
        'Incidents declared',
        `${r.incidents.declared} (${r.incidents.dismissed} dismissed as false positives, ${count(r.incidents.nearMisses, 'near miss', 'near misses')})`,
      ],
      ...READINESS_TIMES.map((t) => [
        `${TIME_LABELS[t]}, median / mean`,
        `${formatDuration(overall[t].median)} / ${formatDuration(overall[t].mean)} (${count(overall[t].count, 'incident', 'incidents')})`,
      ]),
      [
        `Postmortems published within ${r.postmortems.dueBusinessDays} business days`,
        `${pct(r.postmortems.share)} (${r.postmortems.onTime} on time, ${r.postmortems.late} late, ${r.postmortems.pending} not yet due)`,
      ],
      [
        'Corrective actions closed on time',
        `${pct(r.actions.onTimeShare)} (${r.actions.onTime} on time, ${r.actions.late} late, ${r.actions.pending} not yet due)`,
      ],
      ['Closed actions verified', `${pct(r.actions.verifiedShare)} (${r.actions.verified} of ${r.actions.closed})`],
      [
        'Alert precision (acted on ÷ reviewed)',
        `${pct(r.alerts.precision)} (${r.alerts.actedOn} acted on, ${r.alerts.dismissed} dismissed as false positives)`,
      ],
      [
        'Taxonomy coverage by monitors',
        r.coverage.map((c) => `${c.system} ${c.covered.length}/${c.covered.length + c.missing.length}`).join(', ') ||
          '—',
      ],
      ['Drills passed', `${r.drills.passed} of ${r.drills.run} (${pct(r.drills.passRate)})`],
    ],
  );
  const trend = r.response.trend;
  const labels = trend.map((p) => day(p.start).slice(5));
  const groupTable = (groups: Readiness['response']['bySystem'], name: string) =>
    table(
      [name, 'Incidents', ...READINESS_TIMES.map((t) => t.toUpperCase())],
      groups.map((g) => [g.key, `${g.incidents}`, ...READINESS_TIMES.map((t) => formatDuration(g.times[t].median))]),
    );
  return [
    {
      markdown:
        `# Readiness report: ${day(r.from)} to ${lastDay(r.to)}\n\n` +
        `Generated ${generatedAt.slice(0, 16).replace('T', ' ')} UTC by Firebreak from its own records. ` +
        'Drills (their incidents, alerts and actions) are left out of every figure except the drills’ own results.\n\n' +
        `## Summary\n\n${summary}`,
    },
    {
      markdown:
        `## Response times per ${r.bucket}\n\nMean of the incidents declared in each ${r.bucket} (starting on the date shown).\n\n` +
        table(
          [r.bucket === 'week' ? 'Week of' : 'Month', 'Incidents', ...READINESS_TIMES.map((t) => t.toUpperCase())],
          trend.map((p) => [day(p.start), `${p.incidents}`, ...READINESS_TIMES.map((t) => formatDuration(p.means[t]))]),
        ),
      chart: lineChart(
        `Mean response times per ${r.bucket}`,
        labels,
        (['mttd', 'mtta', 'mttc'] as const).map((t) => ({
          name: t.toUpperCase(),
          values: trend.map((p) => minutes(p.means[t])),
        })),
        'minutes',
      ),
    },
    {
      markdown: `## By severity (medians)\n\n${groupTable(r.response.bySeverity, 'Severity')}`,
      chart: barChart(
        'Median time to contain by severity',
        r.response.bySeverity.map((g) => ({
          label: g.key,
          value: minutes(g.times.mttc.median),
          text: formatDuration(g.times.mttc.median),
        })),
        'minutes',
      ),
    },
    { markdown: `## By incident type (medians)\n\n${groupTable(r.response.byType, 'Type')}` },
    { markdown: `## By AI system (medians)\n\n${groupTable(r.response.bySystem, 'System')}` },
    {
      markdown:
        `## Postmortems\n\nDue ${r.postmortems.dueBusinessDays} business days (Monday to Friday, UTC) after resolution, for every SEV1 and SEV2 that is not a near miss and every incident that has one.\n\n` +
        table(
          ['Incident', 'Due', 'Published', 'Outcome'],
          r.postmortems.items.map((i) => [
            i.incidentId,
            day(i.dueAt),
            i.publishedAt ? day(i.publishedAt) : '—',
            i.outcome.replace('_', ' '),
          ]),
        ),
    },
    {
      markdown:
        '## Corrective actions\n\n' +
        table(
          ['Actions', 'On time', 'Late', 'Not yet due', 'No due date', 'Closed', 'Verified'],
          [
            [
              r.actions.total,
              r.actions.onTime,
              r.actions.late,
              r.actions.pending,
              r.actions.noDueDate,
              r.actions.closed,
              r.actions.verified,
            ].map(String),
          ],
        ),
    },
    {
      markdown:
        '## Alert precision per monitor\n\nActed on: linked to an incident or acknowledged. Dismissed: marked a false positive.\n\n' +
        table(
          ['System', 'Monitor', 'Alerts', 'Acted on', 'Dismissed', 'Unreviewed', 'Precision'],
          r.alerts.monitors.map((m) => [
            m.system,
            m.monitor,
            `${m.alerts}`,
            `${m.actedOn}`,
            `${m.dismissed}`,
            `${m.unreviewed}`,
            pct(m.precision),
          ]),
        ),
      chart: barChart(
        'Alert precision per monitor',
        r.alerts.monitors.map((m) => ({
          label: `${m.system} ${m.monitor}`,
          value: m.precision,
          text: pct(m.precision),
        })),
        'share acted on',
        1,
      ),
    },
    {
      markdown:
        '## Monitor coverage of the incident taxonomy\n\n' +
        table(
          ['System', 'Monitors', 'Covered', 'Not watched'],
          r.coverage.map((c) => [c.system, `${c.monitors}`, pct(c.share), c.missing.join(', ') || '—']),
        ),
      chart: barChart(
        'Taxonomy coverage per system',
        r.coverage.map((c) => ({ label: c.system, value: c.share, text: pct(c.share) })),
        'share of the 12 types',
        1,
      ),
    },
    {
      markdown:
        '## Drills per team\n\n' +
        table(
          ['Team', 'Run', 'Passed', 'Failed', 'Pass rate'],
          r.drills.teams.map((t) => [t.team, `${t.run}`, `${t.passed}`, `${t.failed}`, pct(t.passRate)]),
        ),
      chart: barChart(
        'Drills passed per team',
        r.drills.teams.map((t) => ({ label: t.team, value: t.passed, text: `${t.passed} of ${t.run}` })),
        'drills',
        Math.max(1, ...r.drills.teams.map((t) => t.run)),
      ),
    },
  ];
}

/** The report as Markdown. */
export function readinessMarkdown(r: Readiness, generatedAt: string): string {
  return parts(r, generatedAt)
    .map((p) => p.markdown)
    .join('\n');
}

const md = new MarkdownIt({ html: false });
const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111827}' +
  'table{border-collapse:collapse;margin:.5rem 0 1rem}th,td{border:1px solid #d1d5db;padding:.25rem .5rem;text-align:left}' +
  'th{background:#f3f4f6}figure{margin:1rem 0}svg{max-width:100%;height:auto}';

/** The report as one self-contained HTML page, the charts inline as SVG. */
export function readinessHtml(r: Readiness, generatedAt: string): string {
  const body = parts(r, generatedAt)
    .map((p) => md.render(p.markdown) + (p.chart ? `<figure>${p.chart}</figure>\n` : ''))
    .join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Readiness report ${day(r.from)} to ${lastDay(r.to)}</title><style>${STYLE}</style></head><body>\n${body}</body></html>\n`;
}
