import { type OnCallDirectory, PostmortemSettings } from '@firebreak/contract';
import { invalid } from '@firebreak/core';
import type { Tx } from '../db/connect';
import { currentDirectory } from './store';

export interface NamedPerson {
  /** The directory id, or the name as typed when the directory lists nobody. */
  id: string;
  name: string;
}

/** A person of the directory by id or (case-insensitive) name. */
export function personIn(directory: OnCallDirectory, nameOrId: string): NamedPerson | undefined {
  const wanted = nameOrId.trim().toLowerCase();
  const person =
    directory.people.find((candidate) => candidate.id === nameOrId.trim()) ??
    directory.people.find((candidate) => candidate.name.toLowerCase() === wanted);
  return person ? { id: person.id, name: person.name } : undefined;
}

/**
 * Resolves a person a request names in `field`. Where the directory lists people, the name must
 * be one of them (400 naming the field and a few who are); with an empty directory a typed name
 * is kept as it is, so a team that has not written its people down yet can still assign work.
 */
export async function requirePerson(tx: Tx, nameOrId: string, field: string): Promise<NamedPerson> {
  const { directory } = await currentDirectory(tx);
  if (directory.people.length === 0) return { id: nameOrId.trim(), name: nameOrId.trim() };
  const found = personIn(directory, nameOrId);
  if (found) return found;
  const some = directory.people
    .slice(0, 8)
    .map((person) => person.id)
    .join(', ');
  throw invalid(field, `no person "${nameOrId}" in the directory (people are named by id or name: ${some}…)`);
}

/** Everyone a person is known as (their id and name), for matching typed text. */
export async function namesOf(tx: Tx, nameOrId: string): Promise<string[]> {
  const { directory } = await currentDirectory(tx);
  const found = personIn(directory, nameOrId);
  return found ? [found.id, found.name] : [nameOrId];
}

/** The display name of a person id (itself when the directory does not know it). */
export async function displayNames(tx: Tx): Promise<(id: string | null) => string | null> {
  const { directory } = await currentDirectory(tx);
  const names = new Map(directory.people.map((person) => [person.id, person.name]));
  return (id) => (id === null ? null : (names.get(id) ?? id));
}

/** Names and ids of everyone in the directory (the blameless lint treats them as people). */
export async function everyoneNamed(tx: Tx): Promise<string[]> {
  const { directory } = await currentDirectory(tx);
  return directory.people.flatMap((person) => [person.id, person.name]);
}

/** The postmortem policy in force: the directory's `postmortems` block, defaults filled. */
export async function postmortemSettings(tx: Tx) {
  const { directory } = await currentDirectory(tx);
  return directory.postmortems ?? PostmortemSettings.parse({});
}
