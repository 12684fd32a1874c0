import { type ArtMemory, complementCode, createMemory, present } from './fuzzy-art';
import {
  blockSize,
  createFeatures,
  type FeatureState,
  type Rescale,
  updateFeatures,
  WINDOW,
} from './resonance-features';
import { adaptVigilance, createVigilance, initialVigilance, observeMatch, type Vigilance } from './vigilance';

/**
 * The resonance channel, after ARTime (Hampton 2021): windows of block features
 * (resonance-features.ts) are presented to a fuzzy ART memory (fuzzy-art.ts) whose vigilance
 * adapts to how well the series usually matches (vigilance.ts). A window the memory has no place
 * for is an anomaly, reported with a confidence in (0, 1] — but only after a stretch in which
 * nothing was novel, or when it is clearly worse than the last one reported: a series that keeps
 * making new shapes is not news each time. It speaks once per block, at the row that closes it.
 */
export interface ResonanceState {
  size: number;
  /** Blocks in the learning period: the memory is built from them in one pass at its end. */
  learningBlocks: number;
  blocks: number;
  features: FeatureState;
  memory: ArtMemory;
  vigilance: Vigilance;
  /** Blocks since the last anomaly and since anything novel, the last anomaly's match, and whether new shapes are still arriving. */
  lastAnomaly: number;
  lastAnomalyMatch: number;
  sinceNovel: number;
  unsettled: boolean;
}

/** After an anomaly, 12 blocks (1.5 windows) in which only a clearly worse window reports. */
const MASK = WINDOW * 1.5;

/**
 * Builds the channel from the learning period's values (it needs their range first) and replays
 * them, so the memory knows the learning period when scoring starts.
 *
 * @example
 * let state = createResonance(values.slice(0, 750), 0.35);
 */
export function createResonance(learnt: readonly number[], margin: number): ResonanceState {
  const size = blockSize(learnt.length);
  let features = createFeatures(learnt, margin);
  const windows: Array<number[] | null> = [];
  for (const value of learnt) {
    const step = updateFeatures(features, value, size);
    features = step.state;
    if (step.features !== undefined) windows.push(step.features);
  }
  const learningBlocks = windows.length;
  const full = windows.filter((w): w is number[] => w !== null);
  const rho = initialVigilance(full, learningBlocks);
  let state: ResonanceState = {
    size,
    learningBlocks,
    blocks: 0,
    features,
    memory: createMemory(rho),
    vigilance: createVigilance(learningBlocks),
    lastAnomaly: 0,
    lastAnomalyMatch: 0,
    sinceNovel: 0,
    unsettled: false,
  };
  for (const window of windows) state = judge(state, window).state;
  return state;
}

/**
 * Adds one row; returns the anomaly confidence (0 unless a block closed on a window with no place).
 *
 * @example
 * const { state: next, confidence } = updateResonance(state, 42);
 */
export function updateResonance(state: ResonanceState, value: number): { state: ResonanceState; confidence: number } {
  const step = updateFeatures(state.features, value, state.size);
  if (step.features === undefined) return { state: { ...state, features: step.state }, confidence: 0 };
  const memory = step.rescale ? rescaleMemory(state.memory, step.rescale) : state.memory;
  return judge({ ...state, features: step.state, memory }, step.features);
}

/** One block: present the window, decide whether it is an anomaly, adapt the vigilance. */
function judge(state: ResonanceState, features: number[] | null): { state: ResonanceState; confidence: number } {
  const i = state.blocks + 1;
  const scoring = i > state.learningBlocks;
  const sinceAnomaly = i - state.lastAnomaly;
  const adapt =
    scoring && (sinceAnomaly === MASK || i - state.vigilance.lastAdapted >= Math.floor(state.learningBlocks / 2));
  let unsettled = state.unsettled && !(i > state.learningBlocks + MASK && state.sinceNovel >= MASK);
  // The first blocks, before a window is full, only happen while learning, on an empty memory;
  // ARTime counts them as novel.
  const shown = features
    ? present(state.memory, complementCode(features))
    : { memory: state.memory, best: 0, bestValue: 0, novel: true };
  const { best, bestValue, novel } = shown;
  let vigilance = observeMatch(state.vigilance, best, shown.memory.upper, sinceAnomaly < MASK);
  const masked = unsettled || sinceAnomaly <= MASK;
  const clearlyWorse = best < state.lastAnomalyMatch * (sinceAnomaly <= MASK ? 0.9 : 0.7);
  let confidence = 0;
  let { lastAnomaly, lastAnomalyMatch } = state;
  let memory = shown.memory;
  if (scoring && novel && (!masked || clearlyWorse)) {
    confidence = confidenceOf(best, bestValue, memory);
    vigilance = {
      ...vigilance,
      anomalies: { sum: vigilance.anomalies.sum + best, n: vigilance.anomalies.n + 1, last: best },
    };
    lastAnomaly = i;
    lastAnomalyMatch = best;
  }
  unsettled = unsettled || novel;
  if (adapt) {
    const adapted = adaptVigilance(vigilance, memory, i, state.learningBlocks);
    vigilance = adapted.vigilance;
    memory = adapted.memory;
    unsettled = true;
  }
  const sinceNovel = novel ? 0 : state.sinceNovel + 1;
  return {
    state: { ...state, blocks: i, memory, vigilance, lastAnomaly, lastAnomalyMatch, sinceNovel, unsettled },
    confidence,
  };
}

/** How far below both vigilances the best match fell, plus how far off the value was (ARTime's weights). */
function confidenceOf(best: number, bestValue: number, memory: ArtMemory): number {
  const match = Math.min(0.999, best);
  const belowUpper = (memory.upper - match) / (1 - match);
  const belowLower = (memory.lower - match) / (1 - match);
  return Math.min(1, 0.35 * belowUpper + 0.65 * belowLower + 1.5 * (1 - bestValue));
}

/** Applies a range widening to the value part (the last 8 features and their complements) of every category. */
function rescaleMemory(memory: ArtMemory, { scale, shift }: Rescale): ArtMemory {
  const dims = 2 * WINDOW;
  const categories = memory.categories.map((w) =>
    w.map((x, k) => {
      if (k >= WINDOW && k < dims) return scale * x + shift;
      if (k >= dims + WINDOW) return scale * x + 1 - scale - shift;
      return x;
    }),
  );
  return { ...memory, categories };
}
