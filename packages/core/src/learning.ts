import { UTCDate } from '@date-fns/utc';
import { addBusinessDays } from 'date-fns';
import { DomainError } from './errors';
import type { Severity } from './severity';

// Learning after an incident: the postmortem's lifecycle and sections, corrective and preventive
// actions (CAPA) with the verification each must pass, and what closing a serious incident needs.

/** A postmortem is drafted, reviewed, then published; a published one can be reopened to amend. */
export const POSTMORTEM_STATUSES = ['draft', 'in_review', 'published'] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

export const POSTMORTEM_TRANSITIONS: Record<PostmortemStatus, readonly PostmortemStatus[]> = {
  draft: ['in_review', 'published'],
  in_review: ['draft', 'published'],
  published: ['draft'],
};

/** The sections of a postmortem, in the order the document reads. */
export const POSTMORTEM_SECTIONS = [
  'summary',
  'impact',
  'timeline',
  'detection',
  'response',
  'factors',
  'whys',
  'went_well',
  'went_badly',
  'lucky',
] as const;
export type PostmortemSectionId = (typeof POSTMORTEM_SECTIONS)[number];

export const SECTION_TITLES: Record<PostmortemSectionId, string> = {
  summary: 'Summary',
  impact: 'Impact',
  timeline: 'Timeline (UTC)',
  detection: 'Detection and response',
  response: 'Containment, eradication and recovery',
  factors: 'Contributing factors',
  whys: 'Five whys',
  went_well: 'What went well',
  went_badly: 'What went badly',
  lucky: 'Where we got lucky',
};

/** Where a contributing factor sits: the layers an AI system fails in, and the response itself. */
export const FACTOR_CATEGORIES = [
  'data',
  'model',
  'prompt_guardrails',
  'infrastructure',
  'process',
  'detection_gap',
] as const;
export type FactorCategory = (typeof FACTOR_CATEGORIES)[number];

export const FACTOR_LABELS: Record<FactorCategory, string> = {
  data: 'Data',
  model: 'Model',
  prompt_guardrails: 'Prompt and guardrails',
  infrastructure: 'Infrastructure',
  process: 'Process',
  detection_gap: 'Detection gaps',
};

/** What a postmortem cites: an entry of the incident's timeline, or one of its records. */
export const CITATION_KINDS = ['timeline', 'evidence', 'alert', 'decision', 'update', 'control'] as const;
export type CitationKind = (typeof CITATION_KINDS)[number];

export const ACTION_TYPES = ['corrective', 'preventive'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

export const ACTION_CATEGORIES = [
  'monitoring',
  'evaluation_gates',
  'architecture_guardrails',
  'data',
  'process',
  'documentation',
  'training',
] as const;
export type ActionCategory = (typeof ACTION_CATEGORIES)[number];

export const ACTION_PRIORITIES = ['high', 'medium', 'low'] as const;
export type ActionPriority = (typeof ACTION_PRIORITIES)[number];

/** `closed` only with a passing verification; `cancelled` only with a reason. */
export const ACTION_STATUSES = ['open', 'in_progress', 'blocked', 'closed', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/**
 * How an action proves it reduced the risk. The first three Firebreak checks itself; an
 * attestation is a link (a document, a test run, a merged change) a second person vouches for.
 */
export const VERIFICATION_KINDS = ['monitor', 'replay', 'control', 'attestation'] as const;
export type VerificationKind = (typeof VERIFICATION_KINDS)[number];

/** Verifications Firebreak can run again unattended (at the 30/60/90-day follow-ups). */
export const AUTOMATIC_VERIFICATIONS: readonly VerificationKind[] = ['monitor', 'replay', 'control'];

/** What a postmortem exports to. */
export const EXPORT_FORMATS = ['markdown', 'html', 'pdf'] as const;

/** Days after an action is added at which it is followed up (re-verified if closed, chased if open). */
export const FOLLOW_UP_DAYS = [30, 60, 90] as const;

const DAY_MS = 86_400_000;

/** An action's follow-up dates. */
export function followUpDates(createdAt: Date): Date[] {
  return FOLLOW_UP_DAYS.map((days) => new Date(createdAt.getTime() + days * DAY_MS));
}

export function isActionFinished(status: ActionStatus): boolean {
  return status === 'closed' || status === 'cancelled';
}

/** An action is overdue when its due date has passed and it is neither closed nor cancelled. */
export function isActionOverdue(action: { status: ActionStatus; dueAt: string | null }, now: Date): boolean {
  return !isActionFinished(action.status) && action.dueAt !== null && Date.parse(action.dueAt) < now.getTime();
}

/** What the postmortem policy says; the defaults follow common practice (a review within two weeks). */
export interface PostmortemPolicy {
  /** Severities whose postmortem is required, and gates closing. */
  requiredFor: readonly Severity[];
  /** Business days (Monday to Friday) after resolution the postmortem is due. */
  dueBusinessDays: number;
}

export const DEFAULT_POSTMORTEM_POLICY: PostmortemPolicy = { requiredFor: ['SEV1', 'SEV2'], dueBusinessDays: 10 };

/** Whether an incident needs a published postmortem before it may close (near misses never do). */
export function postmortemRequired(
  incident: { severity: Severity; nearMiss: boolean },
  policy: PostmortemPolicy = DEFAULT_POSTMORTEM_POLICY,
): boolean {
  return !incident.nearMiss && policy.requiredFor.includes(incident.severity);
}

/**
 * When the postmortem is due: `dueBusinessDays` working days (Monday to Friday, UTC) after the
 * incident was resolved, or after now while it is not.
 *
 * @example
 * postmortemDueAt(new Date('2026-12-04T16:00:00Z'), 10); // 2026-12-18T16:00:00Z (a Friday, two weeks on)
 */
export function postmortemDueAt(resolvedAt: Date, dueBusinessDays: number): Date {
  return new Date(addBusinessDays(new UTCDate(resolvedAt.getTime()), dueBusinessDays).getTime());
}

export function assertPostmortemTransition(from: PostmortemStatus, to: PostmortemStatus, reason?: string): void {
  if (from === to) throw new DomainError('invalid_transition', `status: the postmortem is already ${to}`);
  if (!POSTMORTEM_TRANSITIONS[from].includes(to))
    throw new DomainError(
      'invalid_transition',
      `status: a postmortem goes from ${from} to ${POSTMORTEM_TRANSITIONS[from].join(' or ')}, not ${to}`,
      { details: { from, to, allowed: POSTMORTEM_TRANSITIONS[from] } },
    );
  if (from === 'published' && !reason?.trim())
    throw new DomainError('validation_failed', 'reason: reopening a published postmortem needs a reason', {
      details: { issues: [{ path: 'reason', message: 'required to reopen a published postmortem' }] },
    });
}

/** What closing an incident is checked against. */
export interface ClosingFacts {
  severity: Severity;
  nearMiss: boolean;
  postmortem: PostmortemStatus | null;
  residualRiskAcceptedBy: string | null;
  /** Requirements an admin waived, with a reason on the timeline. */
  waived: ReadonlySet<'postmortem' | 'residual_risk'>;
}

export interface CloseGap {
  requirement: 'postmortem' | 'residual_risk';
  message: string;
}

/** What stands between an incident and `closed`; empty when it may close. */
export function closeGaps(facts: ClosingFacts, policy: PostmortemPolicy = DEFAULT_POSTMORTEM_POLICY): CloseGap[] {
  if (!postmortemRequired(facts, policy)) return [];
  const gaps: CloseGap[] = [];
  if (facts.postmortem !== 'published' && !facts.waived.has('postmortem'))
    gaps.push({
      requirement: 'postmortem',
      message:
        facts.postmortem === null
          ? `a ${facts.severity} needs a published postmortem, and none is drafted`
          : `a ${facts.severity} needs a published postmortem; its postmortem is ${facts.postmortem.replace('_', ' ')}`,
    });
  if (facts.residualRiskAcceptedBy === null && !facts.waived.has('residual_risk'))
    gaps.push({ requirement: 'residual_risk', message: 'its residual risk must be accepted by a named person' });
  return gaps;
}

/**
 * Throws `invalid_transition` listing every missing requirement at once, so the close dialog and
 * the CLI say what to do.
 */
export function assertClosable(facts: ClosingFacts, policy: PostmortemPolicy = DEFAULT_POSTMORTEM_POLICY): void {
  const gaps = closeGaps(facts, policy);
  if (gaps.length === 0) return;
  throw new DomainError(
    'invalid_transition',
    `status: closing needs ${gaps.map((gap) => gap.message).join('; ')} (or an admin waives it with a reason)`,
    {
      details: { issues: gaps.map((gap) => ({ path: gap.requirement, message: gap.message })), gaps },
    },
  );
}

/**
 * Whether an earlier incident is a repeat of this one worth showing: it shares a system and
 * either the incident type or a contributing-factor category.
 */
export function isRepeat(
  current: { systems: readonly string[]; type: string; factors: readonly string[] },
  earlier: { systems: readonly string[]; type: string; factors: readonly string[] },
): { systems: string[]; sameType: boolean; factors: string[] } | null {
  const systems = current.systems.filter((system) => earlier.systems.includes(system));
  if (systems.length === 0) return null;
  const sameType = current.type === earlier.type;
  const factors = current.factors.filter((factor) => earlier.factors.includes(factor));
  if (!sameType && factors.length === 0) return null;
  return { systems, sameType, factors: [...new Set(factors)] };
}
