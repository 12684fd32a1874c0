import type { IncidentFacts, ObligationSpec, RegulatoryProfile } from '@firebreak/core';

/** A filing of an earlier stage: what opens the stages that run from a submission. */
export interface Filing {
  ruleId: string;
  stage: string;
  submittedAt: string;
}

/** The rule pack in force: the built-in one with the organisation's own rules beside it. */
export interface ActivePack {
  version: string;
  evaluate(profile: RegulatoryProfile, facts: IncidentFacts, filings: readonly Filing[], asOf: Date): ObligationSpec[];
}

let active: ActivePack | undefined;

/** The pack the server evaluates with (the built-in pack until `usePack` sets another). */
export function rulePack(): ActivePack {
  if (!active) throw new Error('no rule pack loaded');
  return active;
}

export function usePack(pack: ActivePack): void {
  active = pack;
}
