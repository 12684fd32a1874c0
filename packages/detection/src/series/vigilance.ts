import { type ArtMemory, complementCode, createMemory, present } from './fuzzy-art';

/**
 * How the resonance channel's vigilance follows the series, after ARTime (Hampton 2021). The
 * upper vigilance (what it takes to refine a category) is the average best match so far, capped
 * at 0.97. The lower one (below it a window is novel) creeps up towards the worst recent match
 * while the series stays familiar, and backs off by half the recent shortfall when windows keep
 * falling below it, though not below the average match of the anomalies reported so far. It is
 * revisited every half learning period, and 12 blocks after each anomaly.
 */
export interface Vigilance {
  /** Sum and count of every best match, for the running mean. */
  matches: { sum: number; n: number };
  /** The last half learning period of best matches (starts full of 1s: no evidence, no alarm). */
  recent: number[];
  /** The last learning period of (upper vigilance − best match). */
  shortfalls: number[];
  /** Best matches of the anomalies reported (the last one lowered while its mask lasts). */
  anomalies: { sum: number; n: number; last: number };
  lastAdapted: number;
}

const UPPER_CAP = 0.97;
const CREEP = 0.19;
const SHORTFALL_MIN = 0.05;
const SHORTFALL_CAP = 0.37;
const BACKOFF_MIN = 0.01;

export function createVigilance(learningBlocks: number): Vigilance {
  return {
    matches: { sum: 0, n: 0 },
    recent: Array(Math.floor(learningBlocks / 2) + 1).fill(1),
    shortfalls: Array(learningBlocks + 1).fill(0),
    anomalies: { sum: 0, n: 0, last: 0 },
    lastAdapted: 0,
  };
}

/** Records one block's best match; while an anomaly's mask lasts, a worse match becomes that anomaly's. */
export function observeMatch(v: Vigilance, best: number, upper: number, inMask: boolean): Vigilance {
  let { anomalies } = v;
  if (inMask && anomalies.n > 0 && best < anomalies.last)
    anomalies = { sum: anomalies.sum - anomalies.last + best, n: anomalies.n, last: best };
  return {
    ...v,
    matches: { sum: v.matches.sum + best, n: v.matches.n + 1 },
    recent: [...v.recent.slice(1), best],
    shortfalls: [...v.shortfalls.slice(1), upper - best],
    anomalies,
  };
}

export function adaptVigilance(
  v: Vigilance,
  memory: ArtMemory,
  block: number,
  learningBlocks: number,
): { vigilance: Vigilance; memory: ArtMemory } {
  const worst = Math.min(...v.recent);
  const upper = Math.min(UPPER_CAP, v.matches.sum / v.matches.n);
  let lower: number;
  if (memory.lower <= worst) lower = memory.lower + (worst - memory.lower) * CREEP;
  else {
    // Early on the shortfalls say little; back off by the minimum.
    const shortfalls =
      block > 2 * learningBlocks
        ? v.shortfalls.filter((s) => s > SHORTFALL_MIN).map((s) => Math.min(SHORTFALL_CAP, s))
        : [];
    const mean = shortfalls.length > 0 ? shortfalls.reduce((a, b) => a + b, 0) / shortfalls.length : 0;
    lower = memory.lower - Math.max(BACKOFF_MIN, mean) / 2;
    if (v.anomalies.n > 0) lower = Math.max(v.anomalies.sum / v.anomalies.n, lower);
  }
  return { vigilance: { ...v, lastAdapted: block }, memory: { ...memory, lower: Math.min(upper, lower), upper } };
}

/**
 * The starting vigilance from the learning period's windows: present them least typical first
 * (by summed cosine similarity to the others) to a memory at vigilance 0.8, and take the average
 * best match over the later part of that pass, when the memory has seen most of what is usual.
 */
export function initialVigilance(windows: readonly number[][], learningBlocks: number): number {
  if (windows.length === 0) return 0.8;
  const typicality = windows.map((a, i) => windows.reduce((sum, b, j) => sum + (i === j ? 1 : cosine(a, b)), 0));
  const order = windows.map((_, i) => i).sort((a, b) => typicality[a]! - typicality[b]!);
  let memory = createMemory(0.8);
  const best: number[] = [];
  for (const i of order) {
    const shown = present(memory, complementCode(windows[i]!));
    best.push(shown.best);
    memory = shown.memory;
  }
  const later = best.slice(Math.max(0, Math.floor(learningBlocks / 2) - 1));
  return later.length > 0 ? later.reduce((a, b) => a + b, 0) / later.length : 0.8;
}

/** Cosine similarity; against an all-zero vector, one minus the other's length (ARTime's convention). */
function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let k = 0; k < a.length; k++) {
    dot += a[k]! * b[k]!;
    na += a[k]! ** 2;
    nb += b[k]! ** 2;
  }
  if (na === 0) return 1 - Math.sqrt(nb);
  if (nb === 0) return 1 - Math.sqrt(na);
  return dot / Math.sqrt(na * nb);
}
