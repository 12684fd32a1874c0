/** One labelled sentence of a corpus (`packages/blameless/corpus/*.yaml`). */
export interface CorpusSentence {
  text: string;
  blameful: boolean;
  /** For a blameful sentence, the rule a reader expects to fire. */
  rule?: string;
}

/** A corpus: its sentences and the incident's people they are linted with. */
export interface Corpus {
  people: string[];
  sentences: CorpusSentence[];
}

/** Precision, recall and F1 of "this sentence is blameful", with the counts behind them. */
export interface Score {
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
}

/** Checks the shape of a parsed corpus file; the message names the bad field. */
export function parseCorpus(data: unknown): Corpus {
  if (typeof data !== 'object' || data === null)
    throw new Error('corpus: expected a mapping with people and sentences');
  const { people, sentences } = data as { people?: unknown; sentences?: unknown };
  if (!Array.isArray(people) || !people.every((p) => typeof p === 'string')) {
    throw new Error('people: expected a list of names');
  }
  if (!Array.isArray(sentences)) throw new Error('sentences: expected a list');
  return {
    people,
    sentences: sentences.map((item: unknown, index) => {
      const { text, blameful, rule } = (item ?? {}) as { text?: unknown; blameful?: unknown; rule?: unknown };
      if (typeof text !== 'string' || typeof blameful !== 'boolean') {
        throw new Error(`sentences[${index}]: expected text (string) and blameful (true or false)`);
      }
      return typeof rule === 'string' ? { text, blameful, rule } : { text, blameful };
    }),
  };
}

/** Scores predictions (true = blameful) against the labels, in the corpus order. */
export function scoreSentences(labels: readonly boolean[], predictions: readonly boolean[]): Score {
  if (labels.length !== predictions.length) throw new Error('predictions: expected one per label');
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  labels.forEach((label, index) => {
    const predicted = predictions[index];
    if (label && predicted) truePositives++;
    else if (!label && predicted) falsePositives++;
    else if (label && !predicted) falseNegatives++;
    else trueNegatives++;
  });
  const precision = truePositives + falsePositives === 0 ? 1 : truePositives / (truePositives + falsePositives);
  const recall = truePositives + falseNegatives === 0 ? 1 : truePositives / (truePositives + falseNegatives);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, truePositives, falsePositives, falseNegatives, trueNegatives };
}
