import type { Approval, CONTROL_ACTIONS, Control } from '@firebreak/contract';
import {
  type ChainedEntry,
  type ControlDefinition,
  type ControlStateValue,
  DomainError,
  describeChange,
  invalid,
  isFinished,
  type Status,
  type TimelineKind,
} from '@firebreak/core';
import { appendAudit, lockAudit } from '../audit/store';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { announce } from '../incidents/change';
import { findCitedIncident, lockIncident } from '../incidents/store';
import { appendTimeline } from '../timeline/store';
import { presentControl } from './presenter';
import { syncShadowRun } from './shadow';
import { appendChange, type ControlRow, openIncidentsOn, supersedeApprovals, updateControl } from './store';

/** Changes that are about the card, not containment: they stay off incident timelines. */
const SELF_EVIDENT = new Set<ControlAction>(['created', 'defined', 'bundle_added', 'bundle_deleted', 'bundle_pruned']);

export type ControlAction = (typeof CONTROL_ACTIONS)[number];

export interface CommitOptions {
  action: ControlAction;
  reason: string | null;
  incidentId?: string | null | undefined;
  /** Temporary change: when it reverts, and to what. Null makes the change permanent. */
  expiresAt?: Date | null;
  revertState?: ControlStateValue | null;
  approvedBy?: string | null;
  approvalId?: string | null;
  /** For definition changes: the new definition. */
  definition?: ControlDefinition;
  /** The change in words, when the states before and after do not tell it (a bundle added). */
  summary?: string;
  /** What else the audit entry and timeline carry (a bundle's version and contents). */
  details?: Record<string, unknown>;
  /**
   * Bookkeeping of the route's bundles: pending approvals stay (they were not asked against
   * what changed), and the control keeps the incident it last served unless this one names one.
   */
  bookkeeping?: boolean;
}

/** What a committed change must tell the world once its transaction is over. */
export interface Committed {
  control: Control;
  action: ControlAction;
  actor: string;
  reason: string | null;
  timeline: ChainedEntry[];
}

/**
 * Writes one change to a control inside the caller's transaction: the new state, its entry in
 * the append-only history, the audit chain, and the incident's timeline when the change serves
 * one. Pending approvals of the control are superseded: they were asked against another state.
 */
export async function commitChange(
  ctx: Ctx,
  tx: Tx,
  row: ControlRow,
  next: ControlStateValue,
  options: CommitOptions,
): Promise<Committed> {
  const at = ctx.now();
  const before = row.state;
  const incidentId = options.incidentId ?? null;
  if (incidentId !== null) await checkSpace(tx, row, incidentId);
  const details = options.details ?? {};
  await lockAudit(tx);
  const expiresAt = options.expiresAt ?? null;
  const seq = await appendChange(tx, {
    key: row.key,
    at,
    actor: ctx.actor.name,
    action: options.action,
    reason: options.reason,
    incidentId,
    before,
    after: next,
    expiresAt,
    approvedBy: options.approvedBy ?? null,
    approvalId: options.approvalId ?? null,
  });
  const patch = {
    state: next,
    seq,
    updatedAt: at,
    updatedBy: ctx.actor.name,
    expiresAt,
    revertState: options.revertState ?? null,
    incidentId: options.bookkeeping ? (incidentId ?? row.incidentId) : incidentId,
    ...(options.definition ? { definition: options.definition } : {}),
  };
  await updateControl(tx, row.key, patch);
  await syncShadowRun(ctx, tx, row, next, { reason: options.reason, incidentId });
  const summary = options.summary ?? describeChange(row.key, before, next);
  await appendAudit(
    tx,
    {
      at,
      actor: ctx.actor.name,
      action: `control.${options.action}`,
      subject: row.key,
      payload: {
        seq,
        summary,
        before,
        after: next,
        reason: options.reason,
        incidentId,
        expiresAt: expiresAt?.toISOString() ?? null,
        approvedBy: options.approvedBy ?? null,
        ...details,
      },
    },
    { locked: true },
  );
  if (!options.bookkeeping)
    await supersedeApprovals(
      tx,
      row.key,
      options.approvalId ?? null,
      at,
      `the control changed (${summary}) before anyone approved`,
    );
  // A change that names no incident still belongs on the timeline of every incident open on the
  // system: responders reading it must see containment move, whoever moved it and from where.
  const timeline =
    !incidentId && SELF_EVIDENT.has(options.action)
      ? []
      : await recordOnIncidents(ctx, tx, row.system, incidentId, 'control_changed', (id) => ({
          key: row.key,
          action: options.action,
          summary,
          before,
          after: next,
          reason: options.reason,
          seq,
          expiresAt: expiresAt?.toISOString() ?? null,
          approvedBy: options.approvedBy ?? null,
          ...details,
          named: id === incidentId,
        }));
  const control = presentControl({ ...row, ...patch, definition: options.definition ?? row.definition });
  return { control, action: options.action, actor: ctx.actor.name, reason: options.reason, timeline };
}

/**
 * Appends one entry about a control to the timeline of the incident it names, or, naming none,
 * of every incident open on its system; inside the caller's transaction. Announce the returned
 * entries after commit.
 */
export async function recordOnIncidents(
  ctx: Ctx,
  tx: Tx,
  system: string,
  incidentId: string | null,
  kind: TimelineKind,
  payload: (incidentId: string) => Record<string, unknown>,
): Promise<ChainedEntry[]> {
  const on = incidentId ? [incidentId] : await openIncidentsOn(tx, system);
  const entries: ChainedEntry[] = [];
  for (const id of on) {
    const incident = await lockIncident(tx, id);
    const appended = await appendTimeline(tx, incident, {
      at: ctx.now(),
      actor: ctx.actor.name,
      kind,
      payload: payload(id),
    });
    entries.push(appended.entry);
  }
  return entries;
}

/** After commit: apps hear the new state at once, open timelines their new entries. */
export function announceCommitted(ctx: Ctx, committed: readonly Committed[]): void {
  for (const change of committed) {
    ctx.events.publish({
      type: 'control',
      control: change.control,
      change: { action: change.action, actor: change.actor, reason: change.reason },
      incidentId: change.control.incidentId,
    });
    announce(ctx, change.timeline);
  }
}

/** The incident a change cites must exist and still be worked: a finished one is read-only. */
export async function checkIncident(tx: Tx, incidentId: string | undefined): Promise<void> {
  if (incidentId === undefined) return;
  const { status } = await findCitedIncident(tx, incidentId);
  if (status === 'closed') throw invalid('incident', `${incidentId} is closed; its record is final`);
  if (isFinished(status as Status))
    throw invalid('incident', `${incidentId} is ${status} and read-only; reopen it, or name an open incident`);
}

/** After commit: an approval was asked for or decided, so whoever may approve hears of it. */
export function announceApproval(ctx: Ctx, approval: Approval, incidentId?: string | null): void {
  const change = approval.change as { incident?: string };
  ctx.events.publish({
    type: 'approval',
    approval,
    system: approval.key.slice(0, approval.key.indexOf('.')),
    incidentId: incidentId ?? change.incident ?? null,
  });
}

/**
 * A drill's incident changes only its exercise space's controls, and a real incident only real
 * ones (ADR 37): a drill can never touch production through a control, nor a real incident
 * through a drill's copy. Every change passes here, whoever or whatever makes it.
 */
async function checkSpace(tx: Tx, row: ControlRow, incidentId: string): Promise<void> {
  const incident = await findCitedIncident(tx, incidentId);
  if (incident.exerciseId === row.exerciseId) return;
  const message = incident.exerciseId
    ? `${incidentId} is an incident of drill ${incident.exerciseId}: it may change only that drill's controls, not ${row.key}`
    : `${row.key} belongs to drill ${row.exerciseId}'s exercise space; a real incident (${incidentId}) may not change it`;
  throw new DomainError('forbidden', message, {
    details: { field: 'incident', control: row.key, rule: 'exercise-space' },
  });
}
