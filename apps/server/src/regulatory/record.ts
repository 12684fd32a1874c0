import { dated, type RegulatoryRecord } from '@firebreak/core';
import { actionsOfIncidents } from '../actions/store';
import type { Tx } from '../db/connect';
import { loadIncident } from '../incidents/load';
import { listDecisions, listEvidence } from '../incidents/records-store';
import { describeEntry } from '../postmortems/describe';
import { findPostmortem } from '../postmortems/store';
import { cardOf } from '../systems/store';
import { readTimeline } from '../timeline/store';
import { currentFacts } from './facts';
import { factEntries, type ObligationRow, obligationsOf } from './store';

/** The timeline kinds a regulator's chain of events keeps: what changed, not every note. */
const CHAIN_KINDS = new Set([
  'declared',
  'acknowledged',
  'status_changed',
  'severity_changed',
  'type_changed',
  'cause_isolated',
  'control_changed',
  'preset_applied',
  'preset_reverted',
  'decision_recorded',
  'status_update_posted',
  'fact_set',
  'obligation_decided',
  'canary_aborted',
  'recovery_checked',
]);

/**
 * The canonical record of one incident for regulatory drafts: its own fields, the facts set on
 * its timeline, its first system's card, its decisions, control changes, evidence, actions,
 * postmortem and the obligations filed. Only what Firebreak holds; the drafts ask a person for
 * the rest.
 */
export async function regulatoryRecord(tx: Tx, id: string, now: Date): Promise<RegulatoryRecord> {
  const incident = await loadIncident(tx, id, now);
  const facts = currentFacts(await factEntries(tx, id));
  const moment = (name: string) => dated(facts.find((fact) => fact.fact === name)?.at);
  const value = (name: string) => facts.find((fact) => fact.fact === name)?.value;
  const systemId = incident.systems[0] ?? 'unknown';
  const card = await cardOf(tx, systemId);
  const timeline = await readTimeline(tx, id);
  const decisions = await listDecisions(tx, id);
  const evidence = await listEvidence(tx, id);
  const actions = await actionsOfIncidents(tx, [id]);
  const postmortem = await findPostmortem(tx, id);
  const obligations = await obligationsOf(tx, id);
  const section = (name: string) => {
    const body = postmortem?.sections[name]?.body?.trim();
    return body ? body : undefined;
  };
  const isolated = [...timeline].reverse().find((entry) => entry.kind === 'cause_isolated');
  const firstPublic = timeline.find(
    (entry) =>
      entry.kind === 'status_update_posted' && (entry.payload as { audience?: string }).audience === 'customers',
  );
  const harms = (value('harms') as RegulatoryRecord['classification']['harms'] | undefined) ?? [];
  const people = value('people_affected');
  const widespread = value('widespread_infringement');
  return {
    incidentId: incident.id,
    title: incident.title,
    ...(incident.summary ? { description: incident.summary } : {}),
    generatedAt: now.toISOString(),
    timestamps: {
      ...opt('occurredStart', dated(incident.metrics.onsetAt)),
      ...opt('occurredEnd', dated(incident.metrics.resolvedAt)),
      ...opt('detectedAt', dated(incident.metrics.detectedAt)),
      declaredAt: dated(incident.declaredAt)!,
      ...opt('awareAt', moment('aware')),
      ...opt('causalLinkEstablishedAt', moment('causal_link_established')),
      ...opt('causalLinkSuspectedAt', moment('causal_link_suspected')),
      ...opt('modelInvolvementAwareAt', moment('model_involvement_aware')),
      ...opt('classifiedMajorAt', moment('classified_major')),
      ...opt('materialityDeterminedAt', moment('materiality_determined')),
      ...opt('discoveredAt', moment('discovered')),
      ...opt('containedAt', dated(incident.metrics.containedAt)),
      ...opt('resolvedAt', dated(incident.metrics.resolvedAt)),
      ...opt('publicStatusAt', dated(firstPublic?.at)),
    },
    impact: {
      countries: (value('jurisdictions') as string[] | undefined) ?? [],
      ...(typeof people === 'number' ? { peopleAffected: people } : {}),
      ...opt('harmQuantification', section('impact')),
    },
    classification: {
      incidentType: incident.type,
      category: incident.category,
      driver: incident.driver,
      severity: incident.severity,
      nearMiss: incident.nearMiss,
      harms,
      ...(typeof widespread === 'boolean' ? { widespreadInfringement: widespread } : {}),
    },
    system: card
      ? {
          id: systemId,
          name: card.name,
          ...opt('description', card.description),
          ...opt('intendedUse', card.intendedUse),
          model: { name: card.model.name, version: card.model.version, ...opt('provider', card.model.provider) },
          riskTier: card.riskTier,
          jurisdictions: card.jurisdictions,
          personalData: card.personalData.processed,
          ...opt('role', card.regulatory?.role),
          ...opt('gpaiSystemicRisk', card.regulatory?.gpaiSystemicRisk),
          ...opt('users', card.blastRadius.users),
          ...(card.blastRadius.regions.length > 0 ? { regions: card.blastRadius.regions } : {}),
          dependencies: card.dependencies.map((dependency) => ({
            name: dependency.name,
            kind: dependency.kind,
            ...opt('version', dependency.version),
            ...opt('vendor', dependency.vendor),
          })),
        }
      : {
          id: systemId,
          name: systemId,
          model: { name: 'unknown', version: 'unknown' },
          riskTier: 'unknown',
          jurisdictions: [],
          personalData: false,
        },
    parties: {},
    response: {
      chain: timeline
        .filter((entry) => CHAIN_KINDS.has(entry.kind))
        .map((entry) => ({
          at: entry.at,
          actor: entry.actor,
          text: describeEntry({
            kind: entry.kind as never,
            payload: entry.payload as Record<string, unknown>,
            actor: entry.actor,
          }),
          seq: entry.seq,
        })),
      actionsTaken: [
        ...decisions.map((decision) => ({
          at: decision.decidedAt.toISOString(),
          text: decision.decision,
          ref: decision.id,
        })),
        ...timeline
          .filter((entry) => entry.kind === 'control_changed' || entry.kind === 'preset_applied')
          .map((entry) => ({
            at: entry.at,
            text: describeEntry({
              kind: entry.kind as never,
              payload: entry.payload as Record<string, unknown>,
              actor: entry.actor,
            }),
            ...opt(
              'ref',
              (entry.payload as { key?: string; preset?: string }).key ?? (entry.payload as { preset?: string }).preset,
            ),
          })),
      ].sort((a, b) => a.at.localeCompare(b.at)),
      correctiveActions: actions.map((action) => ({
        id: action.id,
        title: action.title,
        type: action.type,
        status: action.status,
        ...opt('dueAt', action.dueAt?.toISOString()),
      })),
      ...opt('rootCause', (isolated?.payload as { cause?: string } | undefined)?.cause ?? section('whys')),
    },
    evidence: evidence.map((item) => ({
      id: item.id,
      title: item.title,
      kind: item.kind,
      sha256: item.sha256,
      ...opt('url', item.uri ?? undefined),
      addedAt: item.addedAt.toISOString(),
    })),
    filings: obligations.filter((row) => row.state === 'filed').map(filingOf),
    ...reportability(obligations),
  };
}

function filingOf(row: ObligationRow): RegulatoryRecord['filings'][number] {
  return {
    ruleId: row.ruleId,
    regime: `${row.regime} ${row.article}`,
    recipient: row.recipient,
    reportType: row.stage,
    ...opt('submittedAt', row.submittedAt?.toISOString()),
    ...opt('reference', row.reference ?? undefined),
  };
}

/** Reportable when an obligation is pending or filed; not when every one was decided not required (with why). */
function reportability(rows: readonly ObligationRow[]): Pick<RegulatoryRecord, 'reportability'> {
  const live = rows.filter((row) => row.state !== 'lapsed');
  if (live.length === 0) return {};
  if (live.some((row) => row.state !== 'not_required')) return { reportability: { reportable: true } };
  const last = [...live].sort((a, b) => (b.decidedAt?.getTime() ?? 0) - (a.decidedAt?.getTime() ?? 0))[0]!;
  return {
    reportability: {
      reportable: false,
      ...opt('rationale', last.justification ?? undefined),
      ...opt('decidedBy', last.decidedBy ?? undefined),
      ...opt('decidedAt', last.decidedAt?.toISOString()),
    },
  };
}

function opt<K extends string, V>(key: K, value: V | undefined | null): { [P in K]?: V } {
  return value === undefined || value === null ? {} : ({ [key]: value } as { [P in K]?: V });
}
