import type {
  IncidentNotification,
  NAMED_AUDIENCES,
  NotificationPreview,
  NotificationSettings,
} from '@firebreak/contract';
import { table, truncate } from '../output';
import { clockTime, relativeTime } from '../time';

type PreviewRow = NotificationPreview['notifications'][number];

/** The line under a preview that says what happens when nobody acknowledges. */
export function escalationLine(policy: string | null): string {
  return policy === null
    ? "No escalation policy applies to this incident's systems"
    : `If nobody acknowledges: escalation policy ${policy}`;
}

/**
 * What `notify preview` prints: the server's plan text with a QUEUED column on the rows already in
 * the outbox, then the escalation policy. Should the text's table not line up with the
 * notifications (a server that lays it out differently), the queued ones are listed under it.
 */
export function renderPreview(preview: NotificationPreview, incidentId: string): string[] {
  const lines = preview.text.split('\n');
  const queued = preview.notifications.filter((n) => n.queued);
  const out = queued.length === 0 ? lines : (markQueued(lines, preview.notifications) ?? listQueued(lines, queued));
  const tail =
    queued.length === 0
      ? []
      : [`${queued.length} of ${preview.notifications.length} already queued: firebreak notify list ${incidentId}`];
  return [...out, '', ...tail, escalationLine(preview.escalationPolicy)];
}

/** The text with a QUEUED column, or undefined when its rows are not the notifications in order. */
function markQueued(lines: readonly string[], notifications: readonly PreviewRow[]): string[] | undefined {
  const head = lines.findIndex((line) => /^DUE\s/.test(line));
  if (head < 0 || lines.length < head + 1 + notifications.length) return undefined;
  const rows = lines.slice(head + 1, head + 1 + notifications.length);
  const matches = notifications.every((n, i) => {
    const cells = rows[i]!.split(/\s{2,}/);
    return cells.includes(n.recipient.name ?? n.recipient.id) && cells.includes(n.channel) && cells.includes(n.kind);
  });
  if (!matches) return undefined;
  const width = Math.max(...[lines[head]!, ...rows].map((line) => line.length));
  const marked = rows.map((row, i) => (notifications[i]!.queued ? `${row.padEnd(width)}  yes` : row));
  return [
    ...lines.slice(0, head),
    `${lines[head]!.padEnd(width)}  QUEUED`,
    ...marked,
    ...lines.slice(head + 1 + rows.length),
  ];
}

function listQueued(lines: readonly string[], queued: readonly PreviewRow[]): string[] {
  return [
    ...lines,
    '',
    'Already queued:',
    ...queued.map((n) => `  ${n.recipient.name ?? n.recipient.id}  ${n.channel}  ${n.kind}  (${n.audience})`),
  ];
}

/** When a notification went out (`23:50 UTC`), or when its next attempt is due (`in 2m`); `—` for neither. */
export function notificationWhen(n: IncidentNotification, now: Date): string {
  if (n.deliveredAt) return clockTime(n.deliveredAt, now);
  if (n.nextAttemptAt) return relativeTime(n.nextAttemptAt, now);
  return '—';
}

const LIST_WIDTH = 100;
const LIST_HEAD = ['ID', 'STATUS', 'CHANNEL', 'RECIPIENT', 'AUDIENCE', 'KIND', 'ATTEMPTS', 'WHEN', 'ERROR'];

/**
 * The `notify list` table, one row per queued message, in the server's order. The error gets
 * what the other columns leave of 100 columns (at least 20 characters); `--json` has it whole.
 */
export function notificationTable(notifications: readonly IncidentNotification[], now: Date): string {
  const rows = notifications.map((n) => [
    String(n.id),
    n.status,
    n.channel,
    truncate(n.recipientName ?? n.recipient, 24),
    n.audience ?? '',
    n.kind ?? '',
    String(n.attempts),
    notificationWhen(n, now),
  ]);
  const used = rows.length === 0 ? 0 : columnsWidth(LIST_HEAD.slice(0, -1), rows);
  const errorWidth = Math.max(20, LIST_WIDTH - used - 2);
  return table(
    LIST_HEAD,
    rows.map((row, i) => [...row, truncate(notifications[i]!.lastError ?? '', errorWidth)]),
  );
}

/** The width of a borderless table of these columns: each column's widest cell, two spaces between. */
function columnsWidth(head: readonly string[], rows: ReadonlyArray<readonly string[]>): number {
  const widths = head.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  return widths.reduce((sum, width) => sum + width, 0) + 2 * (head.length - 1);
}

/** What `notify list` prints: the table, or why there is none, and how to retry what failed. */
export function renderNotifications(
  all: readonly IncidentNotification[],
  shown: readonly IncidentNotification[],
  incidentId: string,
  now: Date,
): string[] {
  if (all.length === 0) return [`No notifications queued about ${incidentId}.`];
  if (shown.length === 0) return [`No failed notifications about ${incidentId} (${all.length} in all).`];
  const failed = shown.find((n) => n.status === 'failed');
  return [
    notificationTable(shown, now),
    ...(failed ? ['', `Send a failed one again: firebreak notify retry ${incidentId} ${failed.id}`] : []),
  ];
}

type Target = NotificationSettings['audiences'][string][number];

/** `schedule talent-ai-oncall`, `person dana-reyes` or `team legal`. */
export function describeTarget(target: Target): string {
  if ('schedule' in target) return `schedule ${target.schedule}`;
  if ('person' in target) return `person ${target.person}`;
  return `team ${target.team}`;
}

/** What `notify settings` prints: matrix, escalation policies, audiences, update cadence, channels. */
export function renderSettings(settings: NotificationSettings): string[] {
  return [
    settings.revision === 0
      ? 'Notification rules: the defaults (no directory applied yet: firebreak system apply -f firebreak.yaml)'
      : `Notification rules from directory revision ${settings.revision}`,
    '',
    'Matrix',
    matrixTable(settings.matrix),
    '',
    ...policyLines(settings),
    '',
    'Audiences',
    ...audienceLines(settings.audiences),
    '',
    'Update cadence',
    ...cadenceLines(settings.updateCadence),
    '',
    'Channels',
    table(
      ['CHANNEL', 'STATE', 'WHERE'],
      settings.channels.map((c) => [c.kind, c.configured ? 'configured' : 'not configured', c.describe ?? '']),
    ),
  ];
}

function matrixTable(matrix: NotificationSettings['matrix']): string {
  const rows = Object.entries(matrix).flatMap(([row, entries]) =>
    entries.map((entry, index) => [
      index === 0 ? row : '',
      entry.audience,
      entry.channels.join(', '),
      entry.within,
      entry.page ? 'yes' : '',
      entry.types?.join(', ') ?? '',
    ]),
  );
  return table(['ROW', 'AUDIENCE', 'CHANNELS', 'WITHIN', 'PAGE', 'TYPES'], rows);
}

function policyLines(settings: NotificationSettings): string[] {
  const { escalationPolicies: policies, defaultEscalationPolicy: fallback } = settings;
  const title = `Escalation policies${fallback ? ` (for systems no policy lists: ${fallback})` : ''}`;
  if (policies.length === 0) return [title, '  none: an incident nobody acknowledges escalates nowhere'];
  return [
    title,
    ...policies.flatMap((policy) => {
      const systems = policy.systems.length > 0 ? policy.systems.join(', ') : 'no system named';
      const repeat =
        policy.repeat === 0
          ? 'runs once'
          : `repeats ${policy.repeat} time${policy.repeat === 1 ? '' : 's'}, ${policy.repeatDelay} after the last step`;
      return [
        `  ${policy.id}  (${systems}; ${repeat})`,
        ...policy.steps.map(
          (step, index) =>
            `    ${index + 1}. after ${step.delay.padEnd(4)} → ${step.targets.map(describeTarget).join(', ')}`,
        ),
      ];
    }),
  ];
}

/**
 * The contract's named audiences, spelled out: importing its value would load zod into a command
 * that only reads (ADR 12); the type refuses a name the contract does not have.
 */
const AUDIENCE_NAMES: ReadonlyArray<(typeof NAMED_AUDIENCES)[number]> = [
  'leadership',
  'legal',
  'privacy',
  'support',
  'customers',
];

function audienceLines(audiences: NotificationSettings['audiences']): string[] {
  const names = [...new Set([...AUDIENCE_NAMES, ...Object.keys(audiences)])];
  const width = Math.max(...names.map((name) => name.length));
  return names.map((name) => {
    const targets = audiences[name] ?? [];
    const who = targets.length > 0 ? targets.map(describeTarget).join(', ') : 'nobody (plans that name it show a gap)';
    return `  ${name.padEnd(width)}  ${who}`;
  });
}

function cadenceLines(cadence: NotificationSettings['updateCadence']): string[] {
  const { remindBefore, ...severities } = cadence;
  return [
    ...Object.entries(severities).map(([severity, every]) => `  ${severity}  an update every ${every}`),
    ...(remindBefore ? [`  reminder ${remindBefore} before an update is due`] : []),
  ];
}
