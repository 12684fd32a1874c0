import type { AlertHygiene, SystemMonitors } from '@firebreak/contract';
import { table, truncate } from '../output';

/** What `learning` means, said once under the table: a reader meets the word here first. */
export const LEARNING_NOTE =
  'learning: still learning what is normal (a warm-up, or what each hour of the day looks like, over two days); it pages only on zero-tolerance signals (PII, secrets) until then.';

const percent = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.01 ? 2 : 1)}%`;

/** Tuning steps as people read them: each is a tenfold cut of a series' false-alarm probability. */
export const tuningText = (steps: number) => (steps === 0 ? '-' : `${steps} (÷${10 ** steps})`);

/**
 * `firebreak system monitors <id>`: each monitor's state, series, tuning and budget share, and
 * its alerts and false positives over the last 30 days.
 *
 * @example
 * renderMonitors(await client.systemMonitors('support-copilot'));
 */
export function renderMonitors(m: SystemMonitors): string[] {
  const head = `${m.system}: budget one false page per ${m.budget.page}, one false warning per ${m.budget.warn}, for all its monitors together`;
  if (m.monitors.length === 0)
    return [
      head,
      '',
      'No monitors yet: they appear with the first telemetry of the system (firebreak telemetry docs).',
    ];
  const rows = m.monitors.map((s) => [
    truncate(s.monitor, 32),
    truncate(`${s.signal}${s.segmentBy ? ` per ${s.segmentBy}` : ''}`, 32),
    s.state,
    s.series,
    tuningText(s.tuning),
    s.detector === 'zero_tolerance' ? 'none' : percent(s.share),
    s.alerts,
    s.dismissed,
  ]);
  return [
    head,
    '',
    table(['MONITOR', 'SIGNAL', 'STATE', 'SERIES', 'TUNING', 'BUDGET', 'ALERTS 30D', 'FALSE POS'], rows),
    '',
    LEARNING_NOTE,
    ...(m.live ? [] : ['(read from the last saved snapshot: this server runs no detection)']),
  ];
}

/** `firebreak alert hygiene`: monitors across systems, noisiest first. */
export function renderHygiene(h: AlertHygiene): string[] {
  if (h.monitors.length === 0)
    return [
      'No alerts in the last 30 days. Monitors will be listed here by false-positive rate (dismissed ÷ alerts), noisiest first, with their tuning.',
    ];
  const rows = h.monitors.map((m) => [
    truncate(`${m.system}/${m.monitor}`, 40),
    m.state ?? '-',
    truncate(m.owner || '-', 24),
    m.alerts,
    m.dismissed,
    m.alerts > 0 ? percent(m.falsePositiveRate) : '-',
    tuningText(m.tuning),
    m.teaching.map((t) => t.alertId).join(' ') || '-',
  ]);
  return [
    table(['MONITOR', 'STATE', 'OWNER', 'ALERTS', 'DISMISSED', 'FALSE POS', 'TUNING', 'TAUGHT BY'], rows),
    '',
    'Take a tuning back: firebreak alert revert-tuning <alert id> --reason "…"',
  ];
}
