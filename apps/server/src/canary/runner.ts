import type { CanaryDecision, TelemetryEvent } from '@firebreak/contract';
import type { ChainedEntry, ControlStateValue } from '@firebreak/core';
import { canary } from '@firebreak/detection';
import type { Ctx } from '../context';
import { announceCommitted, type Committed } from '../controls/commit';
import { lockControl } from '../controls/store';
import type { Tx } from '../db/connect';
import { announce } from '../incidents/change';
import { readSystemTelemetryRows } from '../telemetry/store';
import { advance, type CanaryPass, endRun, finish, isWorked } from './act';
import { type CountScope, countEvents, knownSegments } from './counts';
import { presentReason, verdictsOf } from './evidence';
import { type CanaryRunRow, runningCanary, runningCanaryKeys, updateCanaryRun } from './store';
import { recordCanary } from './timeline';

/** The actor on the steps, aborts and completions of canaries. */
export const CANARY_ACTOR = 'firebreak:canary';

/** Telemetry rows read per query while a run catches up with the log. */
const READ_ROWS = 100;
/**
 * Queries per pass at most: after a long outage a run catches up over several passes instead of
 * holding its control's lock for one long read. The test is valid at any look, so judging a
 * pass on part of the backlog is safe.
 */
const READS_PER_PASS = 50;

export type { CanaryPass } from './act';

/**
 * Moves every running canary on: counts the telemetry accepted since its last pass, judges it
 * (analyseCanary, decideCanaryStep) and acts: `advance` raises the candidate's share, `complete`
 * makes it the active version, `abort` takes the canary off the route (back to the known-good
 * version) with the evidence on the incident's timeline; each an audited control change.
 */
export async function runCanaries(ctx: Ctx): Promise<CanaryPass> {
  const pass: CanaryPass = [];
  for (const key of await runningCanaryKeys(ctx.db)) {
    try {
      const done = await tickCanary(ctx, key);
      if (done) pass.push(done);
    } catch (error) {
      // One run's failure must not hold the others; it is tried again next pass.
      ctx.log.error({ err: error, control: key }, 'canary pass failed for this control');
    }
  }
  return pass;
}

/** One pass over one control's running canary, in one transaction (control, then run, locked). */
export async function tickCanary(ctx: Ctx, key: string): Promise<CanaryPass[number] | undefined> {
  const committed: Committed[] = [];
  const timeline: ChainedEntry[] = [];
  const result = await ctx.db.transaction(async (tx) => {
    const row = await lockControl(tx, key);
    const run = await runningCanary(tx, key, true);
    if (!run) return undefined;
    // A finished incident's record is final: the run's later entries go where unnamed changes go.
    const incidentId = run.incidentId && (await isWorked(tx, run.incidentId)) ? run.incidentId : null;
    const state = row.state;
    const share = run.steps[run.step]?.percent;
    if (
      state.kind !== 'route' ||
      state.canary?.version !== run.candidate ||
      state.canary.percent !== share ||
      state.active !== run.baseline
    ) {
      // Someone moved the route by hand: the run no longer describes it.
      const reason = `the route changed outside the canary (now ${describeRoute(state)}, by ${row.updatedBy})`;
      const ended = await endRun(ctx, tx, { ...run, incidentId }, 'cancelled', reason, null);
      timeline.push(...(await recordCanary(ctx, tx, ended, 'canary_cancelled', { reason })));
      return { id: run.id, action: 'cancelled' as const };
    }
    const steps = structuredClone(run.steps);
    const telemetrySeq = await countSince(tx, run, run.telemetrySeq, steps[run.step]!, knownSegments(steps));
    const counted: CanaryRunRow = { ...run, steps, telemetrySeq, incidentId };
    const now = ctx.now();
    const current = steps[run.step]!;
    const verdicts = verdictsOf(counted);
    const accepted = (current.risksAccepted ?? []).flatMap((r) => r.series);
    const decided = canary.decideCanaryStep({
      plan: run.plan,
      step: run.step,
      stepStartedAt: new Date(current.startedAt),
      now,
      stepCandidateEvents: current.candidate.events,
      verdicts,
      acceptedSeries: accepted,
    });
    const decision: CanaryDecision = {
      action: decided.action,
      at: now.toISOString(),
      reasons: decided.reasons.map(presentReason),
    };
    const act = { ctx, tx, row, run: counted, decided, decision, committed, timeline };
    switch (decided.action) {
      case 'hold': {
        current.decision = decision;
        // Once per step, when only zero-tolerance series hold it past its gate: say so where
        // responders look, since nothing else will move the canary until someone decides.
        const waiting = current.heldNoticeAt ? [] : heldPastGate(decided, verdicts, accepted);
        if (waiting.length > 0) current.heldNoticeAt = now.toISOString();
        await updateCanaryRun(tx, run.id, { steps, telemetrySeq, lastDecision: decision });
        if (waiting.length > 0)
          timeline.push(
            ...(await recordCanary(
              ctx,
              tx,
              counted,
              'canary_held',
              { series: waiting, reason: `${waiting.join(', ')} not yet shown to pass; the segment gate lapsed` },
              { openIncidents: true },
            )),
          );
        return { id: run.id, action: 'hold' as const };
      }
      case 'advance':
        return advance(act);
      case 'complete':
        return finish(act, { active: run.candidate, canary: null }, 'completed', 'canary_completed');
      case 'abort':
        return finish(act, { canary: null }, 'aborted', 'canary_aborted');
    }
  });
  announceCommitted(ctx, committed);
  announce(ctx, timeline);
  return result;
}

/**
 * Reads a run's system's telemetry after `offset` into one step's counts (a canary's current
 * step, a shadow run's only one); returns the new offset.
 */
export async function countSince(
  tx: Tx,
  scope: CountScope,
  offset: number,
  into: Parameters<typeof countEvents>[2],
  known: Set<string>,
): Promise<number> {
  let position = offset;
  for (let read = 0; read < READS_PER_PASS; read += 1) {
    const rows = await readSystemTelemetryRows(tx, scope.system, position, READ_ROWS);
    for (const row of rows) {
      countEvents(scope, JSON.parse(row.events) as TelemetryEvent[], into, known);
      position = row.seq;
    }
    if (rows.length < READ_ROWS) break;
  }
  return position;
}

/**
 * The zero-tolerance segment series that alone hold a step past its segment gate (the gate lapsed
 * and nothing else holds it): what a person must accept or wait for. Empty otherwise.
 */
function heldPastGate(
  decided: canary.CanaryStepDecision,
  verdicts: readonly canary.SignalVerdict[],
  accepted: readonly string[],
): string[] {
  const gate = decided.reasons.find((r) => r.kind === 'segment_gate');
  if (gate?.kind !== 'segment_gate' || gate.remainingMs !== 0 || !gate.zeroTolerance) return [];
  if (decided.reasons.some((r) => r.kind === 'min_duration' || r.kind === 'min_candidate_events')) return [];
  const open = decided.reasons.filter((r) => r.kind === 'signal' && r.gates && r.decision !== 'pass') as Array<
    Extract<canary.CanaryStepReason, { kind: 'signal' }>
  >;
  const zeroTolerance = new Set(
    verdicts.filter((v) => v.segment !== undefined && v.zeroTolerance).map(canary.seriesName),
  );
  const names = open.map(canary.seriesName);
  if (!names.every((name) => zeroTolerance.has(name) && !accepted.includes(name))) return [];
  return names;
}

const describeRoute = (state: ControlStateValue) =>
  state.kind === 'route'
    ? `${state.active}${state.canary ? `, canary ${state.canary.version} at ${state.canary.percent}%` : ', no canary'}`
    : state.kind;
