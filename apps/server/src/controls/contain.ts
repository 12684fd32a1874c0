import type { ContainAction, TriageRule } from '@firebreak/contract';
import { isDomainError } from '@firebreak/core';
import type { Ctx } from '../context';
import { changeIncident } from '../incidents/change';
import { containedByRule } from '../incidents/lifecycle';
import { applyPreset, listPresetsView } from './presets';
import { changeControl, rollbackControl } from './service';

interface AlertRef {
  id: string;
  system: string;
  signal: string;
  level: string;
}

/** The control an action names: one of the alert's system, or a full key. */
export function containKey(action: Exclude<ContainAction, { preset: string }>, system: string): string {
  const ref = 'kill' in action ? action.kill : 'rollback' in action ? action.rollback : action.control;
  return ref.includes('.') ? ref : `${system}.${ref}`;
}

/**
 * Auto-containment: applies a rule's `contain` actions with the rule as actor and the incident
 * as the reason, each on the incident's timeline. A control already in that state is left
 * alone; one that cannot be changed (missing, refused, waiting for approval) is noted on the
 * timeline for a person, and never stops triage. When every action is in effect, the incident
 * is contained: the rule moves it there (docs/adr/0018), which stops its containment clock.
 */
export async function containForRule(ctx: Ctx, rule: TriageRule, alert: AlertRef, incidentId: string): Promise<void> {
  if (rule.then.contain.length === 0) return;
  const held: string[] = [];
  let complete = true;
  for (const action of rule.then.contain) {
    if ('preset' in action) {
      if (!(await presetForRule(ctx, rule, action.preset, alert, incidentId))) complete = false;
      else held.push(`${alert.system} preset ${action.preset}`);
      continue;
    }
    const key = containKey(action, alert.system);
    const common = {
      reason: `triage rule ${rule.id} on alert ${alert.id} (${alert.signal} ${alert.level})`,
      incident: incidentId,
      ...(action.expiresIn ? { expiresIn: action.expiresIn } : {}),
    };
    try {
      const done =
        'rollback' in action
          ? await rollbackControl({ ctx, key, input: common })
          : await changeControl({
              ctx,
              key,
              input: { ...('kill' in action ? { enabled: false } : action.set), ...common },
            });
      if (done.outcome === 'applied') held.push(key);
      else {
        complete = false;
        await changeIncident(ctx, incidentId, ({ record }) =>
          record('note_added', {
            text: `Triage rule ${rule.id} asked to change ${key}; it waits for approval ${done.approval?.id ?? ''}`.trim(),
          }),
        );
      }
    } catch (error) {
      if (
        isDomainError(error, 'validation_failed') &&
        /nothing to change: the control is already/.test(error.message)
      ) {
        held.push(key);
        continue;
      }
      complete = false;
      const message = error instanceof Error ? error.message : String(error);
      ctx.log.warn({ rule: rule.id, control: key, err: error }, 'auto-containment failed');
      await changeIncident(ctx, incidentId, ({ record }) =>
        record('note_added', { text: `Triage rule ${rule.id} could not apply containment to ${key}: ${message}` }),
      );
    }
  }
  if (complete) await containedByRule(ctx, incidentId, `triage rule ${rule.id} contained it: ${held.join(', ')}`);
}

/**
 * A rule's `{ preset }` (or `{ preset: tier }`, the preset the system's tiers give the rule's
 * severity): applied as one change, with the rule as actor. A preset already in force counts as
 * held; one that cannot be applied is noted on the timeline for a person.
 */
async function presetForRule(
  ctx: Ctx,
  rule: TriageRule,
  name: string,
  alert: AlertRef,
  incidentId: string,
): Promise<boolean> {
  try {
    const { presets, tiers } = await listPresetsView({ ctx, system: alert.system });
    const severity = rule.then.severity;
    const id = name === 'tier' ? tiers[severity] : name;
    if (!id) throw new Error(`${alert.system} names no preset for ${severity} in its tiers`);
    if (presets.find((preset) => preset.id === id)?.applied) return true;
    await applyPreset({
      ctx,
      system: alert.system,
      preset: id,
      input: {
        reason: `triage rule ${rule.id} on alert ${alert.id} (${alert.signal} ${alert.level})`,
        incident: incidentId,
      },
    });
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.warn({ rule: rule.id, preset: name, err: error }, 'auto-containment preset failed');
    await changeIncident(ctx, incidentId, ({ record }) =>
      record('note_added', { text: `Triage rule ${rule.id} could not apply preset ${name}: ${message}` }),
    );
    return false;
  }
}
