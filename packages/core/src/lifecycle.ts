import { DomainError } from './errors';

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
