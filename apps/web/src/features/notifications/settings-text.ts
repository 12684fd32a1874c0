import type { NotificationSettings } from '@firebreak/contract';
import { MATRIX_ROWS, type MatrixRow, SEVERITIES } from '@firebreak/core';
import { words } from '../../lib/labels';

/** How each row of the matrix reads in the table. */
export const ROW_LABELS: Record<MatrixRow, string> = {
  SEV1: 'SEV1',
  SEV2: 'SEV2',
  SEV3: 'SEV3',
  SEV4: 'SEV4',
  near_miss: 'Near miss',
  alert_page: 'Alert (page level)',
  alert_warn: 'Alert (warning)',
};

/** Whether the server can deliver on a channel: given the means, not given them, or not a delivery of its own (the digest). */
export type ChannelReadiness = 'configured' | 'not_configured' | 'batched';

/** One cell of the matrix as the table shows it. */
export interface MatrixLine {
  /** Where the cell sits in firebreak.yaml's matrix: `SEV1[1]`. */
  path: string;
  row: MatrixRow;
  audience: string;
  channels: Array<{ channel: string; readiness: ChannelReadiness }>;
  /** `at once`, `within 15m`. */
  within: string;
  pages: boolean;
  /** `every type`, or the types in words. */
  types: string;
}

/**
 * Whether the server can deliver on a channel. The digest is not sent on its own (it joins the
 * recipient's next digest), so it needs no means of its own.
 *
 * @example
 * readiness(settings, 'slack'); // 'not_configured'
 */
export function readiness(settings: Pick<NotificationSettings, 'channels'>, channel: string): ChannelReadiness {
  if (channel === 'digest') return 'batched';
  return settings.channels.some((status) => status.kind === channel && status.configured)
    ? 'configured'
    : 'not_configured';
}

/**
 * The matrix as table lines, rows in their fixed order (severities, near miss, alert levels),
 * each channel marked with whether the server can deliver on it.
 */
export function matrixLines(settings: Pick<NotificationSettings, 'matrix' | 'channels'>): MatrixLine[] {
  return MATRIX_ROWS.flatMap((row) =>
    (settings.matrix[row] ?? []).map((entry, index) => ({
      path: `${row}[${index}]`,
      row,
      audience: words(entry.audience),
      channels: entry.channels.map((channel) => ({ channel, readiness: readiness(settings, channel) })),
      within: entry.within === '0m' || entry.within === '0s' ? 'at once' : `within ${entry.within}`,
      pages: entry.page,
      types: entry.types && entry.types.length > 0 ? entry.types.map(words).join(', ') : 'every type',
    })),
  );
}

/**
 * The channels the matrix names that the server cannot deliver on, each with the rows that use
 * it: these messages would not go out.
 *
 * @example
 * missingChannels(settings); // [{ channel: 'slack', rows: ['SEV1', 'SEV2'] }]
 */
export function missingChannels(
  settings: Pick<NotificationSettings, 'matrix' | 'channels'>,
): Array<{ channel: string; rows: MatrixRow[] }> {
  const missing = new Map<string, MatrixRow[]>();
  for (const line of matrixLines(settings)) {
    for (const { channel, readiness: state } of line.channels) {
      if (state !== 'not_configured') continue;
      const rows = missing.get(channel) ?? [];
      if (!rows.includes(line.row)) rows.push(line.row);
      missing.set(channel, rows);
    }
  }
  return [...missing].map(([channel, rows]) => ({ channel, rows }));
}

/**
 * The update cadence as lines: one per severity (`SEV1 every 30m`), then the reminder.
 *
 * @example
 * cadenceLines({ SEV1: '30m', SEV2: '1h', SEV3: '4h', SEV4: '1d', remindBefore: '5m' });
 * // ['SEV1: every 30m', 'SEV2: every 1h', 'SEV3: every 4h', 'SEV4: every 1d', 'Reminder 5m before each is due']
 */
export function cadenceLines(cadence: Record<string, string>): string[] {
  const lines = SEVERITIES.filter((severity) => cadence[severity]).map(
    (severity) => `${severity}: every ${cadence[severity]}`,
  );
  if (cadence.remindBefore) lines.push(`Reminder ${cadence.remindBefore} before each is due`);
  return lines;
}
