import { isOpen, type Status, TRANSITIONS } from '@firebreak/core';

/**
 * Where a finished incident (resolved, closed, dismissed) goes when it is taken up again: the
 * open status its lifecycle allows, or none (closed is final).
 *
 * @example
 * reopenTarget('resolved'); // 'active'
 * reopenTarget('dismissed'); // 'triage'
 */
export function reopenTarget(status: Status): Status | undefined {
  return isOpen(status) ? undefined : TRANSITIONS[status].find(isOpen);
}

/** True while the incident is worked: only then does it take updates, roles, records and changes. */
export function isEditable(status: Status): boolean {
  return isOpen(status);
}
