import { isWord, matchesAt, phraseEnd, subjectOf, words } from '../grammar';
import type { Hit, SentenceContext } from '../rule';
import { retextRule } from '../rule';
import type { Token } from '../tokens';

// Phrases that ask people for more attention. Each item lists alternatives with `|`.
const PHRASES: readonly (readonly string[])[] = [
  ['more|extra', 'careful|carefully|cautious|vigilant|diligent|attentive|alert'],
  ['be', 'careful|vigilant|cautious|alert|attentive|diligent'],
  ['take|taking', 'more|extra|greater|better', 'care'],
  ['pay|paying', 'more|closer|better|extra|greater', 'attention'],
  ['pay|paying', 'attention'],
  ['try|trying', 'harder'],
  ['slow|slows', 'down'],
  ['be|been|get|gets', 'reminded|retrained|re-trained|coached|told|instructed|warned|trained'],
  ['stay|remain', 'alert|vigilant|focused|attentive'],
  ['remember', 'to'],
  ['double-check|triple-check|double-checks|double-checking|recheck'],
  ['double|triple', 'check|checks|checking'],
  ['think', 'twice'],
  ['keep', 'in', 'mind'],
  ['watch', 'out'],
  ['personally', 'review|check|verify|approve|inspect|watch|monitor|sign|reviewed|checked|verified|tested|test'],
  // Reading again, in writing, by hand: "re-read the runbook", "confirm in writing", "line by line".
  ['re-read|reread|re-reads|rereads|re-reading|rereading'],
  ['confirm|confirms|attest|attests|certify|certifies', 'in', 'writing'],
  ['sign|signs', 'an|the|a', 'acknowledgement|acknowledgment|attestation|declaration'],
  ['manually', 'test|check|verify|review|inspect|read'],
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
// A person made the safeguard: "will sign off on every change", "must read every line".
const GATE_MODALS = new Set(['will', 'must', 'shall', 'should', 'needs', 'need', 'has', 'have']);
const GATE_VERBS = new Set([
  'sign',
  'approve',
  'review',
  'read',
  'check',
  'inspect',
  'vet',
  'look',
  'eyeball',
  'verify',
  'watch',
  'monitor',
  'test',
  're-read',
  'reread',
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
    // "Rania will sign off on every prompt change", "all reviewers must read every line": a person as the gate.
    // "Tomasz to re-read every diff": an action item's "<person> to" is a modal too.
    const actionItem = token.lower === 'to' && people.endingAt(tokens, index - 1) !== undefined;
    if ((GATE_MODALS.has(token.lower) || actionItem) && subjectOf(tokens, index + 1, people) === 'person') {
      let k = index + 1;
      while (
        isWord(tokens[k]) &&
        /^(be|asked|required|expected|to|now|also|personally|manually|have|need|needs|please)$/.test(tokens[k]!.lower)
      )
        k++;
      const verb = tokens[k];
      const gate = isWord(verb) && GATE_VERBS.has(verb.lower);
      const stop = phraseEnd(tokens, k);
      const every = tokens
        .slice(k + 1, Math.min(stop, k + 9))
        .some((t) => isWord(t) && /^(every|each|all|personally|manually)$/.test(t.lower));
      const personally = tokens.slice(index + 1, k).some((t) => t.lower === 'personally');
      if (gate && (every || personally)) {
        hits.push({
          from: index,
          to: Math.min(stop, k + 9),
          message: `"${words(tokens, index, Math.min(stop, k + 9))}" makes a person the safeguard instead of the system`,
          suggestion: suggestion(context, k + 1),
        });
        index = k;
        continue;
      }
    }
    // "will be checked line by line by the infrastructure lead", "caught by a human": a person as the check.
    if (matchesAt(tokens, index, ['line', 'by', 'line']) || matchesAt(tokens, index, ['by', 'a', 'human|person'])) {
      // Only a safeguard to come ("will be caught by a human"), not how it went ("found by a person").
      const ahead = tokens.some((t) => isWord(t) && /^(will|must|shall|should|be|henceforth)$/.test(t.lower));
      const byPerson =
        (token.lower === 'by' && ahead) ||
        tokens.slice(index + 3, index + 8).some((t, k) => t.lower === 'by' && people.at(tokens, index + 3 + k + 1));
      const byPersonThe = tokens
        .slice(index + 3, index + 8)
        .some((t, k) => t.lower === 'by' && people.at(tokens, index + 3 + k + 2));
      if (byPerson || byPersonThe) {
        hits.push({
          from: index,
          to: index + 3,
          message: `"${words(tokens, index, index + 3)}" makes a person the safeguard instead of the system`,
          suggestion: suggestion(context, index + 3),
        });
        index += 2;
        continue;
      }
    }
    // "Fatima to attend the secure prompting refresher": a course as the fix.
    const course =
      /^(refresher|course|workshop)$/.test(token.lower) ||
      (/^(training|retraining|re-training)$/.test(token.lower) &&
        /^(mandatory|additional|more|extra|further|refresher|security|compliance|attend|take|complete|do|get|receive|undergo)$/.test(
          tokens[index - 1]?.lower ?? '',
        ));
    if (course) {
      const mention = people.all(tokens.slice(0, index) as typeof tokens)[0];
      const model = tokens
        .slice(Math.max(0, index - 3), index)
        .some((t) => /^(model|classifier|data|set)$/.test(t.lower));
      if (mention && !model) {
        hits.push({
          from: mention.from,
          to: index + 1,
          message: `"${words(tokens, mention.from, index + 1)}" fixes a person instead of the system`,
          suggestion: suggestion(context, index + 1),
        });
        continue;
      }
    }
    // "Tomasz to get sign-off from Helen personally": a named person as the safeguard.
    if (token.lower === 'personally' && people.all(tokens as Token[]).length > 0) {
      const gate = tokens.some(
        (t) =>
          isWord(t) &&
          /^(sign-off|signoff|sign|approval|approve|approves|review|reviews|check|checks|vet|vets)$/.test(t.lower),
      );
      if (gate) {
        hits.push({
          from: index,
          to: index + 1,
          message: '"personally" makes a person the safeguard instead of the system',
          suggestion: suggestion(context, index + 1),
        });
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
        if (!modifiers.every((t) => isWord(t) && !/^(of|on|in|for|to|with|from|by|at)$/.test(t.lower))) break;
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
