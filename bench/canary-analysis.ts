/**
 * Canary analysis (issue 13): seeded, deterministic canaries of three AI systems (a support
 * copilot, a RAG assistant, a ticket classifier; 50 to 2,000 requests a minute over the day,
 * harm rates that wander for both versions alike, per-segment rates) run on the plan the server
 * gives a canary judged by segment (1, 5, 10, 25, 100 percent, every segment passing at 10% for
 * up to 12 hours; `--plan` runs another, e.g. `--plan=1,5,25,100`, the plan without segments). Healthy runs count false aborts; runs where one harm rate doubles
 * (overall, or in one segment only) count how many are caught before the canary reaches 25% and
 * how soon; a run at 1.5× is reported without a target. Every scenario runs three ways on the same
 * seeds: by the sequential analysis and by a fixed-horizon test at the end of each step with the
 * same α split (bench/canary/run.ts), so the sequential test's gain is measured. Prints JSON.
 *
 * Run: npx tsx bench/canary-analysis.ts [--healthy=1000] [--regressed=200] [--horizon=1440] [--alpha=1e-4] [--beta=0.01]
 *      [--gate-segments] [--plan=1,5,10s720,25,100] [--methods=sequential,fixed,fixed-power]
 *      [--accept-risk-after=720] [--sticky=20000 [--activity-spread=1.5] [--rate-spread=0.8]] [--r0=1.2]
 *
 * A step whose segments gate holds for an undecided zero-tolerance segment series (PII in one
 * tenant) until it passes or aborts, or a person accepts the risk: `--accept-risk-after=N` plays
 * that person, accepting once the step has lasted N minutes; without it nobody does.
 *
 * `--sticky=N` assigns requests to N users (per 600 requests a minute) who differ in how much
 * they send and how often they are flagged, stuck to one version as route canaries are; the
 * test assumes independent requests, and this measures what that costs. `--r0` sets the
 * tolerance of every signal (the canary's signalSettings.r0).
 */
import { canary } from '@firebreak/detection';
import { type Method, type RunOutcome, type RunSettings, runCanary } from './canary/run';
import { type AiSystem, type Regression, SYSTEMS } from './canary/traffic';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const healthyRuns = Number(arg('healthy') ?? 1000);
const regressedRuns = Number(arg('regressed') ?? 200);
/**
 * `--plan=1,5,10s,25,100`: shares in percent, with the default plan's minimums (10 minutes of
 * smoke test, then 30 minutes and 200, later 1,000, candidate events); `s` marks a step whose
 * segments must pass too, for at most the minutes after it (`10s360`).
 */
const parsePlan = (text: string): canary.CanaryStep[] =>
  text.split(',').map((part, i, all) => {
    const [share, gateMinutes] = part.split('s');
    const percent = Number(share);
    const last = i === all.length - 1;
    return {
      percent,
      minDurationMs: i === 0 ? 10 * 60_000 : last ? 0 : 30 * 60_000,
      minCandidateEvents: i === 0 || last ? 0 : i === 1 ? 200 : 1000,
      gate: i === 0 ? 'no_abort' : 'pass',
      ...(part.includes('s') ? { gateSegments: true } : {}),
      ...(gateMinutes ? { segmentGateMaxMs: Number(gateMinutes) * 60_000 } : {}),
    };
  });
const planArg = arg('plan');
const settings: RunSettings = {
  // Every system here is judged by segment, so the server would give it the segmented plan.
  plan: planArg ? parsePlan(planArg) : canary.SEGMENTED_CANARY_PLAN,
  alpha: Number(arg('alpha') ?? 1e-4),
  beta: Number(arg('beta') ?? 0.01),
  horizonMinutes: Number(arg('horizon') ?? 1440),
  gateSegments: process.argv.includes('--gate-segments'),
  ...(arg('accept-risk-after') ? { acceptRiskAfterMinutes: Number(arg('accept-risk-after')) } : {}),
  ...(arg('sticky')
    ? {
        sticky: {
          users: Number(arg('sticky')),
          activitySpread: Number(arg('activity-spread') ?? 1.5),
          rateSpread: Number(arg('rate-spread') ?? 0.8),
        },
      }
    : {}),
  ...(arg('r0') ? { r0: Number(arg('r0')) } : {}),
};
const METHODS: Method[] = (arg('methods')?.split(',') as Method[] | undefined) ?? [
  'sequential',
  'fixed',
  'fixed-power',
];
const STEP_25 = settings.plan.findIndex((s) => s.percent === 25);

const quantile = (values: number[], q: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a == null || b == null || b === 0 ? null : Number((a / b).toFixed(2));

function summarise(outcomes: RunOutcome[], regression?: Regression) {
  const aborts = outcomes.filter((o) => o.result === 'abort');
  const completes = outcomes.filter((o) => o.result === 'complete');
  const expected = regression
    ? (o: RunOutcome) => o.abortedBy.some((s) => s.startsWith(regression.signal))
    : () => false;
  return {
    runs: outcomes.length,
    aborted: aborts.length,
    abortedBeforeStep25: aborts.filter((o) => o.step < STEP_25).length,
    /** Runs that put the candidate on 25% of traffic or more (a regression there was missed early). */
    reachedStep25: outcomes.filter((o) => o.step >= STEP_25).length,
    abortedOnRegressedSignal: regression ? aborts.filter(expected).length : undefined,
    completed: completes.length,
    heldAtHorizon: outcomes.length - aborts.length - completes.length,
    /** Runs a simulated person moved past a zero-tolerance hold (--accept-risk-after). */
    riskAccepted: outcomes.filter((o) => o.riskAccepted).length,
    abortMinutes: {
      median: quantile(
        aborts.map((o) => o.minute),
        0.5,
      ),
      p90: quantile(
        aborts.map((o) => o.minute),
        0.9,
      ),
    },
    abortCandidateEvents: {
      median: quantile(
        aborts.map((o) => o.candidateEvents),
        0.5,
      ),
      p90: quantile(
        aborts.map((o) => o.candidateEvents),
        0.9,
      ),
    },
    completeMinutes: {
      median: quantile(
        completes.map((o) => o.minute),
        0.5,
      ),
      p90: quantile(
        completes.map((o) => o.minute),
        0.9,
      ),
    },
  };
}

function scenario(system: AiSystem, runs: number, seedBase: number, regression?: Regression) {
  const byMethod = Object.fromEntries(
    METHODS.map((method) => {
      const outcomes = Array.from({ length: runs }, (_, i) =>
        runCanary(system, seedBase + i, method, settings, regression),
      );
      return [method, summarise(outcomes, regression)];
    }),
  ) as Partial<Record<Method, ReturnType<typeof summarise>>>;
  const { sequential, fixed } = byMethod;
  const powered = byMethod['fixed-power'];
  return {
    system: system.name,
    regression: regression ?? null,
    sequential,
    fixed,
    'fixed-power': powered,
    sequentialOverFixed: {
      medianAbortMinutes: ratio(sequential?.abortMinutes.median, fixed?.abortMinutes.median),
      medianAbortCandidateEvents: ratio(sequential?.abortCandidateEvents.median, fixed?.abortCandidateEvents.median),
      medianCompleteMinutes: ratio(sequential?.completeMinutes.median, fixed?.completeMinutes.median),
    },
    sequentialOverFixedPower: {
      medianAbortMinutes: ratio(sequential?.abortMinutes.median, powered?.abortMinutes.median),
      medianAbortCandidateEvents: ratio(sequential?.abortCandidateEvents.median, powered?.abortCandidateEvents.median),
      medianCompleteMinutes: ratio(sequential?.completeMinutes.median, powered?.completeMinutes.median),
    },
  };
}

const started = performance.now();
const healthy = SYSTEMS.map((system, k) => {
  process.stderr.write(`healthy ${system.name}\n`);
  return scenario(system, Math.ceil(healthyRuns / SYSTEMS.length), 1_000_000 * (k + 1));
});
const regressed = SYSTEMS.flatMap((system, k) =>
  Object.keys(system.signals).flatMap((signal, j) => {
    const segment = system.segments[system.segments.length - 1]!.value;
    const regressions: Regression[] = [
      { signal, ratio: 2 },
      { signal, ratio: 2, segment },
      { signal, ratio: 1.5 },
    ];
    return regressions.map((regression, r) => {
      process.stderr.write(`regressed ${system.name} ${JSON.stringify(regression)}\n`);
      return scenario(system, regressedRuns, 10_000_000 * (k + 1) + 100_000 * (j + 1) + 10_000 * r, regression);
    });
  }),
);

const total = (rows: typeof healthy, method: Method, field: 'aborted' | 'runs' | 'completed') =>
  rows.reduce((sum, row) => sum + row[method]![field], 0);
const doubled = regressed.filter((row) => row.regression?.ratio === 2);
const caught = (method: Method, segmentOnly: boolean) => {
  const rows = doubled.filter((row) => (row.regression?.segment !== undefined) === segmentOnly);
  return {
    runs: rows.reduce((sum, row) => sum + row[method]!.runs, 0),
    abortedBeforeStep25: rows.reduce((sum, row) => sum + row[method]!.abortedBeforeStep25, 0),
    aborted: rows.reduce((sum, row) => sum + row[method]!.aborted, 0),
    reachedStep25: rows.reduce((sum, row) => sum + row[method]!.reachedStep25, 0),
  };
};

console.log(
  JSON.stringify(
    {
      benchmark: 'canary-analysis',
      settings: { ...settings, healthyRuns, regressedRuns, systems: SYSTEMS.map((s) => s.name) },
      summary: {
        healthy: Object.fromEntries(
          METHODS.map((m) => [
            m,
            {
              runs: total(healthy, m, 'runs'),
              falseAborts: total(healthy, m, 'aborted'),
              completed: total(healthy, m, 'completed'),
            },
          ]),
        ),
        doubledOverall: Object.fromEntries(METHODS.map((m) => [m, caught(m, false)])),
        doubledInOneSegment: Object.fromEntries(METHODS.map((m) => [m, caught(m, true)])),
      },
      healthy,
      regressed,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    },
    null,
    2,
  ),
);
