import type { PersonMatcher } from './people';
import type { Token } from './tokens';

/** Words that join two clauses: a subject search stops at them. */
export const CLAUSE_WORDS = new Set([
  'and',
  'but',
  'or',
  'so',
  'because',
  'since',
  'when',
  'while',
  'after',
  'before',
  'until',
  'if',
  'although',
  'though',
  'whereas',
  'once',
  'unless',
  'then',
]);

const PREPOSITIONS = new Set(['of', 'to', 'in', 'on', 'for', 'with', 'from', 'at', 'into', 'about', 'during', 'by']);

// Auxiliaries, modals and adverbs that may stand between a subject and its verb.
const BETWEEN = new Set([
  'will',
  'would',
  'should',
  'could',
  'can',
  'may',
  'might',
  'must',
  'shall',
  'need',
  'needs',
  'to',
  'has',
  'have',
  'had',
  'did',
  'does',
  'do',
  'was',
  'were',
  'is',
  'are',
  'be',
  'been',
  'not',
  "n't",
  'never',
  'also',
  'then',
  'always',
  'really',
  'simply',
  'just',
  'clearly',
  'obviously',
  'apparently',
  'accidentally',
  'mistakenly',
  'inadvertently',
  'carelessly',
  'wrongly',
  'erroneously',
  'unfortunately',
  'again',
  'still',
  'already',
  'first',
  'entirely',
  'completely',
  'going',
  'forward',
  'both',
  'all',
  'each',
  'personally',
  'themselves',
  'himself',
  'herself',
  'please',
]);

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'our', 'their', 'its', 'his', 'her']);

export const isWord = (token: Token | undefined): token is Token => token?.kind === 'word';

const AUXILIARIES = /^(is|are|was|were|has|have|had|did|does|do|will|would|should|could|can|may|might|must)$/;

/**
 * True when the word is an auxiliary or ends like a past form. Lexical on purpose: a tagger
 * (retext-pos) changed no figure and weighed 1.7 MB in a browser bundle (docs/blameless-lint.md).
 */
export function looksVerbal(token: Token | undefined): boolean {
  return isWord(token) && !token.possessive && (AUXILIARIES.test(token.lower) || /..[^e]ed$/.test(token.lower));
}

export type Subject = 'person' | 'thing' | 'none';

/**
 * What stands as the subject of the verb at `verb`: a person (a named person or role of the
 * incident, a word for people, or a noun phrase one of them owns: "Sam's change"), a thing
 * (any other noun phrase: a system), or nothing (an imperative, a clause that starts with the verb).
 * A prepositional phrase after the head is stepped over ("Aiko's edit to the retrieval filter").
 */
export function subjectOf(tokens: readonly Token[], verb: number, people: PersonMatcher, depth = 0): Subject {
  let index = verb - 1;
  while (index >= 0 && isWord(tokens[index]) && BETWEEN.has(tokens[index]!.lower)) index--;
  // A contraction stays one word in the tree ("didn't"); its auxiliary part is not the subject.
  while (index >= 0 && isWord(tokens[index]) && /n't$/.test(tokens[index]!.lower)) index--;
  const head = tokens[index];
  // "Oleksandr muted it and forgot about it": a coordinated verb shares the first verb's subject.
  if (isWord(head) && /^(and|but|then)$/.test(head.lower) && depth === 0) {
    for (let k = index - 1; k >= 0 && k > index - 10; k--) {
      const token = tokens[k]!;
      if (token.kind === 'boundary' ? token.text !== ',' : CLAUSE_WORDS.has(token.lower)) break;
      // The first verb, or its auxiliary when the verb is irregular ("was told about it and did nothing").
      const month = token.text === 'May' && /^(in|of|since|until|by|early|late|mid)$/.test(tokens[k - 1]?.lower ?? '');
      if (looksVerbal(token) && !month) return subjectOf(tokens, k, people, 1);
    }
    return 'none';
  }
  // "Javier, apparently too busy to read the runbook, restarted …": the subject before an aside.
  if (head?.kind === 'boundary' && head.text === ',' && depth === 0) {
    for (let k = index - 1; k >= 0 && k > index - 12; k--) {
      const token = tokens[k]!;
      if (token.kind !== 'boundary') continue;
      if (token.text !== ',') break;
      const mention = people.endingAt(tokens, k - 1);
      if (mention && !mention.possessive) return 'person';
      break;
    }
    return 'none';
  }
  if (!isWord(head) || CLAUSE_WORDS.has(head.lower)) return 'none';
  if (head.lower === 'who') return 'person';
  if (head.lower === 'that' || head.lower === 'which' || head.lower === 'it') return 'thing';
  // The noun phrase before the verb, and the one before a preposition inside it.
  let sawPerson = false;
  // The head is the last word before the phrase's first preposition: "everyone on the rota".
  let headEnd = index;
  for (let k = index; k >= 0 && k > index - 12; k--) {
    const token = tokens[k]!;
    if (token.kind !== 'word' || CLAUSE_WORDS.has(token.lower)) break;
    if (PREPOSITIONS.has(token.lower)) {
      headEnd = k - 1;
      continue;
    }
    // An earlier verb ends the phrase: "the investigation showed the model had missed …".
    if (looksVerbal(token) && k !== index && !token.possessive && !DETERMINERS.has(token.lower)) break;
    const mention = people.endingAt(tokens, k);
    if (mention) {
      // The head of the phrase, or an owner inside it ("Sam's change", "the engineer's typo").
      if (mention.to === headEnd + 1 || mention.possessive) sawPerson = true;
      k = mention.from;
    }
  }
  return sawPerson ? 'person' : 'thing';
}

/** Index of the next boundary or clause word after `from`, or the length of the tokens. */
export function clauseEnd(tokens: readonly Token[], from: number): number {
  for (let k = from + 1; k < tokens.length; k++) {
    const token = tokens[k]!;
    if (token.kind === 'boundary' || CLAUSE_WORDS.has(token.lower)) return k;
  }
  return tokens.length;
}

/** Index of the next punctuation boundary after `from`, or the length of the tokens. */
export function phraseEnd(tokens: readonly Token[], from: number): number {
  for (let k = from + 1; k < tokens.length; k++) if (tokens[k]!.kind === 'boundary') return k;
  return tokens.length;
}

/** Index of the first word of the clause that holds `at`. */
export function clauseStart(tokens: readonly Token[], at: number): number {
  for (let k = at - 1; k >= 0; k--) {
    const token = tokens[k]!;
    if (token.kind === 'boundary' || CLAUSE_WORDS.has(token.lower)) return k + 1;
  }
  return 0;
}

/** The index after an article or `our` at `at` ("on *the* on-call", "with *our* SRE team"), else `at`. */
export function pastDeterminer(tokens: readonly Token[], at: number): number {
  const token = tokens[at];
  return isWord(token) && /^(the|a|an|our)$/.test(token.lower) ? at + 1 : at;
}

/** Whether the words starting at `index` spell the phrase (each item may list alternatives with `|`). */
export function matchesAt(tokens: readonly Token[], index: number, phrase: readonly string[]): boolean {
  for (let k = 0; k < phrase.length; k++) {
    const token = tokens[index + k];
    if (!isWord(token) || !phrase[k]!.split('|').includes(token.lower)) return false;
  }
  return true;
}

/** The text of the tokens from `from` to `to` (exclusive), as written, joined by spaces. */
export function words(tokens: readonly Token[], from: number, to: number): string {
  return tokens
    .slice(from, to)
    .filter((token) => token.kind === 'word')
    .map((token) => token.text)
    .join(' ');
}

/** A negation among the few words before `index` ("no one is to blame", "nobody was at fault"). */
export function negatedBefore(tokens: readonly Token[], index: number, span = 4): boolean {
  for (let k = index - 1; k >= 0 && k >= index - span; k--) {
    const token = tokens[k]!;
    if (token.kind === 'boundary') return false;
    if (
      [
        'no',
        'not',
        'nobody',
        'never',
        'without',
        'none',
        "isn't",
        "wasn't",
        "aren't",
        "weren't",
        "don't",
        "doesn't",
      ].includes(token.lower)
    )
      return true;
  }
  return false;
}
