import type { Readiness } from '@firebreak/contract';
import { formatDuration } from '@firebreak/core';
import { table } from '../output';

const TIMES = ['mttd', 'mtta', 'mtti', 'mttc', 'mttr'] as const;
const NAMES: Record<(typeof TIMES)[number], string> = {
  mttd: 'MTTD  onset → detected',
  mtta: 'MTTA  detected → acknowledged',
  mtti: 'MTTI  detected → cause identified',
  mttc: 'MTTC  detected → contained',
  mttr: 'MTTR  detected → resolved',
};

const pct = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);
const day = (iso: string) => iso.slice(0, 10);

/** Every readiness figure as text tables, one section each (`firebreak readiness`). */
export function renderReadiness(r: Readiness): string {
  const last = day(new Date(Date.parse(r.to) - 1).toISOString());
  const groups = (title: string, rows: Readiness['response']['bySystem']) => [
    `${title} (medians)`,
    table(
      ['', 'INCIDENTS', ...TIMES.map((t) => t.toUpperCase())],
      rows.map((g) => [g.key, g.incidents, ...TIMES.map((t) => formatDuration(g.times[t].median))]),
    ),
    '',
  ];
  const lines = [
    `Readiness ${day(r.from)} to ${last}: ${r.incidents.declared} incidents declared, ${r.incidents.dismissed} dismissed as false positives, ${r.incidents.nearMisses === 1 ? '1 near miss' : `${r.incidents.nearMisses} near misses`} (drills left out)`,
    '',
    table(
      ['RESPONSE TIME', 'MEDIAN', 'MEAN', 'INCIDENTS'],
      TIMES.map((t) => {
        const s = r.response.overall[t];
        return [NAMES[t], formatDuration(s.median), formatDuration(s.mean), s.count];
      }),
    ),
    '',
    table(
      ['MEASURE', 'VALUE'],
      [
        [
          `Postmortems published within ${r.postmortems.dueBusinessDays} business days`,
          `${pct(r.postmortems.share)} (${r.postmortems.onTime} on time, ${r.postmortems.late} late, ${r.postmortems.pending} not yet due)`,
        ],
        [
          'Actions closed on time',
          `${pct(r.actions.onTimeShare)} (${r.actions.onTime} on time, ${r.actions.late} late, ${r.actions.pending} not yet due, ${r.actions.noDueDate} without a due date)`,
        ],
        ['Closed actions verified', `${pct(r.actions.verifiedShare)} (${r.actions.verified} of ${r.actions.closed})`],
        [
          'Alert precision',
          `${pct(r.alerts.precision)} (${r.alerts.actedOn} acted on, ${r.alerts.dismissed} dismissed, of ${r.alerts.total} alerts)`,
        ],
        ['Drills passed', `${pct(r.drills.passRate)} (${r.drills.passed} of ${r.drills.run})`],
      ],
    ),
    '',
    ...groups('BY SEVERITY', r.response.bySeverity),
    ...groups('BY TYPE', r.response.byType),
    ...groups('BY SYSTEM', r.response.bySystem),
    `TREND (mean per ${r.bucket})`,
    table(
      [r.bucket === 'week' ? 'WEEK OF' : 'MONTH', 'INCIDENTS', ...TIMES.map((t) => t.toUpperCase())],
      r.response.trend.map((p) => [day(p.start), p.incidents, ...TIMES.map((t) => formatDuration(p.means[t]))]),
    ),
    '',
    'ALERT PRECISION PER MONITOR',
    table(
      ['SYSTEM', 'MONITOR', 'ALERTS', 'ACTED ON', 'DISMISSED', 'UNREVIEWED', 'PRECISION'],
      r.alerts.monitors.map((m) => [
        m.system,
        m.monitor,
        m.alerts,
        m.actedOn,
        m.dismissed,
        m.unreviewed,
        pct(m.precision),
      ]),
    ),
    '',
    'TAXONOMY COVERAGE PER SYSTEM',
    table(
      ['SYSTEM', 'MONITORS', 'COVERED', 'NOT WATCHED'],
      r.coverage.map((c) => [
        c.system,
        c.monitors,
        `${c.covered.length}/${c.covered.length + c.missing.length} ${pct(c.share)}`,
        c.missing.join(', ') || '—',
      ]),
    ),
    '',
    'DRILLS PER TEAM',
    table(
      ['TEAM', 'RUN', 'PASSED', 'FAILED', 'PASS RATE'],
      r.drills.teams.map((t) => [t.team, t.run, t.passed, t.failed, pct(t.passRate)]),
    ),
  ];
  return `${lines.join('\n')}\n`;
}
