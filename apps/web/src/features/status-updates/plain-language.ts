import type { IncidentType, Severity, Status } from '@firebreak/core';

/** What went wrong, said to people outside the team: no jargon, no blame, no guesses. */
export const PLAIN_EFFECT: Record<IncidentType, string> = {
  model_degradation: 'has been making more mistakes than usual',
  hallucination_spike: 'gave some people incorrect information',
  bias: 'may have treated some requests inconsistently',
  safety_bypass: 'produced some responses that break our content rules',
  prompt_injection: 'was manipulated through crafted input into behaving in ways it should not',
  data_poisoning: 'was affected by tampered data and may have given unreliable results',
  model_extraction: 'received unusual automated queries that we have stopped',
  distribution_shift: 'has been less accurate than usual on some requests',
  privacy_leak: 'may have shown some people information that was not theirs',
  supply_chain_compromise: 'was affected by a problem at one of our suppliers',
  misuse: 'was used by others in ways it is not meant for',
  infrastructure: 'has been unavailable or unreliable for some requests',
};

/** The status, said to customers, status-page style. */
export const CUSTOMER_PHASE: Record<Status, string> = {
  triage: 'Investigating',
  active: 'Investigating',
  contained: 'Identified',
  recovering: 'Monitoring',
  resolved: 'Resolved',
  closed: 'Resolved',
  dismissed: 'Resolved',
};

/** Where things stand, in a sentence anyone can read. */
export const PLAIN_STATUS: Record<Status, string> = {
  triage: 'We are looking into it now.',
  active: 'We are investigating and working to stop it.',
  contained: 'We have stopped the problem from spreading and are working on a permanent fix.',
  recovering: 'The fix is in place and we are checking that everything is back to normal.',
  resolved: 'The problem is resolved.',
  closed: 'The problem is resolved.',
  dismissed: 'On inspection there was no problem; nothing needs doing.',
};

/** Where things stand, for people inside the team. */
export const INTERNAL_STATUS: Record<Status, string> = {
  triage: 'In triage: scope and severity still being confirmed.',
  active: 'Active: not yet contained.',
  contained: 'Contained: the harm has stopped; root cause being fixed.',
  recovering: 'Recovering: fix in place, verifying.',
  resolved: 'Resolved.',
  closed: 'Closed.',
  dismissed: 'Dismissed as a false positive.',
};

/** How often each audience should hear from us, by severity (minutes). */
export const UPDATE_CADENCE_MINUTES: Record<Severity, number> = {
  SEV1: 30,
  SEV2: 60,
  SEV3: 240,
  SEV4: 1440,
};
