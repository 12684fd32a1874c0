import type { Token } from './tokens';

/** How a mention was recognised: a named person or role of the incident, or a word for people in general. */
export interface PersonMention {
  /** Index of the first token of the mention. */
  from: number;
  /** Index after its last token. */
  to: number;
  /** The last token is possessive (`Dana's`, `the on-call engineer's`). */
  possessive: boolean;
}

// Words that always stand for people. Kept to roles an AI organisation has; "user" and
// "customer" are left out on purpose: a postmortem describes what users did, it does not blame them.
const GENERIC_PEOPLE = [
  'i',
  'we',
  'you',
  'he',
  'she',
  'they',
  'someone',
  'somebody',
  'anyone',
  'anybody',
  'everyone',
  'everybody',
  'who',
  'engineer',
  'engineers',
  'developer',
  'developers',
  'operator',
  'operators',
  'reviewer',
  'reviewers',
  'responder',
  'responders',
  'annotator',
  'annotators',
  'labeller',
  'labellers',
  'labeler',
  'labelers',
  'intern',
  'interns',
  'analyst',
  'analysts',
  'scientist',
  'scientists',
  'researcher',
  'researchers',
  'admin',
  'admins',
  'administrator',
  'administrators',
  'sre',
  'sres',
  'team',
  'staff',
  'employee',
  'employees',
  'contractor',
  'contractors',
  'human',
  'humans',
  'person',
  'people',
  'author',
  'approver',
  'approvers',
  'manager',
  'managers',
  'on-call',
  'oncall',
  'on-caller',
  'captain',
  'owner',
  'owners',
  'maintainer',
  'maintainers',
  'individual',
  'colleague',
  'colleagues',
  'junior',
  'tester',
  'testers',
  'devs',
  'lead',
  'leads',
  'squad',
  'ops',
];

function words(name: string): string[] {
  return name
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

/** Recognises the incident's people (names, first names, ids, role titles) and words for people. */
export class PersonMatcher {
  // Phrases by their first word, longest first, so "on-call engineer" wins over "on-call".
  private readonly byFirstWord = new Map<string, string[][]>();

  constructor(people: readonly string[] = []) {
    const phrases = new Map<string, string[]>();
    const add = (phrase: string[]): void => {
      if (phrase.length > 0) phrases.set(phrase.join(' '), phrase);
    };
    for (const name of people) {
      const phrase = words(name);
      add(phrase);
      // "the SRE team" is also met after a determiner the rules step over ("if the SRE team had …").
      if (phrase.length > 1 && /^(the|our|a|an)$/.test(phrase[0]!)) add(phrase.slice(1));
      // A full name is also met by its first name ("Dana Reyes" → "Dana"), unless it is a role title.
      if (
        phrase.length > 1 &&
        name
          .trim()
          .split(/\s+/)
          .every((word) => /^\p{Lu}\p{Ll}/u.test(word))
      ) {
        add(phrase.slice(0, 1));
      }
    }
    for (const word of GENERIC_PEOPLE) add([word]);
    for (const phrase of [...phrases.values()].sort((a, b) => b.length - a.length)) {
      const first = phrase[0]!;
      const list = this.byFirstWord.get(first) ?? [];
      list.push(phrase);
      this.byFirstWord.set(first, list);
    }
  }

  /** The mention that starts at `index`, if any. */
  at(tokens: readonly Token[], index: number): PersonMention | undefined {
    const start = tokens[index];
    if (start?.kind !== 'word') return undefined;
    for (const phrase of this.byFirstWord.get(start.lower) ?? []) {
      if (index + phrase.length > tokens.length) continue;
      let matched = true;
      for (let k = 0; k < phrase.length; k++) {
        const token = tokens[index + k]!;
        const last = k === phrase.length - 1;
        if (token.kind !== 'word' || (!last && token.possessive) || token.lower !== phrase[k]) {
          matched = false;
          break;
        }
      }
      if (matched) {
        const to = index + phrase.length;
        return { from: index, to, possessive: tokens[to - 1]!.possessive };
      }
    }
    return undefined;
  }

  /** The mention that ends at `index` (inclusive), if any. */
  endingAt(tokens: readonly Token[], index: number): PersonMention | undefined {
    for (let from = Math.max(0, index - 4); from <= index; from++) {
      const mention = this.at(tokens, from);
      if (mention && mention.to === index + 1) return mention;
    }
    return undefined;
  }

  /** Every mention in the tokens, left to right. */
  all(tokens: readonly Token[]): PersonMention[] {
    const mentions: PersonMention[] = [];
    for (let index = 0; index < tokens.length; index++) {
      const mention = this.at(tokens, index);
      if (mention) {
        mentions.push(mention);
        index = mention.to - 1;
      }
    }
    return mentions;
  }
}
