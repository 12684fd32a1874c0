import type { Team } from './model';

/** What a system card's `owner` refers to: a team declared in the config, or free text. */
export type Owner = { kind: 'team'; team: Team } | { kind: 'text'; text: string };

/**
 * Reads a system's `owner`: when it is the id of a declared team it names that team, so its
 * members and schedule can be reached; otherwise it stays the free text it always was.
 *
 * @example
 * resolveOwner('support-ai', teams); // { kind: 'team', team: { id: 'support-ai', … } }
 * resolveOwner('Risk ML team', teams); // { kind: 'text', text: 'Risk ML team' }
 */
export function resolveOwner(owner: string, teams: readonly Team[]): Owner {
  const team = teams.find((candidate) => candidate.id === owner);
  return team ? { kind: 'team', team } : { kind: 'text', text: owner };
}
