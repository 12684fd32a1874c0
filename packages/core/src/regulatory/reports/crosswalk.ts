import type { IncidentType } from '../../taxonomy';
import type { HarmCategory } from '../types';
import type { OecdSeverity } from './record';

/**
 * Where each of Firebreak's incident types sits in the taxonomies reports and databases use:
 * OWASP Top 10 for LLM Applications 2025, MITRE ATLAS techniques, AVID (its SEP view) and the
 * twelve risks of NIST AI 600-1. A reading, not an equivalence: a type may sit under several
 * entries or none. The rows for the first ten types follow the crosswalk in docs/regulatory-reports.md;
 * `misuse` and `infrastructure` are Firebreak's own reading, marked so.
 */
export interface TypeCrosswalk {
  owasp: string[];
  atlas: string[];
  avid: string[];
  nist: string[];
  /** A security incident: an ATLAS case study applies. */
  security: boolean;
  /** Why a row is as it is, when it is not obvious. */
  note?: string;
}

export const TYPE_CROSSWALK: Record<IncidentType, TypeCrosswalk> = {
  prompt_injection: {
    owasp: ['LLM01:2025'],
    atlas: ['AML.T0051'],
    avid: ['S0400'],
    nist: ['Information Security'],
    security: true,
  },
  safety_bypass: {
    owasp: ['LLM01:2025'],
    atlas: ['AML.T0054'],
    avid: ['S0400'],
    nist: ['Dangerous, Violent, or Hateful Content', 'CBRN Information or Capabilities'],
    security: true,
  },
  data_poisoning: {
    owasp: ['LLM04:2025', 'LLM08:2025'],
    atlas: ['AML.T0020', 'AML.T0070', 'AML.T0080'],
    avid: ['S0600'],
    nist: ['Information Integrity'],
    security: true,
  },
  model_extraction: {
    owasp: ['LLM02:2025', 'LLM10:2025'],
    atlas: ['AML.T0024.001', 'AML.T0024.002'],
    avid: ['S0501', 'S0502'],
    nist: ['Intellectual Property'],
    security: true,
  },
  privacy_leak: {
    owasp: ['LLM02:2025', 'LLM07:2025'],
    atlas: ['AML.T0057', 'AML.T0056'],
    avid: ['P0300'],
    nist: ['Data Privacy'],
    security: true,
  },
  supply_chain_compromise: {
    owasp: ['LLM03:2025'],
    atlas: ['AML.T0010'],
    avid: ['S0200'],
    nist: ['Value Chain and Component Integration'],
    security: true,
  },
  hallucination_spike: {
    owasp: ['LLM09:2025'],
    atlas: [],
    avid: ['E0402'],
    nist: ['Confabulation'],
    security: false,
  },
  bias: { owasp: [], atlas: [], avid: ['E0100'], nist: ['Harmful Bias and Homogenization'], security: false },
  distribution_shift: { owasp: [], atlas: [], avid: ['P0101', 'P0102'], nist: [], security: false },
  model_degradation: { owasp: [], atlas: [], avid: ['P0204'], nist: [], security: false },
  misuse: {
    owasp: [],
    atlas: ['AML.T0048'],
    avid: ['E0300'],
    nist: ['Information Integrity'],
    security: false,
    note: "Firebreak's reading: the system used as a weapon is an external harm (ATLAS AML.T0048), not an attack on it.",
  },
  infrastructure: {
    owasp: [],
    atlas: [],
    avid: [],
    nist: ['Value Chain and Component Integration'],
    security: false,
    note: "Firebreak's reading: an integration or vendor breakdown; no attack, so no ATLAS technique.",
  },
};

/** ATLAS technique names for the ids the crosswalk uses (ATLAS data v5). */
export const ATLAS_TECHNIQUES: Record<string, string> = {
  'AML.T0051': 'Prompt Injection',
  'AML.T0054': 'Jailbreak',
  'AML.T0020': 'Poison Training Data',
  'AML.T0070': 'RAG Poisoning',
  'AML.T0080': 'AI Agent Context Poisoning',
  'AML.T0024.001': 'Exfiltration via AI Inference API: Invert AI Model',
  'AML.T0024.002': 'Exfiltration via AI Inference API: Extract AI Model',
  'AML.T0057': 'LLM Data Leakage',
  'AML.T0056': 'Extract LLM System Prompt',
  'AML.T0010': 'AI Supply Chain Compromise',
  'AML.T0048': 'External Harms',
};

/** The crosswalk row of an incident type; an unknown type (a record from a newer taxonomy) has none. */
export function crosswalkFor(type: string): TypeCrosswalk | undefined {
  return Object.hasOwn(TYPE_CROSSWALK, type) ? TYPE_CROSSWALK[type as IncidentType] : undefined;
}

/** The types an ATLAS case study is drafted for: attacks on an AI system (the rows marked `security`). */
export const SECURITY_INCIDENT_TYPES = [
  'prompt_injection',
  'safety_bypass',
  'data_poisoning',
  'model_extraction',
  'privacy_leak',
  'supply_chain_compromise',
] as const satisfies readonly IncidentType[];

/** The eight classification values of the EU Art. 73 draft form, 1.2(g), by Firebreak's harm category. */
export const EU_HARM_LIMBS: Partial<Record<HarmCategory, string>> = {
  death: 'death',
  health: 'serious harm to health',
  critical_infrastructure_management: 'critical infrastructure: management',
  critical_infrastructure_operation: 'critical infrastructure: operation',
  fundamental_rights: 'fundamental rights',
  property: 'property',
  environment: 'environment',
  other: 'other reportable',
};

/** OECD harm types (criterion 11) by Firebreak's harm category; personal data is a rights harm. */
export const OECD_HARM_TYPES: Partial<Record<HarmCategory, string>> = {
  death: 'physical',
  health: 'physical',
  critical_infrastructure_management: 'public interest',
  critical_infrastructure_operation: 'public interest',
  fundamental_rights: 'human or fundamental rights',
  personal_data: 'human or fundamental rights',
  property: 'economic or property',
  environment: 'environmental',
};

/** Maps harm categories through a table: what maps (each value once) and what does not. */
export function mapHarms(
  harms: readonly HarmCategory[],
  table: Partial<Record<HarmCategory, string>>,
): { mapped: string[]; unmapped: HarmCategory[] } {
  const mapped: string[] = [];
  const unmapped: HarmCategory[] = [];
  for (const harm of harms) {
    const value = table[harm];
    if (value === undefined) unmapped.push(harm);
    else if (!mapped.includes(value)) mapped.push(value);
  }
  return { mapped, unmapped };
}

/**
 * A suggestion for OECD criterion 10 from Firebreak's severity and near-miss flag, for a person to
 * confirm: OECD's levels turn on whether harm occurred and how serious it was, which a response
 * severity only hints at. A near miss is a hazard (serious at SEV1/SEV2); otherwise SEV1/SEV2,
 * or any death, suggest a serious incident and SEV3/SEV4 an incident.
 */
export function suggestOecdSeverity(severity: string, nearMiss: boolean, harms: readonly HarmCategory[]): OecdSeverity {
  const serious = severity === 'SEV1' || severity === 'SEV2' || harms.includes('death');
  if (nearMiss) return serious ? 'serious hazard' : 'hazard';
  return serious ? 'serious incident' : 'incident';
}
