import type { Incident, MergeIncidentRequest } from '@firebreak/contract';
import { assertMergeable, type ChainedEntry, DomainError, type Status } from '@firebreak/core';
import { repointAlerts } from '../alerts/store';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import { repointControls } from '../controls/store';
import { announce } from '../incidents/change';
import { loadIncident } from '../incidents/load';
import { lockIncident, updateIncident } from '../incidents/store';
import { appendTimeline, type TimelineHead } from '../timeline/store';

/**
 * Merges a duplicate into the incident that carries on, in one transaction: the duplicate is
 * closed as a duplicate with a link to the other; its alerts, the controls it holds and the
 * approvals citing it move over; both timelines say so, and the surviving one records the
 * duplicate's chain head, so the closed timeline stays verifiable from the live one. Audited.
 */
export async function mergeIncident({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: MergeIncidentRequest;
}): Promise<{ incident: Incident; duplicate: Incident }> {
  const appended: ChainedEntry[] = [];
  const result = await ctx.db.transaction(async (tx) => {
    // Locked in id order, so two merges of the same pair cannot wait on each other.
    const [first, second] = [id, input.into].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
    const locked = new Map([[first!, await lockIncident(tx, first!)]]);
    if (second !== first) locked.set(second!, await lockIncident(tx, second!));
    const duplicate = locked.get(id)!;
    const into = locked.get(input.into)!;
    assertMergeable({ id, status: duplicate.status as Status }, { id: input.into, status: into.status as Status });
    if ((duplicate.exerciseId ?? null) !== (into.exerciseId ?? null))
      throw new DomainError(
        'forbidden',
        `${id} and ${input.into} are not in the same space: a drill's incident merges only with the same drill's (ADR 37)`,
        { details: { field: 'into', rule: 'exercise-space' } },
      );
    const at = ctx.now();
    const alerts = await repointAlerts(tx, id, input.into);
    const held = await repointControls(tx, id, input.into);
    const moved = { alerts, controls: held.controls, approvals: held.approvals };
    let dupHead: TimelineHead = duplicate;
    const onDuplicate = async (kind: 'merged_into' | 'status_changed', payload: Record<string, unknown>) => {
      const next = await appendTimeline(tx, dupHead, { at, actor: ctx.actor.name, kind, payload });
      appended.push(next.entry);
      dupHead = next;
    };
    await onDuplicate('merged_into', { into: input.into, reason: input.reason, ...moved });
    await onDuplicate('status_changed', {
      from: duplicate.status,
      to: 'closed',
      reason: `duplicate of ${input.into}: ${input.reason}`,
      mergedInto: input.into,
    });
    await updateIncident(tx, id, { status: 'closed' });
    const last = appended.at(-1)!;
    const onInto = await appendTimeline(tx, into, {
      at,
      actor: ctx.actor.name,
      kind: 'duplicate_merged',
      payload: {
        from: id,
        title: duplicate.title,
        reason: input.reason,
        ...moved,
        // The duplicate's chain as it was closed: its timeline can be checked against this.
        duplicateTimeline: { length: last.seq, headHash: last.hash },
      },
    });
    appended.push(onInto.entry);
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'incident.merged',
      subject: id,
      payload: { into: input.into, reason: input.reason, ...moved },
    });
    return {
      incident: await loadIncident(tx, input.into, at),
      duplicate: await loadIncident(tx, id, at),
    };
  });
  announce(ctx, appended);
  ctx.log.info({ incident: id, into: input.into }, 'incident merged');
  return result;
}
