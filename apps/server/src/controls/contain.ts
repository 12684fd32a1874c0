import type { ContainAction, TriageRule } from '@firebreak/contract';
import { isDomainError } from '@firebreak/core';
import type { Ctx } from '../context';
import { changeIncident } from '../incidents/change';
import { changeControl, rollbackControl } from './service';

interface AlertRef {
  id: string;
  system: string;
  signal: string;
  level: string;
}

/** The control an action names: one of the alert's system, or a full key. */
export function containKey(action: ContainAction, system: string): string {
  const ref = 'kill' in action ? action.kill : 'rollback' in action ? action.rollback : action.control;
  return ref.includes('.') ? ref : `${system}.${ref}`;
}

/**
 * Auto-containment: applies a rule's `contain` actions with the rule as actor and the incident
 * as the reason, each on the incident's timeline. A control already in that state is left
 * alone; one that cannot be changed (missing, refused) is noted on the timeline for a person,
 * and never stops triage.
 */
export async function containForRule(ctx: Ctx, rule: TriageRule, alert: AlertRef, incidentId: string): Promise<void> {
  for (const action of rule.then.contain) {
    const key = containKey(action, alert.system);
    const common = {
      reason: `triage rule ${rule.id} on alert ${alert.id} (${alert.signal} ${alert.level})`,
      incident: incidentId,
      ...(action.expiresIn ? { expiresIn: action.expiresIn } : {}),
    };
    try {
      if ('rollback' in action) await rollbackControl({ ctx, key, input: common });
      else
        await changeControl({
          ctx,
          key,
          input: { ...('kill' in action ? { enabled: false } : action.set), ...common },
        });
    } catch (error) {
      if (isDomainError(error, 'validation_failed') && /nothing to change: the control is already/.test(error.message))
        continue;
      const message = error instanceof Error ? error.message : String(error);
      ctx.log.warn({ rule: rule.id, control: key, err: error }, 'auto-containment failed');
      await changeIncident(ctx, incidentId, ({ record }) =>
        record('note_added', { text: `Triage rule ${rule.id} could not apply containment to ${key}: ${message}` }),
      );
    }
  }
}
