/**
 * The selection procedure behind the NAB settings (docs/benchmarks.md): sweep a small grid of
 * a detector's global settings, choose the best on half A of the files and report it on half B,
 * and the other way round, so the in-sample figure has a held-out one beside it.
 *
 * Run: npx tsx bench/nab.ts --sweep            (novelty_resonance's fusion settings, 18 configurations)
 *      npx tsx bench/nab.ts --sweep=change     (the default's change channel: floor and margin, 9 configurations)
 *      npx tsx bench/nab.ts --sweep=novelty    (the novelty detector's bins and rest, 12 configurations)
 */
import {
  CHANGE_DEFAULTS,
  createChange,
  createResonance,
  FUSION_DEFAULTS,
  fuse,
  nabLearningPeriod,
  noveltyScores,
  updateChange,
  updateResonance,
} from '@firebreak/detection';
import { corpus, type Series, scoresOf, standardByHalf } from './nab-corpus';

type Row = Record<string, number> & { A: number; B: number; all: number };

function report(bench: string, rows: Row[], shipped: Record<string, number>) {
  const best = (key: 'A' | 'B') => rows.reduce((a, b) => (b[key] > a[key] ? b : a));
  const onA = best('A');
  const onB = best('B');
  const isShipped = (r: Row) => Object.entries(shipped).every(([k, v]) => r[k] === v);
  return {
    bench,
    rows,
    chosenOnA: { ...onA, heldOut: onA.B },
    chosenOnB: { ...onB, heldOut: onB.A },
    bestOnAll: rows.reduce((a, b) => (b.all > a.all ? b : a)),
    shipped: rows.find(isShipped),
  };
}

/** Resonance confidences per file for one margin (0 while learning). */
function resonanceOf(s: Series, margin: number): number[] {
  const learning = nabLearningPeriod(s.values.length);
  let state = createResonance(s.values.slice(0, learning), margin);
  return s.values.map((value, i) => {
    if (i < learning) return 0;
    const step = updateResonance(state, value);
    state = step.state;
    return step.confidence;
  });
}

export function sweepFusion() {
  // The novelty channel without its own rest, as novelty_resonance runs it; fused per setting below.
  const novelty = scoresOf((s) => noveltyScores(s.values, { learning: nabLearningPeriod(s.values.length), rest: 0 }));
  const rows: Row[] = [];
  for (const margin of [0.25, 0.35, 0.5]) {
    const resonance = scoresOf((s) => resonanceOf(s, margin));
    for (const [base, gain] of [
      [0.3, 0.5],
      [0.4, 0.25],
    ] as const) {
      for (const unconfirmed of [0.8, 0.9, 1]) {
        const scores = scoresOf((s) => {
          const learning = nabLearningPeriod(s.values.length);
          const params = { rest: Math.round(learning / 5), base, gain, unconfirmed };
          const n = novelty.get(s.name)!;
          const r = resonance.get(s.name)!;
          let state = { lastStir: -1e12, restLeft: 0, changeRest: 0 };
          return s.values.map((_, i) => {
            if (i < learning) return 0;
            const step = fuse(state, i, n[i]!, r[i]!, params);
            state = step;
            return step.score;
          });
        });
        rows.push({ margin, base, gain, unconfirmed, ...standardByHalf(scores) });
      }
    }
  }
  return report('nab-sweep-novelty_resonance', rows, { ...FUSION_DEFAULTS });
}

/** The change channel's standardised change and the largest one before it, per row (its excess is z / max(floor, largest × (1 + margin))). */
function changeOf(s: Series): Array<{ z: number; largest: number }> {
  let state = createChange();
  return s.values.map((value) => {
    const step = updateChange(state, value, CHANGE_DEFAULTS);
    state = step.state;
    return { z: step.z, largest: state.largest };
  });
}

export function sweepChange() {
  // The other two channels as novelty_resonance_change runs them (shipped fusion settings) and
  // the change channel's statistics, computed once; each setting only re-fuses.
  const novelty = scoresOf((s) => noveltyScores(s.values, { learning: nabLearningPeriod(s.values.length), rest: 0 }));
  const resonance = scoresOf((s) => resonanceOf(s, FUSION_DEFAULTS.margin));
  const change = new Map(corpus.map((s) => [s.name, changeOf(s)]));
  const rows: Row[] = [];
  for (const floor of [4, 5, 6]) {
    for (const margin of [0.1, 0.3, 0.6]) {
      const scores = scoresOf((s) => {
        const learning = nabLearningPeriod(s.values.length);
        const params = { rest: Math.round(learning / 5), ...FUSION_DEFAULTS };
        const n = novelty.get(s.name)!;
        const r = resonance.get(s.name)!;
        const c = change.get(s.name)!;
        let state = { lastStir: -1e12, restLeft: 0, changeRest: 0, score: 0 };
        return s.values.map((_, i) => {
          if (i < learning) return 0;
          const excess = c[i]!.z / Math.max(floor, c[i]!.largest * (1 + margin));
          state = fuse(state, i, n[i]!, r[i]!, params, excess);
          return state.score;
        });
      });
      rows.push({ floor, margin, ...standardByHalf(scores) });
    }
  }
  return report('nab-sweep-change', rows, { ...CHANGE_DEFAULTS });
}

export function sweepNovelty() {
  // Base bins b (the model uses b bins with 3 values of context, 2b with 2, 4b with 1) and the
  // rest period as a share of the learning period; novelty's default is b = 4, rest 0.2.
  const rows: Row[] = [];
  for (const b of [3, 4, 5, 6]) {
    for (const rest of [0.1, 0.2, 0.3]) {
      const resolutions = [
        { bins: b, order: 3 },
        { bins: 2 * b, order: 2 },
        { bins: 4 * b, order: 1 },
      ];
      const scores = scoresOf((s) => {
        const learning = nabLearningPeriod(s.values.length);
        return noveltyScores(s.values, { learning, rest: Math.round(rest * learning), resolutions });
      });
      rows.push({ bins: b, rest, ...standardByHalf(scores) });
    }
  }
  return report('nab-sweep-novelty', rows, { bins: 4, rest: 0.2 });
}
