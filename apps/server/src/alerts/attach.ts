import type { Alert, AttachAlertRequest, Incident, IncidentListQuery } from '@firebreak/contract';
import { assertChangeable, DomainError, type Status } from '@firebreak/core';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import { presentRows } from '../incidents/load';
import { findCitedIncident, listIncidents } from '../incidents/store';
import { linkAlert } from './link';
import { alertChanged, presentAlert } from './presenter';
import { requireAlert } from './store';

/**
 * Puts an alert on an incident that is already open (the same failure seen again, or by another
 * monitor), instead of opening a second incident for it: on the incident's timeline, audited.
 */
export async function attachAlert({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: AttachAlertRequest;
}): Promise<Alert> {
  const row = await ctx.db.transaction(async (tx) => {
    const alert = await requireAlert(tx, id);
    const incident = await findCitedIncident(tx, input.incident);
    if ((alert.exerciseId ?? null) !== (incident.exerciseId ?? null))
      throw new DomainError(
        'forbidden',
        alert.exerciseId
          ? `alert ${id} belongs to drill ${alert.exerciseId}; it may go only on that drill's incidents, not ${input.incident}`
          : `${input.incident} is an incident of drill ${incident.exerciseId}; a real alert (${id}) may not go on it`,
        { details: { field: 'incident', rule: 'exercise-space' } },
      );
    if (alert.incidentId === input.incident)
      throw new DomainError('conflict', `alert ${id} is already on ${input.incident}`, {
        details: { incidentId: alert.incidentId },
      });
    if (alert.incidentId)
      throw new DomainError(
        'conflict',
        `alert ${id} is on ${alert.incidentId}; if the two incidents are one, merge them: firebreak incident merge ${alert.incidentId} --into ${input.incident} --reason …`,
        { details: { incidentId: alert.incidentId } },
      );
    assertChangeable(incident.status as Status, 'new alerts');
    await linkAlert({ ...ctx, db: tx }, alert, input.incident, undefined, {
      attachedBy: ctx.actor.name,
      reason: input.reason ?? null,
    });
    await appendAudit(tx, {
      at: ctx.now(),
      actor: ctx.actor.name,
      action: 'alert.attached',
      subject: id,
      payload: { incident: input.incident, reason: input.reason ?? null },
    });
    return { ...alert, incidentId: input.incident };
  });
  ctx.events.publish(alertChanged(row, 'incident_opened'));
  return presentAlert(row);
}

/** The open incidents of the alert's system, newest first: where it may belong before anyone opens another. */
export async function openIncidentsForAlert({ ctx, id }: { ctx: Ctx; id: string }): Promise<{ incidents: Incident[] }> {
  const alert = await requireAlert(ctx.db, id);
  const query: IncidentListQuery = { system: alert.system, open: true, exercise: 'include', limit: 50, offset: 0 };
  const { rows } = await listIncidents(ctx.db, query);
  return { incidents: await presentRows(ctx.db, rows, ctx.now()) };
}
