import type { FactEntry, SetFactRequest } from '@firebreak/contract';
import { type HarmCategory, type IncidentFacts, MOMENT_FACTS, type MomentFact } from '@firebreak/core';

const MOMENTS = new Set<string>(MOMENT_FACTS);

/** A fact entry's payload on the timeline: the request as set, with the moment resolved. */
export type FactPayload = SetFactRequest & { at?: string };

/**
 * The facts as they stand: the latest entry of each fact wins (a correction is a new entry; the
 * old one stays on the timeline). Nothing is derived from anything else.
 */
export function currentFacts(
  entries: ReadonlyArray<{ at: Date; actor: string; payload: Record<string, unknown> }>,
): FactEntry[] {
  const latest = new Map<string, FactEntry>();
  for (const entry of entries) {
    const payload = entry.payload as FactPayload;
    latest.set(payload.fact, {
      fact: payload.fact,
      ...(MOMENTS.has(payload.fact) ? { at: String(payload.at) } : { value: (payload as { value?: unknown }).value }),
      setBy: entry.actor,
      setAt: entry.at.toISOString(),
      reason: payload.reason,
    });
  }
  return [...latest.values()];
}

/** What the rule pack reads: the facts with the incident's own type, severity and declaration. */
export function incidentFacts(
  facts: readonly FactEntry[],
  incident: { type: string; severity: string; declaredAt: Date | string },
): IncidentFacts {
  const value = (name: string) => facts.find((fact) => fact.fact === name)?.value;
  const moments: Partial<Record<MomentFact, string>> = {};
  for (const fact of facts) if (MOMENTS.has(fact.fact) && fact.at) moments[fact.fact as MomentFact] = fact.at;
  const risk = value('personal_data_risk');
  const people = value('people_affected');
  return {
    moments,
    harms: (value('harms') as HarmCategory[] | undefined) ?? [],
    jurisdictions: (value('jurisdictions') as string[] | undefined) ?? [],
    ...(typeof people === 'number' ? { peopleAffected: people } : {}),
    ...(typeof value('widespread_infringement') === 'boolean'
      ? { widespreadInfringement: value('widespread_infringement') as boolean }
      : {}),
    ...(typeof value('imminent_risk') === 'boolean' ? { imminentRisk: value('imminent_risk') as boolean } : {}),
    ...(typeof value('unsecured_phi') === 'boolean' ? { unsecuredPhi: value('unsecured_phi') as boolean } : {}),
    ...(risk === 'unlikely' || risk === 'risk' || risk === 'high' ? { personalDataRisk: risk } : {}),
    incidentType: incident.type,
    severity: incident.severity,
    declaredAt: new Date(incident.declaredAt).toISOString(),
  };
}
