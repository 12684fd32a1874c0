/**
 * The change channel of Firebreak's default series detector: a robust level-change test for the
 * plain anomalies anyone expects a detector to page on — a step, a level shift, a break in trend
 * — which the novelty and resonance channels, built for NAB's subtler anomalies, can miss or be
 * resting through (docs/adr/0017-series-detector-fusion.md).
 *
 * Two statistics per row, from medians so a single wild value moves neither: the median of the
 * last 5 rows less that of the 20 before them (short), and of the last 15 less the 45 before
 * (long). Each is judged against its own history (`Tracker`: a slow mean and mean absolute
 * deviation, each row's deviation clipped at four times the current one, so an anomaly barely
 * teaches it), which makes one threshold mean the same on white, seasonal, heavy-tailed or
 * autocorrelated noise. Like the novelty detector's spatial rule, the channel then asks for a
 * change larger than any before: the larger standardised statistic must pass `floor` and the
 * largest one seen before the statistic's own windows (60 rows back) by `margin`. A series that
 * has always lurched does not page for lurching again; one that was steady does.
 */
export interface ChangeParams {
  /** The least standardised change that pages. */
  floor: number;
  /** How far, as a share, a change must pass the largest one seen before. */
  margin: number;
}

/** A statistic's running centre and scale (mean absolute deviation), and how many rows taught it. */
export interface Tracker {
  n: number;
  centre: number;
  scale: number;
}

export interface ChangeState {
  /** The last KEEP values, oldest first. */
  recent: number[];
  short: Tracker;
  long: Tracker;
  /** The last KEEP rows' standardised changes, waiting to count towards `largest`. */
  pending: number[];
  /** The largest standardised change more than KEEP rows ago. */
  largest: number;
}

/** Chosen on the synthetic suite (bench/series-suite.ts), checked on NAB's halves (bench/nab.ts --sweep=change). */
export const CHANGE_DEFAULTS: ChangeParams = { floor: 4, margin: 0.3 };

const SHORT = 5;
const SHORT_BEFORE = 20;
const LONG = 15;
const LONG_BEFORE = 45;
const KEEP = LONG + LONG_BEFORE;
/** Rows a tracker averages over once warm (its first rows are a plain running mean). */
const MEMORY = 200;
/** Rows a tracker needs before its statistic is judged. */
const WARM = 30;
/** A normal's standard deviation over its mean absolute deviation. */
const MAD_TO_SD = Math.sqrt(Math.PI / 2);

const tracker = (): Tracker => ({ n: 0, centre: 0, scale: 0 });

export function createChange(): ChangeState {
  return { recent: [], short: tracker(), long: tracker(), pending: [], largest: 0 };
}

/** The statistic's distance from its centre in (robust) standard deviations; 0 until warm. */
function standardise(t: Tracker, x: number): number {
  if (t.n < WARM || t.scale <= 0) return 0;
  return Math.abs(x - t.centre) / (t.scale * MAD_TO_SD);
}

function teach(t: Tracker, x: number): Tracker {
  const n = t.n + 1;
  const rate = 1 / Math.min(n, MEMORY);
  const deviation = Math.abs(x - t.centre);
  const clipped = t.n < WARM ? deviation : Math.min(deviation, 4 * t.scale);
  return {
    n,
    centre: t.centre + rate * Math.sign(x - t.centre) * clipped,
    scale: t.scale + rate * (clipped - t.scale),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Folds one value in; `excess` is the change over its page line (≥ 1 pages; 0 until the
 * channel has seen KEEP rows), `z` the standardised change.
 *
 * @example
 * const { state, excess } = updateChange(createChange(), 42, CHANGE_DEFAULTS);
 */
export function updateChange(
  state: ChangeState,
  value: number,
  params: ChangeParams,
): { state: ChangeState; excess: number; z: number } {
  const recent = [...state.recent, value].slice(-KEEP);
  if (recent.length < KEEP) return { state: { ...state, recent }, excess: 0, z: 0 };
  const level = (last: number, before: number) =>
    median(recent.slice(-last)) - median(recent.slice(-last - before, -last));
  const short = level(SHORT, SHORT_BEFORE);
  const long = level(LONG, LONG_BEFORE);
  const z = Math.max(standardise(state.short, short), standardise(state.long, long));
  const pending = [...state.pending, z];
  const largest = pending.length > KEEP ? Math.max(state.largest, pending.shift()!) : state.largest;
  const excess = z / Math.max(params.floor, largest * (1 + params.margin));
  return {
    state: { recent, short: teach(state.short, short), long: teach(state.long, long), pending, largest },
    excess,
    z,
  };
}
