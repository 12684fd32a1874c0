import {
  clauseEnd,
  clauseStart,
  isWord,
  looksVerbal,
  matchesAt,
  negatedBefore,
  pastDeterminer,
  subjectOf,
  words,
} from '../grammar';
import type { Hit, SentenceContext } from '../rule';
import { retextRule } from '../rule';
import type { Token } from '../tokens';

/*
 * The structure of blame, where no blame word is used: a person (or role, or a person's
 * artefact) as the agent of a step, and the sentence framing that step as the cause of harm
 * or as a choice that was wrong. Writers find endless verbs for the step ("ran the migration
 * against production", "left the rule in test mode"), so the rule looks at the frame around the
 * agent, not at the verb: a causal link to a harm, a contrast with what "should" have happened,
 * a check skipped, a warning ignored, a person in the root-cause slot. A step the team took in
 * response (paged, rolled back, declared) is never the agent's blame.
 */

// Steps of a response or of routine work: a person doing them is reported, not blamed.
const RESPONSE_VERBS = new Set([
  'received',
  'paged',
  'acknowledged',
  'acked',
  'declared',
  'escalated',
  'rolled',
  'reverted',
  'restored',
  'mitigated',
  'contained',
  'fixed',
  'patched',
  'hotfixed',
  'found',
  'noticed',
  'spotted',
  'saw',
  'reported',
  'flagged',
  'detected',
  'confirmed',
  'investigated',
  'joined',
  'posted',
  'notified',
  'informed',
  'resolved',
  'paused',
  'stopped',
  'throttled',
  'quarantined',
  'rotated',
  'revoked',
  'traced',
  'reproduced',
  'diagnosed',
  'identified',
  'triaged',
  'coordinated',
  'led',
  'drafted',
  'wrote',
  'documented',
  'contacted',
  'emailed',
  'called',
  'asked',
  'requested',
  'retrained',
  'rebuilt',
  'reindexed',
  'purged',
  'blocked',
  'isolated',
  'verified',
  'validated',
  'tested',
  'reviewed',
  'analysed',
  'analyzed',
  'measured',
  'compared',
  'sampled',
  'opened',
  'closed',
  'filed',
  'assigned',
  'handed',
  'recovered',
  'recommended',
  'proposed',
  'shared',
  'summarised',
  'summarized',
]);

// Past forms that do not end in -ed, for finding the verb of a clause.
const IRREGULAR_PAST = new Set([
  'ran',
  'put',
  'set',
  'left',
  'took',
  'made',
  'sent',
  'kept',
  'let',
  'shut',
  'cut',
  'wrote',
  'rewrote',
  'gave',
  'went',
  'got',
  'built',
  'chose',
  'drove',
  'broke',
  'brought',
  'thought',
  'told',
  'hit',
  'spent',
  'lost',
  'threw',
  'tore',
  'fed',
  'held',
  'overrode',
  'undid',
  'began',
  'stood',
  'saw',
  'found',
  'led',
  'won',
  'read',
]);

// Words that say harm was done. What a person did in the same clause chain is its cause.
const HARM = new Set([
  'outage',
  'outages',
  'leak',
  'leaked',
  'leaking',
  'leaks',
  'exposed',
  'exposing',
  'exposure',
  'wiping',
  'wiped',
  'wipe',
  'deleting',
  'deleted',
  'destroying',
  'destroyed',
  'corrupting',
  'corrupted',
  'lost',
  'losing',
  'loss',
  'broke',
  'breaking',
  'broken',
  'breach',
  'spike',
  'skewed',
  'regression',
  'regressed',
  'downtime',
  'damage',
  'harm',
  'harmed',
  'biased',
  'wrong',
  'bad',
  'false',
  'unsafe',
  'hallucinated',
  'hallucinating',
  'hallucinations',
  'collapsed',
  'collapse',
  'failure',
  'degraded',
  'poisoned',
  'stale',
  'bypassing',
  'bypassed',
  'disadvantaged',
  'inventing',
  'invented',
  'fabricated',
  'fabricating',
  'burned',
  'burnt',
  'zeroed',
  'mess',
  'overage',
  'attack',
]);

// A following word that turns a harm word into a repair ("which stopped the leak").
const REPAIR = new Set([
  'stopped',
  'ended',
  'contained',
  'fixed',
  'resolved',
  'reduced',
  'restored',
  'mitigated',
  'prevented',
  'halted',
  'closed',
  'limited',
  'cleared',
  'recovered',
  'confirm',
  'confirmed',
  'diagnose',
  'investigate',
  'find',
  'investigating',
]);

// Words after "thanks to Dana's" that make it praise.
const PRAISE = new Set([
  'quick',
  'fast',
  'rapid',
  'early',
  'careful',
  'help',
  'work',
  'rollback',
  'revert',
  'fix',
  'page',
  'escalation',
  'catch',
  'eye',
  'alert',
  'report',
  'analysis',
  'investigation',
  'runbook',
  'tooling',
  'dashboard',
  'help',
]);

// Gerunds of a check a step was taken without ("merged without waiting for CI").
const CHECKS = new Set([
  'waiting',
  'checking',
  'testing',
  'reading',
  'reviewing',
  'looking',
  'asking',
  'telling',
  'verifying',
  'validating',
  'opening',
  'running',
  'consulting',
  'confirming',
  'evaluating',
  'notifying',
  'involving',
  'loading',
  'comparing',
]);

// Checks named as nouns a step was taken without ("shipped the bot without evals").
const CHECK_NOUNS = new Set([
  'review',
  'reviews',
  'approval',
  'evals',
  'eval',
  'evaluation',
  'evaluations',
  'tests',
  'testing',
  'sign-off',
  'signoff',
  'scan',
  'scanning',
  'canary',
  'checks',
  'check',
  'ticket',
  'heads-up',
]);

// Verbs of checking a person "never" did ("never verified it").
const NEVER_DID = new Set([
  'runs',
  'checks',
  'tests',
  'reads',
  'reviews',
  'looks',
  'verifies',
  'asks',
  'updates',
  'verified',
  'checked',
  'tested',
  'looked',
  'confirmed',
  'validated',
  'reviewed',
  'read',
  'ran',
  'asked',
  'escalated',
  'followed',
  'opened',
  'bothered',
  'told',
  'mentioned',
  'updated',
  'documented',
  'noticed',
]);

// What a person's artefact did when it is the harm itself.
const DESTROYED = new Set([
  'deleted',
  'wiped',
  'dropped',
  'truncated',
  'overwrote',
  'leaked',
  'exposed',
  'corrupted',
  'broke',
  'disabled',
  'removed',
  'erased',
  'clobbered',
  'swapped',
  'zeroed',
  'nulled',
  'flipped',
  'inverted',
]);

// A root-cause slot: "the real root cause", "the key failure", "the problem was".
const CAUSE_NOUNS = new Set(['cause', 'culprit', 'failure', 'problem', 'reason', 'trigger', 'mistake', 'weak', 'link']);

// What may be "on" a person without blame: an assignment ("the next update is on Dana").
const ASSIGNMENTS = new Set([
  'update',
  'updates',
  'action',
  'follow-up',
  'ticket',
  'task',
  'item',
  'rota',
  'shift',
  'pager',
  'duty',
  'watch',
  'call',
  'review',
  'comms',
  'postmortem',
  'writeup',
  'write-up',
  'round',
  'lunch',
]);

const SUGGESTION =
  "Describe the step and the condition that let it cause harm, not who took it: e.g. 'The migration ran against production because nothing in the tooling distinguished the two databases'";

interface Agent {
  /** First token of the person (or the person's artefact). */
  from: number;
  /** The verb the person is the subject of. */
  verb: number;
}

function isVerbForm(token: Token | undefined): boolean {
  if (!isWord(token) || token.possessive) return false;
  return looksVerbal(token) || IRREGULAR_PAST.has(token.lower) || /^mis[a-z]{3,}/.test(token.lower);
}

// Each verb whose subject is a person, with where that person starts.
function agents(context: SentenceContext): Agent[] {
  const { tokens, people } = context;
  const found: Agent[] = [];
  for (let index = 1; index < tokens.length; index++) {
    const token = tokens[index];
    const previous = tokens[index - 1];
    const afterModal = isWord(token) && isWord(previous) && /^(could|would|can|did)$/.test(previous.lower);
    // Timeline rows in the present: "14:25 Nikhil wastes 20 min on the wrong dashboard".
    const mentionBefore = people.endingAt(tokens, index - 1);
    const present =
      isWord(token) &&
      /^[a-z]{3,}s$/.test(token.lower) &&
      !/ss$/.test(token.lower) &&
      mentionBefore !== undefined &&
      !mentionBefore.possessive;
    if (
      !(isVerbForm(token) || afterModal || present) ||
      /^(is|are|was|were|has|have|had|did|does|do|be|not)$/.test(token!.lower)
    )
      continue;
    if (isWord(previous) && /^(the|a|an|to|be|been|being)$/.test(previous.lower)) continue;
    if (subjectOf(tokens, index, people) !== 'person') continue;
    let from = clauseStart(tokens, index);
    for (let k = index - 1; k >= from; k--) {
      const mention = people.endingAt(tokens, k);
      if (mention) {
        from = mention.from;
        break;
      }
    }
    found.push({ from, verb: index });
  }
  return found;
}

const wordAt = (tokens: readonly Token[], index: number): string => (isWord(tokens[index]) ? tokens[index]!.lower : '');

// A harm word in the sentence that is not being repaired or investigated.
function harmIn(tokens: readonly Token[], from: number, to: number): number {
  for (let k = from; k < to; k++) {
    if (!isWord(tokens[k]) || !HARM.has(tokens[k]!.lower)) continue;
    let repaired = false;
    for (let j = Math.max(from, k - 4); j < k; j++) if (REPAIR.has(wordAt(tokens, j))) repaired = true;
    if (!repaired) return k;
  }
  return -1;
}

function detect(context: SentenceContext): Hit[] {
  const { tokens, people } = context;
  const hits: Hit[] = [];
  const hit = (from: number, to: number, what: string): void => {
    hits.push({
      from,
      to: Math.max(from + 1, Math.min(to, tokens.length)),
      message: `${what}: a person is framed as the cause of the failure`,
      suggestion: SUGGESTION,
    });
  };
  const end = tokens.length;

  const agentsFound = agents(context);
  for (const { from, verb } of agentsFound) {
    const lower = tokens[verb]!.lower;
    const stop = clauseEnd(tokens, verb);
    const excerptEnd = Math.min(end, stop);
    // A mis- verb with a person subject: "the annotator mislabelled 3,000 applications".
    if (/^mis[a-z]{3,}/.test(lower) && lower !== 'missed' && lower !== 'mistake') {
      hit(from, verb + 1, `"${words(tokens, from, verb + 1)}"`);
      continue;
    }
    if (RESPONSE_VERBS.has(lower)) continue;
    // A person's artefact that destroyed or exposed something: "Pedro's script deleted the snapshot".
    const owner = people.all(tokens.slice(from, verb) as Token[])[0];
    if (owner?.possessive && DESTROYED.has(lower)) {
      hit(from, excerptEnd, `"${words(tokens, from, excerptEnd)}"`);
      continue;
    }
    // A choice not to take a step: "chose not to wait", "refused to roll back".
    const team = /^(we|i)$/.test(wordAt(tokens, from));
    if (
      ((/^(chose|decided|opted|elected)$/.test(lower) && matchesAt(tokens, verb + 1, ['not', 'to'])) ||
        (lower === 'refused' && matchesAt(tokens, verb + 1, ['to']))) &&
      !team
    ) {
      hit(from, excerptEnd, `"${words(tokens, from, excerptEnd)}"`);
      continue;
    }
    // A contrast with what was expected, a check skipped, a warning or advice overridden.
    let judged = -1;
    for (let k = verb + 1; k < Math.min(end, verb + 14); k++) {
      const w = wordAt(tokens, k);
      if (matchesAt(tokens, k, ['instead', 'of']) || matchesAt(tokens, k, ['rather', 'than'])) judged = k;
      else if (
        (w === 'without' || (w === 'w' && tokens[k + 1]?.text === '/' && wordAt(tokens, k + 2) === 'o')) &&
        (CHECKS.has(wordAt(tokens, k + (w === 'w' ? 3 : 1))) ||
          CHECK_NOUNS.has(wordAt(tokens, k + (w === 'w' ? 3 : 1))))
      )
        judged = k;
      else if (matchesAt(tokens, k, ['without', 'a|any|an', '']) && CHECK_NOUNS.has(wordAt(tokens, k + 2))) judged = k;
      // "as usual", "as always": a habit, told as a charge.
      else if (matchesAt(tokens, k, ['as|per', 'usual|always'])) judged = k;
      // "restarted the pods in the wrong region": the step's object called wrong.
      else if (matchesAt(tokens, k, ['the|a', 'wrong']) && k < stop) judged = k;
      // "approved the PR in under two minutes": a check done too fast to be one.
      else if (
        /^(approved|signed|merged|lgtm'd|stamped)$/.test(lower) &&
        matchesAt(tokens, k, ['in|within', 'under|seconds|minutes|less'])
      )
        judged = k;
      // "decided that the audit could wait": a check put off.
      else if (
        /^(decided|figured|thought|assumed|felt)$/.test(lower) &&
        matchesAt(tokens, k, ['could|can|would', 'wait'])
      )
        judged = k;
      else if (matchesAt(tokens, k, ['against', 'advice|policy|production|prod|guidance|objections'])) judged = k;
      else if (matchesAt(tokens, k, ['against', 'the|our', 'advice|runbook|recommendation|guidance|policy|objections']))
        judged = k;
      else if (w === 'anyway' || w === 'regardless' || w === 'despite') judged = k;
      else if (matchesAt(tokens, k, ['went', 'ahead'])) judged = k;
      else if (matchesAt(tokens, k, ['to', 'get', 'it|this|that|them', 'out'])) judged = k;
      else if (matchesAt(tokens, k, ['before', 'his|her|their|my|the', 'holiday|vacation|leave|weekend|flight|pto']))
        judged = k;
      else if (/^(cares|cared|care)$/.test(w) && /^(more|less)$/.test(wordAt(tokens, k + 1))) judged = k;
      else if (/^(again|ignoring|disregarding|bypassing)$/.test(w) || matchesAt(tokens, k, ['once', 'more|again']))
        judged = k;
      // Timing and purpose that say a corner was cut: "on a Friday evening", "to speed up her demo".
      else if (matchesAt(tokens, k, ['on', 'a', 'friday'])) judged = k;
      else if (matchesAt(tokens, k, ['before', 'leaving|heading|going', 'for|on|out|home'])) judged = k;
      else if (
        matchesAt(tokens, k, ['to', 'speed|save|rush|hurry|hit|meet|skip|avoid', 'up|time|the|a|his|her|their|our']) &&
        k > verb + 1
      )
        judged = k;
      else if (matchesAt(tokens, k, ['his|her|their|my|our', 'own'])) judged = k;
      if (judged >= 0) break;
    }
    // "Instead of following the checklist, Bao decided to hot-patch": the contrast put first.
    if (
      judged < 0 &&
      (matchesAt(tokens, 0, ['instead', 'of']) ||
        matchesAt(tokens, 0, ['rather', 'than']) ||
        matchesAt(tokens, 0, ['despite|ignoring|disregarding|against'])) &&
      tokens.slice(2, from).some((t) => t.kind === 'boundary')
    )
      judged = 0;
    // "We decided to retrain rather than hot-patch": a choice the team weighed and wrote down.
    const weighed = /^(decided|chose|agreed|opted)$/.test(lower) && /^(we|i)$/.test(wordAt(tokens, from));
    if (judged >= 0 && !weighed) {
      hit(from, Math.max(excerptEnd, judged + 2), `"${words(tokens, from, Math.max(excerptEnd, judged + 2))}"`);
      continue;
    }
    // The step, then its harm: "Kwame ran the migration …, wiping 48 hours", "because Lars approved …".
    // A "because …" after the step gives its reason; what follows it is not the step's effect.
    let reasonAt = end;
    for (let k = verb + 1; k < end; k++) {
      if (/^(because|since)$/.test(wordAt(tokens, k))) {
        reasonAt = k;
        break;
      }
    }
    const harm = harmIn(tokens, verb + 1, reasonAt);
    const causal =
      tokens.slice(0, from).some((t) => isWord(t) && /^(because|since)$/.test(t.lower)) ||
      tokens.slice(verb + 1, reasonAt).some((t, k, rest) => {
        if (!isWord(t)) return false;
        if (
          /^(wiping|exposing|leaking|breaking|deleting|corrupting|causing|leading|resulting|sending|letting)$/.test(
            t.lower,
          )
        )
          return true;
        const next = rest[k + 1];
        if (/^(which|that)$/.test(t.lower) && isWord(next)) {
          return /^(is|was|caused|broke|meant|led|let|took|sent)$/.test(next.lower) || HARM.has(next.lower);
        }
        // "Sofia pushed the threshold to 0.9 and approvals collapsed": a step, then its harm.
        return /^(and|so)$/.test(t.lower) && harmIn(rest as Token[], k + 1, rest.length) >= 0;
      });
    const harmBefore = harmIn(tokens, 0, from);
    if ((harm >= 0 || harmBefore >= 0) && causal) {
      hit(from, excerptEnd, `"${words(tokens, from, excerptEnd)}"`);
    }
  }

  for (let index = 0; index < end; index++) {
    const w = wordAt(tokens, index);
    if (!w) continue;
    // "thanks to Lena's change", "courtesy of the data team": sarcasm that names who caused the harm.
    if (matchesAt(tokens, index, ['thanks|courtesy|owing', 'to|of'])) {
      const start = pastDeterminer(tokens, index + 2);
      let mention = people.at(tokens, start);
      for (let k = start + 1; !mention && k <= start + 2 && isWord(tokens[k - 1]); k++) mention = people.at(tokens, k);
      // "thanks to Dana's quick rollback" is praise: a response or a good word follows the person.
      const praise = tokens
        .slice(mention?.to ?? end, Math.min(end, (mention?.to ?? end) + 3))
        .some((t) => isWord(t) && PRAISE.has(t.lower));
      // "courtesy of" a person is sarcasm on its own; "thanks to" needs a harm or a skipped check.
      const skipped = tokens.some(
        (t, k) =>
          t.lower === 'without' && /^(a|any|the|single|review|approval|testing|checks?)$/.test(wordAt(tokens, k + 1)),
      );
      // "thanks to Kenji's shortcut": a person's corner-cutting needs no harm word to be the charge.
      const courtesy =
        w === 'courtesy' ||
        (mention?.possessive === true && /^(shortcut|hack|workaround|gamble|bright)$/.test(wordAt(tokens, mention.to)));
      if (mention && !praise && (courtesy || skipped || harmIn(tokens, 0, end) >= 0)) {
        hit(index, mention.to, `"${words(tokens, index, mention.to)}"`);
        continue;
      }
    }
    // "The threshold was changed by Sofia without review": a passive step whose agent is a person, judged or harmful.
    if (isVerbForm(tokens[index]) && matchesAt(tokens, index + 1, ['by']) && !RESPONSE_VERBS.has(w)) {
      const start = pastDeterminer(tokens, index + 2);
      const mention = people.at(tokens, start);
      const after = tokens.slice(mention?.to ?? end, Math.min(end, (mention?.to ?? end) + 6));
      const judgedAfter = after.some(
        (t, k) =>
          isWord(t) &&
          (/^(anyway|regardless|despite)$/.test(t.lower) ||
            (t.lower === 'without' &&
              (CHECKS.has(after[k + 1]?.lower ?? '') || /^(review|approval|a|any)$/.test(after[k + 1]?.lower ?? ''))) ||
            (t.lower === 'instead' && after[k + 1]?.lower === 'of')),
      );
      const passive = /^(is|are|was|were|been|be|got)$/.test(wordAt(tokens, index - 1));
      // "the warnings were ignored by him", "configured by Oluwaseun without the mapping being read".
      const neglect = /^(ignored|overlooked|missed|skipped|disregarded|dismissed|bypassed|forgotten)$/.test(w);
      const unread = after.some(
        (t, k) => t.lower === 'without' && after.slice(k + 1, k + 6).some((u) => u.lower === 'being'),
      );
      if (
        mention &&
        !mention.possessive &&
        passive &&
        (judgedAfter || neglect || unread || harmIn(tokens, 0, end) >= 0)
      ) {
        hit(index, mention.to, `"${words(tokens, index, mention.to)}"`);
        continue;
      }
    }
    // "Who approved this?", "How did nobody notice?": a question that looks for someone to blame.
    const opens = index === 0 || (tokens[index - 1]?.kind === 'boundary' && tokens[index - 1]!.text === ':');
    if (opens && context.text.trim().endsWith('?')) {
      const auxiliary = /^(is|are|was|were|has|have|had|did|does|do|will|would|should|could|can)$/.test(
        wordAt(tokens, index + 1),
      );
      if (
        (w === 'who' &&
          isVerbForm(tokens[index + 1]) &&
          !auxiliary &&
          !RESPONSE_VERBS.has(wordAt(tokens, index + 1))) ||
        matchesAt(tokens, index, ['how|why', "did|could|didn't", 'nobody|no|anyone|we|they|you|he|she'])
      ) {
        hit(index, Math.min(end, index + 4), `"${words(tokens, index, Math.min(end, index + 4))}"`);
        continue;
      }
    }
    // "Greta's decision to ignore the holdout results": a person's choice, then harm.
    const owner = people.at(tokens, index);
    if (
      owner?.possessive &&
      /^(decision|call|choice|insistence|refusal|push|shortcut|gamble|hack|workaround)$/.test(wordAt(tokens, owner.to))
    ) {
      if (harmIn(tokens, 0, end) >= 0 && !negatedBefore(tokens, index)) {
        const stop = clauseEnd(tokens, owner.to);
        hit(index, stop, `"${words(tokens, index, stop)}"`);
        index = owner.to;
        continue;
      }
    }
    // "It's on the on-call", "the fraud spike is on Ji-woo": a failure placed on a person.
    if (
      /^(is|was|are|were|it's|that's|this's)$/.test(w) &&
      matchesAt(tokens, index + 1, ['really|all|squarely|entirely']) === false
    ) {
      const onAt = matchesAt(tokens, index + 1, ['on'])
        ? index + 1
        : matchesAt(tokens, index + 2, ['on'])
          ? index + 2
          : -1;
      if (onAt > 0) {
        const start = pastDeterminer(tokens, onAt + 1);
        const mention = people.at(tokens, start);
        const before = tokens.slice(Math.max(0, index - 3), index).some((t) => isWord(t) && ASSIGNMENTS.has(t.lower));
        if (mention && !before && !negatedBefore(tokens, index)) {
          hit(clauseStart(tokens, index), mention.to, `"${words(tokens, clauseStart(tokens, index), mention.to)}"`);
          continue;
        }
      }
    }
    if (matchesAt(tokens, index, ['really|all|squarely|entirely', 'on'])) {
      const start = pastDeterminer(tokens, index + 2);
      const mention = people.at(tokens, start);
      if (mention) {
        hit(index, mention.to, `"${words(tokens, index, mention.to)}"`);
        continue;
      }
    }
    // "It was Olga who disabled it": a cleft that singles out a person for a step.
    if (matchesAt(tokens, index, ['it', 'was|is']) || w === "it's") {
      const at = w === "it's" ? index + 1 : index + 2;
      const mention = people.at(tokens, at);
      if (
        mention &&
        matchesAt(tokens, mention.to, ['who|that']) &&
        !RESPONSE_VERBS.has(wordAt(tokens, mention.to + 1))
      ) {
        const stop = clauseEnd(tokens, mention.to + 1);
        hit(index, stop, `"${words(tokens, index, stop)}"`);
        continue;
      }
    }
    // "was slow to escalate", "took too long to roll back", "while Sven was busy with other priorities".
    if (matchesAt(tokens, index, ['was|were', 'slow|late|too|busy|distracted|unavailable|asleep|away|offline'])) {
      if (subjectOf(tokens, index, people) === 'person' && !negatedBefore(tokens, index)) {
        const stop = clauseEnd(tokens, index);
        hit(clauseStart(tokens, index), stop, `"${words(tokens, clauseStart(tokens, index), stop)}"`);
        continue;
      }
    }
    // "was supposed to update the allowlist, but …", "was warned twice … and still".
    if (matchesAt(tokens, index, ['was|were', 'supposed|meant|expected|asked|warned|told'])) {
      const rest = tokens.slice(index + 2).map((t) => t.lower);
      const but = rest.some((r) => /^(but|still|anyway|never|regardless|nevertheless|yet)$/.test(r));
      if (subjectOf(tokens, index, people) === 'person' && but) {
        hit(
          clauseStart(tokens, index),
          Math.min(end, index + 6),
          `"${words(tokens, clauseStart(tokens, index), Math.min(end, index + 6))}"`,
        );
        continue;
      }
    }
    // "We expect the release manager to catch this, and this time that didn't happen."
    if (/^(expect|expected|expects|trusted|trust|relied|rely|counted|count)$/.test(w)) {
      const start = matchesAt(tokens, index + 1, ['on']) ? index + 2 : index + 1;
      const target = pastDeterminer(tokens, start);
      let mention = people.at(tokens, target);
      for (let k = target + 1; !mention && k <= target + 2; k++) {
        const found = people.at(tokens, k);
        if (found && !found.possessive) mention = found;
      }
      const negated = tokens
        .slice(index)
        .some((t) => isWord(t) && /^(didn't|did|never|not|wasn't|weren't|failed)$/.test(t.lower));
      if (mention && matchesAt(tokens, mention.to, ['to']) && negated) {
        hit(index, mention.to + 2, `"${words(tokens, index, mention.to + 2)}"`);
        continue;
      }
    }
    // "never verified it", "never got around to it": a person's omission.
    if (w === 'never' || w === "didn't" || w === 'not') {
      const next = wordAt(tokens, index + 1);
      // "didn't think to check", "never bothered to": the step nobody took.
      const around =
        matchesAt(tokens, index + 1, ['get|got', 'around', 'to']) ||
        (w !== 'not' && matchesAt(tokens, index + 1, ['think|bother|care', 'to']));
      // "never unmuted them": any step a person never took, except what happened to them ("never received").
      const neverDid =
        w === 'never' &&
        (NEVER_DID.has(next) ||
          (isVerbForm(tokens[index + 1]) && !/^(received|got|saw|heard|was|were|had|did)$/.test(next)));
      const passive = /^(was|were|is|are|been|be|being)$/.test(wordAt(tokens, index - 1));
      if ((neverDid || around) && !passive) {
        const carried =
          /^(and|but)$/.test(wordAt(tokens, index - 1)) && agentsFound.some((agent) => agent.verb < index);
        if (subjectOf(tokens, index + 1, people) === 'person' || carried) {
          const stop = clauseEnd(tokens, index);
          hit(clauseStart(tokens, index), stop, `"${words(tokens, clauseStart(tokens, index), stop)}"`);
          continue;
        }
      }
    }
    // "Apparently nobody on the platform team thought to look", "no one bothered to check".
    if (w === 'nobody' || matchesAt(tokens, index, ['no', 'one'])) {
      for (let k = index + 1; k < Math.min(end, index + 8); k++) {
        const v = wordAt(tokens, k);
        if (!v) break;
        if (
          /^(thought|bothered|checked|verified|tested|looked|reviewed|asked|caught|questioned|read|ran|opened|notice|noticed|check|looks|checks|look|verify|test|review|catch|think|bother)$/.test(
            v,
          )
        ) {
          const stop = clauseEnd(tokens, k);
          hit(index, stop, `"${words(tokens, index, stop)}"`);
          break;
        }
        if (looksVerbal(tokens[k])) break;
      }
    }
    // "the root cause was Greta's decision", "Amara's decision … was the key failure".
    if (CAUSE_NOUNS.has(w) && !negatedBefore(tokens, index)) {
      const span = tokens.slice(0, end);
      const mention = people.all(span as Token[]).find((m) => {
        // "Kwame is not the problem — the problem is the tooling": a mention across a dash is another clause.
        const between = tokens.slice(Math.min(m.to, index), Math.max(m.from, index));
        if (between.some((t) => t.kind === 'boundary' && t.text !== ':' && t.text !== ',')) return false;
        const head = wordAt(tokens, m.to);
        return m.possessive
          ? /^(decision|choice|call|change|edit|script|commit|merge|deploy|push|config|approval|sign-off)$/.test(head)
          : true;
      });
      const slot =
        (['root', 'real', 'key', 'actual', 'main', 'the', 'weak'].includes(wordAt(tokens, index - 1)) &&
          /^(is|was|were|are|here)$/.test(wordAt(tokens, index + 1))) ||
        /^(is|was|were)$/.test(wordAt(tokens, index - 1)) ||
        (/^(root|real|key|actual|main)$/.test(wordAt(tokens, index - 1)) &&
          /^(the|a)$/.test(wordAt(tokens, index - 2)) &&
          /^(is|was)$/.test(wordAt(tokens, index - 3)));
      const what =
        /^(root|real|key|actual|main)$/.test(wordAt(tokens, index - 1)) || w === 'culprit' || w === 'problem';
      if (mention && slot && what && mention.from !== index) {
        hit(
          Math.min(mention.from, index),
          Math.max(mention.to, index + 1),
          `"${words(tokens, Math.min(mention.from, index), Math.max(mention.to, index + 1))}"`,
        );
        continue;
      }
    }
    // "What caused the spike was Greta's decision": a pseudo-cleft with a person in the cause slot.
    if (index === 0 && matchesAt(tokens, 0, ['what', 'caused|broke|triggered|started|led'])) {
      for (let k = 2; k < end; k++) {
        if (!/^(is|was)$/.test(wordAt(tokens, k))) continue;
        const start = pastDeterminer(tokens, k + 1);
        const mention = people.at(tokens, start);
        if (mention) {
          hit(0, mention.to + 1, `"${words(tokens, 0, mention.to + 1)}"`);
          break;
        }
      }
    }
    // "… (Amina, 14:02) is exactly how the transcripts leaked": a person's step as the way harm happened.
    if (/^(is|was)$/.test(w) && matchesAt(tokens, index + 1, ['exactly|precisely|how|why|what'])) {
      const at = /^(exactly|precisely)$/.test(wordAt(tokens, index + 1)) ? index + 2 : index + 1;
      const named = people
        .all(tokens.slice(0, index) as Token[])
        .some((m) => !/^(we|i|you|who)$/.test(wordAt(tokens, m.from)));
      if (/^(how|why|what)$/.test(wordAt(tokens, at)) && named && harmIn(tokens, at + 1, end) >= 0) {
        hit(
          clauseStart(tokens, index),
          Math.min(end, at + 4),
          `"${words(tokens, clauseStart(tokens, index), Math.min(end, at + 4))}"`,
        );
        continue;
      }
    }
    // "Keanu, ignoring the runbook, restarts the pods": a person said to disregard the process.
    if (/^(ignoring|disregarding|bypassing|circumventing)$/.test(w) && people.endingAt(tokens, index - 2)) {
      const stop = Math.min(end, index + 4);
      hit(index, stop, `"${words(tokens, index, stop)}"`);
      continue;
    }
    // "Mateo was the one who raised max_tokens": a cleft that singles out a person.
    if (
      matchesAt(tokens, index, ['was|is', 'the', 'one|person|engineer', 'who|that']) &&
      subjectOf(tokens, index, people) === 'person'
    ) {
      if (!RESPONSE_VERBS.has(wordAt(tokens, index + 4))) {
        const stop = clauseEnd(tokens, index + 4);
        hit(clauseStart(tokens, index), stop, `"${words(tokens, clauseStart(tokens, index), stop)}"`);
        continue;
      }
    }
    // "It was Lena's threshold change that pushed the rate to 9%": a cleft on a person's artefact.
    if (matchesAt(tokens, index, ['it', 'was|is']) || w === "it's") {
      const at = w === "it's" ? index + 1 : index + 2;
      const owner = people.at(tokens, at);
      if (owner?.possessive) {
        for (let k = owner.to; k < Math.min(end, owner.to + 4); k++) {
          if (!/^(that|which)$/.test(wordAt(tokens, k))) continue;
          if (!RESPONSE_VERBS.has(wordAt(tokens, k + 1)) && !REPAIR.has(wordAt(tokens, k + 1))) {
            const stop = clauseEnd(tokens, k + 1);
            hit(index, stop, `"${words(tokens, index, stop)}"`);
          }
          break;
        }
      }
    }
    // "Root cause: Mateus pushing an untested template", "the label noise is down to the contractors".
    if (
      matchesAt(tokens, index, ['root|real|main', 'cause|causes']) ||
      matchesAt(tokens, index, ['is|was|are|were', 'down', 'to'])
    ) {
      const from = index + (wordAt(tokens, index + 1) === 'down' ? 3 : 2);
      for (let k = from; k < Math.min(end, from + 4); k++) {
        if (tokens[k]?.kind === 'boundary' && tokens[k]!.text !== ':') break;
        const mention = people.at(tokens, k);
        if (mention && !negatedBefore(tokens, index)) {
          hit(index, mention.to, `"${words(tokens, index, mention.to)}"`);
          break;
        }
      }
    }
    // "… is the reason the refusal rate tripled", "… is what zeroed out the feature": a person's step as the cause.
    if (
      /^(is|was)$/.test(w) &&
      (matchesAt(tokens, index + 1, ['the', 'reason|cause|culprit']) || matchesAt(tokens, index + 1, ['what|how|why']))
    ) {
      const next = wordAt(tokens, index + (wordAt(tokens, index + 1) === 'the' ? 3 : 2));
      // The person must be in the clause of "is": "…, and the more useful question is why" names nobody.
      let from = index;
      while (from > 0) {
        const t = tokens[from - 1]!;
        if (t.kind === 'boundary' ? !/^["“”'‘’]$/.test(t.text) : /^(and|but|so|because|since|while)$/.test(t.lower))
          break;
        from--;
      }
      const named = people
        .all(tokens.slice(from, index) as Token[])
        .some(
          (m) =>
            !/^(we|i|you|who|they)$/.test(wordAt(tokens, from + m.from)) && !negatedBefore(tokens, from + m.from, 3),
        );
      if (named && !REPAIR.has(next) && !/^(saved|caught|helped|stopped|limited)$/.test(next)) {
        const stop = Math.min(end, index + 4);
        hit(clauseStart(tokens, index), stop, `"${words(tokens, clauseStart(tokens, index), stop)}"`);
        continue;
      }
    }
    // "Apparently Dmitri doesn't", "Really, Nadia?": sarcasm aimed at a person.
    if (w === 'apparently' || w === 'really' || w === 'seriously') {
      const at = tokens[index + 1]?.kind === 'boundary' ? index + 2 : index + 1;
      const mention = people.at(tokens, at);
      const next = wordAt(tokens, mention?.to ?? end);
      const question = w !== 'apparently' && tokens[mention?.to ?? end]?.text === '?';
      if (mention && (question || /^(doesn't|didn't|does|did|wasn't|isn't|can't|couldn't)$/.test(next))) {
        hit(index, (mention.to ?? index) + 1, `"${words(tokens, index, mention.to + 1)}"`);
        continue;
      }
    }
    // "Security sat on the anomaly report": a delay told as neglect.
    if (/^(sat|sitting|sits)$/.test(w) && matchesAt(tokens, index + 1, ['on'])) {
      const object = /^(the|a|an|their|his|her|our)$/.test(wordAt(tokens, index + 2)) ? index + 3 : index + 2;
      const report = /^(it|this|that|them)$/.test(wordAt(tokens, index + 2))
        ? index + 2
        : [object, object + 1].find(
            (k) =>
              /^(report|reports|alert|alerts|ticket|tickets|finding|findings|fix|pr|request|escalation|warning|warnings|page|email)$/.test(
                wordAt(tokens, k),
              ) &&
              !/^[a-z]/.test(
                wordAt(tokens, k + 1).replace(/^(for|until|since|while|and|but|from|of|in|over|at|during)$/, ''),
              ),
          );
      if (report !== undefined && subjectOf(tokens, index, people) !== 'none') {
        hit(clauseStart(tokens, index), report + 1, `"${words(tokens, clauseStart(tokens, index), report + 1)}"`);
        continue;
      }
    }
    // "All Elif had to do was re-run the script": hindsight that makes the step look easy.
    if (w === 'all') {
      const mention = people.at(tokens, index + 1);
      if (mention && matchesAt(tokens, mention.to, ['had|needed', 'to', 'do'])) {
        hit(index, mention.to + 3, `"${words(tokens, index, mention.to + 3)}"`);
        continue;
      }
    }
    // "Support ops, once more, handed …", "… left rate limits off, again": recurrence as an aside.
    if (
      (w === 'again' && tokens[index - 1]?.kind === 'boundary') ||
      (matchesAt(tokens, index, ['once|yet', 'more|again']) && tokens[index - 1]?.kind === 'boundary')
    ) {
      const named = people.all(tokens as Token[]).length > 0;
      if (named && !tokens.some((t) => isWord(t) && RESPONSE_VERBS.has(t.lower))) {
        hit(index, Math.min(end, index + 2), `"${words(tokens, index, Math.min(end, index + 2))}"`);
        continue;
      }
    }
    // "Great job, Lukas, really nailed that version bump": praise turned into sarcasm.
    if (
      index === 0 &&
      matchesAt(tokens, 0, ['great|nice|good|stellar|brilliant|fantastic|excellent|amazing', 'work|job|stuff'])
    ) {
      const mention = people.all(tokens.slice(0, 6) as Token[])[0];
      const after = mention ? tokens.slice(mention.to, end) : [];
      const ironic =
        after.some((t, k) => t.lower === 'really' && isVerbForm(after[k + 1])) ||
        (isWord(after[0]) && /ing$/.test(after[0].lower) && harmIn(after, 0, after.length) >= 0) ||
        (after[0]?.kind === 'boundary' &&
          isWord(after[1]) &&
          /ing$/.test(after[1].lower) &&
          after.some((t) => /^(anyone|everyone|salary|ssn|pii|secrets|credentials)$/.test(t.lower)));
      if (mention && ironic) {
        hit(0, mention.to, `"${words(tokens, 0, mention.to)}"`);
        continue;
      }
    }
    // "The failure … lies squarely with the analytics team", "on the part of the model owner".
    if (
      matchesAt(tokens, index, [
        'lies|lay|lie|rests|rested|falls|fell|sits|sat',
        'squarely|entirely|solely|firmly|wholly',
      ]) ||
      matchesAt(tokens, index, ['on', 'the', 'part', 'of'])
    ) {
      const at = w === 'on' ? index + 4 : matchesAt(tokens, index + 2, ['with|on']) ? index + 3 : -1;
      const start = at >= 0 ? pastDeterminer(tokens, at) : at;
      // "with the search squad": a team named by what it does, before the word for people.
      const mention =
        start >= 0 ? (people.at(tokens, at) ?? people.at(tokens, start) ?? people.at(tokens, start + 1)) : undefined;
      if (mention) {
        hit(index, mention.to, `"${words(tokens, index, mention.to)}"`);
        continue;
      }
    }
    // "Hana finally acknowledges the page, 40 minutes after it fired": a late response told as a charge.
    if (w === 'finally' && people.endingAt(tokens, index - 1)) {
      if (
        /^(ack|acknowledg|respond|repli|reply|answer|join|show|pick|look|got|get|read|open|check)/.test(
          wordAt(tokens, index + 1),
        )
      ) {
        const stop = clauseEnd(tokens, index);
        hit(
          people.endingAt(tokens, index - 1)!.from,
          stop,
          `"${words(tokens, people.endingAt(tokens, index - 1)!.from, stop)}"`,
        );
        continue;
      }
    }
    // "[10:14] @raj: lol who turned off the drift alerts": a question hunting for whoever did it.
    if (
      w === 'who' &&
      index > 0 &&
      (tokens[index - 1]?.kind === 'boundary' ||
        /^(lol|so|ok|okay|um|seriously|honestly|wait|like)$/.test(wordAt(tokens, index - 1))) &&
      isVerbForm(tokens[index + 1]) &&
      !RESPONSE_VERBS.has(wordAt(tokens, index + 1)) &&
      !/^(is|are|was|were|has|have|had|did|does|do|will|would|should|could|can)$/.test(wordAt(tokens, index + 1))
    ) {
      const stop = clauseEnd(tokens, index + 1);
      hit(index, stop, `"${words(tokens, index, stop)}"`);
      continue;
    }
    // "The only rollout that skipped the canary was the one Felipe ran": a person singled out.
    if (
      matchesAt(tokens, index, ['was|is', 'the', 'one|ones']) &&
      tokens.slice(0, index).some((t) => t.lower === 'only')
    ) {
      const mention = people.at(tokens, index + 3);
      if (mention && !mention.possessive) {
        hit(index, mention.to, `"${words(tokens, index, mention.to)}"`);
        continue;
      }
    }
    // "Every other team runs the check; the hiring-models team did not": a person set against everyone else.
    if (matchesAt(tokens, index, ['did|does|do|had|has', 'not']) || /^(didn't|doesn't|don't|hadn't|hasn't)$/.test(w)) {
      const after = w.endsWith("n't") ? index + 1 : index + 2;
      const elided = after >= end || tokens[after]?.kind === 'boundary';
      const others = tokens
        .slice(0, index)
        .some(
          (_t, k) =>
            matchesAt(tokens, k, ['every|all', 'other']) ||
            matchesAt(tokens, k, ['everyone|everybody', 'else']) ||
            matchesAt(tokens, k, ['all', 'the', 'other']),
        );
      if (elided && others && subjectOf(tokens, index, people) === 'person') {
        hit(clauseStart(tokens, index), after, `"${words(tokens, clauseStart(tokens, index), after)}"`);
        continue;
      }
    }
    // "Great job to whoever decided …", "Sure, shipping it the day before the freeze was a great idea.": sarcasm.
    if (
      index === 0 &&
      matchesAt(tokens, 0, [
        'great|nice|good|stellar|brilliant|fantastic|excellent|amazing',
        'work|job|call|move',
        'to|by',
        'whoever|whomever|the',
      ])
    ) {
      hit(0, Math.min(end, 5), `"${words(tokens, 0, Math.min(end, 5))}"`);
      continue;
    }
    if (
      index === 0 &&
      /^(sure|yeah|oh|well|obviously|wow|clearly)$/.test(w) &&
      tokens[1]?.kind === 'boundary' &&
      tokens.some((_t, k) =>
        matchesAt(tokens, k, [
          'great|brilliant|fantastic|genius|excellent|smart|wonderful|stellar',
          'idea|plan|move|call|decision',
        ]),
      )
    ) {
      hit(0, end, `"${words(tokens, 0, end)}"`);
      continue;
    }
    // "because the research team cares more about leaderboard numbers than …": priorities told as a charge.
    if (
      /^(cares|cared|care)$/.test(w) &&
      /^(more|less)$/.test(wordAt(tokens, index + 1)) &&
      subjectOf(tokens, index, people) === 'person'
    ) {
      const stop = clauseEnd(tokens, index);
      hit(clauseStart(tokens, index), stop, `"${words(tokens, clauseStart(tokens, index), stop)}"`);
      continue;
    }
    // "the infra team was warned … and did nothing": inaction told as a charge.
    if (matchesAt(tokens, index, ['did', 'nothing']) && subjectOf(tokens, index, people) === 'person') {
      hit(clauseStart(tokens, index), index + 2, `"${words(tokens, clauseStart(tokens, index), index + 2)}"`);
      continue;
    }
    // "Dmitri not check the release notes": a non-native writer's omission.
    if (
      w === 'not' &&
      people.endingAt(tokens, index - 1) &&
      /^(check|test|review|read|verify|ask|follow|escalate|look|run|update|wait|tell)$/.test(wordAt(tokens, index + 1))
    ) {
      const mention = people.endingAt(tokens, index - 1)!;
      hit(mention.from, index + 2, `"${words(tokens, mention.from, index + 2)}"`);
      continue;
    }
    // "Didn't test refunds.": a fragment whose subject is the person of the sentence before.
    if (
      index === 0 &&
      /^(didn't|never)$/.test(w) &&
      /^(test|check|review|read|verify|run|ask|wait|tell|look)$/.test(wordAt(tokens, 1))
    ) {
      hit(0, 2, `"${words(tokens, 0, 2)}"`);
      continue;
    }
    // "in her capacity as on-call engineer … her delay in escalating": a pronoun's lapse, with the person named.
    if (
      /^(his|her|their)$/.test(w) &&
      /^(delay|inaction|oversight|lateness|slowness|lapse|negligence|carelessness)$/.test(wordAt(tokens, index + 1)) &&
      people.all(tokens as Token[]).some((m) => !/^(we|i|you|they|he|she)$/.test(wordAt(tokens, m.from)))
    ) {
      hit(index, index + 2, `"${words(tokens, index, index + 2)}"`);
      continue;
    }
    // "her delay in escalating", "the on-call's oversight": a person's lapse as a thing.
    if (
      owner?.possessive &&
      /^(delay|delays|inaction|oversight|oversights|lateness|slowness|lapse|lapses|slip|slips|mistake|mistakes|negligence|carelessness)$/.test(
        wordAt(tokens, owner.to),
      )
    ) {
      hit(index, owner.to + 1, `"${words(tokens, index, owner.to + 1)}"`);
      index = owner.to;
      continue;
    }
    // "which is more than our QA team managed": a person measured against a bystander.
    if (matchesAt(tokens, index, ['more|better', 'than'])) {
      const at = /^(the|our|their|a|an)$/.test(wordAt(tokens, index + 2)) ? index + 3 : index + 2;
      const mention = people.at(tokens, at) ?? people.at(tokens, at + 1);
      if (mention && /^(managed|did|could|bothered|noticed|caught)$/.test(wordAt(tokens, mention.to))) {
        hit(index, mention.to + 1, `"${words(tokens, index, mention.to + 1)}"`);
        continue;
      }
    }
    // "only ever happens on Ngozi's shift": a person singled out by when it happens.
    if (w === 'on' && tokens.some((t) => t.lower === 'only')) {
      const mention = people.at(tokens, index + 1);
      if (mention?.possessive && /^(shift|shifts|watch|rotation|week|rota)$/.test(wordAt(tokens, mention.to))) {
        hit(index, mention.to + 1, `"${words(tokens, index, mention.to + 1)}"`);
        continue;
      }
    }
    // "Mistakes like Kofi's": a person's mistakes as a kind.
    if (/^(mistakes?|errors?|slips?|lapses?)$/.test(w) && matchesAt(tokens, index + 1, ['like|such'])) {
      const mention = people.at(tokens, index + 2);
      if (mention?.possessive) {
        hit(index, mention.to, `"${words(tokens, index, mention.to)}"`);
      }
    }
  }
  return hits;
}

/** A person framed as the cause by the sentence's structure, with no blame word needed. */
export const personInCause = retextRule('person-as-cause', detect);
