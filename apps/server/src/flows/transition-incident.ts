import type { Incident, TransitionRequest } from '@firebreak/contract';
import {
  assertResolvable,
  assertTransition,
  DomainError,
  isFinished,
  type Severity,
  type Status,
} from '@firebreak/core';
import type { Ctx } from '../context';
import { standingContainment } from '../controls/standing';
import { changeIncident } from '../incidents/change';
import { currentRoles, updateIncident } from '../incidents/store';
import { closeCheckIn } from '../postmortems/closing';

// A flow: ending an incident reads what its systems' controls still hold.

/**
 * Moves an incident along its lifecycle, refusing moves the lifecycle does not allow and a
 * SEV1/SEV2 resolved by nobody in charge, or closed before its postmortem is published and its
 * residual risk accepted. Ending it (resolved, closed, dismissed) warns, in the
 * response and on the timeline, about containment still in effect and approvals still pending.
 */
export function transitionIncident({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: TransitionRequest;
}): Promise<Incident> {
  return changeIncident(ctx, id, async ({ tx, incident, record, reload }) => {
    const from = incident.status as Status;
    assertTransition(from, input.status, input.reason);
    if (input.status === 'resolved') {
      const roles = (await currentRoles(tx, [id])).get(id) ?? [];
      assertResolvable({
        severity: incident.severity as Severity,
        acknowledged: incident.acknowledgedAt !== null,
        commander: roles.find((role) => role.role === 'incident_commander')?.person ?? null,
        reason: input.reason,
      });
    }
    if (input.status === 'closed') {
      // What closing needs (a published postmortem, accepted residual risk) is named all at once.
      const check = await closeCheckIn(tx, id, ctx.now());
      const missing = check.missing.filter((gap) => gap.requirement !== 'status');
      if (missing.length > 0)
        throw new DomainError(
          'invalid_transition',
          `status: closing ${id} needs ${missing.map((gap) => gap.message).join('; ')} (or an admin waives it with a reason)`,
          {
            details: {
              issues: missing.map((gap) => ({ path: gap.requirement, message: gap.message })),
              from,
              to: 'closed',
            },
          },
        );
    }
    const warnings = isFinished(input.status) ? await standingContainment(tx, incident.systems) : [];
    await updateIncident(tx, id, { status: input.status });
    await record('status_changed', {
      from,
      to: input.status,
      reason: input.reason ?? null,
      ...(warnings.length > 0 ? { warnings } : {}),
    });
    ctx.log.info({ incident: id, from, to: input.status }, 'incident status changed');
    const moved = await reload();
    return warnings.length > 0 ? { ...moved, warnings } : moved;
  });
}
