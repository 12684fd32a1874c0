import type { HarmCategory } from '../types';

/**
 * The canonical record of an incident that every regulatory draft is built from (issue 14,
 * reports). The server fills it from one incident: its type, severity and timeline, decisions,
 * evidence, status updates, postmortem, the actions and control changes, the system card and the
 * incident facts. Each draft then picks what its recipient asks for. Whatever Firebreak cannot
 * know is optional: a draft shows it as a field a person must fill, never as a guess.
 */

/** How precisely a moment is known. Reports accept approximations ("or best approximations"). */
export type DatePrecision = 'exact' | 'day' | 'month' | 'year';

/** A moment and how precisely it is known; `at` is UTC ISO-8601 even when only the year is known. */
export interface Dated {
  at: string;
  precision: DatePrecision;
}

/** OECD common reporting framework, criterion 10. */
export const OECD_SEVERITIES = [
  'hazard',
  'serious hazard',
  'incident',
  'serious incident',
  'disaster',
  'other',
] as const;
export type OecdSeverity = (typeof OECD_SEVERITIES)[number];

/** The report types of the EU Art. 73 draft form, 1.2(e). */
export const EU_REPORT_TYPES = [
  'initial',
  'follow-up',
  'combined',
  'final reportable',
  'final non-reportable',
] as const;
export type EuReportType = (typeof EU_REPORT_TYPES)[number];

/** The moments of the incident, each stored as it was recorded: none is derived from another. */
export interface RecordTimestamps {
  /** When the failure began: the incident's onset (often an estimate, hence the precision). */
  occurredStart?: Dated;
  /** When it ended: resolution, or the end of the harm when that is known apart. */
  occurredEnd?: Dated;
  /** When it was noticed (the incident's `detectedAt`). */
  detectedAt?: Dated;
  /** When it was declared in Firebreak. */
  declaredAt: Dated;
  /** The incident facts (issue 14 item 1), as set on the timeline. */
  awareAt?: Dated;
  /** When the organisation judged the incident reportable (EU form 1.2(d)). */
  reportabilityDeterminedAt?: Dated;
  causalLinkEstablishedAt?: Dated;
  causalLinkSuspectedAt?: Dated;
  modelInvolvementAwareAt?: Dated;
  classifiedMajorAt?: Dated;
  materialityDeterminedAt?: Dated;
  discoveredAt?: Dated;
  containedAt?: Dated;
  resolvedAt?: Dated;
  /** When something about it was first published (a customer status update, a public post). */
  publicStatusAt?: Dated;
}

/** What the incident did and to whom. */
export interface RecordImpact {
  /** Member States and jurisdictions affected: ISO 3166 codes, US states as `US-CA` (the facts' jurisdictions). */
  countries: string[];
  peopleAffected?: number;
  /** The harm in numbers and words (OECD 12), e.g. from the postmortem's impact section. */
  harmQuantification?: string;
  /** The resulting harm in a few sentences (GPAI template 2). */
  resultingHarm?: string;
}

/** How the incident is classified, in Firebreak's words and in the ones a person chose for a form. */
export interface RecordClassification {
  /** Firebreak's incident type (the taxonomy), category, driver and severity: the originals of every mapping. */
  incidentType: string;
  category: string;
  driver: string;
  severity: string;
  nearMiss: boolean;
  /** The harm categories of the incident facts; EU 1.2(g) limbs and OECD harm types are mapped from them. */
  harms: HarmCategory[];
  /** AI Act Art. 3(61). */
  widespreadInfringement?: boolean;
  /** OECD 10, when a person chose it; a draft never picks it alone. */
  oecdSeverity?: OecdSeverity;
  /** OECD 11, when a person chose them; otherwise mapped from `harms`. */
  oecdHarmTypes?: string[];
  /** OECD 3: how the AI system relates to the incident. */
  aiRelation?: string;
  /** OECD 13: unintended or wrongful use. */
  wrongfulUse?: string;
  /** OECD 14 / AIID harmed parties: who was harmed or nearly harmed. */
  stakeholders?: string[];
  /** OECD 15. */
  rightsImpacts?: string;
  /** OECD 17: the industry, best as an ISIC code. */
  industry?: string;
  /** OECD 19: the critical-infrastructure sector, when there is one. */
  criticalInfraSector?: string;
}

/** The AI system as it was at the time of the incident (the system card and the versions in play). */
export interface RecordSystem {
  id: string;
  name: string;
  /** The system's own version or release, when it has one apart from its model's. */
  version?: string;
  description?: string;
  intendedUse?: string;
  model: { name: string; version: string; provider?: string };
  promptVersion?: string;
  policyVersion?: string;
  /** The EU database registration id (AI Act Art. 71), EU form §2. */
  euDatabaseId?: string;
  /** The general-purpose model's identifier, GPAI template 4. */
  gpaiModelId?: string;
  riskTier: string;
  /** The Annex III point or Annex I act that makes it high-risk. */
  highRiskBasis?: string;
  gpaiSystemicRisk?: boolean;
  jurisdictions: string[];
  personalData: boolean;
  /** The organisation's role for the system under the AI Act. */
  role?: 'provider' | 'deployer' | 'provider_and_deployer';
  /** About how many people it reaches, and where (the card's blast radius). */
  users?: number;
  regions?: string[];
  /** Other systems and models it depends on (the card's dependencies). */
  dependencies?: Array<{ name: string; kind: string; version?: string; vendor?: string }>;
}

export interface RecordOrganisation {
  name: string;
  country?: string;
}

/** Who submits a report (GPAI template 10, OECD 4). */
export interface RecordSubmitter {
  /** Provider, deployer, authorised representative, or other. */
  capacity?: string;
  organisation?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
}

export interface RecordParties {
  provider?: RecordOrganisation;
  deployer?: RecordOrganisation;
  /** The developer, when it is not the provider (OECD 9, AIID). */
  developer?: RecordOrganisation;
  submitter?: RecordSubmitter;
}

/** One line of the chain of events: a timeline entry in words. */
export interface RecordChainEvent {
  at: string;
  actor: string;
  text: string;
  /** The timeline entry's sequence number, so a reader can check it against the hash-chained record. */
  seq?: number;
}

/** Something done in response: a decision, a control change, a preset applied. */
export interface RecordActionTaken {
  at: string;
  text: string;
  /** Where it comes from: `DEC-3`, a control key, `ACT-2`. */
  ref?: string;
}

/** A corrective or preventive action of the incident (its CAPA). */
export interface RecordCorrectiveAction {
  id: string;
  title: string;
  type: string;
  status: string;
  dueAt?: string;
  /** How it is verified, and the last result. */
  verification?: string;
}

export interface RecordResponse {
  /** GPAI template 3: the incident's timeline, key moments first or all of them. */
  chain: RecordChainEvent[];
  /** OECD 27, GPAI 6. */
  actionsTaken: RecordActionTaken[];
  correctiveActions: RecordCorrectiveAction[];
  /** GPAI 8: the cause as the tech lead isolated it, or the postmortem's analysis. */
  rootCause?: string;
  /** GPAI 7. */
  recommendation?: string;
  /** GPAI 9. */
  monitoringPatterns?: string;
  /** OECD 28. */
  stepsToReproduce?: string;
  /** EU form 4.2(c): whether the risk assessment was reviewed and is still adequate. */
  riskAssessmentReview?: { reviewed: boolean; stillAdequate?: boolean; note?: string };
}

/** A piece of evidence, by hash or by where it is (OECD 7, GPAI 5). */
export interface RecordEvidence {
  id: string;
  title: string;
  kind?: string;
  sha256?: string;
  /** Where it can be fetched; evidence the server keeps has none. */
  url?: string;
  addedAt?: string;
}

/** A report already sent under an obligation (issue 14 item 3). */
export interface RecordFiling {
  /** The rule of the obligation, e.g. `eu.aia.73.2`, `gdpr.33`. */
  ruleId: string;
  /** The law, as a reader says it: "GDPR Art. 33". */
  regime?: string;
  recipient?: string;
  reportType: string;
  submittedAt?: string;
  reference?: string;
  nextReportExpectedAt?: string;
}

/** Whether the incident was judged reportable, by whom and why (EU form 4.2(b)). */
export interface RecordReportability {
  reportable: boolean;
  rationale?: string;
  decidedBy?: string;
  decidedAt?: string;
}

/** The canonical record of an incident for regulatory reports. */
export interface RegulatoryRecord {
  /** Firebreak's incident id, `INC-42`. */
  incidentId: string;
  title: string;
  /** The incident's summary. */
  description?: string;
  /** When the record was built: the draft is dated by it (core reads no clock). */
  generatedAt: string;
  timestamps: RecordTimestamps;
  impact: RecordImpact;
  classification: RecordClassification;
  system: RecordSystem;
  parties: RecordParties;
  response: RecordResponse;
  evidence: RecordEvidence[];
  filings: RecordFiling[];
  reportability?: RecordReportability;
}
