import type { Detector, Verdict } from '../detector';
import { logLikelihood } from './anomaly-likelihood';
import { type ChangeParams, type ChangeState, createChange, updateChange } from './change-channel';
import { type NoveltyState, noveltyDetector } from './novelty-detector';
import { createResonance, type ResonanceState, updateResonance } from './resonance';

/**
 * Firebreak's default detector for a single series ("novelty_resonance"): two views of the same
 * values, fused into one score in [0, 1]. The novelty detector (novelty-detector.ts) sees the
 * order of values row by row; the resonance channel (resonance.ts) sees the shape of the last
 * few dozen rows, on a time scale set by the learning period, so it notices a missing daily peak
 * or a holiday that no single transition gives away. A resonance anomaly ranks from `base` up
 * (`base + gain × confidence`), but counts only `unconfirmed` of that when the novelty score has
 * not stirred (≥ 0.4) in the last `rest` rows: a new shape the row-by-row view saw nothing odd
 * about is weaker evidence. After a page the fused score rests below page level, as the novelty
 * detector alone does.
 */
export interface NoveltyResonanceParams {
  /** Rows learnt before anything is scored; NAB gives detectors 15% of the series, at most 750. */
  learning: number;
  /** Rows held below page level after a page, and the window in which novelty confirms a new shape; default a fifth of `learning`. */
  rest?: number;
  /** Headroom each side of the learning period's range for the resonance channel's scale, as a share of it; default 0.35. */
  margin?: number;
  /** Score of a resonance anomaly of confidence c: base + gain · c; defaults 0.4 and 0.25. */
  base?: number;
  gain?: number;
  /** Share of that score an anomaly keeps when the novelty score has not stirred within `rest` rows; default 0.9. */
  unconfirmed?: number;
  /** The change channel's settings (change-channel.ts), or null for none (novelty_resonance has none). */
  change?: ChangeParams | null;
}

export interface NoveltyResonanceState {
  params: Required<NoveltyResonanceParams>;
  seen: number;
  /** The learning period's values, until it ends and builds the resonance channel; then empty. */
  learnt: number[];
  novelty: NoveltyState;
  resonance: ResonanceState | null;
  /** The change channel, watching from the first row (null when the detector runs without it). */
  change: ChangeState | null;
  /** Row of the last novelty score ≥ STIR (far in the past at first; JSON has no −Infinity). */
  lastStir: number;
  restLeft: number;
  changeRest: number;
}

/** Page at 0.5 and warn above 0.3 on the fused score: the novelty detector's likelihoods 0.99999 and 0.999, log-scaled. */
export const FUSED_PAGE = logLikelihood(1 - 1e-5);
const FUSED_CAP = logLikelihood(1 - 1e-3);
const STIR = 0.4;
const NEVER = -1e12;

export const FUSION_DEFAULTS = { margin: 0.35, base: 0.4, gain: 0.25, unconfirmed: 0.9 } as const;

/**
 * @example
 * const state = noveltyResonanceDetector.create({ learning: 750 });
 * const { state: next, verdict } = noveltyResonanceDetector.update(state, { at: Date.parse('2026-11-24T10:00:00Z'), value: 42 });
 */
export const noveltyResonanceDetector: Detector<NoveltyResonanceParams, NoveltyResonanceState> = {
  name: 'novelty_resonance',
  create(params) {
    const learning = Math.max(2, Math.floor(params.learning));
    const full = {
      ...FUSION_DEFAULTS,
      ...definedOnly(params),
      learning,
      rest: params.rest ?? Math.round(learning / 5),
      change: params.change ?? null,
    };
    // The novelty detector rests on its own score; here the rest applies to the fused one.
    return {
      params: full,
      seen: 0,
      learnt: [],
      novelty: noveltyDetector.create({ learning, rest: 0 }),
      resonance: null,
      change: full.change ? createChange() : null,
      lastStir: NEVER,
      restLeft: 0,
      changeRest: 0,
    };
  },
  update(state, observation) {
    const novelty = noveltyDetector.update(state.novelty, observation);
    const seen = state.seen + 1;
    const change =
      state.change && state.params.change ? updateChange(state.change, observation.value, state.params.change) : null;
    if (state.resonance === null) {
      const learnt = [...state.learnt, observation.value];
      const done = learnt.length >= state.params.learning;
      const resonance = done ? createResonance(learnt, state.params.margin) : null;
      return {
        state: {
          ...state,
          seen,
          novelty: novelty.state,
          learnt: done ? [] : learnt,
          resonance,
          change: change?.state ?? null,
        },
        verdict: { level: 'ok', score: 0, statistic: 0, threshold: FUSED_PAGE },
      };
    }
    const shape = updateResonance(state.resonance, observation.value);
    const fused = fuse(
      { lastStir: state.lastStir, restLeft: state.restLeft, changeRest: state.changeRest },
      state.seen,
      novelty.verdict.score,
      shape.confidence,
      state.params,
      change?.excess ?? 0,
    );
    const verdict: Verdict = {
      level: fused.score >= FUSED_PAGE ? 'page' : fused.score > FUSED_CAP ? 'warn' : 'ok',
      score: fused.score,
      statistic: fused.score,
      threshold: FUSED_PAGE,
      detail: {
        ...novelty.verdict.detail,
        novelty: novelty.verdict.score,
        resonance: shape.confidence,
        ...(change ? { change: change.z, changeExcess: change.excess } : {}),
      },
    };
    return {
      state: {
        ...state,
        seen,
        novelty: novelty.state,
        resonance: shape.state,
        change: change?.state ?? null,
        lastStir: fused.lastStir,
        restLeft: fused.restLeft,
        changeRest: fused.changeRest,
      },
      verdict,
    };
  },
};

export interface FusionState {
  lastStir: number;
  restLeft: number;
  /** Rows before the change channel may page again. */
  changeRest: number;
}

/**
 * One row of the fusion: the novelty score, the resonance confidence (0 when it has nothing
 * to say) and the change channel's excess over its page line (0 without one) at row `row`, and
 * the fused score. The change channel counts only when it pages (0.5 at its page line, 1 at
 * twice it), and it pages through the others' rest, once per rest of its own: a false page a
 * few rows before a plain step must not hide the step. Exported so a sweep can fuse channels
 * computed once.
 *
 * @example
 * fuse({ lastStir: -1e12, restLeft: 0, changeRest: 0 }, 900, 0.2, 0.6, { rest: 150, ...FUSION_DEFAULTS }); // score 0.495: 0.9 × (0.4 + 0.25 × 0.6), unconfirmed
 */
export function fuse(
  state: FusionState,
  row: number,
  novelty: number,
  confidence: number,
  params: Pick<Required<NoveltyResonanceParams>, 'rest' | 'base' | 'gain' | 'unconfirmed'>,
  change = 0,
): FusionState & { score: number } {
  const lastStir = novelty >= STIR ? row : state.lastStir;
  let shape = confidence > 0 ? Math.min(1, params.base + params.gain * confidence) : 0;
  if (row - lastStir > params.rest) shape *= params.unconfirmed;
  let score = Math.max(novelty, shape);
  let restLeft = state.restLeft;
  if (restLeft > 0) {
    score = Math.min(score, FUSED_CAP);
    restLeft--;
  } else if (score >= FUSED_PAGE) restLeft = params.rest;
  let changeRest = state.changeRest;
  if (changeRest > 0) changeRest--;
  else if (change >= 1) {
    changeRest = params.rest;
    if (score < FUSED_PAGE) {
      score = Math.min(1, 0.5 * change);
      restLeft = params.rest;
    }
  }
  return { lastStir, restLeft, changeRest, score };
}

function definedOnly<T extends object>(params: T): Partial<T> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Scores a whole series with the fused detector, one score in [0, 1] per value.
 *
 * @example
 * noveltyResonanceScores(values, { learning: nabLearningPeriod(values.length) });
 */
export function noveltyResonanceScores(values: readonly number[], params: NoveltyResonanceParams): number[] {
  let state = noveltyResonanceDetector.create(params);
  return values.map((value, i) => {
    const step = noveltyResonanceDetector.update(state, { at: i, value });
    state = step.state;
    return step.verdict.score;
  });
}
