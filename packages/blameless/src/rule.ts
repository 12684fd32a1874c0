import type { Root } from 'nlcst';
import type { Plugin } from 'unified';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { PersonMatcher } from './people';
import { sentenceTokens, type Token } from './tokens';

/** The four things the linter looks for. */
export type BlamelessRule = 'person-as-cause' | 'counterfactual' | 'blame-word' | 'vigilance-action';

/** What a rule found in one sentence, by token index (`to` exclusive). */
export interface Hit {
  from: number;
  to: number;
  message: string;
  suggestion: string;
}

/** What a rule sees of a sentence. */
export interface SentenceContext {
  tokens: readonly Token[];
  people: PersonMatcher;
  /** The sentence as written, for suggestions that rewrite it. */
  text: string;
}

/** Where a rule's findings are recorded on the file: the source of its vfile messages. */
export const SOURCE = 'firebreak-blameless';

/** The per-call options a rule reads from the file (`file.data.blameless`). */
export interface FileOptions {
  people: PersonMatcher;
}

const fallbackPeople = new PersonMatcher();

/**
 * Makes a retext plugin of a rule: it runs `detect` on every sentence and records each hit as
 * a vfile message with the rule as `ruleId`, the excerpt as `actual` and the rewrite hint as
 * `expected[0]`.
 */
export function retextRule(rule: BlamelessRule, detect: (sentence: SentenceContext) => Hit[]): Plugin<[], Root> {
  return () => (tree: Root, file: VFile) => {
    const options = file.data.blameless as FileOptions | undefined;
    const people = options?.people ?? fallbackPeople;
    const source = String(file.value);
    visit(tree, 'SentenceNode', (sentence) => {
      const tokens = sentenceTokens(sentence);
      const text = source.slice(sentence.position?.start.offset ?? 0, sentence.position?.end.offset ?? 0);
      for (const hit of detect({ tokens, people, text })) {
        const first = tokens[hit.from]!;
        const last = tokens[hit.to - 1]!;
        const message = file.message(hit.message, {
          place: {
            start: { line: first.line, column: first.column, offset: first.start },
            end: { line: last.line, column: last.column + (last.end - last.start), offset: last.end },
          },
          ruleId: rule,
          source: SOURCE,
        });
        message.actual = source.slice(first.start, last.end);
        message.expected = [hit.suggestion];
      }
    });
  };
}
