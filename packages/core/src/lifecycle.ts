import { DomainError } from './errors';
import type { Severity } from './severity';

/** The incident lifecycle, in its usual order, then `dismissed` (a false positive kept for alert hygiene). */
export const STATUSES = ['triage', 'active', 'contained', 'recovering', 'resolved', 'closed', 'dismissed'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * Which status may follow which. Forward skips are allowed (an incident can be resolved straight
 * from active when nothing needed containing); going back is allowed where reality does it
 * (containment failed: contained → active; a resolved incident recurs: resolved → active).
 * `closed` is final. A dismissed incident can only be taken back into triage.
 */
export const TRANSITIONS: Record<Status, readonly Status[]> = {
  triage: ['active', 'contained', 'recovering', 'resolved', 'dismissed'],
  active: ['contained', 'recovering', 'resolved', 'dismissed'],
  contained: ['active', 'recovering', 'resolved'],
  recovering: ['active', 'contained', 'resolved'],
  resolved: ['active', 'closed'],
  closed: [],
  dismissed: ['triage'],
};

/** Statuses an incident is still being worked in. */
export const OPEN_STATUSES: readonly Status[] = ['triage', 'active', 'contained', 'recovering'];

/** Transitions that must say why: dismissing, reopening, and undoing containment. */
export function reasonRequired(from: Status, to: Status): boolean {
  if (to === 'dismissed') return true;
  if (from === 'dismissed') return true;
  if (from === 'resolved' && to === 'active') return true;
  return STATUSES.indexOf(to) < STATUSES.indexOf(from);
}

export function isOpen(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Statuses where the work is over: the incident is a record, and no clock runs on it. */
export const FINISHED_STATUSES: readonly Status[] = ['resolved', 'closed', 'dismissed'];

export function isFinished(status: Status): boolean {
  return FINISHED_STATUSES.includes(status);
}

/**
 * A finished incident (resolved, closed, dismissed) is read-only: only a lifecycle move
 * (reopening, or closing a resolved one) changes it, so its record cannot drift from what was
 * true when it ended. Throws `invalid_transition` naming the way back.
 *
 * @example
 * assertChangeable('closed', 'status updates'); // throws: a closed incident is read-only…
 */
export function assertChangeable(status: Status, what: string): void {
  if (!isFinished(status)) return;
  const back = TRANSITIONS[status].filter((to) => isOpen(to));
  const reopen =
    back.length === 0
      ? 'it is the final record of what happened'
      : `reopen it first (move it to ${back.join(' or ')} with a reason)`;
  throw new DomainError('invalid_transition', `status: ${withArticle(status)} incident takes no ${what}; ${reopen}`, {
    details: { status, reopenTo: back },
  });
}

/** What resolving an incident is checked against. */
export interface ResolutionFacts {
  severity: Severity;
  /** Someone acknowledged the incident. */
  acknowledged: boolean;
  /** Who holds incident_commander now, if anyone. */
  commander: string | null;
  reason?: string | undefined;
}

/**
 * A SEV1 or SEV2 is resolved only by someone who took it on: it must have been acknowledged,
 * have an incident commander, and the move must say why. Lesser severities resolve freely.
 * Each missing fact is named, all at once, so the responder fixes them in one go.
 */
export function assertResolvable(facts: ResolutionFacts): void {
  if (facts.severity !== 'SEV1' && facts.severity !== 'SEV2') return;
  const issues: { path: string; message: string }[] = [];
  if (!facts.acknowledged) issues.push({ path: 'acknowledged', message: 'acknowledge the incident first' });
  if (!facts.commander) issues.push({ path: 'roles.incident_commander', message: 'seat an incident commander first' });
  if (!facts.reason?.trim()) issues.push({ path: 'reason', message: 'say why it is resolved' });
  if (issues.length === 0) return;
  // A missing reason is a bad request; a missing acknowledgement or commander is the incident's state.
  const code = issues.every((issue) => issue.path === 'reason') ? 'validation_failed' : 'invalid_transition';
  throw new DomainError(
    code,
    `status: before a ${facts.severity} can be resolved: ${issues.map((issue) => issue.message).join('; ')}`,
    { details: { issues, severity: facts.severity } },
  );
}

/**
 * Throws `invalid_transition` unless `from → to` is allowed, naming what is allowed instead.
 *
 * @example
 * assertTransition('closed', 'resolved'); // throws: cannot move a closed incident to resolved…
 */
export function assertTransition(from: Status, to: Status, reason?: string): void {
  if (from === to) {
    throw new DomainError('invalid_transition', `status: the incident is already ${to}`, { details: { from, to } });
  }
  const allowed = TRANSITIONS[from];
  if (!allowed.includes(to)) {
    const next = allowed.length === 0 ? `${from} is final` : `from ${from} it can go to ${allowed.join(', ')}`;
    throw new DomainError('invalid_transition', `status: cannot move ${withArticle(from)} incident to ${to}; ${next}`, {
      details: { from, to, allowed },
    });
  }
  if (reasonRequired(from, to) && !reason?.trim()) {
    throw new DomainError('validation_failed', `reason: moving ${withArticle(from)} incident to ${to} needs a reason`, {
      details: { issues: [{ path: 'reason', message: 'required for this transition' }], from, to },
    });
  }
}

function withArticle(status: Status): string {
  return `${/^[aeiou]/.test(status) ? 'an' : 'a'} ${status}`;
}

/**
 * A duplicate is merged into the incident that carries on: both must be open and distinct. The
 * duplicate ends closed (its record final, linked to the other), not resolved: its work goes on
 * in the other incident (docs/adr/0018).
 */
export function assertMergeable(duplicate: { id: string; status: Status }, into: { id: string; status: Status }): void {
  if (duplicate.id === into.id) {
    throw new DomainError('validation_failed', `into: an incident cannot be merged into itself`, {
      details: { issues: [{ path: 'into', message: 'must name another incident' }] },
    });
  }
  for (const [role, incident] of [
    ['duplicate', duplicate],
    ['into', into],
  ] as const) {
    if (!isOpen(incident.status)) {
      throw new DomainError(
        'invalid_transition',
        `${role === 'into' ? 'into' : 'status'}: ${incident.id} is ${incident.status}; only open incidents merge`,
        { details: { id: incident.id, status: incident.status } },
      );
    }
  }
}
