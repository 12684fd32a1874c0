import type {
  DecideObligationRequest,
  IncidentRegulatory,
  Obligation,
  ObligationList,
  ObligationListQuery,
  SetFactRequest,
} from '@firebreak/contract';
import {
  buildDraft,
  DEFAULT_NOTIFICATION_MATRIX,
  DomainError,
  type Draft,
  type DraftFormat,
  type EuReportType,
  invalid,
  type RegulatoryProfile,
} from '@firebreak/core';
import type { Ctx } from '../context';
import { type ChangeScope, changeIncident } from '../incidents/change';
import { findIncident } from '../incidents/store';
import type { Addressee } from '../notifications/audiences';
import type { NewNotification } from '../notifications/enqueue';
import { outboxRow, resolverFor, systemFacts } from '../notifications/plan';
import { cardOf } from '../systems/store';
import { currentFacts, incidentFacts } from './facts';
import { type Filing, rulePack } from './pack';
import { regulatoryRecord } from './record';
import {
  factEntries,
  insertObligation,
  listObligationRows,
  newObligationId,
  type ObligationRow,
  obligationsOf,
  updateObligation,
} from './store';

/** Clocks and decisions may be set a little ahead of the server's clock (a laptop's drift), no more. */
const SKEW_MS = 2 * 60_000;

/** An incident's facts as they stand and the obligations they opened. */
export async function getRegulatory({ ctx, id }: { ctx: Ctx; id: string }): Promise<IncidentRegulatory> {
  await findIncident(ctx.db, id);
  const facts = currentFacts(await factEntries(ctx.db, id));
  const rows = await obligationsOf(ctx.db, id);
  const now = ctx.now();
  return { incidentId: id, facts, obligations: rows.map((row) => presentObligation(row, now)) };
}

/**
 * Sets one fact about an incident (a new entry on its timeline, with who and why), then lets the
 * rule pack open, move or lapse the obligations the facts now call for, in the same transaction.
 */
export async function setFact({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: SetFactRequest;
}): Promise<IncidentRegulatory> {
  const now = ctx.now();
  let entry: Record<string, unknown> = { ...input };
  if (!('value' in input)) {
    // A moment: when it happened, never in the future (default now).
    const at = input.at ? new Date(input.at) : now;
    if (at.getTime() > now.getTime() + SKEW_MS)
      throw invalid('at', 'must not be in the future: a fact records what has happened');
    entry = { ...input, at: at.toISOString() };
  }
  await changeIncident(ctx, id, async (scope) => {
    await scope.record('fact_set', entry);
    await syncObligations(ctx, scope);
  });
  return getRegulatory({ ctx, id });
}

/** Records a person's decision on an obligation: filed with what, not required with why, or back to pending. */
export async function decideObligation({
  ctx,
  id,
  obligationId,
  input,
}: {
  ctx: Ctx;
  id: string;
  obligationId: string;
  input: DecideObligationRequest;
}): Promise<IncidentRegulatory> {
  await changeIncident(ctx, id, async (scope) => {
    const rows = await obligationsOf(scope.tx, id);
    const row = rows.find((candidate) => candidate.id === obligationId);
    if (!row) throw new DomainError('not_found', `${id} has no obligation ${obligationId}`);
    if (row.state === 'lapsed')
      throw new DomainError(
        'conflict',
        `${obligationId} lapsed: the facts no longer call for it. Correct the facts if it applies again.`,
      );
    if (row.state === input.state)
      throw new DomainError('conflict', `${obligationId} is already ${input.state.replace('_', ' ')}`);
    const at = scope.at;
    let patch: Partial<ObligationRow>;
    if (input.state === 'filed') {
      const submittedAt = input.submittedAt ? new Date(input.submittedAt) : at;
      if (submittedAt.getTime() > at.getTime() + SKEW_MS) throw invalid('submittedAt', 'must not be in the future');
      if (submittedAt < row.clockStart)
        throw invalid('submittedAt', `must not be before the clock started (${row.clockStart.toISOString()})`);
      patch = {
        state: 'filed',
        decidedAt: at,
        decidedBy: ctx.actor.name,
        submittedAt,
        reference: input.reference ?? null,
        reportUrl: input.reportUrl ?? null,
        reportSha256: input.reportSha256 ?? null,
        justification: null,
      };
    } else if (input.state === 'not_required') {
      patch = {
        state: 'not_required',
        decidedAt: at,
        decidedBy: ctx.actor.name,
        justification: input.justification,
        submittedAt: null,
        reference: null,
        reportUrl: null,
        reportSha256: null,
      };
    } else {
      patch = {
        state: 'pending',
        decidedAt: null,
        decidedBy: null,
        submittedAt: null,
        reference: null,
        reportUrl: null,
        reportSha256: null,
        justification: null,
      };
    }
    await updateObligation(scope.tx, row.id, patch);
    await scope.record('obligation_decided', {
      obligation: row.id,
      system: row.system,
      rule: row.ruleId,
      stage: row.stage,
      from: row.state,
      to: input.state,
      due: row.due.toISOString(),
      ...(patch.submittedAt ? { submittedAt: patch.submittedAt.toISOString() } : {}),
      ...(input.state === 'filed'
        ? {
            reference: input.reference ?? null,
            reportUrl: input.reportUrl ?? null,
            reportSha256: input.reportSha256 ?? null,
          }
        : {}),
      reason: input.state === 'not_required' ? input.justification : (input.reason ?? null),
    });
    await syncObligations(ctx, scope);
  });
  return getRegulatory({ ctx, id });
}

/** Obligations across incidents, soonest due first. */
export async function listObligations({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: ObligationListQuery;
}): Promise<ObligationList> {
  const rows = await listObligationRows(ctx.db, {
    ...(query.state ? { state: query.state } : {}),
    ...(query.dueBefore ? { dueBefore: new Date(query.dueBefore) } : {}),
    limit: query.limit,
  });
  const now = ctx.now();
  return { obligations: rows.map((row) => presentObligation(row, now)) };
}

/** What the system card says about who the organisation is for this system. */
export function profileOf(systemId: string, card: NonNullable<Awaited<ReturnType<typeof cardOf>>>): RegulatoryProfile {
  return {
    systemId,
    jurisdictions: card.jurisdictions,
    riskTier: card.riskTier,
    personalData: card.personalData.processed,
    ...card.regulatory,
  };
}

/**
 * Brings an incident's obligations in line with what the rule pack asks given its facts, its
 * systems' cards and the filings made: opens what is newly called for, moves a pending deadline
 * that a fact changed, and lapses a pending obligation the facts no longer call for. A decided
 * obligation (filed, not required) is never touched. Each change is a timeline entry; legal and
 * privacy hear of a new one.
 */
export async function syncObligations(ctx: Ctx, scope: ChangeScope): Promise<void> {
  const { tx, at, incident } = scope;
  // A drill's incident owes no regulator anything (ADR 37).
  if (incident.exerciseId) return;
  const pack = await rulePack();
  const facts = incidentFacts(currentFacts(await factEntries(tx, incident.id)), incident);
  const rows = await obligationsOf(tx, incident.id);
  const opened: ObligationRow[] = [];
  for (const system of incident.systems) {
    const card = await cardOf(tx, system);
    if (!card) continue;
    const filings: Filing[] = rows
      .filter((row) => row.system === system && row.state === 'filed' && row.submittedAt)
      .map((row) => ({
        ruleId: row.ruleId,
        stage: row.stage as Filing['stage'],
        submittedAt: row.submittedAt!.toISOString(),
      }));
    const specs = pack.evaluate(profileOf(system, card), facts, filings, at);
    const wanted = new Set<string>();
    for (const spec of specs) {
      wanted.add(`${spec.ruleId}|${spec.stage}`);
      const existing = rows.find(
        (row) => row.system === system && row.ruleId === spec.ruleId && row.stage === spec.stage,
      );
      const fields = {
        regime: spec.regime,
        article: spec.article,
        title: spec.title,
        recipient: spec.recipient,
        trigger: spec.trigger,
        clockStart: new Date(spec.clockStart),
        counting: spec.counting,
        due: new Date(spec.due),
        dueRolled: spec.dueRolled ? new Date(spec.dueRolled) : null,
        governedBy: spec.governedBy ?? null,
        source: spec.source,
        applicability: spec.status,
        packVersion: pack.version,
      };
      if (!existing) {
        const row: ObligationRow = {
          id: await newObligationId(tx),
          incidentId: incident.id,
          system,
          ruleId: spec.ruleId,
          stage: spec.stage,
          ...fields,
          state: 'pending',
          openedAt: at,
          decidedAt: null,
          decidedBy: null,
          submittedAt: null,
          reference: null,
          reportUrl: null,
          reportSha256: null,
          justification: null,
        };
        await insertObligation(tx, row);
        opened.push(row);
        await scope.record('obligation_opened', entryOf(row));
        continue;
      }
      if (existing.state !== 'pending' && existing.state !== 'lapsed') continue;
      const moved =
        existing.state === 'lapsed' ||
        existing.due.getTime() !== fields.due.getTime() ||
        existing.clockStart.getTime() !== fields.clockStart.getTime() ||
        (existing.governedBy ?? null) !== fields.governedBy ||
        existing.applicability !== fields.applicability;
      if (!moved) continue;
      await updateObligation(tx, existing.id, { ...fields, state: 'pending' });
      await scope.record('obligation_changed', {
        ...entryOf({ ...existing, ...fields, state: 'pending' }),
        from: { state: existing.state, due: existing.due.toISOString(), governedBy: existing.governedBy },
      });
    }
    for (const row of rows) {
      if (row.system !== system || row.state !== 'pending' || wanted.has(`${row.ruleId}|${row.stage}`)) continue;
      await updateObligation(tx, row.id, { state: 'lapsed' });
      await scope.record('obligation_lapsed', {
        ...entryOf(row),
        reason: 'the facts as they stand no longer call for it',
      });
    }
  }
  if (opened.length > 0 && ctx.notify) await scope.notify(await tellLegalAndPrivacy(ctx, scope, opened));
}

function entryOf(row: ObligationRow) {
  return {
    obligation: row.id,
    system: row.system,
    rule: row.ruleId,
    stage: row.stage,
    regime: row.regime,
    article: row.article,
    title: row.title,
    recipient: row.recipient,
    trigger: row.trigger,
    clockStart: row.clockStart.toISOString(),
    due: row.due.toISOString(),
    ...(row.dueRolled ? { dueRolled: row.dueRolled.toISOString() } : {}),
    ...(row.governedBy ? { governedBy: row.governedBy } : {}),
    applicability: row.applicability,
    source: row.source,
  };
}

/**
 * Tells the incident's legal and privacy people (its role holders, or the directory's) of the
 * obligations just opened, on the channels the matrix uses for them at this severity (mail when
 * it names none).
 */
async function tellLegalAndPrivacy(
  ctx: Ctx,
  scope: ChangeScope,
  opened: readonly ObligationRow[],
): Promise<NewNotification[]> {
  const notify = ctx.notify!;
  const incident = await scope.reload();
  const { resolver, directory } = await resolverFor(scope.tx, notify);
  const matrix = directory.notifications?.matrix ?? DEFAULT_NOTIFICATION_MATRIX;
  const rows: NewNotification[] = [];
  const when = scope.at.toISOString();
  for (const audience of ['legal', 'privacy'] as const) {
    const entry = matrix[incident.severity as keyof typeof matrix]?.find(
      (candidate) => candidate.audience === audience,
    );
    const channels = (entry?.channels ?? ['email'])
      .filter((channel) => channel !== 'digest' && channel !== 'pagerduty')
      .filter((channel) => notify.channels.includes(channel as never));
    const people = new Map<string, Addressee>();
    for (const facts of await systemFacts(scope.tx, incident.systems))
      for (const person of (resolver.resolve(facts, incident.roles, when)[audience] ?? []) as Addressee[])
        people.set(person.id, person);
    for (const row of opened) {
      const summary = `${row.regime} ${row.article}: ${row.title}, to ${row.recipient}, due ${row.due.toISOString().slice(0, 16).replace('T', ' ')} UTC${row.applicability === 'not_yet_applicable' ? ' (not yet applicable: check before filing)' : ''}. Record the filing or why none is required in the war room.`;
      for (const person of people.values())
        for (const channel of channels) {
          if (person.reachableBy && !person.reachableBy.includes(channel)) continue;
          rows.push(
            outboxRow(notify, incident, person, channel as never, {
              key: `obligation:${row.id}:${encodeURIComponent(person.id)}:${channel}`,
              kind: 'notify',
              message: 'update',
              audience,
              summary,
              at: when,
            }),
          );
        }
    }
  }
  return rows;
}

export function presentObligation(row: ObligationRow, now: Date): Obligation {
  const pending = row.state === 'pending';
  const remainingMs = row.due.getTime() - now.getTime();
  return {
    id: row.id,
    incidentId: row.incidentId,
    system: row.system,
    ruleId: row.ruleId,
    stage: row.stage,
    regime: row.regime,
    article: row.article,
    title: row.title,
    recipient: row.recipient,
    trigger: row.trigger,
    clockStart: row.clockStart.toISOString(),
    counting: row.counting,
    due: row.due.toISOString(),
    ...(row.dueRolled ? { dueRolled: row.dueRolled.toISOString() } : {}),
    ...(row.governedBy ? { governedBy: row.governedBy } : {}),
    source: row.source,
    applicability: row.applicability as Obligation['applicability'],
    state: row.state as Obligation['state'],
    ...(pending ? { remainingMs } : {}),
    overdue: pending && remainingMs < 0,
    openedAt: row.openedAt.toISOString(),
    ...(row.decidedAt ? { decidedAt: row.decidedAt.toISOString() } : {}),
    ...(row.decidedBy ? { decidedBy: row.decidedBy } : {}),
    ...(row.submittedAt ? { submittedAt: row.submittedAt.toISOString() } : {}),
    ...(row.reference ? { reference: row.reference } : {}),
    ...(row.reportUrl ? { reportUrl: row.reportUrl } : {}),
    ...(row.reportSha256 ? { reportSha256: row.reportSha256 } : {}),
    ...(row.justification ? { justification: row.justification } : {}),
    packVersion: row.packVersion,
  };
}

const REPORT_TYPES: Record<string, EuReportType> = {
  initial: 'initial',
  early_warning: 'initial',
  notification: 'initial',
  intermediate: 'follow-up',
  follow_up: 'follow-up',
  final: 'final reportable',
};

/**
 * A report drafted in one recipient's fields from the incident's record. For an obligation, its
 * stage sets the report type (a final one decided not required is the EU form's "final
 * non-reportable") and its filing dates the report.
 */
export async function draftReport({
  ctx,
  id,
  format,
  obligation,
}: {
  ctx: Ctx;
  id: string;
  format: DraftFormat;
  obligation?: string | undefined;
}): Promise<Draft> {
  const now = ctx.now();
  const record = await regulatoryRecord(ctx.db, id, now);
  if (!obligation) return buildDraft(format, record);
  const row = (await obligationsOf(ctx.db, id)).find((candidate) => candidate.id === obligation);
  if (!row) throw invalid('obligation', `${id} has no obligation ${obligation}`);
  const reportType: EuReportType | undefined =
    row.state === 'not_required' ? 'final non-reportable' : REPORT_TYPES[row.stage];
  return buildDraft(format, record, { ruleId: row.ruleId, ...(reportType ? { reportType } : {}) });
}
