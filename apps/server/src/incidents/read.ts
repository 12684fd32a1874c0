import type {
  Incident,
  IncidentList,
  IncidentListQuery,
  TimelineEntry,
  TimelineVerification,
} from '@firebreak/contract';
import { type ChainedEntry, DomainError, verifyChain } from '@firebreak/core';
import type { Ctx } from '../context';
import { readTimeline } from '../timeline/store';
import { loadIncident, presentRows } from './load';
import { keyMoments } from './moments';
import { presentRoleAssignment } from './presenter';
import { presentDecision, presentEvidence, presentStatusUpdate } from './records-presenter';
import { findEvidence, getBlob, listDecisions, listEvidence, listStatusUpdates } from './records-store';
import { findIncident, listIncidents, roleHistory } from './store';

export async function listIncidentsView({ ctx, query }: { ctx: Ctx; query: IncidentListQuery }): Promise<IncidentList> {
  const { rows, total } = await listIncidents(ctx.db, query);
  return { incidents: await presentRows(ctx.db, rows, ctx.now()), total };
}

/** Everything about one incident a responder opens it for, timeline apart. */
export async function getIncidentDetail({ ctx, id }: { ctx: Ctx; id: string }) {
  const incident = await loadIncident(ctx.db, id, ctx.now());
  const [roles, decisions, evidence, statusUpdates, timeline] = await Promise.all([
    roleHistory(ctx.db, id),
    listDecisions(ctx.db, id),
    listEvidence(ctx.db, id),
    listStatusUpdates(ctx.db, id),
    readTimeline(ctx.db, id),
  ]);
  return {
    ...incident,
    roleHistory: roles.map(presentRoleAssignment),
    decisions: decisions.map(presentDecision),
    evidence: evidence.map(presentEvidence),
    statusUpdates: statusUpdates.map(presentStatusUpdate),
    rulesApplied: timeline.filter((entry) => entry.kind === 'rule_applied').map(presentRuleApplied),
    mergedInto:
      payloadOf(
        timeline.findLast((entry) => entry.kind === 'merged_into'),
        'into',
      ) ?? null,
    duplicates: timeline
      .filter((entry) => entry.kind === 'duplicate_merged')
      .map((entry) => payloadOf(entry, 'from') ?? '?'),
  } satisfies Incident & Record<string, unknown>;
}

function payloadOf(entry: ChainedEntry | undefined, key: string): string | undefined {
  const value = (entry?.payload as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** A triage rule's decision as its timeline entry recorded it: what must be done by when, and who is told. */
function presentRuleApplied(entry: ChainedEntry): RuleApplied {
  const payload = entry.payload as Partial<RuleApplied>;
  return {
    rule: payload.rule ?? '?',
    description: payload.description ?? null,
    appliedAt: entry.at,
    actions: payload.actions ?? [],
    notify: payload.notify ?? [],
  };
}

export interface RuleApplied {
  rule: string;
  description: string | null;
  appliedAt: string;
  actions: Array<{ action: string; role: string | null; due: string }>;
  notify: string[];
}

type One = { ctx: Ctx; id: string };

export async function listDecisionsView({ ctx, id }: One) {
  await findIncident(ctx.db, id);
  return { decisions: (await listDecisions(ctx.db, id)).map(presentDecision) };
}

export async function listEvidenceView({ ctx, id }: One) {
  await findIncident(ctx.db, id);
  return { evidence: (await listEvidence(ctx.db, id)).map(presentEvidence) };
}

export async function listStatusUpdatesView({ ctx, id }: One) {
  await findIncident(ctx.db, id);
  return { statusUpdates: (await listStatusUpdates(ctx.db, id)).map(presentStatusUpdate) };
}

export async function getTimeline({
  ctx,
  id,
}: {
  ctx: Ctx;
  id: string;
}): Promise<{ incidentId: string; entries: TimelineEntry[] }> {
  await findIncident(ctx.db, id);
  const entries = await readTimeline(ctx.db, id);
  const keys = keyMoments(entries);
  return {
    incidentId: id,
    entries: entries.map(({ incidentId: _id, ...entry }) => ({
      ...entry,
      kind: entry.kind as TimelineEntry['kind'],
      payload: entry.payload as Record<string, unknown>,
      ...(keys.has(entry.seq) ? { key: true } : {}),
    })),
  };
}

/**
 * Re-reads the incident's timeline straight from the store and checks its hash chain against
 * the head recorded on the incident: an altered, inserted or deleted entry is named.
 */
export async function verifyTimeline({ ctx, id }: { ctx: Ctx; id: string }): Promise<TimelineVerification> {
  const incident = await findIncident(ctx.db, id);
  const entries = await readTimeline(ctx.db, id);
  const verdict = await verifyChain(entries, { length: incident.timelineLength, hash: incident.timelineHead });
  if (!verdict.intact) ctx.log.warn({ incident: id, firstBreak: verdict.firstBreak }, 'timeline chain broken');
  return { incidentId: id, ...verdict, checkedAt: ctx.now().toISOString() };
}

export async function getEvidenceContent({ ctx, id, evidenceId }: { ctx: Ctx; id: string; evidenceId: string }) {
  await findIncident(ctx.db, id);
  const row = await findEvidence(ctx.db, id, evidenceId);
  if (!row)
    throw new DomainError('not_found', `evidence ${evidenceId} not found on ${id}`, { details: { id: evidenceId } });
  if (row.storage !== 'server') {
    throw new DomainError('not_found', `evidence ${evidenceId} is kept outside Firebreak at ${row.uri}`, {
      details: { uri: row.uri },
    });
  }
  const content = await getBlob(ctx.db, row.sha256);
  if (!content) throw new DomainError('internal', `content of ${evidenceId} is missing from the store`);
  return { content, mediaType: row.mediaType ?? 'application/octet-stream', sha256: row.sha256 };
}
