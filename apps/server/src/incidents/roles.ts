import type { AssignRoleRequest, Incident } from '@firebreak/contract';
import { assertChangeable, DomainError, type Status } from '@firebreak/core';
import type { Ctx } from '../context';
import { changeIncident } from './change';
import { insertRole, relieveRole } from './store';

/**
 * Seats a person in an incident role, relieving whoever held it; `person: null` leaves the role
 * vacant. The full history of who held which role when is kept.
 */
export function assignRole({ ctx, id, input }: { ctx: Ctx; id: string; input: AssignRoleRequest }): Promise<Incident> {
  return changeIncident(ctx, id, async ({ tx, incident, at, record, reload }) => {
    assertChangeable(incident.status as Status, 'role changes');
    const previous = await relieveRole(tx, id, input.role, at, ctx.actor.name);
    if (input.person === null) {
      if (!previous)
        throw new DomainError('conflict', `role: nobody holds ${input.role} on ${id}`, {
          details: { role: input.role },
        });
      await record('role_relieved', { role: input.role, person: previous.person, reason: input.reason ?? null });
      return reload();
    }
    if (previous?.person === input.person) {
      throw new DomainError('conflict', `person: ${input.person} already holds ${input.role} on ${id}`, {
        details: { role: input.role },
      });
    }
    await insertRole(tx, {
      incidentId: id,
      role: input.role,
      person: input.person,
      since: at,
      assignedBy: ctx.actor.name,
    });
    await record('role_assigned', {
      role: input.role,
      person: input.person,
      previous: previous?.person ?? null,
      reason: input.reason ?? null,
    });
    return reload();
  });
}
