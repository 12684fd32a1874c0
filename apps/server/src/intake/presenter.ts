import type { Report, ReportKind, ReportListItem, ReportStatus } from '@firebreak/contract';
import type { AttachmentRow, ReportRow } from './store';

/** A responder acknowledges an external report within this of receiving it. */
export const ACKNOWLEDGE_WITHIN_MS = 24 * 3600_000;
/** The reporter hears how it is going at least this often, from receipt until it is closed. */
export const UPDATE_EVERY_MS = 72 * 3600_000;

const FINISHED = new Set(['closed', 'dismissed']);

/**
 * A report's two clocks. Acknowledge by receipt + 24 h (overdue until someone acknowledges);
 * update by the last update (or receipt) + 72 h, while the report is open.
 */
export function reportClocks(
  row: Pick<ReportRow, 'receivedAt' | 'acknowledgedAt' | 'lastUpdateAt' | 'status'>,
  now: Date,
): Report['clocks'] {
  const acknowledgeBy = new Date(row.receivedAt.getTime() + ACKNOWLEDGE_WITHIN_MS);
  const open = !FINISHED.has(row.status);
  const updateBy = open ? new Date((row.lastUpdateAt ?? row.receivedAt).getTime() + UPDATE_EVERY_MS) : null;
  return {
    acknowledgeBy: acknowledgeBy.toISOString(),
    acknowledgeOverdue: open && !row.acknowledgedAt && now > acknowledgeBy,
    updateBy: updateBy?.toISOString() ?? null,
    updateOverdue: updateBy !== null && now > updateBy,
  };
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

function common(row: ReportRow, attachments: readonly AttachmentRow[], now: Date) {
  return {
    reference: row.ref,
    kind: row.kind as ReportKind,
    system: row.system,
    when: row.occurred,
    email: row.email,
    consent: row.consent,
    status: row.status as ReportStatus,
    receivedAt: row.receivedAt.toISOString(),
    acknowledgedAt: iso(row.acknowledgedAt),
    acknowledgedBy: row.acknowledgedBy,
    lastUpdateAt: iso(row.lastUpdateAt),
    clocks: reportClocks(row, now),
    incidentId: row.incidentId,
    closedAt: iso(row.closedAt),
    closedBy: row.closedBy,
    closeReason: row.closeReason,
    attachments: attachments.map((a) => ({
      n: a.n,
      name: a.name,
      mediaType: a.mediaType,
      size: a.size,
      sha256: a.sha256,
    })),
  };
}

export function presentReport(
  row: ReportRow,
  attachments: readonly AttachmentRow[],
  history: ReadonlyArray<{ at: Date; actor: string; action: string; payload: Record<string, unknown> }>,
  now: Date,
): Report {
  return {
    ...common(row, attachments, now),
    whatHappened: row.whatHappened,
    history: history.map((entry) => ({
      at: entry.at.toISOString(),
      actor: entry.actor,
      action: entry.action.replace(/^report\./, ''),
      detail: entry.payload,
    })),
  };
}

export function presentReportListItem(
  row: ReportRow,
  attachments: readonly AttachmentRow[],
  now: Date,
): ReportListItem {
  const first = row.whatHappened.split(/\r?\n/)[0]!;
  return {
    ...common(row, attachments, now),
    summary: first.length > 160 ? `${first.slice(0, 159)}…` : first,
  };
}
