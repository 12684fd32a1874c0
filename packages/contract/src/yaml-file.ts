import { BUILTIN_SCENARIO_IDS, builtinScenarioUrl, type Scenario as ScenarioSpec } from '@firebreak/core';
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { formatPath, toFieldIssues } from './issues';
import { Scenario } from './scenarios';
import { z } from './zod';

/** One problem in a config file, where it is and which field it is about. */
export interface ConfigIssue {
  file: string;
  line: number;
  column: number;
  /** `systems[1].riskTier`; empty for a YAML syntax error. */
  path: string;
  message: string;
}

export type YamlFileResult<T> = { ok: true; value: T } | { ok: false; issues: ConfigIssue[] };

/** `firebreak.yaml:12:5: systems[1].riskTier: Invalid option: …`, as compilers and editors print it. */
export function formatIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.column}`;
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

/**
 * Parses the text of a YAML config file and validates it against a schema, each problem placed
 * at the line and column of the node it is about (the nearest enclosing node when the field is
 * missing). Used for `firebreak.yaml` by the CLI and for the server's channels file, so both
 * report mistakes the same way. Not exported from the package index: the web app has no use
 * for a YAML parser (`@firebreak/contract/yaml-file`).
 *
 * @example
 * const result = parseYamlFile(FirebreakConfig, text, 'firebreak.yaml', 'expected "version: 1"');
 * if (!result.ok) result.issues.map(formatIssue).forEach((line) => console.error(line));
 */
export function parseYamlFile<S extends z.ZodType>(
  schema: S,
  text: string,
  file: string,
  whenEmpty: string,
): YamlFileResult<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((error) => ({ ...at(error.pos[0]), path: '', message: error.message })),
    };
  }
  if (doc.contents === null) {
    return { ok: false, issues: [{ ...at(0), path: '', message: `the file is empty: ${whenEmpty}` }] };
  }
  const parsed = schema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: parsed.error.issues.flatMap((issue) => locateIssue(doc, issue, at)) };
}

type At = (offset: number) => Omit<ConfigIssue, 'path' | 'message'>;

function locateIssue(doc: Document, issue: z.core.$ZodIssue, at: At): ConfigIssue[] {
  const described = toFieldIssues(new z.ZodError([issue]));
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key, index) => ({
      ...at(keyOffset(doc, issue.path, key)),
      path: described[index]?.path ?? formatPath('', [...issue.path, key]),
      message: described[index]?.message ?? 'unknown field',
    }));
  }
  // zod says a missing field is "expected string, received undefined"; say it the way people do.
  const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
  return described.map((field) => ({
    ...at(nodeOffset(doc, issue.path)),
    path: field.path,
    message: missing ? `required field is missing (expected ${issue.expected})` : field.message,
  }));
}

interface Ranged {
  range?: readonly [number, number, number] | null;
}

const start = (node: unknown): number | undefined => (node as Ranged | null)?.range?.[0];

/** The offset of the node at `path`, or of the deepest node on the way that exists. */
function nodeOffset(doc: Document, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let offset = start(node) ?? 0;
  for (const segment of path) {
    const pair = isMap(node)
      ? node.items.find((item) => isPair(item) && keyOf(item.key) === String(segment))
      : undefined;
    if (pair) {
      // `riskTier:` with nothing after it has no value node worth pointing at: point at the key.
      node = pair.value;
      offset = start(node) ?? start(pair.key) ?? offset;
      if (isScalar(node) && node.value === null && start(pair.key) !== undefined) offset = start(pair.key)!;
      continue;
    }
    if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
      offset = start(node) ?? offset;
      continue;
    }
    break;
  }
  return offset;
}

/** The offset of key `key` in the map at `path` (an unknown field is best shown at its name). */
function keyOffset(doc: Document, path: readonly PropertyKey[], key: string): number {
  const map = path.length === 0 ? doc.contents : doc.getIn(path as unknown[], true);
  if (isMap(map)) {
    const pair = map.items.find((item) => keyOf(item.key) === key);
    const offset = start(pair?.key);
    if (offset !== undefined) return offset;
  }
  return nodeOffset(doc, path);
}

function keyOf(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

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
 * use for a YAML parser): `@firebreak/contract/yaml-file`.
 *
 * @example
 * const result = parseScenario(text, 'leak.yaml');
 * if ('errors' in result) result.errors.map(formatScenarioError).forEach((line) => console.error(line));
 */
export function parseScenario(text: string, fileName: string): ScenarioResult {
  const result = parseYamlFile(Scenario, text, fileName, 'expected a scenario with id, title, system and telemetry');
  if (result.ok) return { scenario: result.value };
  return {
    errors: result.issues.map(({ file, line, column, path, message }) => ({
      file,
      line,
      column,
      field: path,
      message,
    })),
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
