import { BUILTIN_SCENARIO_IDS, builtinScenarioUrl, type Scenario as ScenarioSpec } from '@firebreak/core';
import { Scenario } from './scenarios';
import { parseYamlFile } from './yaml-file';

/** One mistake in a scenario file: where it is and which field it is about (empty for a YAML syntax error). */
export interface ScenarioError {
  file: string;
  line: number;
  column?: number | undefined;
  field: string;
  message: string;
}

export type ScenarioResult = { scenario: ScenarioSpec } | { errors: ScenarioError[] };

/**
 * Parses and validates the text of a drill scenario file, each mistake placed at the line and
 * column of the YAML node it is about. Not exported from the package index (the web app has no
 * use for a YAML parser): `@firebreak/contract/scenario-file`.
 *
 * @example
 * const result = parseScenario(text, 'leak.yaml');
 * if ('errors' in result) result.errors.map(formatScenarioError).forEach((line) => console.error(line));
 */
export function parseScenario(text: string, fileName: string): ScenarioResult {
  const result = parseYamlFile(Scenario, text, fileName, 'expected a scenario with id, title, system and telemetry');
  if (result.ok) return { scenario: result.value };
  return {
    errors: result.issues.map(({ file, line, column, path, message }) => ({ file, line, column, field: path, message })),
  };
}

/** `leak.yaml:12: telemetry.rate: at most 1000 events per minute`, as `firebreak drill validate` prints it. */
export function formatScenarioError(error: ScenarioError): string {
  // Line 0: the file as a whole (it could not be read).
  const where = error.line > 0 ? `${error.file}:${error.line}` : error.file;
  return error.field ? `${where}: ${error.field}: ${error.message}` : `${where}: ${error.message}`;
}

/**
 * The built-in scenario library, each file read with `read` (core does no I/O; the caller owns
 * the file system) and validated. A built-in file that does not validate is a bug: it throws
 * with the file's errors.
 *
 * @example
 * const scenarios = builtinScenarios((url) => readFileSync(url, 'utf8'));
 */
export function builtinScenarios(read: (url: URL) => string): ScenarioSpec[] {
  return BUILTIN_SCENARIO_IDS.map((id) => {
    const result = parseScenario(read(builtinScenarioUrl(id)), `${id}.yaml`);
    if ('errors' in result)
      throw new Error(`built-in scenario ${id} is not valid:\n${result.errors.map(formatScenarioError).join('\n')}`);
    return result.scenario;
  });
}
