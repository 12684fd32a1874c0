import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCorpus, scoreSentences } from './corpus';
import { lintProse } from './lint';

// blind.yaml was written without a people list: its sentences are linted with the first names in it.
const BLIND_PEOPLE = ['Aiko', 'Tomás', 'Grace', 'Ravi', 'Lena', 'Omar', 'Wei', 'Dana', 'Priya', 'Marcus', 'Sofia'];

async function score(name: string) {
  const data = parse(readFileSync(new URL(`../corpus/${name}.yaml`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
  const corpus = parseCorpus(name === 'blind' ? { people: BLIND_PEOPLE, ...data } : data);
  const predictions: boolean[] = [];
  for (const sentence of corpus.sentences) {
    predictions.push((await lintProse(sentence.text, { people: corpus.people })).length > 0);
  }
  return {
    corpus,
    score: scoreSentences(
      corpus.sentences.map((sentence) => sentence.blameful),
      predictions,
    ),
  };
}

describe('the corpora', () => {
  it('blind: 80 sentences, 40 blameful', async () => {
    const { corpus } = await score('blind');
    expect(corpus.sentences.length).toBe(80);
    expect(corpus.sentences.filter((sentence) => sentence.blameful).length).toBe(40);
  });

  it.each([
    ['dev', 80],
    ['holdout', 60],
  ])('%s: at least %i sentences, about half blameful, each blameful one naming its rule', async (name, size) => {
    const { corpus } = await score(name);
    expect(corpus.sentences.length).toBeGreaterThanOrEqual(size);
    const blameful = corpus.sentences.filter((sentence) => sentence.blameful);
    expect(Math.abs(blameful.length * 2 - corpus.sentences.length)).toBeLessThanOrEqual(2);
    const rules = new Set(['person-as-cause', 'counterfactual', 'blame-word', 'vigilance-action']);
    for (const sentence of blameful) expect(rules.has(sentence.rule ?? ''), sentence.text).toBe(true);
  });

  it.each(['dev', 'holdout', 'blind'])(
    '%s: precision and recall of "this sentence is blameful" are at least 0.9',
    async (name) => {
      const { score: result } = await score(name);
      expect(result.precision).toBeGreaterThanOrEqual(0.9);
      expect(result.recall).toBeGreaterThanOrEqual(0.9);
    },
  );
});

// blind2 to blind7 were written by people who never saw the rules, each naming its people per
// sentence (each sentence is linted with its own list), and each was scored once while sealed:
// blind2 1.00/0.575, blind3 1.00/0.65 (precision/recall), then the structural rule
// (rules/person-in-cause.ts) was written on them; blind4 1.00/0.275 and blind5 0.80/0.30 before it,
// 0.895/0.425 and 0.864/0.475 with it; blind6 0.927/0.76 and blind7 0.931/0.675 sealed, with the
// rules as tuned on blind2–5; blind8 0.912/0.62 and blind9 0.909/0.75 sealed, with the rules as
// tuned on blind2–7. Each was tuned on after its sealed score. The floors are what the
// rules reach on them now, minus a margin: they keep the rules from getting worse.
describe.each([
  ['blind2', 80, 0.9],
  ['blind3', 80, 0.9],
  ['blind4', 80, 0.85],
  ['blind5', 80, 0.9],
  ['blind6', 100, 0.9],
  ['blind7', 80, 0.9],
  ['blind8', 100, 0.9],
  ['blind9', 80, 0.9],
])('%s', (name, size, recallFloor) => {
  it(`${size} sentences, half blameful; precision at least 0.9, recall at least ${recallFloor} with each sentence's people`, async () => {
    const data = parse(readFileSync(new URL(`../corpus/${name}.yaml`, import.meta.url), 'utf8')) as {
      sentences: { text: string; blameful: boolean; people?: string[] }[];
    };
    const corpus = parseCorpus({ people: [], ...data });
    expect(corpus.sentences.length).toBe(size);
    expect(corpus.sentences.filter((sentence) => sentence.blameful).length).toBe(size / 2);
    const predictions: boolean[] = [];
    for (const sentence of data.sentences) {
      predictions.push((await lintProse(sentence.text, { people: sentence.people ?? [] })).length > 0);
    }
    const result = scoreSentences(
      corpus.sentences.map((sentence) => sentence.blameful),
      predictions,
    );
    expect(result.precision).toBeGreaterThanOrEqual(0.9);
    expect(result.recall).toBeGreaterThanOrEqual(recallFloor);
  });
});

describe('scoreSentences', () => {
  it('counts against the labels', () => {
    expect(scoreSentences([true, true, false, false], [true, false, true, false])).toEqual({
      precision: 0.5,
      recall: 0.5,
      f1: 0.5,
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
      trueNegatives: 1,
    });
  });

  it('refuses a corpus without labels, naming the sentence', () => {
    expect(() => parseCorpus({ people: [], sentences: [{ text: 'x' }] })).toThrow(/sentences\[0\]/);
    expect(() => parseCorpus({ sentences: [] })).toThrow(/people/);
  });
});
