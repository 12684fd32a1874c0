import { CLAUSE_WORDS, clauseStart, isWord, matchesAt, pastDeterminer, phraseEnd, subjectOf, words } from '../grammar';
import type { Hit, SentenceContext } from '../rule';
import { retextRule } from '../rule';

const MODALS = new Set(['should', 'could', 'would', 'might', 'must', 'ought']);
const NEGATED_MODALS = new Set(["shouldn't", "couldn't", "wouldn't", "mightn't", "mustn't"]);
const CONTRACTED = new Set(["should've", "could've", "would've", "might've", "must've"]);
const BETWEEN_MODAL_AND_HAVE = new Set(['not', 'simply', 'just', 'easily', 'really', 'obviously', 'clearly', 'to']);
const OMITTED = new Set([
  'check',
  'test',
  'review',
  'verify',
  'validate',
  'notice',
  'read',
  'follow',
  'look',
  'run',
  'update',
  'confirm',
  'consider',
  'wait',
  'monitor',
  'escalate',
  'bother',
]);
const STOP = new Set(['in', 'on', 'before', 'after', 'during', 'by', 'at', 'when', 'with', 'for', 'until', 'sooner']);

/** The object words after `from` up to a preposition or the clause end, and the rest of the clause. */
function objectAndRest(context: SentenceContext, from: number): { object: string; rest: string } {
  const { tokens } = context;
  const end = phraseEnd(tokens, from - 1);
  let k = from;
  while (k < end && !STOP.has(tokens[k]!.lower) && !CLAUSE_WORDS.has(tokens[k]!.lower)) k++;
  // A condition ("if he had looked") is the counterfactual's own premise: it is left out.
  const rest = isWord(tokens[k]) && /^(if|unless|had)$/.test(tokens[k]!.lower) ? '' : words(tokens, k, end);
  return { object: words(tokens, from, k), rest };
}

function suggestRequirement(
  context: SentenceContext,
  participle: number,
  subjectFrom: number,
  passive: boolean,
): string {
  const { tokens } = context;
  const verb = tokens[participle]!.text;
  const { object, rest } = objectAndRest(context, participle + 1);
  const thing = passive
    ? words(tokens, subjectFrom, participle).replace(/\s+(should|could|must|might|would).*$/i, '')
    : object;
  const tail = passive ? [object, rest].filter(Boolean).join(' ') : rest;
  if (!thing) {
    return "Describe what the system showed and allowed at the time, not what someone should have done: e.g. 'Nothing in the process asked for this step'";
  }
  const lowered = thing.replace(/^(The|A|An)\b/, (article) => article.toLowerCase());
  return `Describe what the system allowed: e.g. 'The process did not require that ${lowered} be ${verb}${tail ? ` ${tail}` : ''}'`;
}

function suggestStep(context: SentenceContext, verb: number): string {
  const { tokens } = context;
  const step = words(tokens, verb, phraseEnd(tokens, verb));
  return step
    ? `Describe what the system allowed: e.g. 'Nothing in the process required someone to ${step}'`
    : 'Describe what the system allowed and what the people knew at the time, not what they did not do';
}

function detect(context: SentenceContext): Hit[] {
  const { tokens, people } = context;
  const hits: Hit[] = [];
  const hit = (from: number, to: number, suggestion: string): void => {
    hits.push({
      from,
      to,
      message: `"${words(tokens, from, to)}" is a counterfactual: it judges the past by what is known now`,
      suggestion,
    });
  };
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (!isWord(token)) continue;
    const word = token.lower;
    if (matchesAt(tokens, index, ['if', 'only'])) {
      hit(
        index,
        index + 2,
        "State what happened and what the system showed at the time, e.g. 'The alert fired at 09:40; the page went to a muted channel'",
      );
      index++;
      continue;
    }
    // "If Ravi had checked the filter, …": hindsight about what a person did not do.
    if (word === 'if') {
      const start = pastDeterminer(tokens, index + 1);
      let mention = people.at(tokens, start);
      if (!mention && isWord(tokens[start])) mention = people.at(tokens, start + 1);
      if (mention && matchesAt(tokens, mention.to, ["had|hadn't"]) && isWord(tokens[mention.to + 1])) {
        hit(
          index,
          mention.to + 2,
          "State what was known and what the system did at the time, e.g. 'The filter was not checked: nothing in the release required it'",
        );
        index = mention.to + 1;
        continue;
      }
    }
    // "Had they waited …": an inverted conditional at the start of a clause.
    if (word === 'had' && clauseStart(tokens, index) === index && isWord(tokens[index + 1])) {
      const next = tokens[index + 1]!;
      // "Had to roll back" and "had been" are narrative, not an inverted conditional.
      const joined = isWord(tokens[index - 1]) && /^(and|but|then|so)$/.test(tokens[index - 1]!.lower);
      if (!joined && !CLAUSE_WORDS.has(next.lower) && !/^(to|been|no|not|a|an)$/.test(next.lower)) {
        hit(
          index,
          index + 2,
          "State what was known and what the system did at the time, e.g. 'The rollout did not wait for the canary: nothing required it'",
        );
      }
    }
    // "should have", "could have been", "shouldn't have", "should've"
    let have = -1;
    if (CONTRACTED.has(word)) have = index;
    else if (MODALS.has(word) || NEGATED_MODALS.has(word)) {
      let k = index + 1;
      while (k < tokens.length && isWord(tokens[k]) && BETWEEN_MODAL_AND_HAVE.has(tokens[k]!.lower)) k++;
      if (isWord(tokens[k]) && tokens[k]!.lower === 'have') have = k;
    }
    if (have >= 0) {
      const passive = matchesAt(tokens, have + 1, ['been']);
      const participle = passive ? have + 2 : have + 1;
      const subject = subjectOf(tokens, index, people);
      // A thing's counterfactual ("the canary would have caught it") is an analysis of the system;
      // a passive one ("should have been caught") hides a person as its agent.
      // "anyone who had looked at it would have seen": a generic person heads the clause.
      const generic = /^(anyone|anybody|everyone|everybody|whoever|someone|somebody)$/.test(
        tokens[clauseStart(tokens, index)]?.lower ?? '',
      );
      // "Any engineer on the rota could have made the same change": the substitution test, not blame.
      const anyone =
        word === 'could' && /^(any|anyone|anybody)$/.test(tokens[clauseStart(tokens, index)]?.lower ?? '') && !passive;
      // "it is hard to see how he would have known": the writer defending the person.
      const defended =
        tokens.slice(Math.max(0, index - 4), index).some((t) => t.lower === 'how') &&
        tokens
          .slice(0, index)
          .some((_t, k) => matchesAt(tokens, k, ['hard|impossible|difficult|unclear|no', 'to|way']));
      const blameful = !defended && !anyone && (subject !== 'thing' || generic || (passive && word !== 'would'));
      if (blameful && isWord(tokens[participle])) {
        const subjectFrom = clauseStart(tokens, index);
        hit(index, participle + 1, suggestRequirement(context, participle, subjectFrom, passive));
        index = participle;
        continue;
      }
    }
    // "failed to", with a person (or nobody named) as its subject: a system that fails is reported, not judged.
    if ((word === 'failed' || word === 'fails') && matchesAt(tokens, index + 1, ['to'])) {
      if (subjectOf(tokens, index, people) !== 'thing') {
        hit(index, index + 3, suggestStep(context, index + 2));
        index += 2;
        continue;
      }
    }
    if (matchesAt(tokens, index, ['neglected|neglects', 'to'])) {
      hit(index, index + 3, suggestStep(context, index + 2));
      index += 2;
      continue;
    }
    if (
      matchesAt(tokens, index, ['nobody|noone', 'bothered|cared|thought']) ||
      matchesAt(tokens, index, ['no', 'one', 'bothered|cared|thought'])
    ) {
      const verb = tokens[index]!.lower === 'no' ? index + 2 : index + 1;
      const step = matchesAt(tokens, verb + 1, ['to']) ? verb + 2 : verb + 1;
      hit(index, verb + 1, suggestStep(context, step));
      index = verb;
      continue;
    }
    if (
      matchesAt(tokens, index, ["didn't|never|doesn't", 'bother|bothered']) ||
      matchesAt(tokens, index, ['did|does', 'not', 'bother'])
    ) {
      const verb = tokens[index + 1]!.lower === 'not' ? index + 2 : index + 1;
      const step = matchesAt(tokens, verb + 1, ['to']) ? verb + 2 : verb + 1;
      hit(index, verb + 1, suggestStep(context, step));
      index = verb;
      continue;
    }
    // "Sam did not check the eval": an omission by a person.
    const negated = matchesAt(tokens, index, ["didn't|never"])
      ? index + 1
      : matchesAt(tokens, index, ['did', 'not'])
        ? index + 2
        : -1;
    if (negated >= 0 && isWord(tokens[negated]) && OMITTED.has(tokens[negated]!.lower)) {
      if (subjectOf(tokens, index, people) === 'person') {
        hit(index, negated + 1, suggestStep(context, negated));
        index = negated;
      }
    }
  }
  return hits;
}

/** Hindsight about what someone should, could or would have done, or failed to do. */
export const counterfactual = retextRule('counterfactual', detect);
