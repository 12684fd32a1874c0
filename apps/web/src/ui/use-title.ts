import { useEffect } from 'react';

/**
 * Names the browser tab (and what a screen reader announces on navigation) after the page:
 * `INC-4 Copilot leaks order numbers · Firebreak`. Leaves `Firebreak` alone while `what` is unknown.
 *
 * @example
 * useTitle(incident.data ? `${incident.data.id} ${incident.data.title}` : undefined);
 */
export function useTitle(what: string | undefined): void {
  useEffect(() => {
    document.title = what ? `${what} · Firebreak` : 'Firebreak';
  }, [what]);
}
