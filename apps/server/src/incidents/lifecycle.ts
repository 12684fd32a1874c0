import type {
  AcknowledgeRequest,
  ChangeSeverityRequest,
  ChangeTypeRequest,
  EditIncidentRequest,
  Incident,
} from '@firebreak/contract';
import { assertChangeable, assertTransition, classify, invalid, type Status } from '@firebreak/core';
import type { Ctx } from '../context';
import { changeIncident } from './change';
import { updateIncident } from './store';

interface Input<T> {
  ctx: Ctx;
  id: string;
  input: T;
}

/** Records that a responder has taken the incident; the first acknowledgement stops the response clock. */
export function acknowledgeIncident({ ctx, id, input }: Input<AcknowledgeRequest>): Promise<Incident> {
  return changeIncident(ctx, id, async ({ tx, incident, at, record, reload }) => {
    assertChangeable(incident.status as Status, 'acknowledgement');
    const first = incident.acknowledgedAt === null;
    if (first) await updateIncident(tx, id, { acknowledgedAt: at, acknowledgedBy: ctx.actor.name });
    await record('acknowledged', { first, note: input.note ?? null });
    return reload();
  });
}

/**
 * Containment a triage rule applied counts as containment: an incident still in triage or
 * active moves to contained, through the lifecycle, with the rule as actor. One already further
 * along (contained, recovering) or finished is left where a person put it.
 */
export function containedByRule(ctx: Ctx, id: string, reason: string): Promise<void> {
  return changeIncident(ctx, id, async ({ tx, incident, record }) => {
    const from = incident.status as Status;
    if (from !== 'triage' && from !== 'active') return;
    assertTransition(from, 'contained', reason);
    await updateIncident(tx, id, { status: 'contained' });
    await record('status_changed', { from, to: 'contained', reason, automatic: true });
    ctx.log.info({ incident: id, from, to: 'contained', actor: ctx.actor.name }, 'incident contained by a rule');
  });
}

/** Changes severity with a reason; the response deadline runs again from now at the new SLA. */
export function changeSeverity({ ctx, id, input }: Input<ChangeSeverityRequest>): Promise<Incident> {
  return changeIncident(ctx, id, async ({ tx, incident, at, record, reload }) => {
    assertChangeable(incident.status as Status, 'severity changes');
    if (incident.severity === input.severity) throw invalid('severity', `the incident is already ${input.severity}`);
    await updateIncident(tx, id, { severity: input.severity, severitySetAt: at });
    await record('severity_changed', { from: incident.severity, to: input.severity, reason: input.reason });
    return reload();
  });
}

/** Reclassifies the incident: type, and category and driver (the new type's defaults unless given). */
export function changeType({ ctx, id, input }: Input<ChangeTypeRequest>): Promise<Incident> {
  return changeIncident(ctx, id, async ({ tx, incident, record, reload }) => {
    assertChangeable(incident.status as Status, 'reclassification');
    const { category, driver } = classify(input.type, input);
    if (incident.type === input.type && incident.category === category && incident.driver === driver) {
      throw invalid('type', `the incident is already ${input.type} (${category}, ${driver})`);
    }
    await updateIncident(tx, id, { type: input.type, category, driver });
    await record('type_changed', {
      from: { type: incident.type, category: incident.category, driver: incident.driver },
      to: { type: input.type, category, driver },
      reason: input.reason,
    });
    return reload();
  });
}

/** Edits title, summary, affected systems, near-miss flag or onset; each edit is on the timeline. */
export function editIncident({ ctx, id, input }: Input<EditIncidentRequest>): Promise<Incident> {
  return changeIncident(ctx, id, async ({ tx, incident, at, record, reload }) => {
    assertChangeable(incident.status as Status, 'edits');
    const { reason, onsetAt, ...fields } = input;
    const changes: { [key: string]: { from: unknown; to: unknown } } = {};
    const systems = fields.systems ? [...new Set(fields.systems)] : undefined;
    const next = { ...fields, ...(systems ? { systems } : {}) };
    for (const [key, value] of Object.entries(next)) {
      const before = incident[key as keyof typeof next];
      if (JSON.stringify(before) !== JSON.stringify(value)) changes[key] = { from: before ?? null, to: value };
    }
    if (Object.keys(changes).length > 0) {
      await updateIncident(tx, id, next);
      await record('details_edited', { changes, reason: reason ?? null });
    }
    if (onsetAt !== undefined) {
      if (Date.parse(onsetAt) > at.getTime()) throw invalid('onsetAt', 'must not be in the future');
      await record('onset_estimated', { onsetAt, source: 'responder', reason: reason ?? null });
    }
    if (Object.keys(changes).length === 0 && onsetAt === undefined)
      throw invalid('(root)', 'nothing to change: every field already has that value');
    return reload();
  });
}
