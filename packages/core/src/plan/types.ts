import type { Severity } from '../severity';
import type { IncidentType } from '../taxonomy';

/**
 * What a response plan is built from (issue 15): the system card and everything Firebreak knows
 * around it, gathered by the server and passed in whole, so the plan is a pure function of it.
 */
export interface PlanSystem {
  id: string;
  name: string;
  description?: string | undefined;
  /** A team's id, or free text. */
  owner: string;
  onCall?: string | undefined;
  model: { name: string; version: string; provider?: string | undefined };
  promptTemplateVersion?: string | undefined;
  safetyPolicyVersion?: string | undefined;
  dependencies: ReadonlyArray<{
    name: string;
    kind: string;
    version?: string | undefined;
    vendor?: string | undefined;
  }>;
  intendedUse?: string | undefined;
  knownLimits: readonly string[];
  blastRadius: { tenants: readonly string[]; regions: readonly string[]; users?: number | undefined };
  jurisdictions: readonly string[];
  personalData: { processed: boolean; categories: readonly string[] };
  riskTier: string;
  regulatory?: { role?: string | undefined; dataRole?: string | undefined } | undefined;
  dashboards: ReadonlyArray<{ name: string; url: string }>;
  runbook?: string | undefined;
  tags: readonly string[];
  /** The card's monitors; none means the default monitors on every standard signal. */
  monitors: ReadonlyArray<PlanMonitor>;
  presets?: ReadonlyArray<{ id: string; description?: string | undefined }> | undefined;
  tiers?: Partial<Record<Severity, string>> | undefined;
  reviewSla?: string | undefined;
}

export interface PlanMonitor {
  id: string;
  signal: string;
  detector?: string | undefined;
  segmentBy?: string | undefined;
  owner?: string | undefined;
  runbook?: string | undefined;
}

/** One control of the system as it stands: its kind, and for a route its versions and known-good ones. */
export interface PlanControl {
  id: string;
  kind: string;
  description?: string | undefined;
  /** Route controls: what they switch (model, prompt, bundle, …), their versions, the active one and the known-good ones. */
  target?: string | undefined;
  versions?: readonly string[] | undefined;
  active?: string | undefined;
  knownGood?: readonly string[] | undefined;
}

/** A triage rule that can match this system's alerts, as the plan reads it. */
export interface PlanRule {
  id: string;
  description?: string | undefined;
  /** The `when`, in words (`signal flag:pii at page`). */
  when: string;
  type: IncidentType;
  severity: Severity;
  declare: boolean;
  actions: ReadonlyArray<{ action: string; within: string; role?: string | undefined }>;
  notify: readonly string[];
  /** What it contains by itself, in words (`kill auto-send`). */
  contain: readonly string[];
}

/** The named audiences who stand behind the legal, privacy, comms and leadership roles. */
export const PLAN_AUDIENCES = ['leadership', 'legal', 'privacy', 'support', 'customers'] as const;
export type PlanAudience = (typeof PLAN_AUDIENCES)[number];

export interface PlanPeople {
  /** The owning team, when the card's owner names one. */
  ownerTeam?: { id: string; name: string; members: readonly string[] } | undefined;
  /** The schedule that pages for the system (its onCall, else its team's), and who it has on call now. */
  schedule?: { id: string; name: string; onCallNow?: string | undefined } | undefined;
  escalationPolicy?: { id: string; steps: readonly string[]; repeat: number } | undefined;
  /** Who each named audience reaches now (names); an empty list reaches nobody. */
  audiences: Record<PlanAudience, readonly string[]>;
}

/** A reporting duty the rule pack opens for a serious incident on this system. */
export interface PlanObligation {
  ruleId: string;
  regime: string;
  article: string;
  title: string;
  recipient: string;
  /** The fact that starts the clock (`aware`, `discovered`, …). */
  trigger: string;
  /** The clock, in words (`72h`, `15 days`). */
  within: string;
  status: string;
  note?: string | undefined;
}

export interface PlanIncident {
  id: string;
  title: string;
  type: string;
  severity: string;
  status: string;
  declaredAt: string;
  /** The postmortem's status, when there is one. */
  postmortem?: string | undefined;
}

export interface PlanFacts {
  system: PlanSystem;
  generatedAt: string;
  /** The false-alarm budget in force (ADR 21). */
  alertBudget: { page: string; warn: string };
  controls: readonly PlanControl[];
  /** Who may change the controls (ADR 26). */
  controlAccess: { changedBy: string; teams: readonly string[]; incidentCommanders: boolean };
  rules: readonly PlanRule[];
  people: PlanPeople;
  /** Status page components that show this system. */
  statusComponents: ReadonlyArray<{ id: string; name: string }>;
  /** How often each severity owes a status update. */
  updateCadence: Record<Severity, string>;
  postmortems: { requiredFor: readonly Severity[]; dueBusinessDays: number };
  history: { incidents: readonly PlanIncident[]; openActions: number; overdueActions: number };
  obligations: readonly PlanObligation[];
  disclosure: { formPath: string; acknowledgeWithin: string; updateEvery: string; openReports: number };
}

export const PLAN_SECTIONS = {
  context: 'Context and blast radius',
  taxonomy: 'Incident taxonomy for this system',
  severity: 'Severity and response targets',
  runbooks: 'Runbooks by failure type',
  rollback: 'Containment and rollback',
  communication: 'Customer communication',
  'post-incident': 'Post-incident analysis',
  monitoring: 'Monitoring tiers',
  regulatory: 'Regulatory obligations',
  disclosure: 'Responsible disclosure',
  roles: 'Roles and on-call',
} as const;
export type PlanSectionId = keyof typeof PLAN_SECTIONS;
export const PLAN_SECTION_IDS = Object.keys(PLAN_SECTIONS) as [PlanSectionId, ...PlanSectionId[]];

/** A hole in the plan: a stable id a team can track (`no-monitor:bias`), where it shows, and how to close it. */
export interface ResponsePlanGap {
  id: string;
  section: PlanSectionId;
  message: string;
  fix: string;
}

export interface ResponsePlanSection {
  id: PlanSectionId;
  title: string;
  /** The section's Markdown, without its heading. */
  body: string;
}

/** The system's AI incident response plan. */
export interface ResponsePlan {
  system: string;
  name: string;
  generatedAt: string;
  sections: ResponsePlanSection[];
  gaps: ResponsePlanGap[];
}
