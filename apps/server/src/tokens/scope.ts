import { DomainError } from '@firebreak/core';
import type { Actor } from '../context';

/**
 * True when the actor may act for `system`: any person's token, and an app token only for the
 * systems it was created for (docs/adr/0014). An app token from before scoping (no systems) is
 * refused: it could otherwise speak for every system, which is what scoping closes.
 *
 * @example
 * tokenMaySend({ name: 'copilot-prod', role: 'app', tokenId: 'TOK-4', systems: ['support-copilot'] }, 'fraud-model') // false
 */
export function tokenMaySend(actor: Actor, system: string): boolean {
  if (actor.role !== 'app') return true;
  return (actor.systems ?? []).includes(system);
}

/** Why an app token may not act for `system`, in words its operator can act on. */
export function outOfScope(actor: Actor, system: string): string {
  if (!actor.systems || actor.systems.length === 0)
    return `app token ${actor.name} names no systems (it predates system scoping); create one with: firebreak token create --role app --systems ${system}`;
  return `app token ${actor.name} may act for ${actor.systems.join(', ')} only, not ${system}`;
}

/** Refuses with 403, naming `field`, unless the actor may act for `system`. */
export function assertMaySend(actor: Actor, system: string, field: string): void {
  if (tokenMaySend(actor, system)) return;
  throw new DomainError('forbidden', `${field}: ${outOfScope(actor, system)}`, {
    details: { field, system, allowed: actor.systems ?? [] },
  });
}

/**
 * The systems an app may read: those it asked for, each of which must be its own, or all of its
 * own when it asked for none. Undefined for people's tokens (no limit beyond what they asked).
 */
export function scopeSystems(actor: Actor, requested: readonly string[] | undefined, field: string) {
  if (actor.role !== 'app') return requested && requested.length > 0 ? [...requested] : undefined;
  if (!actor.systems || actor.systems.length === 0)
    throw new DomainError('forbidden', `${field}: ${outOfScope(actor, requested?.[0] ?? '<system>')}`, {
      details: { field, allowed: [] },
    });
  if (!requested || requested.length === 0) return [...actor.systems];
  for (const system of requested) assertMaySend(actor, system, field);
  return [...requested];
}
