import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import {
  builtinScenarios,
  formatScenarioError,
  parseScenario,
  type ScenarioError,
} from '@firebreak/contract/yaml-file';
import type { Scenario } from '@firebreak/core';

export { formatScenarioError };

/** One scenario file checked: the scenario, or its errors (an unreadable file is one error at line 0). */
export interface CheckedScenario {
  file: string;
  scenario?: Scenario;
  errors: ScenarioError[];
}

/**
 * Reads and validates a drill scenario file. Loaded only by `firebreak drill`: the schema pulls
 * in zod, which other commands need not pay for.
 */
export async function checkScenarioFile(file: string): Promise<CheckedScenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    return { file, errors: [{ file, line: 0, field: '', message: `cannot read the file: ${reason}` }] };
  }
  const result = parseScenario(text, file);
  return 'errors' in result ? { file, errors: result.errors } : { file, scenario: result.scenario, errors: [] };
}

/** The built-in scenario library, read from where @firebreak/core keeps it. */
export function loadBuiltinScenarios(): Scenario[] {
  return builtinScenarios((url) => readFileSync(url, 'utf8'));
}
