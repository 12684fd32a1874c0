import { ControlAccess, type OnCallDirectory } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import type { Actor } from '../context';
import type { Tx } from '../db/connect';
import { currentRoles } from '../incidents/store';
import { personIn, tokenHolderIn } from '../oncall/people';
import { currentDirectory } from '../oncall/store';
import { ownerOf } from '../systems/store';
import { openIncidentsOn } from './store';

/** Why a caller may change a system's controls (docs/adr/0026-who-may-change-a-control.md). */
export type AccessGrant =
  | 'admin'
  | 'firebreak'
  | 'responders'
  | 'unowned'
  | 'owner_team'
  | 'listed_team'
  | 'incident_commander';

export type AccessDecision = { allowed: true; grant: AccessGrant } | { allowed: false; message: string };

export interface AccessFacts {
  policy: ControlAccess;
  directory: Pick<OnCallDirectory, 'people' | 'teams'>;
  system: string;
  /** What the system card's `owner` says: a team's id, or free text. */
  owner: string | undefined;
  actor: Actor;
  /** Open incidents on the system, with who commands each (as typed on the incident). */
  commanders: readonly { incident: string; person: string }[];
}

/**
 * Whether the actor may change a control of the system, and on which ground: pure, so every
 * combination is tested without a store. Refusals name the rule and who would be allowed.
 */
export function decideControlAccess(facts: AccessFacts): AccessDecision {
  const { policy, directory, system, owner, actor } = facts;
  if (actor.role === 'admin') return { allowed: true, grant: 'admin' };
  // Firebreak's own changes (a triage rule's containment, an expiry) carry no token.
  if (actor.tokenId === null) return { allowed: true, grant: 'firebreak' };
  if (policy.changedBy === 'responders') return { allowed: true, grant: 'responders' };
  const ownerTeam = directory.teams.find((team) => team.id === owner);
  if (!ownerTeam) return { allowed: true, grant: 'unowned' };
  const person =
    personIn(directory as OnCallDirectory, actor.name) ?? tokenHolderIn(directory as OnCallDirectory, actor.name);
  if (person && ownerTeam.members.includes(person.id)) return { allowed: true, grant: 'owner_team' };
  const listed = directory.teams.filter((team) => policy.teams.includes(team.id));
  if (person && listed.some((team) => team.members.includes(person.id))) return { allowed: true, grant: 'listed_team' };
  const names = new Set(
    [actor.name, person?.id, person?.name].filter((n): n is string => !!n).map((n) => n.toLowerCase()),
  );
  const commands = facts.commanders.find((c) => names.has(c.person.trim().toLowerCase()));
  if (policy.incidentCommanders && commands) return { allowed: true, grant: 'incident_commander' };
  const who = [
    `the members of ${ownerTeam.id} (the owner of ${system})`,
    ...(listed.length > 0 ? [`of ${listed.map((team) => team.id).join(', ')}`] : []),
    ...(policy.incidentCommanders ? [`the commander of an open incident on ${system}`] : []),
    'an admin',
  ];
  const caller = person
    ? `${actor.name} (${person.name}) is none of them`
    : `${actor.name} is no person of the directory`;
  return {
    allowed: false,
    message: `controlAccess.changedBy is owners: only ${who.slice(0, -1).join(', ')} or ${who.at(-1)} may change the controls of ${system}; ${caller}`,
  };
}

/** Refuses (403, naming the rule) a change to a control of `system` the actor may not make. */
export async function requireControlAccess(tx: Tx, actor: Actor, system: string): Promise<AccessGrant> {
  if (actor.role === 'admin') return 'admin';
  if (actor.tokenId === null) return 'firebreak';
  const { directory } = await currentDirectory(tx);
  const policy = directory.controlAccess ?? ControlAccess.parse({});
  const open = await openIncidentsOn(tx, system);
  const roles = await currentRoles(tx, open);
  const commanders = open.flatMap((incident) =>
    (roles.get(incident) ?? [])
      .filter((role) => role.role === 'incident_commander')
      .map((role) => ({ incident, person: role.person })),
  );
  const decision = decideControlAccess({
    policy,
    directory,
    system,
    owner: await ownerOf(tx, system),
    actor,
    commanders,
  });
  if (!decision.allowed)
    throw new DomainError('forbidden', decision.message, { details: { rule: 'controlAccess.changedBy', system } });
  return decision.grant;
}
