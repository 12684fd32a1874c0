import { isFinished, type Status } from './lifecycle';
import type { Role } from './roles';

/**
 * What a public component of the status page can be, from best to worst: the words customers
 * read. `maintenance` is planned work; the outages are unplanned.
 */
export const COMPONENT_STATES = {
  operational: 'Operational',
  maintenance: 'Under maintenance',
  degraded_quality: 'Degraded quality',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
} as const;

export type ComponentState = keyof typeof COMPONENT_STATES;
export const COMPONENT_STATE_NAMES = Object.keys(COMPONENT_STATES) as [ComponentState, ...ComponentState[]];

const RANK: Record<ComponentState, number> = {
  operational: 0,
  maintenance: 1,
  degraded_quality: 2,
  partial_outage: 3,
  major_outage: 4,
};

/** The worse of some states (operational when there are none). */
export function worstState(states: readonly ComponentState[]): ComponentState {
  let worst: ComponentState = 'operational';
  for (const state of states) if (RANK[state] > RANK[worst]) worst = state;
  return worst;
}

/**
 * What a component shows: the state a responder set, unless a maintenance window covering it is
 * in progress and the set state is no worse than that. An outage during maintenance still shows
 * as the outage: customers are told the worse news.
 *
 * @example
 * shownState('operational', true); // 'maintenance'
 * shownState('partial_outage', true); // 'partial_outage'
 */
export function shownState(set: ComponentState, inMaintenance: boolean): ComponentState {
  return inMaintenance ? worstState([set, 'maintenance']) : set;
}

/** The page's headline from its components' states. */
export function pageHeadline(states: readonly ComponentState[]): { indicator: ComponentState; description: string } {
  const indicator = worstState(states);
  const description: Record<ComponentState, string> = {
    operational: 'All systems operational',
    maintenance: 'Maintenance in progress',
    degraded_quality: 'Degraded quality',
    partial_outage: 'Partial outage',
    major_outage: 'Major outage',
  };
  return { indicator, description: description[indicator] };
}

/** Where a public incident stands, in the words status pages use. */
export const PUBLIC_PHASES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type PublicPhase = (typeof PUBLIC_PHASES)[number];

/**
 * The public phase of an incident at a published update: triage and active are investigating,
 * contained is identified, recovering is monitoring; finished is resolved.
 */
export function publicPhase(status: Status): PublicPhase {
  if (isFinished(status)) return 'resolved';
  if (status === 'contained') return 'identified';
  if (status === 'recovering') return 'monitoring';
  return 'investigating';
}

/**
 * Which incident role approves a customer update for the status page: the comms lead, or the
 * incident commander when no comms lead is seated; null when neither is (someone must be seated
 * first).
 */
export function publishingRole(seated: readonly Role[]): 'comms_lead' | 'incident_commander' | null {
  if (seated.includes('comms_lead')) return 'comms_lead';
  if (seated.includes('incident_commander')) return 'incident_commander';
  return null;
}
