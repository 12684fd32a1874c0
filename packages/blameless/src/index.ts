export { type Corpus, type CorpusSentence, parseCorpus, type Score, scoreSentences } from './corpus';
export { isBlameful, type LintFinding, type LintOptions, lintProse } from './lint';
export type { BlamelessRule } from './rule';
