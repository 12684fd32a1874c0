import type { CanaryDecision } from '@firebreak/contract';
import { applyPatch, type ChainedEntry, type ControlStateValue, isFinished, type Status } from '@firebreak/core';
import { canary } from '@firebreak/detection';
import type { Ctx } from '../context';
import { type Committed, commitChange } from '../controls/commit';
import { approvalFor, versionsOf } from '../controls/service';
import type { ControlRow } from '../controls/store';
import type { Tx } from '../db/connect';
import { findCitedIncident } from '../incidents/store';
import { emptyCounts } from './counts';
import { evidenceOf } from './evidence';
import { type CanaryRunRow, updateCanaryRun } from './store';
import { recordCanary } from './timeline';

// What the runner does once it has decided: each action an audited change of the route, the
// run's row and the incident's timeline, in the runner's transaction.

/** What one pass of the runner did, by run id. */
export type CanaryPass = Array<{ id: string; action: CanaryDecision['action'] | 'cancelled' }>;

/** A decision to carry out, with where its changes and entries go. */
export interface Act {
  ctx: Ctx;
  tx: Tx;
  row: ControlRow;
  run: CanaryRunRow;
  decided: canary.CanaryStepDecision;
  decision: CanaryDecision;
  committed: Committed[];
  timeline: ChainedEntry[];
}

/**
 * Moves the candidate to the next step's share, unless that now needs a second person (rolling
 * forward during an open SEV1/SEV2): then the run holds, saying so.
 */
export async function advance(act: Act): Promise<CanaryPass[number]> {
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
export async function finish(
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

export async function isWorked(tx: Tx, incidentId: string): Promise<boolean> {
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

export async function endRun(
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

/** `hallucination_suspected{language=de}`: a series as the timeline and reasons name it. */
export const seriesName = canary.seriesName;
