import type {
  CloseCheck,
  CloseWaiverRequest,
  ContributingFactor,
  RelatedIncidents,
  ResidualRiskRequest,
} from '@firebreak/contract';
import {
  type ActionStatus,
  closeGaps,
  DomainError,
  isActionFinished,
  isActionOverdue,
  isRepeat,
  type PostmortemStatus,
} from '@firebreak/core';
import { actionsOfIncidents } from '../actions/store';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { changeIncident } from '../incidents/change';
import { loadIncident } from '../incidents/load';
import { findIncident, incidentsOnSystems } from '../incidents/store';
import { displayNames, postmortemSettings, requirePerson } from '../oncall/people';
import { readTimeline } from '../timeline/store';
import { findPostmortem, postmortemsOf } from './store';

type Requirement = 'postmortem' | 'residual_risk';

interface ClosingRecord {
  residualRisk: CloseCheck['residualRisk'];
  waived: CloseCheck['waived'];
}

/** Residual-risk acceptance and waivers, from the incident's timeline (the last acceptance counts). */
async function closingRecord(tx: Tx, id: string): Promise<ClosingRecord> {
  let residualRisk: CloseCheck['residualRisk'] = null;
  const waived: CloseCheck['waived'] = [];
  for (const entry of await readTimeline(tx, id)) {
    const payload = entry.payload as Record<string, unknown>;
    if (entry.kind === 'residual_risk_accepted')
      residualRisk = {
        acceptedBy: String(payload.acceptedBy),
        risk: String(payload.risk),
        at: entry.at,
        recordedBy: entry.actor,
      };
    if (entry.kind === 'close_requirement_waived')
      for (const requirement of (payload.waive as string[]) ?? [])
        waived.push({ requirement, by: entry.actor, at: entry.at, reason: String(payload.reason) });
  }
  return { residualRisk, waived };
}

/** What closing the incident still needs (read in the caller's transaction). */
export async function closeCheckIn(tx: Tx, id: string, now: Date): Promise<CloseCheck> {
  const incident = await loadIncident(tx, id, now);
  const [postmortem, record, settings, actions] = await Promise.all([
    findPostmortem(tx, id),
    closingRecord(tx, id),
    postmortemSettings(tx),
    actionsOfIncidents(tx, [id]),
  ]);
  const waivedSet = new Set(record.waived.map((w) => w.requirement as Requirement));
  const gaps = closeGaps(
    {
      severity: incident.severity,
      nearMiss: incident.nearMiss,
      postmortem: (postmortem?.status as PostmortemStatus | undefined) ?? null,
      residualRiskAcceptedBy: record.residualRisk?.acceptedBy ?? null,
      waived: waivedSet,
    },
    settings,
  );
  const missing: CloseCheck['missing'] = gaps.map((gap) => ({ requirement: gap.requirement, message: gap.message }));
  if (incident.status !== 'resolved' && incident.status !== 'closed')
    missing.unshift({ requirement: 'status', message: `the incident is ${incident.status}; resolve it first` });
  return {
    incidentId: id,
    status: incident.status,
    ready: incident.status === 'resolved' && missing.length === 0,
    required: !incident.nearMiss && settings.requiredFor.includes(incident.severity),
    postmortem: (postmortem?.status as PostmortemStatus | undefined) ?? null,
    residualRisk: record.residualRisk,
    waived: record.waived,
    missing,
    openActions: actions.filter((action) => !isActionFinished(action.status as ActionStatus)).length,
  };
}

export async function closeCheck({ ctx, id }: { ctx: Ctx; id: string }): Promise<CloseCheck> {
  return closeCheckIn(ctx.db, id, ctx.now());
}

/** A named person accepts the risk that remains after the incident: a requirement for closing a SEV1/SEV2. */
export function acceptResidualRisk({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: ResidualRiskRequest;
}): Promise<CloseCheck> {
  return changeIncident(ctx, id, async ({ tx, at, record, incident }) => {
    if (incident.status === 'closed' || incident.status === 'dismissed')
      throw new DomainError(
        'invalid_transition',
        `status: ${id} is ${incident.status}; there is nothing left to accept`,
      );
    const person = await requirePerson(tx, input.acceptedBy, 'acceptedBy');
    await record('residual_risk_accepted', {
      acceptedBy: person.id,
      acceptedByName: person.name,
      risk: input.risk,
      reason: input.reason ?? null,
    });
    return closeCheckIn(tx, id, at);
  });
}

/** An admin waives what closing needs, with a reason on the timeline. */
export function waiveClose({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: CloseWaiverRequest;
}): Promise<CloseCheck> {
  return changeIncident(ctx, id, async ({ tx, at, record, incident }) => {
    if (ctx.actor.role !== 'admin')
      throw new DomainError('forbidden', 'only an admin may waive what closing an incident needs', {
        details: { role: ctx.actor.role },
      });
    if (incident.status === 'closed' || incident.status === 'dismissed')
      throw new DomainError('invalid_transition', `status: ${id} is ${incident.status} already`);
    await record('close_requirement_waived', { waive: [...new Set(input.waive)], reason: input.reason });
    return closeCheckIn(tx, id, at);
  });
}

/** The contributing-factor categories of a postmortem row. */
function factorsOf(sections: Record<string, { factors?: ContributingFactor[] }> | undefined): ContributingFactor[] {
  return sections?.factors?.factors ?? [];
}

/**
 * Earlier incidents like this one: on one of its systems, and of the same type or sharing a
 * contributing-factor category, with their postmortem and the actions they left open.
 */
export async function relatedIncidents({ ctx, id }: { ctx: Ctx; id: string }): Promise<RelatedIncidents> {
  const now = ctx.now();
  const current = await findIncident(ctx.db, id);
  const currentPostmortem = await findPostmortem(ctx.db, id);
  const currentFactors = factorsOf(currentPostmortem?.sections).map((factor) => factor.category);
  const earlier = (await incidentsOnSystems(ctx.db, current.systems, current.declaredAt)).filter(
    (row) => row.id !== id && row.status !== 'dismissed',
  );
  const postmortems = new Map(
    (
      await postmortemsOf(
        ctx.db,
        earlier.map((row) => row.id),
      )
    ).map((p) => [p.incidentId, p]),
  );
  const actions = await actionsOfIncidents(
    ctx.db,
    earlier.map((row) => row.id),
  );
  const name = await displayNames(ctx.db);
  const related: RelatedIncidents['related'] = [];
  for (const row of earlier) {
    const postmortem = postmortems.get(row.id);
    const factors = factorsOf(postmortem?.sections);
    const match = isRepeat(
      { systems: current.systems, type: current.type, factors: currentFactors },
      { systems: row.systems, type: row.type, factors: factors.map((factor) => factor.category) },
    );
    if (!match) continue;
    related.push({
      incidentId: row.id,
      title: row.title,
      type: row.type as RelatedIncidents['related'][number]['type'],
      severity: row.severity as RelatedIncidents['related'][number]['severity'],
      status: row.status as RelatedIncidents['related'][number]['status'],
      declaredAt: row.declaredAt.toISOString(),
      systems: row.systems,
      sameType: match.sameType,
      factors: match.factors as RelatedIncidents['related'][number]['factors'],
      postmortem: postmortem
        ? {
            status: postmortem.status as PostmortemStatus,
            summary: postmortem.sections.summary?.body ?? '',
            factors,
          }
        : null,
      openActions: actions
        .filter((action) => action.incidentId === row.id && !isActionFinished(action.status as ActionStatus))
        .map((action) => ({
          id: action.id,
          title: action.title,
          owner: name(action.owner),
          dueAt: action.dueAt?.toISOString() ?? null,
          overdue: isActionOverdue(
            { status: action.status as ActionStatus, dueAt: action.dueAt?.toISOString() ?? null },
            now,
          ),
        })),
    });
  }
  return { incidentId: id, related };
}
