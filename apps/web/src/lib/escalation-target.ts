/**
 * An escalation or audience target in words: `whoever is on call for support-ai-primary`,
 * `Dana Reyes`, `team support-ai`; `?` for anything else. `nameOf` turns ids into names where
 * the caller knows them.
 *
 * @example
 * targetText({ schedule: 'support-ai-primary' }); // 'whoever is on call for support-ai-primary'
 */
export function targetText(target: unknown, nameOf: (id: string) => string = (id) => id): string {
  if (!target || typeof target !== 'object') return '?';
  const named = target as Record<string, unknown>;
  const id = (key: string) =>
    typeof named[key] === 'string' && named[key] !== '' ? (named[key] as string) : undefined;
  const schedule = id('schedule');
  if (schedule) return `whoever is on call for ${nameOf(schedule)}`;
  const team = id('team');
  if (team) return `team ${nameOf(team)}`;
  const person = id('person');
  return person ? nameOf(person) : '?';
}
