import type { CanaryDecision, TelemetryEvent } from '@firebreak/contract';
import { applyPatch, type ChainedEntry, type ControlStateValue, isFinished, type Status } from '@firebreak/core';
import { canary } from '@firebreak/detection';
import type { Logger } from 'pino';
import { type Ctx, systemCtx } from '../context';
import { announceCommitted, type Committed, commitChange } from '../controls/commit';
import { approvalFor, versionsOf } from '../controls/service';
import { type ControlRow, lockControl } from '../controls/store';
import type { Db, Tx } from '../db/connect';
import type { EventBus } from '../events/bus';
import { announce } from '../incidents/change';
import { findCitedIncident } from '../incidents/store';
import { readSystemTelemetryRows } from '../telemetry/store';
import { countEvents, emptyCounts, knownSegments } from './counts';
import { evidenceOf, presentReason, verdictsOf } from './evidence';
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

/** What one pass of the runner did, by run id. */
export type CanaryPass = Array<{ id: string; action: CanaryDecision['action'] | 'cancelled' }>;

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
    const state = row.state;
    if (state.kind !== 'route' || state.canary?.version !== run.candidate || state.active !== run.baseline) {
      // Someone moved the route by hand: the run no longer describes it.
      const reason = `the route changed outside the canary (now ${describeRoute(state)}, by ${row.updatedBy})`;
      const ended = await endRun(ctx, tx, run, 'cancelled', reason, null);
      timeline.push(...(await recordCanary(ctx, tx, ended, 'canary_cancelled', { reason })));
      return { id: run.id, action: 'cancelled' as const };
    }
    const steps = structuredClone(run.steps);
    const telemetrySeq = await countSince(tx, run, steps);
    // A finished incident's record is final: the run's later entries go where unnamed changes go.
    const incidentId = run.incidentId && (await isWorked(tx, run.incidentId)) ? run.incidentId : null;
    const counted: CanaryRunRow = { ...run, steps, telemetrySeq, incidentId };
    const now = ctx.now();
    const current = steps[run.step]!;
    const decided = canary.decideCanaryStep({
      plan: run.plan,
      step: run.step,
      stepStartedAt: new Date(current.startedAt),
      now,
      stepCandidateEvents: current.candidate.events,
      verdicts: verdictsOf(counted),
    });
    const decision: CanaryDecision = {
      action: decided.action,
      at: now.toISOString(),
      reasons: decided.reasons.map(presentReason),
    };
    const act = { ctx, tx, row, run: counted, decided, decision, committed, timeline };
    switch (decided.action) {
      case 'hold':
        current.decision = decision;
        await updateCanaryRun(tx, run.id, { steps, telemetrySeq, lastDecision: decision });
        return { id: run.id, action: 'hold' as const };
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

interface Act {
  ctx: Ctx;
  tx: Tx;
  row: ControlRow;
  run: CanaryRunRow;
  decided: canary.CanaryStepDecision;
  decision: CanaryDecision;
  committed: Committed[];
  timeline: ChainedEntry[];
}

/** Reads the run's system's telemetry after its offset into the current step; returns the new offset. */
async function countSince(tx: Tx, run: CanaryRunRow, steps: CanaryRunRow['steps']): Promise<number> {
  const known = knownSegments(steps);
  const into = steps[run.step]!;
  let offset = run.telemetrySeq;
  for (let read = 0; read < READS_PER_PASS; read += 1) {
    const rows = await readSystemTelemetryRows(tx, run.system, offset, READ_ROWS);
    for (const row of rows) {
      countEvents(run, JSON.parse(row.events) as TelemetryEvent[], into, known);
      offset = row.seq;
    }
    if (rows.length < READ_ROWS) break;
  }
  return offset;
}

/**
 * Moves the candidate to the next step's share, unless that now needs a second person (rolling
 * forward during an open SEV1/SEV2): then the run holds, saying so.
 */
async function advance(act: Act): Promise<CanaryPass[number]> {
  const { ctx, tx, row, run, decided, decision } = act;
  const steps = run.steps;
  const state = row.state as Extract<ControlStateValue, { kind: 'route' }>;
  const next = applyPatch(state, { canary: { ...state.canary!, percent: decided.percent } }, versionsOf(row));
  if (await holdForApproval(act, next)) return { id: run.id, action: 'hold' };
  const at = ctx.now().toISOString();
  steps[run.step] = { ...steps[run.step]!, endedAt: at, decision };
  steps.push({
    step: decided.step,
    percent: decided.percent,
    startedAt: at,
    endedAt: null,
    baseline: emptyCounts(),
    candidate: emptyCounts(),
    decision: null,
  });
  const reason = `canary ${run.id}: step ${run.step + 1} (${steps[run.step]!.percent}%) met its gate; candidate ${run.candidate} to ${decided.percent}%`;
  act.committed.push(await commitChange(ctx, tx, row, next, { action: 'changed', reason, incidentId: run.incidentId }));
  const moved = { ...run, step: decided.step, steps, lastDecision: decision };
  await updateCanaryRun(tx, run.id, {
    step: decided.step,
    steps,
    telemetrySeq: run.telemetrySeq,
    lastDecision: decision,
  });
  act.timeline.push(
    ...(await recordCanary(ctx, tx, moved, 'canary_advanced', {
      from: steps[run.step]!.percent,
      to: decided.percent,
      reasons: decision.reasons,
    })),
  );
  return { id: run.id, action: 'advance' };
}

/** Ends a run by completing or aborting it: the route's change, the run's end, the timeline's entry with the evidence. */
async function finish(
  act: Act,
  patch: { active?: string; canary: null },
  state: 'completed' | 'aborted',
  kind: 'canary_completed' | 'canary_aborted',
): Promise<CanaryPass[number]> {
  const { ctx, tx, row, run, decision } = act;
  const next = applyPatch(row.state, patch, versionsOf(row));
  // An abort is containment and never waits; a completion rolls forward and may.
  if (state === 'completed' && (await holdForApproval(act, next))) return { id: run.id, action: 'hold' };
  const signals = decision.reasons.filter((r) => r.kind === 'signal' && r.decision === 'abort');
  const why =
    state === 'aborted'
      ? `${run.candidate} did more harm than ${run.baseline}: ${signals.map(seriesName).join(', ')}`
      : `${run.candidate} passed every step`;
  const reason = `canary ${run.id} ${state}: ${why}`;
  act.committed.push(await commitChange(ctx, tx, row, next, { action: 'changed', reason, incidentId: run.incidentId }));
  const ended = await endRun(ctx, tx, run, state, why, decision);
  act.timeline.push(
    ...(await recordCanary(
      ctx,
      tx,
      ended,
      kind,
      { reason: why, reasons: decision.reasons, evidence: evidenceOf(ended) },
      { openIncidents: state === 'aborted' },
    )),
  );
  return { id: run.id, action: decision.action };
}

async function isWorked(tx: Tx, incidentId: string): Promise<boolean> {
  const { status } = await findCitedIncident(tx, incidentId);
  return !isFinished(status as Status);
}

async function holdForApproval(act: Act, next: ControlStateValue): Promise<boolean> {
  const why = await approvalFor(act.tx, act.row, next);
  if (!why) return false;
  const { run } = act;
  const decision: CanaryDecision = {
    ...act.decision,
    action: 'hold',
    reasons: [...act.decision.reasons, { kind: 'approval_needed', message: `${why}; a person must move the route` }],
  };
  const steps = run.steps;
  steps[run.step] = { ...steps[run.step]!, decision };
  await updateCanaryRun(act.tx, run.id, { steps, telemetrySeq: run.telemetrySeq, lastDecision: decision });
  return true;
}

async function endRun(
  ctx: Ctx,
  tx: Tx,
  run: CanaryRunRow,
  state: 'completed' | 'aborted' | 'cancelled',
  reason: string,
  decision: CanaryDecision | null,
): Promise<CanaryRunRow> {
  const at = ctx.now();
  const steps = run.steps.map((s, i) =>
    i === run.step ? { ...s, endedAt: at.toISOString(), decision: decision ?? s.decision } : s,
  );
  const patch = {
    state,
    steps,
    telemetrySeq: run.telemetrySeq,
    lastDecision: decision ?? run.lastDecision,
    endedAt: at,
    endedBy: ctx.actor.name,
    endReason: reason,
  };
  await updateCanaryRun(tx, run.id, patch);
  return { ...run, ...patch };
}

const seriesName = (r: { signal?: string | undefined; segment?: Record<string, string> | undefined }) =>
  `${r.signal}${
    r.segment
      ? `{${Object.entries(r.segment)
          .map(([k, v]) => `${k}=${v}`)
          .join(',')}}`
      : ''
  }`;

const describeRoute = (state: ControlStateValue) =>
  state.kind === 'route'
    ? `${state.active}${state.canary ? `, canary ${state.canary.version} at ${state.canary.percent}%` : ', no canary'}`
    : state.kind;

/**
 * Runs the canaries every `everyMs` (default 30 s) on the server's clock. Returns how to stop
 * and how to run a pass at once.
 */
export function scheduleCanaries(options: {
  db: Db;
  log: Logger;
  events: EventBus;
  now: () => Date;
  everyMs?: number;
}): { stop(): void; wake(): void } {
  const every = options.everyMs ?? 30_000;
  const ctx = systemCtx({ ...options, actor: CANARY_ACTOR, requestId: 'canary' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let running = false;
  const run = async () => {
    if (running || stopped) return;
    running = true;
    clearTimeout(timer);
    try {
      await runCanaries(ctx);
    } catch (error) {
      options.log.error({ err: error }, 'canary pass failed; retrying');
    }
    running = false;
    if (!stopped) {
      timer = setTimeout(run, every);
      timer.unref();
    }
  };
  timer = setTimeout(run, every);
  timer.unref();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    wake: () => void run(),
  };
}
