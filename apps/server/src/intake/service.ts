import { randomBytes } from 'node:crypto';
import type {
  AcknowledgeReportRequest,
  DeclareFromReportRequest,
  DismissReportRequest,
  Incident,
  LinkReportRequest,
  Report,
  ReportList,
  ReportListQuery,
  ReportReceipt,
  SubmitReportRequest,
  UpdateReportRequest,
} from '@firebreak/contract';
import { DomainError, SYSTEM_ID_PATTERN } from '@firebreak/core';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { changeIncident } from '../incidents/change';
import { declareIncident } from '../incidents/declare';
import { enqueueNotifications } from '../notifications/enqueue';
import type { CheckedFile } from './attachments';
import { type ReporterMailKind, reporterMail } from './mail';
import { presentReport, presentReportListItem, reportClocks } from './presenter';
import {
  attachmentContent,
  findReport,
  insertReport,
  listReports,
  lockReport,
  type ReportRow,
  reportAttachments,
  reportAudit,
  updateReport,
} from './store';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A fresh reference: `R-` and 12 base32 characters, 60 random bits, so holding one does not reveal others. */
export function newReportRef(): string {
  const bytes = randomBytes(12);
  return `R-${Array.from(bytes, (byte) => BASE32[byte & 31]).join('')}`;
}

/**
 * Stores a report from outside with its attachments and the audit entry, in one transaction:
 * when this returns, the report is durable. The audit entry keeps what was received (kind,
 * system, attachments' digests) but not the reporter's words or address, which stay in the
 * report row where they can be erased; the audit chain cannot.
 */
export async function submitReport({
  ctx,
  input,
  files,
  sourceHash,
  via,
}: {
  ctx: Ctx;
  input: Omit<SubmitReportRequest, 'attachments'>;
  files: readonly CheckedFile[];
  sourceHash: string;
  via: 'form' | 'api';
}): Promise<ReportReceipt> {
  const at = ctx.now();
  const ref = newReportRef();
  const row = {
    ref,
    kind: input.kind,
    system: input.system ?? null,
    whatHappened: input.whatHappened,
    occurred: input.when ?? null,
    email: input.email ?? null,
    consent: input.email ? input.consent : false,
    sourceHash,
    status: 'received',
    receivedAt: at,
  };
  await ctx.db.transaction(async (tx) => {
    await insertReport(tx, row, files);
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'report.received',
      subject: ref,
      payload: {
        via,
        kind: row.kind,
        system: row.system,
        mail: Boolean(row.email && row.consent),
        attachments: files.map((file) => ({
          name: file.name,
          mediaType: file.mediaType,
          size: file.content.byteLength,
          sha256: file.sha256,
        })),
      },
    });
  });
  ctx.log.info({ report: ref, kind: row.kind, via, attachments: files.length }, 'external report received');
  const clocks = reportClocks({ ...row, acknowledgedAt: null, lastUpdateAt: null }, at);
  const mail = Boolean(row.email && row.consent);
  return {
    reference: ref,
    receivedAt: at.toISOString(),
    acknowledgeBy: clocks.acknowledgeBy,
    updateBy: clocks.updateBy ?? clocks.acknowledgeBy,
    mail,
    attachments: files.map((file) => ({ name: file.name, size: file.content.byteLength, sha256: file.sha256 })),
    next: mail
      ? `A responder reads it and writes to you by ${clocks.acknowledgeBy}; you hear how it is going by ${clocks.updateBy}.`
      : `A responder reads it by ${clocks.acknowledgeBy}. You left no address, so we cannot write back; quote ${ref} if you contact us.`,
  };
}

/** The triage queue: open reports oldest first, or all of them (newest first), with their clocks. */
export async function listReportsView({ ctx, query }: { ctx: Ctx; query: ReportListQuery }): Promise<ReportList> {
  const statuses =
    query.status === 'open' ? ['received', 'acknowledged'] : query.status === 'all' ? null : [query.status];
  const rows = await listReports(ctx.db, statuses, query.limit);
  const attachments = await reportAttachments(
    ctx.db,
    rows.map((row) => row.ref),
  );
  const now = ctx.now();
  const items = rows
    .map((row) =>
      presentReportListItem(
        row,
        attachments.filter((a) => a.reportRef === row.ref),
        now,
      ),
    )
    .filter((item) => !query.overdue || item.clocks.acknowledgeOverdue || item.clocks.updateOverdue);
  return { items };
}

export async function getReport({ ctx, ref }: { ctx: Ctx; ref: string }): Promise<Report> {
  const row = await findReport(ctx.db, ref);
  if (!row) throw new DomainError('not_found', `report ${ref} does not exist`);
  return load(ctx.db, row, ctx.now());
}

/** One attachment's bytes with its row, or `not_found`. */
export async function getReportAttachment({ ctx, ref, n }: { ctx: Ctx; ref: string; n: number }) {
  const found = await attachmentContent(ctx.db, ref, n);
  if (!found) throw new DomainError('not_found', `report ${ref} has no attachment ${n}`);
  return found;
}

async function load(tx: Tx, row: ReportRow, now: Date): Promise<Report> {
  const [attachments, history] = await Promise.all([reportAttachments(tx, [row.ref]), reportAudit(tx, row.ref)]);
  return presentReport(row, attachments, history, now);
}

type ChangeScope = { tx: Tx; report: ReportRow; at: Date };

/** One change to a report: locked, changed, audited and its mail queued in one transaction. */
async function changeReport(
  ctx: Ctx,
  ref: string,
  change: (scope: ChangeScope) => Promise<{
    set: Partial<ReportRow>;
    action: string;
    payload: Record<string, unknown>;
    mail?: { kind: ReporterMailKind; message?: string | undefined };
  }>,
): Promise<Report> {
  return ctx.db.transaction(async (tx) => {
    const report = await lockReport(tx, ref);
    const at = ctx.now();
    const outcome = await change({ tx, report, at });
    const updated = await updateReport(tx, ref, outcome.set);
    let mailed = false;
    if (outcome.mail) {
      const history = await reportAudit(tx, ref);
      const seq = history.filter((entry) => (entry.payload as { mail?: unknown }).mail === outcome.mail?.kind).length;
      const { updateBy } = reportClocks(updated, at);
      const rows = reporterMail(updated, outcome.mail.kind, {
        message: outcome.mail.message,
        nextUpdateBy: updateBy ? new Date(updateBy) : null,
        seq: seq + 1,
      });
      await enqueueNotifications(tx, rows, at);
      mailed = rows.length > 0;
    }
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: outcome.action,
      subject: ref,
      payload: {
        ...outcome.payload,
        previous: report.status,
        status: updated.status,
        ...(outcome.mail ? { mail: outcome.mail.kind, mailed } : {}),
      },
    });
    return load(tx, updated, at);
  });
}

function refuseFinished(report: ReportRow, what: string): void {
  if (report.status === 'closed' || report.status === 'dismissed')
    throw new DomainError('conflict', `status: report ${report.ref} is ${report.status}; it cannot be ${what}`, {
      details: { status: report.status },
    });
}

/** A responder has read the report: the acknowledgement clock stops and the reporter is told. */
export function acknowledgeReport({ ctx, ref, input }: { ctx: Ctx; ref: string; input: AcknowledgeReportRequest }) {
  return changeReport(ctx, ref, async ({ report, at }) => {
    refuseFinished(report, 'acknowledged');
    if (report.acknowledgedAt)
      throw new DomainError(
        'conflict',
        `status: report ${ref} was acknowledged by ${report.acknowledgedBy} at ${report.acknowledgedAt.toISOString()}; send an update instead`,
      );
    return {
      set: { status: 'acknowledged', acknowledgedAt: at, acknowledgedBy: ctx.actor.name },
      action: 'report.acknowledged',
      payload: { message: input.message ?? null },
      mail: { kind: 'acknowledged', message: input.message },
    };
  });
}

/** Tells the reporter how it is going (restarting the 72 h update clock), or closes it with a last word. */
export function updateReporter({ ctx, ref, input }: { ctx: Ctx; ref: string; input: UpdateReportRequest }) {
  return changeReport(ctx, ref, async ({ report, at }) => {
    refuseFinished(report, 'updated');
    if (!report.acknowledgedAt)
      throw new DomainError(
        'conflict',
        `status: report ${ref} is not acknowledged yet; acknowledge it first (firebreak reports ack ${ref})`,
      );
    const set: Partial<ReportRow> = input.final
      ? { lastUpdateAt: at, status: 'closed', closedAt: at, closedBy: ctx.actor.name, closeReason: input.message }
      : { lastUpdateAt: at };
    return {
      set,
      action: input.final ? 'report.closed' : 'report.updated',
      payload: { message: input.message },
      mail: { kind: input.final ? 'closed' : 'update', message: input.message },
    };
  });
}

/** Closes a report that needs no response (spam, a duplicate, out of scope); the reporter is told only if a message is given. */
export function dismissReport({ ctx, ref, input }: { ctx: Ctx; ref: string; input: DismissReportRequest }) {
  return changeReport(ctx, ref, async ({ report, at }) => {
    refuseFinished(report, 'dismissed');
    return {
      set: { status: 'dismissed', closedAt: at, closedBy: ctx.actor.name, closeReason: input.reason },
      action: 'report.dismissed',
      payload: { reason: input.reason, message: input.message ?? null },
      ...(input.message ? { mail: { kind: 'dismissed' as const, message: input.message } } : {}),
    };
  });
}

/** Puts a report on an incident's timeline (what was reported, when, the attachments' digests) and links the two. */
export function linkReport({ ctx, ref, input }: { ctx: Ctx; ref: string; input: LinkReportRequest }) {
  return changeReport(ctx, ref, async ({ tx, report }) => {
    refuseLinked(report, input.incident);
    await recordOnIncident({ ...ctx, db: tx }, report, input.incident, input.reason);
    return {
      set: { incidentId: input.incident },
      action: 'report.linked',
      payload: { incident: input.incident, reason: input.reason ?? null },
    };
  });
}

/** Declares an incident from a report, which goes on its timeline right after `declared`. */
export async function declareFromReport({
  ctx,
  ref,
  input,
}: {
  ctx: Ctx;
  ref: string;
  input: DeclareFromReportRequest;
}): Promise<{ report: Report; incident: Incident }> {
  let incident: Incident | undefined;
  const report = await changeReport(ctx, ref, async ({ tx, report: row }) => {
    refuseLinked(row, undefined);
    const systems = input.systems ?? (row.system && SYSTEM_ID_PATTERN.test(row.system) ? [row.system] : undefined);
    if (!systems)
      throw new DomainError(
        'validation_failed',
        `systems: the report names no catalog system${row.system ? ` ("${row.system}" is not a system id)` : ''}; give --system`,
        { details: { issues: [{ path: 'systems', message: 'name at least one affected system' }] } },
      );
    const inner = { ...ctx, db: tx };
    incident = await declareIncident({
      ctx: inner,
      input: {
        title: input.title ?? titleFrom(row.whatHappened),
        summary: `From external report ${row.ref}: ${row.whatHappened}`.slice(0, 10_000),
        type: input.type,
        severity: input.severity,
        systems,
        nearMiss: false,
        detectedAt: row.receivedAt.toISOString(),
      },
    });
    await recordOnIncident(inner, row, incident.id, input.reason);
    return {
      set: { incidentId: incident.id },
      action: 'report.declared',
      payload: { incident: incident.id, type: input.type, severity: input.severity, reason: input.reason ?? null },
    };
  });
  return { report, incident: incident! };
}

function refuseLinked(report: ReportRow, incident: string | undefined): void {
  if (report.incidentId && report.incidentId !== incident)
    throw new DomainError('conflict', `incident: report ${report.ref} is already linked to ${report.incidentId}`, {
      details: { incidentId: report.incidentId },
    });
  if (report.incidentId === incident)
    throw new DomainError('conflict', `incident: report ${report.ref} is already linked to ${incident}`);
}

async function recordOnIncident(ctx: Ctx, report: ReportRow, incidentId: string, reason: string | undefined) {
  const attachments = await reportAttachments(ctx.db, [report.ref]);
  await changeIncident(ctx, incidentId, async ({ record }) => {
    await record('report_linked', {
      reference: report.ref,
      kind: report.kind,
      system: report.system,
      receivedAt: report.receivedAt.toISOString(),
      summary: titleFrom(report.whatHappened),
      attachments: attachments.map((a) => ({ name: a.name, sha256: a.sha256, size: a.size })),
      reason: reason ?? null,
    });
  });
}

/** The first line of what the reporter wrote, cut at a word near 120 characters. */
function titleFrom(text: string): string {
  const line = text.split(/\r?\n/)[0]!.trim();
  if (line.length <= 120) return line;
  const cut = line.slice(0, 120);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 60 ? cut.lastIndexOf(' ') : 120)}…`;
}
