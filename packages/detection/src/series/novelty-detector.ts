import type { Detector, Verdict } from '../detector';
import {
  createLikelihood,
  LIKELIHOOD_DEFAULTS,
  type LikelihoodParams,
  type LikelihoodState,
  logLikelihood,
  RED_TAIL,
  updateLikelihood,
  YELLOW_TAIL,
} from './anomaly-likelihood';
import {
  createTransitions,
  RESOLUTIONS,
  type Resolution,
  type TransitionState,
  updateTransitions,
} from './transition-novelty';

/**
 * Firebreak's detector for a single series ("novelty"): transition novelty (transition-novelty.ts)
 * judged by its anomaly likelihood (anomaly-likelihood.ts), plus two rules from NAB's best
 * published detectors: a value beyond everything seen by more than 5% of the range pages at
 * once (Numenta's "spatial anomaly"), and after a page the score is held below page level for
 * a rest period (as CAD OSE does), because an alert that repeats tells on-call nothing new.
 */
export interface NoveltyParams {
  /** Rows learnt before anything is scored; NAB gives detectors 15% of the series, at most 750. */
  learning: number;
  /** Rows held below page level after a page; default a fifth of `learning`. */
  rest?: number;
  /** Share of the range seen so far a value must pass it by to page at once; default 0.05. */
  spatialTolerance?: number;
  /** Bins and context lengths of the transition model; default RESOLUTIONS. */
  resolutions?: readonly Resolution[];
}

export interface NoveltyState {
  params: Required<NoveltyParams>;
  seen: number;
  /** Values held until the learning period ends and fixes the bins; then empty. */
  learnt: number[];
  transitions: TransitionState | null;
  likelihood: LikelihoodState;
  low: number;
  high: number;
  restLeft: number;
}

const PAGE = 1 - RED_TAIL;
const CAP = 1 - YELLOW_TAIL;

function likelihoodParams(learning: number): LikelihoodParams {
  return { ...LIKELIHOOD_DEFAULTS, skip: Math.floor(learning / 2), warmup: learning };
}

/**
 * @example
 * const state = noveltyDetector.create({ learning: 750 });
 * const { state: next, verdict } = noveltyDetector.update(state, { at: Date.parse('2026-11-24T10:00:00Z'), value: 42 });
 */
export const noveltyDetector: Detector<NoveltyParams, NoveltyState> = {
  name: 'novelty',
  create(params) {
    const learning = Math.max(2, Math.floor(params.learning));
    const full = {
      learning,
      rest: params.rest ?? Math.round(learning / 5),
      spatialTolerance: params.spatialTolerance ?? 0.05,
      resolutions: params.resolutions ?? RESOLUTIONS,
    };
    return {
      params: full,
      seen: 0,
      learnt: [],
      transitions: null,
      likelihood: createLikelihood(),
      low: Infinity,
      high: -Infinity,
      restLeft: 0,
    };
  },
  update(state, { value }) {
    const { params } = state;
    const margin = (state.high - state.low) * params.spatialTolerance;
    const spatial =
      state.seen >= params.learning &&
      state.high > state.low &&
      (value > state.high + margin || value < state.low - margin);
    const next: NoveltyState = {
      ...state,
      seen: state.seen + 1,
      low: Math.min(state.low, value),
      high: Math.max(state.high, value),
    };
    if (state.transitions === null) return { state: learn(next, value), verdict: quiet(0) };

    const step = updateTransitions(state.transitions, value, params.resolutions);
    const judged = updateLikelihood(state.likelihood, step.raw, likelihoodParams(params.learning));
    let likelihood = spatial ? 1 : judged.likelihood;
    let restLeft = state.restLeft;
    if (restLeft > 0) {
      likelihood = Math.min(likelihood, CAP);
      restLeft--;
    } else if (likelihood >= PAGE) restLeft = params.rest;
    const verdict: Verdict = {
      level: likelihood >= PAGE ? 'page' : likelihood > CAP ? 'warn' : 'ok',
      score: logLikelihood(likelihood),
      statistic: likelihood,
      threshold: PAGE,
      detail: { raw: step.raw, spatial: spatial ? 1 : 0 },
    };
    return { state: { ...next, transitions: step.state, likelihood: judged.state, restLeft }, verdict };
  },
};

/** While learning, values are only kept; the last one fixes the bins and replays them all. */
function learn(state: NoveltyState, value: number): NoveltyState {
  const learnt = [...state.learnt, value];
  if (learnt.length < state.params.learning) return { ...state, learnt };
  const { resolutions } = state.params;
  let transitions = createTransitions(Math.min(...learnt), Math.max(...learnt), resolutions);
  let likelihood = state.likelihood;
  const params = likelihoodParams(state.params.learning);
  for (const x of learnt) {
    const step = updateTransitions(transitions, x, resolutions);
    transitions = step.state;
    likelihood = updateLikelihood(likelihood, step.raw, params).state;
  }
  return { ...state, learnt: [], transitions, likelihood };
}

function quiet(statistic: number): Verdict {
  return { level: 'ok', score: 0, statistic, threshold: PAGE };
}

/**
 * Scores a whole series with the novelty detector, one score in [0, 1] per value.
 *
 * @example
 * noveltyScores(values, { learning: nabLearningPeriod(values.length) });
 */
export function noveltyScores(values: readonly number[], params: NoveltyParams): number[] {
  let state = noveltyDetector.create(params);
  return values.map((value, i) => {
    const step = noveltyDetector.update(state, { at: i, value });
    state = step.state;
    return step.verdict.score;
  });
}

/** NAB's probationary period: 15% of the rows, at most 750. */
export function nabLearningPeriod(rows: number): number {
  return Math.min(Math.floor(0.15 * rows), 750);
}
