import { isWord, matchesAt, phraseEnd, subjectOf, words } from '../grammar';
import type { Hit, SentenceContext } from '../rule';
import { retextRule } from '../rule';

// Phrases that ask people for more attention. Each item lists alternatives with `|`.
const PHRASES: readonly (readonly string[])[] = [
  ['more|extra', 'careful|carefully|cautious|vigilant|diligent|attentive|alert'],
  ['be', 'careful|vigilant|cautious|alert|attentive|diligent'],
  ['take|taking', 'more|extra|greater|better', 'care'],
  ['pay|paying', 'more|closer|better|extra|greater', 'attention'],
  ['pay|paying', 'attention'],
  ['try|trying', 'harder'],
  ['stay|remain', 'alert|vigilant|focused|attentive'],
  ['remember', 'to'],
  ['double-check|triple-check|double-checks|double-checking|recheck'],
  ['double|triple', 'check|checks|checking'],
  ['think', 'twice'],
  ['keep', 'in', 'mind'],
  ['watch', 'out'],
  ['personally', 'review|check|verify|approve|inspect|watch|monitor|sign'],
  ['make|makes|ensure|ensures', 'sure|that', 'this|it', 'never', 'happens|happen', 'again'],
];
// Verbs aimed at a person's behaviour; only their base form (an action item), not a past step.
const TARGETING = new Set([
  'remind',
  'retrain',
  're-train',
  'train',
  'coach',
  'educate',
  'tell',
  'instruct',
  'warn',
  'discipline',
  'reprimand',
  'counsel',
  'urge',
]);
const NOUN_BEFORE = /^(a|an|the|automated|automatic|automatically|extra)$/;

function suggestion(context: SentenceContext, end: number, infinitive = false): string {
  const { tokens } = context;
  const after = words(tokens, end, phraseEnd(tokens, end - 1)).replace(/\bnext time\b\s*/i, '');
  const lead = "Change the system so it does not rely on attention: e.g. '";
  // "remember to clear the cache", "remind Dana to run the eval": the step itself can be automated.
  if (tokens[end - 1]?.lower === 'to' && after) return `${lead}Make the pipeline ${after}'`;
  if (infinitive && matchesAt(tokens, end, ['to'])) return `${lead}Make the pipeline ${after.slice(3)}'`;
  if (/^(the|a|an|every|each|all)\s/i.test(after))
    return `${lead}Add an automated check of ${after.replace(/^(a|an)\s/i, 'the ')}'`;
  const when = /^(when|before|after|during|while)\b/i.test(after) ? ` ${after}` : '';
  return `${lead}Add an automated check that blocks the unsafe step${when}'`;
}

function detect(context: SentenceContext): Hit[] {
  const { tokens, people } = context;
  const hits: Hit[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (!isWord(token)) continue;
    const phrase = PHRASES.find((candidate) => matchesAt(tokens, index, candidate));
    if (phrase) {
      const previous = tokens[index - 1];
      const nounUse = isWord(previous) && NOUN_BEFORE.test(previous.lower);
      if (!nounUse && subjectOf(tokens, index, people) !== 'thing') {
        const end = index + phrase.length;
        hits.push({
          from: index,
          to: end,
          message: `"${words(tokens, index, end)}" asks people for more vigilance instead of changing the system`,
          suggestion: suggestion(context, end),
        });
        index = end - 1;
        continue;
      }
    }
    if (TARGETING.has(token.lower)) {
      const start =
        isWord(tokens[index + 1]) && /^(the|all|our|every|each)$/.test(tokens[index + 1]!.lower)
          ? index + 2
          : index + 1;
      // "retrain the on-call engineer": up to two modifiers before a word for a person.
      let mention = people.at(tokens, start);
      for (let k = start + 1; !mention && k <= start + 2; k++) {
        const modifiers = tokens.slice(start, k);
        if (!modifiers.every((t) => isWord(t) && !t.possessive && !/^(of|on|in|for|to|with|from|by|at)$/.test(t.lower)))
          break;
        const found = people.at(tokens, k);
        if (found && !found.possessive) mention = { ...found, from: start };
      }
      if (mention) {
        hits.push({
          from: index,
          to: mention.to,
          message: `"${words(tokens, index, mention.to)}" targets a person's behaviour instead of the system`,
          // "remind Dana to run …": what follows the person is the step to automate.
          suggestion: suggestion(context, mention.to, true),
        });
        index = mention.to - 1;
      }
    }
  }
  return hits;
}

/** Action items that ask people to be more careful, or to be reminded or retrained. */
export const vigilanceAction = retextRule('vigilance-action', detect);
