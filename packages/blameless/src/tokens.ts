import type { Sentence, SentenceContent } from 'nlcst';
import { toString as nlcstToString } from 'nlcst-to-string';

/** A word or a clause boundary of one sentence, with its offsets into the linted text. */
export interface Token {
  kind: 'word' | 'boundary';
  /** The word as written. */
  text: string;
  /** Lower case, curly apostrophes straightened, a trailing possessive `'s` or `'` removed. */
  lower: string;
  /** The word ended in a possessive `'s` (or `s'`). */
  possessive: boolean;
  start: number;
  end: number;
  line: number;
  column: number;
}

const QUOTES = new Set(['"', '“', '”', '«', '»']);
// Punctuation that closes a clause as far as a subject search is concerned.
const BOUNDARIES = new Set([',', ';', ':', '(', ')', '—', '–', '!', '?', '.']);

function point(node: SentenceContent): { start: number; end: number; line: number; column: number } {
  const position = node.position;
  return {
    start: position?.start.offset ?? 0,
    end: position?.end.offset ?? 0,
    line: position?.start.line ?? 1,
    column: position?.start.column ?? 1,
  };
}

function normalise(text: string): { lower: string; possessive: boolean } {
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  if (lower.endsWith("'s") && lower.length > 2) return { lower: lower.slice(0, -2), possessive: true };
  if (lower.endsWith("s'") && lower.length > 2) return { lower: lower.slice(0, -1), possessive: true };
  return { lower, possessive: false };
}

// The four rules read the same sentences: each sentence is tokenised once per lint.
const tokenCache = new WeakMap<Sentence, Token[]>();

/**
 * The words of a sentence in order, with clause boundaries, leaving out what stands between
 * double quotation marks: quoted speech is evidence, not the writer's judgement.
 */
export function sentenceTokens(sentence: Sentence): Token[] {
  const cached = tokenCache.get(sentence);
  if (cached) return cached;
  const tokens: Token[] = [];
  let quoted = false;
  for (const child of sentence.children) {
    if (child.type === 'WhiteSpaceNode') continue;
    const text = nlcstToString(child);
    if (child.type === 'PunctuationNode' || child.type === 'SymbolNode') {
      if (QUOTES.has(text)) {
        quoted = !quoted;
        tokens.push({ kind: 'boundary', text, lower: text, possessive: false, ...point(child) });
      } else if (!quoted && BOUNDARIES.has(text)) {
        tokens.push({ kind: 'boundary', text, lower: text, possessive: false, ...point(child) });
      }
      continue;
    }
    if (quoted || child.type !== 'WordNode') continue;
    tokens.push({ kind: 'word', text, ...normalise(text), ...point(child) });
  }
  tokenCache.set(sentence, tokens);
  return tokens;
}
