import type { AiSystem, StatusUpdateRequest } from '@firebreak/contract';
import { isOpen, SEVERITY_INFO, type Severity } from '@firebreak/core';
import type { IncidentDetail } from '@firebreak/sdk';
import { formatCount, label } from '../../lib/labels';
import { formatDuration, utcMinute } from '../../lib/time';
import { INTERNAL_STATUS, PLAIN_EFFECT, PLAIN_STATUS, UPDATE_CADENCE_MINUTES } from './plain-language';

export type Audience = StatusUpdateRequest['audience'];
export const AUDIENCE_NAMES: readonly Audience[] = ['internal', 'executive', 'support', 'customer'];

/** The five parts of every status update, as the composer edits them. */
export interface UpdateFields {
  whatHappened: string;
  impact: string;
  currentStatus: string;
  nextSteps: string;
  asks: string;
}

/** Who reads each audience's update, shown beside the picker. */
export const AUDIENCE_HINT: Record<Audience, string> = {
  internal: 'Responders and engineering: precise, technical, names and ids.',
  executive: 'Leadership: business impact, risk, and whether a decision is needed.',
  support: 'Support agents: what customers see and what to tell them.',
  customer: 'Customers: plain words, no internal names, no guesses.',
};

export interface DraftInput {
  incident: IncidentDetail;
  /** The catalog, for system names and reach; uncatalogued systems show by id. */
  catalog: readonly AiSystem[];
  /** When the next update is due, as ISO-8601. */
  nextUpdateAt: string | undefined;
}

/** When the next update is due by default: sooner for more severe incidents. */
export function defaultNextUpdate(severity: Severity, now: Date): string {
  return new Date(now.getTime() + UPDATE_CADENCE_MINUTES[severity] * 60_000).toISOString();
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

/** What the affected systems' cards say about reach, merged. */
export function reachOf(ids: readonly string[], catalog: readonly AiSystem[]) {
  const cards = ids.map((id) => catalog.find((system) => system.id === id));
  const known = cards.filter((card): card is AiSystem => card !== undefined);
  const users = known.reduce<number | undefined>(
    (sum, card) => (card.blastRadius.users === undefined ? sum : (sum ?? 0) + card.blastRadius.users),
    undefined,
  );
  return {
    names: ids.map((id, index) => cards[index]?.name ?? id),
    users,
    regions: unique(known.flatMap((card) => card.blastRadius.regions)),
    tenants: unique(known.flatMap((card) => card.blastRadius.tenants)),
    personalData: unique(known.flatMap((card) => (card.personalData.processed ? card.personalData.categories : []))),
    processesPersonalData: known.some((card) => card.personalData.processed),
    jurisdictions: unique(known.flatMap((card) => card.jurisdictions)),
    highRisk: known.some((card) => card.riskTier === 'high' || card.riskTier === 'unacceptable'),
  };
}

function roleHolder(incident: IncidentDetail, role: string): string | undefined {
  return incident.roles.find((holder) => holder.role === role)?.person;
}

/**
 * A first draft of a status update for one audience, drawn from the incident, its decisions and
 * the affected systems' cards. What the data cannot say is left in [brackets] for the author.
 */
export function draftUpdate(audience: Audience, input: DraftInput): UpdateFields {
  const { incident, catalog, nextUpdateAt } = input;
  const reach = reachOf(incident.systems, catalog);
  const since = utcMinute(incident.metrics.onsetAt ?? incident.metrics.detectedAt ?? incident.declaredAt);
  const names = list(reach.names);
  const regions = reach.regions.length > 0 ? ` in ${list(reach.regions)}` : '';
  const users = reach.users === undefined ? '' : `up to ${formatCount(reach.users)} people`;
  const commander = roleHolder(incident, 'incident_commander');
  const latest = incident.decisions.at(-1);
  const next = latest ? `${latest.decision} (${latest.id})` : '[next step, and who owns it]';
  const open = isOpen(incident.status);
  const dueText = nextUpdateAt ? `Next update by ${utcMinute(nextUpdateAt)}.` : '';
  const severityLine = `${incident.severity}: ${SEVERITY_INFO[incident.severity].description}`;

  switch (audience) {
    case 'internal': {
      const ack = incident.response.acknowledgedAt
        ? `Acknowledged by ${incident.response.acknowledgedBy ?? '?'} at ${utcMinute(incident.response.acknowledgedAt)}.`
        : `Not acknowledged yet; due by ${utcMinute(incident.response.deadline)}.`;
      const roles = incident.roles.map((holder) => `${label(holder.role).toLowerCase()} ${holder.person}`);
      return {
        whatHappened: `${incident.title}. ${incident.summary ? `${incident.summary} ` : ''}${label(incident.type)} (${incident.category}, ${incident.driver}) on ${list(incident.systems)}; began about ${since}.`,
        impact: `${severityLine}${reach.users !== undefined || regions ? ` Reach: ${users || 'users'}${regions}.` : ''}${reach.processesPersonalData ? ` Personal data processed: ${list(reach.personalData)}.` : ''}`,
        currentStatus: `${INTERNAL_STATUS[incident.status]} ${ack} ${roles.length > 0 ? `Roles: ${roles.join(', ')}.` : 'No incident commander yet.'}`,
        nextSteps: open ? next : 'Postmortem to follow.',
        asks: open ? `Anyone with related reports: add them as evidence on ${incident.id}.` : '',
      };
    }
    case 'executive': {
      const clock = [
        incident.metrics.timeToDetect !== null
          ? `detected ${formatDuration(incident.metrics.timeToDetect)} after onset`
          : '',
        incident.metrics.timeToContain !== null
          ? `contained ${formatDuration(incident.metrics.timeToContain)} after detection`
          : '',
      ].filter(Boolean);
      const legal = reach.processesPersonalData
        ? ` Personal data is involved (${list(reach.personalData)}); legal and privacy are assessing duties${reach.jurisdictions.length > 0 ? ` in ${list(reach.jurisdictions)}` : ''}.`
        : '';
      return {
        whatHappened: `${names}: ${label(incident.type).toLowerCase()} since about ${since}. ${incident.title}.`,
        impact: `${severityLine}${users || regions ? ` Reach: ${users || 'users'}${regions}.` : ''}${reach.highRisk ? ' High-risk AI system.' : ''}${legal}`,
        currentStatus: `${INTERNAL_STATUS[incident.status]} Led by ${commander ?? '[incident commander]'}.${clock.length > 0 ? ` ${label(clock.join('; '))}.` : ''}`,
        nextSteps: `${open ? next : 'Postmortem to follow.'} ${dueText}`.trim(),
        asks: 'No decision needed from you yet.',
      };
    }
    case 'support': {
      const escalate = roleHolder(incident, 'comms_lead') ?? commander ?? 'the incident channel';
      return {
        whatHappened: `${names} ${PLAIN_EFFECT[incident.type]} since about ${since}.`,
        impact: `Customers${regions} using ${names} may be affected${users ? ` (${users})` : ''}.`,
        currentStatus: PLAIN_STATUS[incident.status],
        nextSteps: open
          ? '[What agents should do with affected requests meanwhile.] Do not promise a fix time; point customers to the customer update.'
          : 'Handle follow-up questions as usual; point customers to the final customer update.',
        asks: `Tag tickets about this with ${incident.id} and send new reports to ${escalate}.`,
      };
    }
    case 'customer':
      return {
        whatHappened: `Since about ${since}, our ${names} ${PLAIN_EFFECT[incident.type]}.`,
        impact: `Some customers${regions} may be affected. [What affected customers should do, if anything.]`,
        currentStatus: PLAIN_STATUS[incident.status],
        nextSteps: open
          ? nextUpdateAt
            ? `We will share another update by ${utcMinute(nextUpdateAt)}.`
            : 'We will share another update soon.'
          : 'This is our final update on this issue. We are sorry for the trouble it caused.',
        asks: '',
      };
  }
}
