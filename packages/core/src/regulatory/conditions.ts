import { isEuMemberState } from './calendars';
import type { Condition } from './pack';
import type { IncidentFacts, RegulatoryProfile } from './types';

/** What a condition reads: the system's profile and the incident's facts (moments already cut at `asOf`). */
export interface ConditionInput {
  profile: RegulatoryProfile;
  facts: IncidentFacts;
}

/** `want` is on the list `have`: equal, or one the other's whole (`EU` and `FR`, `US` and `US-CA`). */
function coversJurisdiction(wanted: string, had: string): boolean {
  // Cards write the United Kingdom `UK`; ISO 3166 says `GB`.
  const want = wanted === 'GB' ? 'UK' : wanted;
  const have = had === 'GB' ? 'UK' : had;
  if (want === have) return true;
  if (want === 'EU' || have === 'EU') return isEuMemberState(want === 'EU' ? have : want);
  if (want === 'US') return have.startsWith('US-');
  if (have === 'US') return want.startsWith('US-');
  return false;
}

/**
 * Whether a condition holds. A predicate on a field that is not set is false.
 *
 * @example
 * conditionHolds({ all: [{ profile: 'riskTier', in: ['high'] }, { harm: ['death'] }] }, { profile, facts });
 */
export function conditionHolds(condition: Condition, input: ConditionInput): boolean {
  const { profile, facts } = input;
  if ('all' in condition) return condition.all.every((part) => conditionHolds(part, input));
  if ('any' in condition) return condition.any.some((part) => conditionHolds(part, input));
  if ('not' in condition) return !conditionHolds(condition.not, input);
  if ('profile' in condition) {
    const value = profile[condition.profile];
    return value !== undefined && condition.in.includes(value);
  }
  if ('fact' in condition) {
    const value = facts[condition.fact];
    return value !== undefined && condition.in.includes(value);
  }
  if ('peopleAffected' in condition) {
    const count = facts.peopleAffected;
    const { atLeast, above, below } = condition.peopleAffected;
    if (count === undefined) return false;
    return (
      (atLeast === undefined || count >= atLeast) &&
      (above === undefined || count > above) &&
      (below === undefined || count < below)
    );
  }
  if ('harm' in condition) return condition.harm.some((harm) => facts.harms.includes(harm));
  if ('jurisdiction' in condition) {
    const of = condition.of ?? 'either';
    const have = [...(of === 'incident' ? [] : profile.jurisdictions), ...(of === 'system' ? [] : facts.jurisdictions)];
    return condition.jurisdiction.some((want) => have.some((code) => coversJurisdiction(want, code)));
  }
  return facts.moments[condition.moment] !== undefined;
}
