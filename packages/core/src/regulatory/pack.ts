import type { Counting, HarmCategory, MomentFact, RegulatoryProfile, ReportStage, RuleSource } from './types';

/**
 * The shape of a rule pack: the built-in one (`packs/builtin.yaml`) and any an organisation
 * adds. The zod schema in `@firebreak/contract` (`RulePackFile`) validates a pack file into this
 * type; the engine (`evaluateObligations`) reads it. Described for people in docs/regulatory.md.
 */

// Records name every member of their type, so adding a stage or a counting to types.ts without
// listing it here fails to compile.
const STAGE_NAMES: Record<ReportStage, true> = {
  early_warning: true,
  initial: true,
  notification: true,
  intermediate: true,
  final: true,
  follow_up: true,
};
const COUNTING_NAMES: Record<Counting, true> = {
  hours: true,
  eu_days: true,
  calendar_days: true,
  business_days: true,
  months: true,
  immediately: true,
};

/** Every report stage, in the order a regime usually asks for them. */
export const REPORT_STAGES = Object.keys(STAGE_NAMES) as ReportStage[];

/** Every way of counting a period. */
export const COUNTINGS = Object.keys(COUNTING_NAMES) as Counting[];

/** Profile fields a condition may test (everything but the system's id and jurisdictions). */
export const PROFILE_FIELDS = [
  'riskTier',
  'personalData',
  'role',
  'dataRole',
  'sector',
  'nis2Entity',
  'doraEntity',
  'secRegistrant',
  'hipaa',
  'gpaiSystemicRisk',
  'gpaiCodeSignatory',
  'frontierDeveloper',
] as const satisfies readonly (keyof RegulatoryProfile)[];
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Incident facts a condition may test by value (harms, jurisdictions, moments and counts have their own tests). */
export const FACT_FIELDS = [
  'personalDataRisk',
  'imminentRisk',
  'widespreadInfringement',
  'unsecuredPhi',
  'incidentType',
  'severity',
] as const;
export type FactField = (typeof FACT_FIELDS)[number];

export type ConditionValue = string | number | boolean;

/**
 * When a rule, stage or deadline applies: a small tree of all / any / not over predicates.
 * A predicate on a field that is not set is false (`{ profile: role, in: [provider] }` with no
 * role), so `not` of it is true: write conditions so that an unknown fact opens the obligation
 * when that is the careful reading.
 */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  /** The profile field has one of the values. */
  | { profile: ProfileField; in: ConditionValue[] }
  /** The incident fact has one of the values. */
  | { fact: FactField; in: ConditionValue[] }
  /** The number of people affected is known and within the bounds. */
  | { peopleAffected: { atLeast?: number; above?: number; below?: number } }
  /** One of these harm categories is on the incident. */
  | { harm: HarmCategory[] }
  /**
   * One of these jurisdictions is on the system card, the incident or either (the default).
   * `EU` matches any Member State and a Member State matches `EU`; `US` and its states likewise.
   */
  | { jurisdiction: string[]; of?: 'system' | 'incident' | 'either' }
  /** This moment fact is set (at or before the evaluation's `asOf`). */
  | { moment: MomentFact };

/** A rule's rolling of a deadline that falls on a weekend or holiday to 12:00 of the next working day (DORA). */
export interface NoonRoll {
  /** When the roll does not apply (DORA Art. 5(5): initial and intermediate reports of some entities). */
  unless?: Condition;
}

/** One way a stage's deadline may be counted; when several apply, the earliest governs. */
export interface RuleDeadline {
  /** What this variant is, said as the law says it: `Art. 73(4): a death, 10 days`. */
  label: string;
  when?: Condition;
  /** The moment this variant counts from, when it is not the stage's trigger (DORA's 24 h from awareness). */
  from?: MomentFact;
  counting: Counting;
  /** Hours, days or months; absent for `immediately`. */
  amount?: number;
  /** Count calendar days from the end of the start's calendar year (HIPAA 164.408(c)). */
  afterYearEnd?: boolean;
  /** `HH:MM` at which a business day closes (EDGAR's 17:30). */
  closesAt?: string;
  noonRoll?: NoonRoll;
  /** The law says "without undue delay"; this period is the organisation's own target, not a legal deadline. */
  target?: boolean;
  note?: string;
}

/** A report the rule asks for, opened by a moment fact or by the filing of an earlier stage. */
export interface RuleStage {
  stage: ReportStage;
  when?: Condition;
  /** The moment fact that opens the stage, or the stages of the same rule whose latest filing does. */
  trigger: { moment: MomentFact } | { filed: ReportStage[] };
  /** Who receives this stage's report, when not the rule's recipient. */
  recipient?: string;
  deadlines: RuleDeadline[];
}

/** A date from which the rule applies, and why it does not before. */
export interface Applicability {
  /** `YYYY-MM-DD`, from 00:00 in the rule's time zone. */
  from: string;
  reason: string;
}

/** Count in the first EU Member State among the incident's jurisdictions (its calendar and capital's time zone). */
export const INCIDENT_MEMBER_STATE = 'incident_member_state';

export interface Rule {
  /** Stable id, e.g. `gdpr.33`; obligations are keyed by it and the stage. */
  id: string;
  regime: string;
  article: string;
  title: string;
  recipient: string;
  source: RuleSource;
  /** Every date the rule needs; before any of them an obligation opens as `not_yet_applicable`. */
  applies: Applicability[];
  /** IANA time zone for local days; the pack's default otherwise. */
  timeZone?: string;
  /** Holiday calendar code, or `incident_member_state`; the pack's default otherwise. */
  calendar?: string;
  when?: Condition;
  stages: RuleStage[];
  note?: string;
}

export interface RulePack {
  /** The file format's version (1). */
  format: 1;
  name: string;
  /** The pack's own version, bumped on each change of a rule. */
  version: string;
  /** `YYYY-MM-DD`: when the pack's rules were last checked against their sources. */
  date: string;
  defaults: { timeZone: string; calendar: string };
  rules: Rule[];
}

/** A report filed for an obligation: it opens the rule's later stages. */
export interface ObligationFiling {
  ruleId: string;
  stage: ReportStage;
  submittedAt: string;
}
