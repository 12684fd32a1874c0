import { readFile } from 'node:fs/promises';
import { RulePackFile } from '@firebreak/contract';
import { formatIssue, parseYamlFile } from '@firebreak/contract/yaml-file';
import {
  BUILTIN_RULE_PACK_URL,
  combineRulePacks,
  evaluateObligations,
  type IncidentFacts,
  loadHolidayCalendars,
  type ObligationFiling,
  type ObligationSpec,
  type RegulatoryProfile,
  type RulePack,
} from '@firebreak/core';

/** A filing of an earlier stage: what opens the stages that run from a submission. */
export type Filing = ObligationFiling;

/** The rule pack in force: the built-in one with the organisation's own rules beside it. */
export interface ActivePack {
  /** `builtin@1.0.0`, with `+name@version` for each of the organisation's packs. */
  version: string;
  evaluate(profile: RegulatoryProfile, facts: IncidentFacts, filings: readonly Filing[], asOf: Date): ObligationSpec[];
}

/**
 * Reads and checks rule packs: the built-in one, then the organisation's own files in order (a
 * rule with the same id replaces the built-in one). A file that does not parse or check stops
 * here with its line and field named.
 */
export async function loadRulePacks(files: readonly string[] = []): Promise<ActivePack> {
  await loadHolidayCalendars();
  const packs: RulePack[] = [];
  for (const [file, text] of [
    ['builtin.yaml', await readFile(BUILTIN_RULE_PACK_URL, 'utf8')] as const,
    ...(await Promise.all(files.map(async (path) => [path, await readFile(path, 'utf8')] as const))),
  ]) {
    const parsed = parseYamlFile(RulePackFile, text, file, 'expected "format: 1"');
    if (!parsed.ok) throw new Error(`rule pack ${file} is not valid:\n${parsed.issues.map(formatIssue).join('\n')}`);
    packs.push(parsed.value);
  }
  const pack = combineRulePacks(packs);
  return {
    version: packs.map((one, i) => `${i === 0 ? '' : '+'}${one.name}@${one.version}`).join(''),
    evaluate: (profile, facts, filings, asOf) =>
      evaluateObligations(pack, profile, facts, [...filings], asOf.toISOString()),
  };
}

let active: Promise<ActivePack> | undefined;

/**
 * The pack the server evaluates with: the built-in pack plus the files named in
 * FIREBREAK_RULE_PACKS (comma-separated paths), read once.
 */
export function rulePack(): Promise<ActivePack> {
  active ??= loadRulePacks(
    (process.env.FIREBREAK_RULE_PACKS ?? '')
      .split(',')
      .map((path) => path.trim())
      .filter(Boolean),
  ).catch((error: unknown) => {
    active = undefined;
    throw error;
  });
  return active;
}
