import { formatDuration } from './duration';
import type { NotificationPlan, PlanGap } from './notification-matrix';

/** A plan as rows of text, for a CLI table or a web table to lay out. */
export interface NotificationPreview {
  title: string;
  head: string[];
  rows: string[][];
  /** One line per person or audience the plan could not reach, and why. */
  notes: string[];
}

const HEAD = ['DUE', 'AT (UTC)', 'AUDIENCE', 'RECIPIENT', 'CHANNEL', 'KIND'];

export function describeGap(gap: PlanGap): string {
  switch (gap.reason) {
    case 'no_recipients':
      return `${gap.audience}: nobody to tell (no one resolved for this audience)`;
    case 'unreachable':
      return `${gap.audience}: ${gap.recipient} has no ${gap.channel} address`;
    case 'channel_not_configured':
      return `${gap.audience}: ${gap.recipient} not sent on ${gap.channel}: the server has no ${gap.channel} channel configured`;
    case 'warnings_never_page':
      return `${gap.audience}: ${gap.recipient} not paged on ${gap.channel}: a warning never pages`;
  }
}

/**
 * The gaps as lines: one per gap, except that messages held back because the server has no such
 * channel are one line per channel (a server without a channels file would otherwise list every
 * person twice or three times).
 */
export function describeGaps(gaps: readonly PlanGap[]): string[] {
  const unconfigured = new Map<string, Set<string>>();
  const lines: string[] = [];
  for (const gap of gaps) {
    if (gap.reason !== 'channel_not_configured' || !gap.channel) {
      lines.push(describeGap(gap));
      continue;
    }
    const held = unconfigured.get(gap.channel) ?? new Set<string>();
    held.add(gap.recipient ?? gap.audience);
    unconfigured.set(gap.channel, held);
  }
  for (const [channel, people] of unconfigured) {
    const count = people.size;
    lines.push(
      `${channel}: not configured on the server; ${count} ${count === 1 ? 'person' : 'people'} not sent (${[...people].join(', ')})`,
    );
  }
  return lines;
}

/**
 * What `firebreak notify preview INC-n` shows: one row per message, in the order they go out,
 * each with its delay from the start of the clock and its time, then who could not be reached.
 *
 * @example
 * notificationPreview(planNotifications(incident, DEFAULT_NOTIFICATION_MATRIX, recipients)).rows[0];
 * // ['at once', '10:00', 'on_call', 'Dana Reyes', 'pagerduty', 'page']
 */
export function notificationPreview(plan: NotificationPlan): NotificationPreview {
  const start = Date.parse(plan.startsAt);
  const rows = plan.notifications.map((n) => {
    const after = Math.round((Date.parse(n.dueAt) - start) / 1000);
    return [
      after <= 0 ? 'at once' : `+${formatDuration(after)}`,
      clockTime(n.dueAt, plan.startsAt),
      n.audience,
      n.recipient.name ?? n.recipient.id,
      n.channel,
      n.kind,
    ];
  });
  const count = plan.notifications.length;
  return {
    title: `${plan.subject} · ${plan.row} · ${count} notification${count === 1 ? '' : 's'} from ${plan.startsAt}`,
    head: HEAD,
    rows,
    notes: describeGaps(plan.gaps),
  };
}

/** `10:15`, with the date in front when it is not the day the clock started. */
function clockTime(at: string, start: string): string {
  const time = at.slice(11, 16);
  return at.slice(0, 10) === start.slice(0, 10) ? time : `${at.slice(0, 10)} ${time}`;
}

/**
 * The preview as plain text: a borderless table (columns two spaces apart, like the CLI's
 * tables), then the people it could not reach.
 */
export function formatNotificationPreview(plan: NotificationPlan): string {
  const preview = notificationPreview(plan);
  const table = [preview.head, ...preview.rows];
  const widths = preview.head.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  const lines = table.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
  const notes = preview.notes.length === 0 ? [] : ['', 'Not reached:', ...preview.notes.map((note) => `  ${note}`)];
  const body = preview.rows.length === 0 ? ['nobody would be notified'] : lines;
  return [preview.title, '', ...body, ...notes].join('\n');
}
