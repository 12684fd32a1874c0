import { clauseEnd, clauseStart, isWord, looksVerbal, matchesAt, negatedBefore, subjectOf, words } from '../grammar';
import type { Hit, SentenceContext } from '../rule';
import { retextRule } from '../rule';

// Verbs that make their subject the cause of a harm, whatever the object.
const HARM_VERBS = new Set([
  'caused',
  'causes',
  'broke',
  'breaks',
  'forgot',
  'forgets',
  'missed',
  'ignored',
  'ignores',
  'overlooked',
  'botched',
  'bungled',
  'messed',
  'screwed',
  'misconfigured',
  'misconfigures',
  'mistyped',
  'fat-fingered',
  'skipped',
  'skips',
  'overwrote',
  'overwrites',
  'panicked',
  'rubber-stamped',
  'rubberstamped',
  'fumbled',
  'slept',
]);

// Verbs that put something into the system: blameful when what they put in is called bad.
const INTRODUCING = new Set([
  'pushed',
  'deployed',
  'shipped',
  'merged',
  'released',
  'rolled',
  'committed',
  'approved',
  'uploaded',
  'published',
  'enabled',
  'added',
  'wrote',
  'edited',
  'changed',
  'configured',
  'set',
  'pointed',
  'copied',
  'used',
  'chose',
  'picked',
  'selected',
  'applied',
  'promoted',
  'introduced',
  'triggered',
  'swapped',
  'replaced',
  'switched',
]);
const BAD_WORDS = new Set([
  'bad',
  'broken',
  'faulty',
  'buggy',
  'untested',
  'unreviewed',
  'unvetted',
  'wrong',
  'incorrect',
  'corrupt',
  'corrupted',
  'malformed',
  'invalid',
  'bug',
  'regression',
  'outage',
  'leak',
  'defect',
  'vulnerability',
]);
const BLAME_ADVERBS = new Set(['accidentally', 'mistakenly', 'inadvertently', 'wrongly', 'erroneously']);
const PASSIVE_HARM = new Set([
  'caused',
  'introduced',
  'broken',
  'missed',
  'overlooked',
  'ignored',
  'botched',
  'misconfigured',
  'triggered',
]);
const FAULT_NOUNS = new Set([
  'typo',
  'typos',
  'mistake',
  'mistakes',
  'error',
  'errors',
  'slip',
  'oversight',
  'blunder',
  'lapse',
  'misconfiguration',
]);
const DETERMINER = /^(the|a|an|our|their|his|her)$/;
// Phrases that trace a failure back to what follows them: "traces back to Aiko's decision".
const TRACED_TO: readonly (readonly string[])[] = [
  ['trace|traces|traced', 'back', 'to'],
  ['trace|traces|traced', 'to'],
  ['stem|stems|stemmed', 'from'],
  ['come|comes|came', 'down', 'to'],
  ['because', 'of'],
  ['due', 'to'],
];
// What a person is said to be "responsible for" when it is blame, not ownership.
const HARM_OUTCOMES = new Set([
  'outage',
  'outages',
  'incident',
  'failure',
  'failures',
  'false',
  'breach',
  'downtime',
  'damage',
  'loss',
  'losses',
  'mess',
]);

const SUGGEST_PROCESS =
  "Name the step and the condition that let it through, not the person: e.g. 'An untested change reached production: the pipeline did not require an evaluation run'";
const OMISSIONS = new Set(['forgot', 'forgets', 'missed', 'ignored', 'ignores', 'overlooked', 'skipped', 'skips']);
const PREPOSITION = /^(to|in|on|at|for|from|into|during|by|with|when|before|after|while|because)$/;

// The object after a verb: up to the first preposition or the end of the clause.
function objectEnd(context: SentenceContext, verb: number): number {
  const { tokens } = context;
  const end = clauseEnd(tokens, verb);
  let k = verb + 1;
  if (matchesAt(tokens, k, ['to'])) return end;
  while (k < end && !PREPOSITION.test(tokens[k]!.lower)) k++;
  return k;
}

function suggestFor(context: SentenceContext, verb: number): string {
  const { tokens } = context;
  const word = tokens[verb]!.lower;
  const object = words(tokens, verb + 1, objectEnd(context, verb)).replace(/^(a|an)\s/i, 'the ');
  if (!object) return SUGGEST_PROCESS;
  if (OMISSIONS.has(word)) {
    return object.startsWith('to ')
      ? `Describe what the process asked for, not who forgot: e.g. 'Nothing in the procedure required someone ${object}'`
      : `Describe what the system showed and asked for at the time: e.g. 'Nothing in the process surfaced ${object}'`;
  }
  return `Describe the change and what let it through, not who made it: e.g. 'A change to ${object} reached production without a check'`;
}

function personAfter(context: SentenceContext, index: number): { from: number; to: number } | undefined {
  const { tokens, people } = context;
  const start = isWord(tokens[index]) && DETERMINER.test(tokens[index]!.lower) ? index + 1 : index;
  const mention = people.at(tokens, start);
  return mention ? { from: index, to: mention.to } : undefined;
}

// Where the excerpt starts: the person named before the verb, else the start of the clause.
function subjectStart(context: SentenceContext, verb: number): number {
  const { tokens, people } = context;
  const start = clauseStart(tokens, verb);
  for (let k = verb - 1; k >= start; k--) {
    const mention = people.endingAt(tokens, k);
    if (mention) return mention.from;
  }
  return start;
}

// "Felipe skipped the canary stage because the deploy tool offers no canary option": the step's
// reason is given, and it is the system's, so the sentence is about the system.
function systemReason(context: SentenceContext, verb: number): boolean {
  const { tokens, people } = context;
  const end = clauseEnd(tokens, verb);
  if (!isWord(tokens[end]) || !/^(because|since|as)$/.test(tokens[end]!.lower)) return false;
  let at = end + 1;
  while (isWord(tokens[at]) && /^(the|a|an|our|its|their)$/.test(tokens[at]!.lower)) at++;
  const who = tokens[at];
  if (!isWord(who) || /^(he|she|they|i|we|you|someone|somebody|nobody)$/.test(who.lower)) return false;
  return !people.at(tokens, at);
}

function detect(context: SentenceContext): Hit[] {
  const { tokens, people } = context;
  const hits: Hit[] = [];
  const causeHit = (from: number, to: number, what: string, suggestion = SUGGEST_PROCESS): void => {
    hits.push({ from, to, message: `${what}: a person is named as the cause of the failure`, suggestion });
  };
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (!isWord(token)) continue;
    const word = token.lower;
    const previous = tokens[index - 1];
    const adjectival = isWord(previous) && DETERMINER.test(previous.lower);
    if (
      HARM_VERBS.has(word) &&
      !adjectival &&
      subjectOf(tokens, index, people) === 'person' &&
      !systemReason(context, index)
    ) {
      const end = objectEnd(context, index);
      causeHit(subjectStart(context, index), end, `"${words(tokens, index, end)}"`, suggestFor(context, index));
      continue;
    }
    if (INTRODUCING.has(word) && subjectOf(tokens, index, people) === 'person') {
      const end = objectEnd(context, index);
      const bad = tokens.slice(index + 1, end).findIndex((t) => isWord(t) && BAD_WORDS.has(t.lower));
      // "merged anyway", "pushed it without testing it": the writer says the step was skipped on purpose.
      const careless = tokens
        .slice(index + 1, Math.min(tokens.length, end + 6))
        .some(
          (t, k, rest) =>
            isWord(t) &&
            (t.lower === 'anyway' ||
              (t.lower === 'without' &&
                /^(testing|checking|reading|reviewing|looking|asking|telling|verifying|validating)$/.test(
                  rest[k + 1]?.lower ?? '',
                ))),
        );
      if (bad >= 0 || careless) {
        const object = words(tokens, index + 1, end).replace(/^(a|an)\s/i, 'the ');
        causeHit(
          subjectStart(context, index),
          end,
          `"${words(tokens, index, end)}"`,
          `Describe what the system allowed, not who did it: e.g. 'The release process let ${object} through without a check'`,
        );
        continue;
      }
    }
    if (BLAME_ADVERBS.has(word) && subjectOf(tokens, index, people) === 'person') {
      const to = isWord(tokens[index + 1]) ? index + 2 : index + 1;
      causeHit(subjectStart(context, index), to, `"${words(tokens, index, to)}"`);
      continue;
    }
    if (PASSIVE_HARM.has(word) && matchesAt(tokens, index + 1, ['by'])) {
      const agent = personAfter(context, index + 2);
      if (agent) {
        causeHit(index, agent.to, `"${words(tokens, index, agent.to)}"`);
        continue;
      }
    }
    if (FAULT_NOUNS.has(word) && matchesAt(tokens, index + 1, ['by|of|from'])) {
      const agent = personAfter(context, index + 2);
      if (agent) {
        causeHit(index, agent.to, `"${words(tokens, index, agent.to)}"`);
        continue;
      }
    }
    const traced = TRACED_TO.find((phrase) => matchesAt(tokens, index, phrase));
    if (traced) {
      const agent = personAfter(context, index + traced.length);
      if (agent) {
        causeHit(index, agent.to, `"${words(tokens, index, agent.to)}"`);
        continue;
      }
    }
    // "It was Wei's deploy that caused …": a cleft puts the person before "that".
    if (HARM_VERBS.has(word) && matchesAt(tokens, index - 1, ['that|which']) && index >= 2) {
      if (subjectOf(tokens, index - 1, people) === 'person') {
        const end = objectEnd(context, index);
        causeHit(clauseStart(tokens, index - 1), end, `"${words(tokens, index - 1, end)}"`, suggestFor(context, index));
        continue;
      }
    }
    // "Sofia, as the model owner, is responsible for the wave of false declines."
    if (
      matchesAt(tokens, index, ['responsible|accountable', 'for']) &&
      isWord(previous) &&
      /^(is|was|are|were|be|been)$/.test(previous.lower) &&
      !negatedBefore(tokens, index)
    ) {
      const end = clauseEnd(tokens, index + 1);
      const harm = tokens
        .slice(index + 2, end)
        .some((t) => isWord(t) && (HARM_OUTCOMES.has(t.lower) || BAD_WORDS.has(t.lower)));
      const first = people.at(tokens, 0);
      const subject =
        subjectOf(tokens, index, people) === 'person' ||
        (first !== undefined && tokens[first.to]?.kind === 'boundary' && clauseStart(tokens, index) > first.to);
      if (harm && subject) {
        causeHit(
          index,
          end,
          `"${words(tokens, index, end)}"`,
          "Describe how the outcome came about and what let it through: e.g. 'The model went live without a check of its decline rate'",
        );
        continue;
      }
    }
    const mention = people.at(tokens, index);
    if (mention) {
      // "the on-call engineer's typo", "Dana made a mistake"
      for (let k = mention.to; k < Math.min(tokens.length, mention.to + 4); k++) {
        const next = tokens[k]!;
        if (!isWord(next)) break;
        const owned = mention.possessive && FAULT_NOUNS.has(next.lower);
        const made = !mention.possessive && k > mention.to && tokens[mention.to]!.lower.startsWith('made');
        if (owned || (made && FAULT_NOUNS.has(next.lower))) {
          causeHit(mention.from, k + 1, `"${words(tokens, mention.from, k + 1)}"`);
          break;
        }
        if (looksVerbal(next) && k > mention.to) break;
      }
      index = mention.to - 1;
    }
  }
  return hits;
}

/** A person of the incident (or a word for people) as the subject of a harm: "Dana pushed the bad prompt". */
export const personAsCause = retextRule('person-as-cause', detect);
