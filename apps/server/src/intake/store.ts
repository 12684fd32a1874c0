import { DomainError } from '@firebreak/core';
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { auditLog, blobs, externalReportAttachments, externalReports } from '../db/schema';

export type ReportRow = typeof externalReports.$inferSelect;
export type NewReportRow = typeof externalReports.$inferInsert;
export type AttachmentRow = typeof externalReportAttachments.$inferSelect;

/** Stores a report with its attachments' bytes (once per digest) and their rows, on the caller's transaction. */
export async function insertReport(
  tx: Tx,
  row: NewReportRow,
  attachments: ReadonlyArray<{ name: string; mediaType: string; sha256: string; content: Uint8Array }>,
): Promise<void> {
  await tx.insert(externalReports).values(row);
  for (const [index, file] of attachments.entries()) {
    await tx
      .insert(blobs)
      .values({ sha256: file.sha256, content: file.content, size: file.content.byteLength, createdAt: row.receivedAt })
      .onConflictDoNothing();
    await tx.insert(externalReportAttachments).values({
      reportRef: row.ref,
      n: index + 1,
      name: file.name,
      mediaType: file.mediaType,
      size: file.content.byteLength,
      sha256: file.sha256,
    });
  }
}

/** The report row locked for a change, or `not_found`. */
export async function lockReport(tx: Tx, ref: string): Promise<ReportRow> {
  const [row] = await tx.select().from(externalReports).where(eq(externalReports.ref, ref)).for('update');
  if (!row) throw new DomainError('not_found', `report ${ref} does not exist`);
  return row;
}

export async function findReport(tx: Tx, ref: string): Promise<ReportRow | undefined> {
  const [row] = await tx.select().from(externalReports).where(eq(externalReports.ref, ref));
  return row;
}

export async function updateReport(tx: Tx, ref: string, change: Partial<NewReportRow>): Promise<ReportRow> {
  const [row] = await tx.update(externalReports).set(change).where(eq(externalReports.ref, ref)).returning();
  if (!row) throw new DomainError('not_found', `report ${ref} does not exist`);
  return row;
}

/** Reports in the given statuses (all when none), oldest first: the queue is worked in order of arrival. */
export async function listReports(tx: Tx, statuses: readonly string[] | null, limit: number): Promise<ReportRow[]> {
  const where: SQL | undefined = statuses ? inArray(externalReports.status, [...statuses]) : undefined;
  const query = tx.select().from(externalReports);
  return (where ? query.where(where) : query)
    .orderBy(statuses ? asc(externalReports.receivedAt) : desc(externalReports.receivedAt))
    .limit(limit);
}

export async function reportAttachments(tx: Tx, refs: readonly string[]): Promise<AttachmentRow[]> {
  if (refs.length === 0) return [];
  return tx
    .select()
    .from(externalReportAttachments)
    .where(inArray(externalReportAttachments.reportRef, [...refs]))
    .orderBy(asc(externalReportAttachments.reportRef), asc(externalReportAttachments.n));
}

/** One attachment's bytes, or undefined. */
export async function attachmentContent(
  tx: Tx,
  ref: string,
  n: number,
): Promise<{ row: AttachmentRow; content: Uint8Array } | undefined> {
  const [row] = await tx
    .select()
    .from(externalReportAttachments)
    .where(and(eq(externalReportAttachments.reportRef, ref), eq(externalReportAttachments.n, n)));
  if (!row) return undefined;
  const [blob] = await tx.select({ content: blobs.content }).from(blobs).where(eq(blobs.sha256, row.sha256));
  return blob ? { row, content: blob.content } : undefined;
}

/** A report's audit entries, oldest first: its history as responders read it. */
export async function reportAudit(tx: Tx, ref: string) {
  return tx
    .select({ at: auditLog.at, actor: auditLog.actor, action: auditLog.action, payload: auditLog.payload })
    .from(auditLog)
    .where(eq(auditLog.subject, ref))
    .orderBy(asc(auditLog.seq));
}
