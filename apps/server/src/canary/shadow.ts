import type { ShadowRun, ShadowSeriesVerdict, ShadowStatus } from '@firebreak/contract';
import { applyPatch, type ChainedEntry } from '@firebreak/core';
import type { Ctx } from '../context';
import { announceCommitted, type Committed, commitChange, recordOnIncidents } from '../controls/commit';
import { versionsOf } from '../controls/service';
import {
  latestShadow,
  runningShadow,
  runningShadowKeys,
  type ShadowRunRow,
  updateShadowRun,
} from '../controls/shadow-store';
import { controlNotFound, findControl, lockControl } from '../controls/store';
import { announce } from '../incidents/change';
import { isWorked, seriesName } from './act';
import { knownSegments } from './counts';
import { evidenceOf } from './evidence';
import { countSince } from './runner';

// Shadow runs (ADR 32): the route's shadow version compared with its active version on the same
// windows, with the canary's sequential test and budget (docs/canary-analysis.md) and no steps.
// A run starts and ends with the changes that set and clear the shadow (controls/shadow.ts);
// this runner counts and judges it, and stops the shadow when it regresses.

/** The actor that stops a shadow which regressed. */
export const SHADOW_ACTOR = 'firebreak:shadow';

/** What one pass did, by run id: `hold` while the comparison continues, `stop` once it regressed. */
export type ShadowPass = Array<{ id: string; action: 'hold' | 'stop' }>;

/** Moves every running shadow run on: counts the telemetry accepted since its last pass and judges it. */
export async function runShadows(ctx: Ctx): Promise<ShadowPass> {
  const pass: ShadowPass = [];
  for (const key of await runningShadowKeys(ctx.db)) {
    try {
      const done = await tickShadow(ctx, key);
      if (done) pass.push(done);
    } catch (error) {
      // One run's failure must not hold the others; it is tried again next pass.
      ctx.log.error({ err: error, control: key }, 'shadow pass failed for this control');
    }
  }
  return pass;
}

/**
 * One pass over one control's shadow run, in one transaction (control, then run, locked): the
 * counts move on with the log position; a regression stops the shadow as an audited change by
 * firebreak:shadow, with a `shadow_regressed` entry and the evidence on the run's incident, or on
 * every incident open on the system.
 */
export async function tickShadow(ctx: Ctx, key: string): Promise<ShadowPass[number] | undefined> {
  const committed: Committed[] = [];
  const timeline: ChainedEntry[] = [];
  const result = await ctx.db.transaction(async (tx) => {
    const row = await lockControl(tx, key);
    const run = await runningShadow(tx, key, true);
    if (!run) return undefined;
    const steps = structuredClone(run.steps);
    const telemetrySeq = await countSince(
      tx,
      { ...run, shadow: true },
      run.telemetrySeq,
      steps[0]!,
      knownSegments(steps),
    );
    const counted: ShadowRunRow = { ...run, steps, telemetrySeq };
    const evidence = evidenceOf(counted);
    const regressed = evidence.series.filter((s) => s.decision === 'abort');
    if (regressed.length === 0) {
      await updateShadowRun(tx, run.id, { steps, telemetrySeq });
      return { id: run.id, action: 'hold' as const };
    }
    const at = ctx.now();
    const why = `${run.candidate} did more harm than ${run.baseline}: ${regressed.map(seriesName).join(', ')}`;
    const ended = {
      state: 'regressed',
      steps: steps.map((s) => ({ ...s, endedAt: at.toISOString() })),
      telemetrySeq,
      endedAt: at,
      endedBy: ctx.actor.name,
      endReason: why,
    };
    // Ended first: the change below then finds no run in progress to stop.
    await updateShadowRun(tx, run.id, ended);
    const incidentId = run.incidentId && (await isWorked(tx, run.incidentId)) ? run.incidentId : null;
    if (row.state.kind === 'route' && row.state.shadow?.version === run.candidate)
      committed.push(
        await commitChange(ctx, tx, row, applyPatch(row.state, { shadow: null }, versionsOf(row)), {
          action: 'changed',
          reason: `shadow ${run.id} stopped: ${why}`,
          incidentId,
        }),
      );
    timeline.push(
      ...(await recordOnIncidents(ctx, tx, run.system, incidentId, 'shadow_regressed', () => ({
        run: run.id,
        key: run.key,
        baseline: run.baseline,
        candidate: run.candidate,
        percent: run.percent,
        reason: why,
        evidence,
      }))),
    );
    return { id: run.id, action: 'stop' as const };
  });
  announceCommitted(ctx, committed);
  announce(ctx, timeline);
  return result;
}

/** A route's shadow now, with its run in progress or its last run. */
export async function getShadowView({ ctx, key }: { ctx: Ctx; key: string }): Promise<ShadowStatus> {
  const control = await findControl(ctx.db, key);
  if (!control) throw await controlNotFound(ctx.db, key);
  const row = await latestShadow(ctx.db, key);
  const shadow = control.state.kind === 'route' ? (control.state.shadow ?? null) : null;
  return { shadow, run: row ? presentShadowRun(row) : null };
}

const VERDICT = { abort: 'regressed', pass: 'passing', continue: 'inconclusive' } as const;

/** A shadow run as the API shows it: a verdict per series and overall, with the evidence. */
export function presentShadowRun(row: ShadowRunRow): ShadowRun {
  const evidence = evidenceOf(row);
  const verdicts = evidence.series.map(
    (s): ShadowSeriesVerdict => ({
      signal: s.signal,
      ...(s.segment ? { segment: s.segment } : {}),
      verdict: VERDICT[s.decision],
      ratio: s.ratio,
      baselineRate: s.baselineRate,
      candidateRate: s.candidateRate,
    }),
  );
  const verdict = verdicts.some((v) => v.verdict === 'regressed')
    ? 'regressed'
    : verdicts.every((v) => v.segment !== undefined || v.verdict === 'passing')
      ? 'passing'
      : 'inconclusive';
  const counts = row.steps[0];
  return {
    id: row.id,
    key: row.key,
    system: row.system,
    target: row.target,
    baseline: row.baseline,
    candidate: row.candidate,
    percent: row.percent,
    stickyBy: row.stickyBy,
    state: row.state as ShadowRun['state'],
    verdict,
    verdicts,
    signals: row.signals,
    segmentBy: row.segmentBy,
    baselineEvents: counts?.baseline.events ?? 0,
    candidateEvents: counts?.candidate.events ?? 0,
    startedAt: row.startedAt.toISOString(),
    startedBy: row.startedBy,
    reason: row.reason,
    incidentId: row.incidentId,
    endedAt: row.endedAt?.toISOString() ?? null,
    endedBy: row.endedBy,
    endReason: row.endReason,
    evidence,
  };
}
