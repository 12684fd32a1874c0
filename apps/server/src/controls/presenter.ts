import type { Approval, Control, ControlChange } from '@firebreak/contract';
import { servedState } from '@firebreak/core';
import type { ApprovalRow, ControlChangeRow, ControlRow } from './store';

/** A stored control as the API and the SDK see it. */
export function presentControl(row: ControlRow): Control {
  const definition = row.definition;
  return {
    key: row.key,
    system: row.system,
    exercise: row.exerciseId,
    name: row.name,
    kind: definition.kind,
    description: definition.description ?? null,
    failMode: definition.kind === 'kill_switch' || definition.kind === 'queue' ? definition.failMode : null,
    target: definition.kind === 'route' ? definition.target : null,
    versions: definition.kind === 'route' ? definition.versions : null,
    // A bundle route's state carries its active (and canary) bundle's contents.
    state: definition.kind === 'route' ? servedState(row.state, definition.bundles) : row.state,
    seq: row.seq,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: row.updatedBy,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    incidentId: row.incidentId,
  };
}

export function presentChange(row: ControlChangeRow): ControlChange {
  return {
    seq: row.seq,
    key: row.key,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action as ControlChange['action'],
    reason: row.reason,
    incidentId: row.incidentId,
    before: row.before ?? null,
    after: row.after,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    approvedBy: row.approvedBy,
  };
}

export function presentApproval(row: ApprovalRow): Approval {
  return {
    id: row.id,
    key: row.key,
    status: row.status as Approval['status'],
    why: row.why,
    change: row.change,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionReason: row.decisionReason,
  };
}
