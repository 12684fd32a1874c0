import { readFile } from 'node:fs/promises';
import { FirebreakConfig } from '@firebreak/contract';
import { type ConfigIssue, formatIssue, parseYamlFile } from '@firebreak/contract/yaml-file';
import { CliError } from './errors';

export type { ConfigIssue } from '@firebreak/contract/yaml-file';
export { formatIssue };

export type ConfigResult = { ok: true; config: FirebreakConfig } | { ok: false; issues: ConfigIssue[] };

/**
 * Parses and validates the text of a `firebreak.yaml` against the contract's FirebreakConfig,
 * each problem placed at the line and column of the node it is about.
 *
 * @example
 * const result = parseConfig(text, 'firebreak.yaml');
 * if (!result.ok) result.issues.map(formatIssue).forEach((line) => console.error(line));
 */
export function parseConfig(text: string, file: string): ConfigResult {
  const result = parseYamlFile(FirebreakConfig, text, file, 'expected "version: 1" and a list of systems');
  return result.ok ? { ok: true, config: result.value } : result;
}

/** Reads and checks a config file; an unreadable file is a config error too. */
export async function loadConfig(path: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliError(`cannot read ${path}: ${reason}`, { exitCode: 2, code: 'invalid_config' });
  }
  return parseConfig(text, path);
}

/**
 * A config file's contents, or a CliError (exit status 2) that lists every problem as
 * file:line:column, with `after` appended to its message (`; nothing was applied`).
 */
export async function requireConfig(file: string, after = ''): Promise<FirebreakConfig> {
  const result = await loadConfig(file);
  if (result.ok) return result.config;
  const count = result.issues.length === 1 ? '1 problem' : `${result.issues.length} problems`;
  throw new CliError(`${file} is not valid (${count})${after}`, {
    exitCode: 2,
    code: 'invalid_config',
    listing: result.issues.map(formatIssue),
    details: { issues: result.issues },
  });
}
