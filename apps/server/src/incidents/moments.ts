import type { Incident, IsolatedRequest } from '@firebreak/contract';
import { DomainError, invalid } from '@firebreak/core';
import type { Ctx } from '../context';
import { readTimeline } from '../timeline/store';
import { changeIncident } from './change';

/**
 * Stars (or unstars) an entry of the incident's timeline as a key moment; the postmortem's
 * timeline leads with these. The mark is itself an entry, so who starred what, and when, is on
 * the record. Allowed on finished incidents: the postmortem is written after them.
 */
export function markKeyMoment({
  ctx,
  id,
  seq,
  key,
  reason,
}: {
  ctx: Ctx;
  id: string;
  seq: number;
  key: boolean;
  reason?: string | undefined;
}): Promise<{ incidentId: string; seq: number; key: boolean }> {
  return changeIncident(ctx, id, async ({ incident, record }) => {
    if (seq > incident.timelineLength)
      throw new DomainError('not_found', `${id} has no timeline entry ${seq} (it has ${incident.timelineLength})`, {
        details: { id, seq },
      });
    await record('key_moment_marked', { seq, key, reason: reason ?? null });
    return { incidentId: id, seq, key };
  });
}

/** The sequence numbers currently starred, from the marks in order (the last mark of an entry wins). */
export function keyMoments(entries: ReadonlyArray<{ kind: string; payload: unknown }>): Set<number> {
  const keys = new Set<number>();
  for (const entry of entries) {
    if (entry.kind !== 'key_moment_marked') continue;
    const { seq, key } = entry.payload as { seq: number; key: boolean };
    if (key) keys.add(seq);
    else keys.delete(seq);
  }
  return keys;
}

/**
 * The tech lead marks the cause identified: the "isolated" moment between acknowledgement and
 * containment in the response figures. Marking again moves it (the last mark counts).
 */
export function markIsolated({ ctx, id, input }: { ctx: Ctx; id: string; input: IsolatedRequest }): Promise<Incident> {
  return changeIncident(ctx, id, async ({ at, record, reload, tx }) => {
    const isolatedAt = input.at ? new Date(input.at) : at;
    if (isolatedAt.getTime() > at.getTime() + 60_000) throw invalid('at', 'cannot be in the future');
    const declared = (await readTimeline(tx, id))[0];
    if (declared && isolatedAt.getTime() < Date.parse(declared.at) - 7 * 86_400_000)
      throw invalid('at', 'is more than a week before the incident was declared');
    await record('cause_isolated', { isolatedAt: isolatedAt.toISOString(), cause: input.cause });
    return reload();
  });
}
