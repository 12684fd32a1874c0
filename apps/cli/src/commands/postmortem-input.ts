import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContributingFactor, Impact, WhyChain, z } from '@firebreak/contract';
import { parse as parseYaml } from 'yaml';
import { CliError, UsageError } from '../errors';
import type { CliIo } from '../io';

export { readText } from '../read-text';

const FactorsFile = z.union([
  z.array(ContributingFactor).max(50),
  z.object({ factors: z.array(ContributingFactor).max(50) }).transform((file) => file.factors),
]);
const WhysFile = z.union([
  z.array(WhyChain).max(10),
  z.object({ chains: z.array(WhyChain).max(10) }).transform((file) => file.chains),
  WhyChain.transform((chain) => [chain]),
]);

/**
 * The structured content of a section from a YAML or JSON file (JSON is YAML), checked against
 * the contract so a typo is named with its path before anything is sent.
 *
 * @example
 * parseStructured('factors', 'f.yaml', '- category: prompt_guardrails\n  description: v7 dropped the excerpt');
 */
export function parseStructured(kind: 'factors', path: string, text: string): ContributingFactor[];
export function parseStructured(kind: 'whys', path: string, text: string): WhyChain[];
export function parseStructured(kind: 'impact', path: string, text: string): Impact;
export function parseStructured(
  kind: 'factors' | 'whys' | 'impact',
  path: string,
  text: string,
): ContributingFactor[] | WhyChain[] | Impact {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new UsageError(`${path}: not YAML or JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  const schema = kind === 'factors' ? FactorsFile : kind === 'whys' ? WhysFile : Impact;
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = deepest(parsed.error.issues).map(
    (issue) => `${path}: ${issue.path.map(String).join('.') || '(top)'}: ${issue.message}`,
  );
  throw new CliError(`${path}: not valid ${kind} (${EXPECTED[kind]})`, {
    exitCode: 2,
    code: 'usage',
    listing: issues,
  });
}

const EXPECTED = {
  factors: 'a list of {category, description, citations?}',
  whys: 'a list of {problem, steps: [{why, because, citations?}]}',
  impact: 'an object of users, conversations, decisions, segments, durationSeconds, money, citations',
};

type Issue = z.core.$ZodIssue;

/** A union's error hides the useful issues inside its branches; report the branch that got furthest. */
function deepest(issues: readonly Issue[]): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branches = issue.errors.map((branch) => deepest(branch));
      const best = branches.reduce((a, b) => (depth(b) > depth(a) ? b : a));
      out.push(...best.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
    } else out.push(issue);
  }
  return out.slice(0, 10);
}

const depth = (issues: readonly Issue[]): number => Math.max(0, ...issues.map((issue) => issue.path.length));

/**
 * Opens `$VISUAL` or `$EDITOR` on `text` and returns what was saved, with the file it used (kept,
 * so nothing typed is lost if the save to the server fails). Needs a terminal.
 */
export async function editInEditor(io: CliIo, name: string, text: string): Promise<{ text: string; file: string }> {
  const editor = io.env.VISUAL || io.env.EDITOR;
  if (!io.tty?.stdin || !io.tty.stdout)
    throw new UsageError('--editor needs a terminal; without one, pass --body TEXT or --file FILE');
  if (!editor) throw new UsageError('--editor: set EDITOR (or VISUAL), or pass --body TEXT or --file FILE');
  const dir = await mkdtemp(join(tmpdir(), 'firebreak-postmortem-'));
  const file = join(dir, `${name}.md`);
  await writeFile(file, text);
  // Through the shell, as git does, so EDITOR="code --wait" works.
  const result = spawnSync('sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit' });
  if (result.status !== 0)
    throw new CliError(`${editor} exited with ${result.status ?? result.signal}; nothing saved (${file})`);
  return { text: await readFile(file, 'utf8'), file };
}
