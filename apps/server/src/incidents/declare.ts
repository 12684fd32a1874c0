import type { DeclareIncidentRequest, Incident } from '@firebreak/contract';
import { type ChainedEntry, classify, GENESIS_HASH, invalid } from '@firebreak/core';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { enqueueNotifications, type NewNotification } from '../notifications/enqueue';
import { planIncident } from '../notifications/plan';
import { exercisesOfSystems, missingSystems } from '../systems/store';
import { appendTimeline } from '../timeline/store';
import { announce } from './change';
import { loadIncident } from './load';
import { insertIncident, insertRole, nextIncidentNumber } from './store';

// Clocks drift; a detection time a little ahead of ours is skew, not a mistake.
const FUTURE_SKEW_MS = 60_000;

/** Who to tell about a new incident, decided by the caller (the notification matrix, later). */
export type DeclareNotifier = (incident: Incident) => readonly NewNotification[];

/**
 * Declares an incident: reserves its id, writes it with the `declared` entry that opens its
 * timeline, seats the incident commander if one was named, and queues the notifications
 * `notify` asks for (ADR 22), all in one transaction.
 */
export async function declareIncident({
  ctx,
  input,
  notify,
}: {
  ctx: Ctx;
  input: DeclareIncidentRequest;
  notify?: DeclareNotifier;
}): Promise<Incident> {
  const at = ctx.now();
  const { category, driver } = classify(input.type, input);
  const systems = [...new Set(input.systems)];

  const appended: ChainedEntry[] = [];
  const incident = await ctx.db.transaction(async (tx) => {
    const exerciseId = await exerciseOf(tx, systems);
    // A drill's telemetry runs on its clock, ahead of ours when sped up: its moments are taken
    // as now at the latest (ADR 37).
    if (exerciseId) input = drillMoments(input, at);
    const detectedAt = input.detectedAt ?? at.toISOString();
    checkClock(input, detectedAt, at);
    const number = await nextIncidentNumber(tx);
    const id = `INC-${number}`;
    await insertIncident(tx, {
      id,
      number,
      title: input.title,
      summary: input.summary ?? null,
      type: input.type,
      category,
      driver,
      severity: input.severity,
      severitySetAt: at,
      status: 'triage',
      nearMiss: input.nearMiss,
      systems,
      declaredAt: at,
      declaredBy: ctx.actor.name,
      updatedAt: at,
      timelineLength: 0,
      timelineHead: GENESIS_HASH,
      exerciseId,
    });
    let head = await appendTimeline(
      tx,
      { id, timelineLength: 0, timelineHead: GENESIS_HASH },
      {
        at,
        actor: ctx.actor.name,
        kind: 'declared',
        payload: {
          title: input.title,
          summary: input.summary ?? null,
          type: input.type,
          category,
          driver,
          severity: input.severity,
          status: 'triage',
          nearMiss: input.nearMiss,
          systems,
          detectedAt,
          onsetAt: input.onsetAt ?? null,
        },
      },
    );
    appended.push(head.entry);
    if (input.commander) {
      await insertRole(tx, {
        incidentId: id,
        role: 'incident_commander',
        person: input.commander,
        since: at,
        assignedBy: ctx.actor.name,
      });
      head = await appendTimeline(tx, head, {
        at,
        actor: ctx.actor.name,
        kind: 'role_assigned',
        payload: { role: 'incident_commander', person: input.commander, previous: null },
      });
      appended.push(head.entry);
    }
    const unknown = await missingSystems(tx, systems);
    const loaded = await loadIncident(tx, id, at);
    if (notify) await enqueueNotifications(tx, notify(loaded), at);
    // The matrix's notifications commit with the incident, or not at all (the outbox, ADR 22).
    if (ctx.notify) await enqueueNotifications(tx, (await planIncident(tx, ctx.notify, loaded, at)).rows, at);
    return unknown.length === 0 ? loaded : { ...loaded, warnings: unknown.map(uncatalogued) };
  });
  announce(ctx, appended);
  ctx.log.info({ incident: incident.id, severity: incident.severity, type: incident.type }, 'incident declared');
  return incident;
}

/**
 * The drill an incident belongs to: a drill's incident is about its exercise space alone, so a
 * real system and a drill's copy (or two drills' copies) never share one (ADR 37).
 */
async function exerciseOf(tx: Tx, systems: readonly string[]): Promise<string | null> {
  const drills = await exercisesOfSystems(tx, systems);
  if (drills.size === 0) return null;
  const ids = new Set(drills.values());
  const [exerciseId] = ids;
  if (ids.size > 1 || drills.size < systems.length)
    throw invalid(
      'systems',
      `${[...drills.keys()].join(', ')} belong${drills.size === 1 ? 's' : ''} to drill ${[...ids].join(', ')}: an incident is either a drill's, on its exercise space alone, or real`,
    );
  return exerciseId ?? null;
}

function drillMoments(input: DeclareIncidentRequest, now: Date): DeclareIncidentRequest {
  const cap = (iso: string | undefined) => (iso !== undefined && iso > now.toISOString() ? now.toISOString() : iso);
  const detectedAt = cap(input.detectedAt);
  const onsetAt = cap(input.onsetAt);
  return {
    ...input,
    ...(detectedAt !== undefined ? { detectedAt } : {}),
    ...(onsetAt !== undefined
      ? { onsetAt: detectedAt !== undefined && onsetAt > detectedAt ? detectedAt : onsetAt }
      : {}),
  };
}

function uncatalogued(id: string): string {
  return `system ${id} is not in the catalog yet; add its system card with: firebreak system apply -f firebreak.yaml`;
}

function checkClock(input: DeclareIncidentRequest, detectedAt: string, now: Date): void {
  const latest = now.getTime() + FUTURE_SKEW_MS;
  if (Date.parse(detectedAt) > latest) throw invalid('detectedAt', 'must not be in the future');
  if (input.onsetAt !== undefined) {
    if (Date.parse(input.onsetAt) > latest) throw invalid('onsetAt', 'must not be in the future');
    if (input.onsetAt > detectedAt) throw invalid('onsetAt', `must not be after detectedAt (${detectedAt})`);
  }
}
