import { isWord, matchesAt, negatedBefore, subjectOf, words } from '../grammar';
import type { Hit, SentenceContext } from '../rule';
import { retextRule } from '../rule';
import type { Token } from '../tokens';

// Judgements of people or of how hard something was. Kept to words with no neutral technical
// sense in a postmortem ("fault" and "error" have one, so they are matched in phrases only).
const JUDGEMENTS = new Set([
  'careless',
  'carelessly',
  'carelessness',
  'sloppy',
  'sloppily',
  'sloppiness',
  'negligent',
  'negligently',
  'negligence',
  'stupid',
  'stupidity',
  'dumb',
  'lazy',
  'lazily',
  'laziness',
  'incompetent',
  'incompetently',
  'incompetence',
  'reckless',
  'recklessly',
  'recklessness',
  'inexcusable',
  'idiotic',
  'foolish',
  'foolishly',
  'thoughtless',
  'irresponsible',
  'irresponsibly',
  'boneheaded',
  'amateurish',
  'unprofessional',
  'inattentive',
  'inattention',
  'complacent',
  'complacency',
  'cavalier',
  'slapdash',
]);
// Idioms that judge a person's effort or judgement. Each item lists alternatives with `|`.
const IDIOMS: readonly (readonly string[])[] = [
  ['drop|dropped|drops|dropping', 'the', 'ball'],
  ['poor|bad|terrible|questionable|lousy', 'call|judgement|judgment'],
  ['asleep', 'at', 'the', 'wheel'],
  ['cut|cutting|cuts', 'corners'],
  ['should|ought', 'to|have', 'known|know', 'better'],
  // Manager-speak that promises consequences for a person.
  ['held|hold|holding|be', 'accountable'],
  ['accountability', 'will|has|is|was'],
  ['disciplinary'],
  ['been|be|was|were', 'spoken', 'to'],
  ['performance', 'conversation|improvement|review|issue|plan'],
  ['my|our', 'bad'],
  ['mea', 'culpa'],
  ['went|gone|going', 'rogue'],
  ['cowboy|yolo|yolo-ed|yoloed'],
  ["couldn't|could", 'not|be', 'bothered'],
  ['knew|know', 'better'],
  ['owes|owe|owed', 'us|everyone|the|an', 'apology|team|an'],
  ['too', 'much', 'hassle|effort|trouble|bother'],
  ['owned|own|owning|owns', 'up'],
  ['the', 'individual|individuals', 'concerned|responsible|involved'],
  ['the', 'person|people|engineer|engineers', 'concerned|responsible'],
  ['hr', 'channels|channel|process|processes|matter|conversation|review'],
  ['all', 'he|she|they|you|we|i', 'had', 'to', 'do'],
  // Effort or care found wanting: "a lack of diligence", "was not careful enough".
  [
    'lack|lacking',
    'of',
    'diligence|care|attention|ownership|rigour|rigor|discipline|judgement|judgment|professionalism',
  ],
  ['insufficient|inadequate|poor', 'diligence|care|attention|rigour|rigor|discipline|ownership|judgement|judgment'],
  ["not|wasn't|weren't|isn't|aren't", 'careful|attentive|thorough|diligent'],
  ['not', 'enough', 'careful|attentive|thorough|diligent|experienced|skilled|competent'],
  // Sarcasm: "what could possibly go wrong", "had something more important to do".
  ['what', 'could', 'possibly', 'go', 'wrong'],
  ['something|things', 'more|better', 'important|urgent|pressing|interesting', 'to', 'do'],
  ['had', 'better', 'things', 'to', 'do'],
  ['too', 'subtle', 'a', 'hint'],
  ['nothing', 'says', 'quality|professionalism|care|diligence|rigour|rigor|ownership', 'like'],
  ['frankly|deeply|very|extremely|really|quite|most', 'disappointing|disappointed|unacceptable'],
  ["don't|didn't|doesn't", 'know|understand', 'what', 'they|he|she|you|we', 'are|were|is|was|am', 'doing'],
  ['do|did|does', 'not', 'know|understand', 'what', 'they|he|she|you|we', 'are|were|is|was|am', 'doing'],
  ['too', 'much', 'to', 'ask'],
  ['nowhere', 'to', 'be', 'found|seen'],
  ['missing', 'in', 'action'],
  ['apparently|evidently|presumably', 'too', 'busy|lazy|important|distracted|proud'],
  ['continued|persistent|repeated|ongoing|chronic', 'reluctance|unwillingness|resistance|foot-dragging'],
];
// Words that say the answer was easy to see: hindsight dressed as a fact.
const MINIMISERS = new Set(['obviously', 'simply', 'clearly', 'just']);
// After these, "just" is about time ("had just deployed", "just after 10:05").
const JUST_TIME_BEFORE = new Set(['had', 'has', 'have', 'was', 'were', 'is', 'are', "i'd", "we'd", "they'd"]);
const JUST_TIME_AFTER = new Set([
  'after',
  'before',
  'as',
  'when',
  'now',
  'then',
  'in',
  'under',
  'over',
  'about',
  'like',
  'ahead',
  'since',
  'below',
  'above',
  'once',
  'because',
]);
// "clearly" in a requirement ("the runbook should clearly state") is about writing, not hindsight.
const REQUIREMENT_BEFORE = new Set(['should', 'must', 'will', 'shall', 'to', 'more', 'be']);

function minimiserApplies(tokens: readonly Token[], index: number): boolean {
  const word = tokens[index]!.lower;
  const previous = tokens[index - 1];
  const next = tokens[index + 1];
  if (word === 'just') {
    // "was just a typo" minimises; "was just deployed", "had just pinned" tell the time.
    const playsDown = isWord(next) && /^(a|an|one|some|the)$/.test(next.lower);
    if (isWord(previous) && JUST_TIME_BEFORE.has(previous.lower) && !playsDown) return false;
    if (isWord(next) && (JUST_TIME_AFTER.has(next.lower) || /^\d/.test(next.lower))) return false;
    return true;
  }
  if (word === 'clearly') {
    const before = tokens.slice(Math.max(0, index - 2), index);
    return !before.some((token) => isWord(token) && REQUIREMENT_BEFORE.has(token.lower));
  }
  return true;
}

function without(text: string, excerpt: string): string {
  const at = text.toLowerCase().indexOf(excerpt.toLowerCase());
  if (at < 0) return text;
  const rest = (text.slice(0, at) + text.slice(at + excerpt.length))
    .replace(/\s{2,}/g, ' ')
    .replace(/\b([Aa]) ([aeiouAEIOU])/g, '$1n $2')
    .trim();
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

const COPULA = /^(was|were|is|are|be|been|being|seem|seemed|looked)$/;
const SUGGEST_PREDICATE =
  "Say what was done and what the process asked for, not what the people were: e.g. 'The vendor's review covered 5% of the training data; the contract set no coverage'";

function detect(context: SentenceContext): Hit[] {
  const { tokens, people, text } = context;
  const hits: Hit[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (!isWord(token)) continue;
    const word = token.lower;
    if (JUDGEMENTS.has(word) && !negatedBefore(tokens, index)) {
      const predicate = isWord(tokens[index - 1]) && COPULA.test(tokens[index - 1]!.lower);
      hits.push({
        from: index,
        to: index + 1,
        message: `"${token.text}" judges people instead of describing what happened`,
        suggestion: predicate
          ? SUGGEST_PREDICATE
          : `Drop the judgement and say what happened: e.g. '${without(text, `${token.text} `)}'`,
      });
      continue;
    }
    // "did not exercise the diligence expected": diligence found wanting.
    if (word === 'diligence' && negatedBefore(tokens, index, 6)) {
      hits.push({
        from: index,
        to: index + 1,
        message: '"diligence" found wanting judges people instead of describing what happened',
        suggestion: SUGGEST_PREDICATE,
      });
      continue;
    }
    const idiom = IDIOMS.find((phrase) => matchesAt(tokens, index, phrase));
    // "nobody has owned up to it" still looks for a culprit.
    const culprit = idiom?.[0]?.startsWith('owned') && matchesAt(tokens, index - 2, ['nobody|no-one', 'has|had']);
    if (idiom && (!negatedBefore(tokens, index, idiom[0]?.startsWith('held') ? 6 : 2) || culprit)) {
      const end = index + idiom.length;
      hits.push({
        from: index,
        to: end,
        message: `"${words(tokens, index, end)}" judges people instead of describing what happened`,
        suggestion:
          "Say what was decided, what was known at the time and what the process asked for: e.g. 'The recalibration had no owner after the team change, and nothing tracked it'",
      });
      index = end - 1;
      continue;
    }
    if (MINIMISERS.has(word) && minimiserApplies(tokens, index)) {
      hits.push({
        from: index,
        to: index + 1,
        message: `"${token.text}" makes the answer look easy to see: hindsight, not what people saw at the time`,
        suggestion: `Leave it out and say what people saw then: e.g. '${without(text, `${token.text} `)}'`,
      });
      continue;
    }
    if (
      matchesAt(tokens, index, ['human|operator|user|pilot|people|personnel', 'error|errors|mistake|mistakes']) &&
      !negatedBefore(tokens, index) &&
      // "Human error is not an acceptable root cause": the writer refusing the phrase.
      !matchesAt(tokens, index + 2, ['is|was|are|were', 'not|never']) &&
      !matchesAt(tokens, index + 2, ["isn't|wasn't|aren't|weren't"])
    ) {
      hits.push({
        from: index,
        to: index + 2,
        message: `"${tokens[index]!.text} ${tokens[index + 1]!.text}" ends the analysis where it should start`,
        suggestion:
          "Name the step and what made it easy to get wrong: e.g. 'The config form accepted a threshold of 0 without a warning'",
      });
      index++;
      continue;
    }
    const fault =
      word === 'fault' &&
      (matchesAt(tokens, index - 1, ['at']) ||
        matchesAt(tokens, index + 1, ['of', 'the|a|an']) ||
        (isWord(tokens[index - 1]) &&
          (tokens[index - 1]!.possessive || /^(his|her|their|my|our|your)$/.test(tokens[index - 1]!.lower))) ||
        matchesAt(tokens, index + 1, ['lies|lay']));
    // "the guardrail blamed the tokenizer in its log" is a system reporting, not a writer blaming.
    const blame =
      /^(blame|blamed|blames|blaming|blameworthy|culpable|culprit)$/.test(word) &&
      !(
        /^blame[ds]$/.test(word) &&
        !(isWord(tokens[index - 1]) && COPULA.test(tokens[index - 1]!.lower)) &&
        subjectOf(tokens, index, people) === 'thing'
      );
    if ((fault || blame) && !negatedBefore(tokens, index, 6)) {
      const from = fault && isWord(tokens[index - 1]) && tokens[index - 1]!.possessive ? index - 1 : index;
      hits.push({
        from,
        to: index + 1,
        message: `"${tokens
          .slice(from, index + 1)
          .map((t) => t.text)
          .join(' ')}" assigns blame`,
        suggestion:
          "Say what happened and which conditions allowed it: e.g. 'The access policy allowed cross-tenant reads, and no test covered it'",
      });
    }
  }
  return hits;
}

/** Words that judge people (careless, negligent), minimise (simply, just, obviously) or assign blame (human error, fault). */
export const blameWord = retextRule('blame-word', detect);
