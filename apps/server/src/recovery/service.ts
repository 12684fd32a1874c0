import type { RecoveryCheckRequest, RecoveryGate } from '@firebreak/contract';
import { DomainError, invalid, isOpen, type Status } from '@firebreak/core';
import type { Ctx } from '../context';
import { changeIncident } from '../incidents/change';
import { loadIncident } from '../incidents/load';
import { checklistFor, gateOf, recoverySettings, runRecoveryCheck } from './gate';

/**
 * An incident's recovery gate: its checklist with each item's last result, and its verification,
 * as it stands for the caller (an attestation of their own does not count for a change of theirs).
 */
export async function getRecoveryGate({ ctx, id }: { ctx: Ctx; id: string }): Promise<RecoveryGate> {
  const now = ctx.now();
  const incident = await loadIncident(ctx.db, id, now);
  return gateOf(ctx.db, incident, await recoverySettings(ctx.db), now, ctx.actor.name);
}

/**
 * Checks one item of an incident's recovery gate (Firebreak runs a quiet or evaluation check; an
 * attestation is recorded as the caller's) and puts the result, passed or not, with its figures
 * on the incident's timeline. The check reads telemetry outside the incident's lock; only the
 * entry is written under it.
 */
export async function checkRecoveryItem({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: RecoveryCheckRequest;
}): Promise<RecoveryGate> {
  const now = ctx.now();
  const incident = await loadIncident(ctx.db, id, now);
  if (!isOpen(incident.status as Status))
    throw new DomainError('conflict', `${id} is ${incident.status}: its recovery gate no longer holds anything back`);
  const checklist = checklistFor(await recoverySettings(ctx.db), incident.type);
  const item = checklist.find((candidate) => candidate.id === input.item);
  if (!item)
    throw invalid(
      'item',
      `${id}'s recovery gate has no item ${input.item} (it has ${checklist.map((i) => i.id).join(', ')})`,
    );
  const outcome = await runRecoveryCheck(ctx.db, incident, item, input, now);
  await changeIncident(ctx, id, ({ record }) =>
    record('recovery_checked', {
      item: item.id,
      kind: item.kind,
      passed: outcome.passed,
      summary: outcome.summary,
      details: outcome.details,
      url: input.url ?? null,
      reason: input.note ?? null,
    }),
  );
  return getRecoveryGate({ ctx, id });
}
