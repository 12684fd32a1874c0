import retextEnglish from 'retext-english';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { PersonMatcher } from './people';
import { type BlamelessRule, type FileOptions, SOURCE } from './rule';
import { blameWord } from './rules/blame-word';
import { counterfactual } from './rules/counterfactual';
import { personAsCause } from './rules/person-as-cause';
import { personInCause } from './rules/person-in-cause';
import { vigilanceAction } from './rules/vigilance-action';

/** One blameful passage. Offsets are UTF-16 indexes into the linted text; line and column start at 1. */
export interface LintFinding {
  rule: BlamelessRule;
  message: string;
  /** The text from `start` to `end`. */
  excerpt: string;
  start: number;
  end: number;
  line: number;
  column: number;
  /** A concrete rewrite hint. */
  suggestion: string;
}

/** Options of one lint. */
export interface LintOptions {
  /** Names, ids and role titles of the incident's people, e.g. `['Dana Reyes', 'dana', 'incident commander']`. */
  people?: string[];
}

const RULES: readonly string[] = ['person-as-cause', 'counterfactual', 'blame-word', 'vigilance-action'];

// Built once: the rules read the incident's people from the file, so one processor serves every call.
const processor = unified()
  .use(retextEnglish)
  .use(personAsCause)
  .use(personInCause)
  .use(counterfactual)
  .use(blameWord)
  .use(vigilanceAction)
  .freeze();

const isRule = (value: unknown): value is BlamelessRule => typeof value === 'string' && RULES.includes(value);

/**
 * Lints postmortem prose for blame: people named as the cause, counterfactuals, blame words and
 * be-more-careful action items. Findings are sorted by `start`.
 * @example
 * const findings = await lintProse('Dana should have checked the prompt.', { people: ['Dana Reyes'] });
 * findings[0]?.rule; // 'counterfactual'
 */
export async function lintProse(text: string, options: LintOptions = {}): Promise<LintFinding[]> {
  const data: FileOptions = { people: new PersonMatcher(options.people ?? []) };
  const file = new VFile({ value: text, data: { blameless: data } });
  // Every plugin is synchronous; the asynchronous `run` would wait a macrotask per call for nothing.
  processor.runSync(processor.parse(file), file);
  const findings: LintFinding[] = [];
  for (const message of file.messages) {
    const start = message.place && 'start' in message.place ? message.place.start : undefined;
    const end = message.place && 'end' in message.place ? message.place.end : undefined;
    if (
      message.source !== SOURCE ||
      !isRule(message.ruleId) ||
      start?.offset === undefined ||
      end?.offset === undefined
    ) {
      continue;
    }
    findings.push({
      rule: message.ruleId,
      message: message.reason,
      excerpt: text.slice(start.offset, end.offset),
      start: start.offset,
      end: end.offset,
      line: start.line,
      column: start.column,
      suggestion: message.expected?.[0] ?? '',
    });
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || RULES.indexOf(a.rule) - RULES.indexOf(b.rule));
}

/** True when the lint found anything: the prose is not yet blameless. */
export function isBlameful(findings: readonly LintFinding[]): boolean {
  return findings.length > 0;
}
