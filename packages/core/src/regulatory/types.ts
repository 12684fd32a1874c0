/**
 * The vocabulary of regulatory clocks (issue 14): the facts about an incident that start a clock,
 * the system's regulatory profile the rules read, and the obligations the rules open.
 *
 * Each fact is its own timestamped entry with who set it. No fact is derived from another: a
 * causal link being established does not mean the team became aware at that moment, and a
 * materiality determination is not a classification. The rules only read.
 */

/** Facts that happen at a moment, each starting some regime's clock. */
export const MOMENT_FACTS = [
  /** The organisation became aware of the incident (AI Act Art. 73, GDPR Art. 33, NIS2 Art. 23). */
  'aware',
  /** A causal link between the AI system and the harm is suspected with reasonable likelihood. */
  'causal_link_suspected',
  /** A causal link between the AI system and the harm is established. */
  'causal_link_established',
  /** The organisation became aware that a general-purpose model was involved (GPAI Code 9.3). */
  'model_involvement_aware',
  /** The incident was discovered, in the US sense (HIPAA 164.404, California SB 53). */
  'discovered',
  /** The incident was classified as major (DORA Art. 19, by the criteria of Reg. 2024/1772). */
  'classified_major',
  /** The incident was determined significant (NIS2 Art. 23(3)). */
  'determined_significant',
  /** The incident was determined material (SEC Form 8-K Item 1.05). */
  'materiality_determined',
  /** The incident was determined a critical safety incident (California SB 53, New York RAISE). */
  'critical_safety_determined',
  /** The incident was resolved (GPAI Code 9.3's final report runs from here). */
  'resolved',
] as const;
export type MomentFact = (typeof MOMENT_FACTS)[number];

/** Facts that hold a value rather than a moment: what was harmed, where, how many, how risky. */
export const VALUE_FACTS = [
  'harms',
  'jurisdictions',
  'people_affected',
  'widespread_infringement',
  'imminent_risk',
  'unsecured_phi',
  'personal_data_risk',
] as const;
export type ValueFact = (typeof VALUE_FACTS)[number];

/** Every fact a person can set on an incident. */
export const FACT_NAMES = [...MOMENT_FACTS, ...VALUE_FACTS] as const;
export type FactName = (typeof FACT_NAMES)[number];

/** Where a person's decision leaves an obligation; `lapsed` is the engine's, when the facts no longer call for it. */
export const OBLIGATION_STATES = ['pending', 'filed', 'not_required', 'lapsed'] as const;
export type ObligationState = (typeof OBLIGATION_STATES)[number];

/** Harm categories, the EU form's 1.2(g) values plus personal data and cyber breach. */
export const HARM_CATEGORIES = [
  'death',
  'health',
  'critical_infrastructure_management',
  'critical_infrastructure_operation',
  'fundamental_rights',
  'property',
  'environment',
  'personal_data',
  'cyber_breach',
  'other',
] as const;
export type HarmCategory = (typeof HARM_CATEGORIES)[number];

/** What is known about an incident at a moment: the latest value of each fact. */
export interface IncidentFacts {
  /** When each moment fact was set to have happened (the moment itself, not when it was recorded). */
  moments: Partial<Record<MomentFact, string>>;
  harms: HarmCategory[];
  /** Member States and jurisdictions affected, as ISO 3166 codes with US states as `US-CA`. */
  jurisdictions: string[];
  peopleAffected?: number;
  /** AI Act Art. 3(61): harms or is likely to harm people in two or more other Member States, or three at once. */
  widespreadInfringement?: boolean;
  /** An imminent risk of death or serious injury (SB 53 and RAISE's 24-hour clocks). */
  imminentRisk?: boolean;
  /** GDPR Art. 33(1): the breach is unlikely to result in a risk to people (then no notification). */
  personalDataRisk?: 'unlikely' | 'risk' | 'high';
  /** HIPAA: protected health information that was not secured. */
  unsecuredPhi?: boolean;
  /** The incident's type and severity, from the incident itself. */
  incidentType: string;
  severity: string;
  declaredAt: string;
}

/** What a system card says about who the organisation is under each regime. */
export interface RegulatoryProfile {
  systemId: string;
  /** Where the system is placed on the market or used (the card's `jurisdictions`). */
  jurisdictions: string[];
  riskTier: 'minimal' | 'limited' | 'high' | 'unacceptable';
  personalData: boolean;
  /** The organisation's role for this system under the AI Act. */
  role?: 'provider' | 'deployer' | 'provider_and_deployer';
  /** GDPR: controller or processor of the personal data the system handles. */
  dataRole?: 'controller' | 'processor';
  sector?: string;
  /** NIS2 Art. 3: an essential or important entity. */
  nis2Entity?: 'essential' | 'important';
  /** DORA Art. 2: a financial entity, and which kind (Art. 5(5) of Reg. 2025/301 treats some apart). */
  doraEntity?: 'credit_institution' | 'ccp' | 'trading_venue' | 'nis2_entity' | 'other';
  secRegistrant?: boolean;
  hipaa?: 'covered_entity' | 'business_associate';
  /** A general-purpose model with systemic risk under Art. 51, and whether its provider signed the Code. */
  gpaiSystemicRisk?: boolean;
  gpaiCodeSignatory?: boolean;
  /** California SB 53 and New York RAISE: a frontier developer. */
  frontierDeveloper?: boolean;
}

/** How a rule counts its period. */
export type Counting = 'hours' | 'eu_days' | 'calendar_days' | 'business_days' | 'months' | 'immediately';

/** A report an obligation asks for at one stage. */
export type ReportStage = 'early_warning' | 'initial' | 'notification' | 'intermediate' | 'final' | 'follow_up';

/** Where the rule comes from: the article and the text it was read from. */
export interface RuleSource {
  citation: string;
  url: string;
}

/** An obligation a rule opened for an incident: what to send, to whom, by when. */
export interface ObligationSpec {
  /** The rule that opened it, e.g. `gdpr.33`, and the stage it is at. */
  ruleId: string;
  stage: ReportStage;
  regime: string;
  article: string;
  title: string;
  recipient: string;
  /** The fact whose moment started the clock (or a filing, for a later stage). */
  trigger: MomentFact | 'filing';
  clockStart: string;
  counting: Counting;
  /** The deadline as the rule counts it; for EU days, the conservative date (no roll). */
  due: string;
  /**
   * For EU days under Reg. 1182/71 Art. 3(4): the deadline rolled past a weekend or holiday, when it
   * differs; for DORA (Reg. 2025/301 Art. 5(4)), 12:00 of the next working day.
   */
  dueRolled?: string;
  /** Why this deadline governs, when several variants of the rule matched (e.g. death: 10 days). */
  governedBy?: string;
  source: RuleSource;
  /** In force at the clock's start, or enacted but not yet applicable. */
  status: 'in_force' | 'not_yet_applicable';
  /** The law says "without undue delay": `due` is the organisation's own target, not a legal deadline. */
  target?: boolean;
  /** What a reader needs beside the deadline: why the rule does not apply yet, a caveat of the rule. */
  note?: string;
}
