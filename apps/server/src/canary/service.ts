import {
  type AcceptCanaryRiskRequest,
  type CanaryRun,
  type CanaryStatus,
  type CancelCanaryRequest,
  DEFAULT_CANARY_SIGNALS,
  durationMs,
  MAX_CANARY_SEGMENT_VALUES,
  type StartCanaryRequest,
} from '@firebreak/contract';
import { applyPatch, type ChainedEntry, DomainError, invalid } from '@firebreak/core';
import { canary } from '@firebreak/detection';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import { requireControlAccess } from '../controls/access';
import { announceCommitted, type Committed, checkIncident, commitChange } from '../controls/commit';
import { approvalFor, versionsOf } from '../controls/service';
import { controlNotFound, findControl, lockControl, openSeriousIncidents } from '../controls/store';
import type { Tx } from '../db/connect';
import { announce } from '../incidents/change';
import { cardOf } from '../systems/store';
import { latestTelemetrySeq } from '../telemetry/store';
import { seriesName } from './act';
import { emptyCounts } from './counts';
import { verdictsOf } from './evidence';
import { presentCanaryRun } from './presenter';
import { CANARY_ACTOR, tickCanary } from './runner';
import { insertCanaryRun, latestCanary, runningCanary, updateCanaryRun } from './store';
import { recordCanary } from './timeline';

/** The default chance of aborting a candidate that is no worse, for the whole canary (docs/canary-analysis.md). */
export const CANARY_ALPHA = 1e-4;

/** The run in progress on a route, or its last one. */
export async function getCanaryView({ ctx, key }: { ctx: Ctx; key: string }): Promise<CanaryStatus> {
  if (!(await findControl(ctx.db, key))) throw await controlNotFound(ctx.db, key);
  const row = await latestCanary(ctx.db, key);
  return { run: row ? presentCanaryRun(row) : null };
}

/** The largest first step a recovery canary may take during an open SEV1/SEV2. */
export const RECOVERY_CANARY_PERCENT = 5;

/**
 * A recovery canary: during an open SEV1/SEV2 on the system, a canary that names one of those
 * incidents and starts at a small share may start without a second person. It is how a fix is
 * tried on live traffic before the recovery gate lets traffic widen: it aborts by itself on
 * harm, and it still holds before every later step until a person moves the route.
 */
async function isRecoveryCanary(
  tx: Tx,
  system: string,
  incident: string | undefined,
  firstPercent: number,
): Promise<boolean> {
  if (!incident || firstPercent > RECOVERY_CANARY_PERCENT) return false;
  const serious = await openSeriousIncidents(tx, system);
  return serious.some((entry) => entry.startsWith(`${incident} `));
}

/**
 * Starts a canary on a route: the candidate gets the plan's first share through an audited
 * control change, and the runner judges it from the telemetry accepted from now on.
 */
export async function startCanary({
  ctx,
  key,
  input,
}: {
  ctx: Ctx;
  key: string;
  input: StartCanaryRequest;
}): Promise<CanaryRun> {
  const committed: Committed[] = [];
  const timeline: ChainedEntry[] = [];
  const run = await ctx.db.transaction(async (tx) => {
    const row = await lockControl(tx, key);
    await requireControlAccess(tx, ctx.actor, row.system);
    const { definition, state } = row;
    if (definition.kind !== 'route' || state.kind !== 'route')
      throw invalid(
        'key',
        `${key} is a ${definition.kind}, not a route; a canary needs a model, prompt or policy route`,
      );
    if (definition.target === 'bundle')
      throw invalid(
        'key',
        `${key} is a bundle route; a canary run counts telemetry by its model, prompt or policy field, which a bundle has no single one of: set the canary by hand (firebreak control set ${key} --canary <version> --percent <n>)`,
      );
    await checkIncident(tx, input.incident);
    const running = await runningCanary(tx, key, true);
    if (running)
      throw new DomainError(
        'conflict',
        `${key} already has canary ${running.id} (${running.candidate}) running; cancel it first (firebreak canary cancel ${key})`,
        { details: { run: running.id } },
      );
    const versions = versionsOf(row);
    if (!versions.includes(input.version))
      throw invalid('version', `${input.version} is not a version of ${key}; it has ${versions.join(', ')}`);
    if (input.version === state.active)
      throw invalid('version', `${input.version} is already the active version of ${key}; name another`);
    const plan = planOf(input);
    const next = applyPatch(
      state,
      { canary: { version: input.version, percent: plan[0]!.percent, stickyBy: input.stickyBy } },
      versions,
    );
    const why = await approvalFor(tx, row, next);
    if (why && !(await isRecoveryCanary(tx, row.system, input.incident, plan[0]!.percent)))
      throw new DomainError(
        'conflict',
        `version: starting a canary of ${input.version} needs a second person now (${why}); a recovery canary may start by itself: name the serious incident (incident) and start at ${RECOVERY_CANARY_PERCENT}% or less`,
      );
    const signals = input.signals ?? [...DEFAULT_CANARY_SIGNALS];
    const zeroTolerance = await zeroToleranceFlags(tx, row.system);
    const at = ctx.now();
    const inserted = await insertCanaryRun(tx, {
      key,
      system: row.system,
      target: definition.target,
      baseline: state.active,
      candidate: input.version,
      stickyBy: input.stickyBy,
      state: 'running',
      plan,
      signals,
      signalSettings: Object.fromEntries(
        signals.map((signal) => [
          signal,
          canary.resolveSignalSettings(signal, {
            ...(zeroTolerance.has(signal) ? { zeroTolerance: true } : {}),
            ...input.signalSettings?.[signal],
          }),
        ]),
      ),
      segmentBy: input.segmentBy ?? null,
      alpha: CANARY_ALPHA,
      tests: signals.length * (1 + (input.segmentBy ? MAX_CANARY_SEGMENT_VALUES : 0)),
      step: 0,
      steps: [
        {
          step: 0,
          percent: plan[0]!.percent,
          startedAt: at.toISOString(),
          endedAt: null,
          baseline: emptyCounts(),
          candidate: emptyCounts(),
          decision: null,
        },
      ],
      // Counts start with the telemetry accepted after this point.
      telemetrySeq: await latestTelemetrySeq(tx),
      lastDecision: null,
      reason: input.reason,
      incidentId: input.incident ?? null,
      startedAt: at,
      startedBy: ctx.actor.name,
      endedAt: null,
      endedBy: null,
      endReason: null,
    });
    committed.push(
      await commitChange(ctx, tx, row, next, {
        action: 'changed',
        reason: `canary ${inserted.id} started: ${input.reason}`,
        incidentId: input.incident ?? null,
      }),
    );
    timeline.push(
      ...(await recordCanary(ctx, tx, inserted, 'canary_started', {
        plan: plan.map((s) => s.percent),
        signals,
        segmentBy: inserted.segmentBy,
        reason: input.reason,
      })),
    );
    return presentCanaryRun(inserted);
  });
  announceCommitted(ctx, committed);
  announce(ctx, timeline);
  return run;
}

/**
 * The flags the system's own monitors treat as zero tolerance (a monitor of `flag:<name>` with
 * the zero_tolerance detector): a canary judges them so too unless told otherwise.
 */
async function zeroToleranceFlags(tx: Tx, system: string): Promise<Set<string>> {
  const card = await cardOf(tx, system);
  return new Set(
    (card?.monitors ?? [])
      .filter((m) => m.detector === 'zero_tolerance' && m.signal.startsWith('flag:'))
      .map((m) => m.signal.slice('flag:'.length)),
  );
}

function planOf(input: StartCanaryRequest): canary.CanaryStep[] {
  if (!input.plan) {
    const plan = input.segmentBy ? canary.SEGMENTED_CANARY_PLAN : canary.DEFAULT_CANARY_PLAN;
    return plan.map((step) => ({ ...step }));
  }
  return input.plan.map((step) => ({
    percent: step.percent,
    minDurationMs: step.minDuration ? durationMs(step.minDuration) : 0,
    minCandidateEvents: step.minCandidateEvents,
    gate: step.gate,
    ...(step.gateSegments ? { gateSegments: true } : {}),
    ...(step.segmentGateMax ? { segmentGateMaxMs: durationMs(step.segmentGateMax) } : {}),
  }));
}

/** Stops a running canary: the route goes back to its active version alone, as an audited change. */
export async function cancelCanary({
  ctx,
  key,
  input,
}: {
  ctx: Ctx;
  key: string;
  input: CancelCanaryRequest;
}): Promise<CanaryRun> {
  const committed: Committed[] = [];
  const timeline: ChainedEntry[] = [];
  const run = await ctx.db.transaction(async (tx) => {
    const row = await lockControl(tx, key);
    await requireControlAccess(tx, ctx.actor, row.system);
    const running = await runningCanary(tx, key, true);
    if (!running) throw new DomainError('not_found', `${key} has no canary running; nothing to cancel`);
    const at = ctx.now();
    if (row.state.kind === 'route' && row.state.canary?.version === running.candidate)
      committed.push(
        await commitChange(ctx, tx, row, applyPatch(row.state, { canary: null }, versionsOf(row)), {
          action: 'changed',
          reason: `canary ${running.id} cancelled: ${input.reason}`,
          incidentId: running.incidentId,
        }),
      );
    const patch = {
      state: 'cancelled',
      endedAt: at,
      endedBy: ctx.actor.name,
      endReason: input.reason,
      steps: running.steps.map((s) => (s.endedAt ? s : { ...s, endedAt: at.toISOString() })),
    };
    await updateCanaryRun(tx, running.id, patch);
    const ended = { ...running, ...patch };
    timeline.push(...(await recordCanary(ctx, tx, ended, 'canary_cancelled', { reason: input.reason })));
    return presentCanaryRun(ended);
  });
  announceCommitted(ctx, committed);
  announce(ctx, timeline);
  return run;
}

/**
 * A named person accepts the residual risk of the zero-tolerance segment series that hold a
 * canary's step undecided (PII in one tenant, too rare to clear in hours): they stop holding the
 * step and can still abort. On the run, the audit log and the incident's timeline; the runner
 * then judges the step at once. Refused, naming why, when no such series holds the step.
 */
export async function acceptCanaryRisk({
  ctx,
  key,
  input,
}: {
  ctx: Ctx;
  key: string;
  input: AcceptCanaryRiskRequest;
}): Promise<CanaryRun> {
  const timeline: ChainedEntry[] = [];
  await ctx.db.transaction(async (tx) => {
    const row = await lockControl(tx, key);
    await requireControlAccess(tx, ctx.actor, row.system);
    const running = await runningCanary(tx, key, true);
    if (!running) throw new DomainError('not_found', `${key} has no canary running; there is no risk to accept`);
    const step = running.steps[running.step]!;
    const planned = running.plan[running.step]!;
    if (step.riskAccepted)
      throw new DomainError(
        'conflict',
        `${running.id}: ${step.riskAccepted.by} already accepted the risk of step ${running.step + 1} (${step.percent}%) at ${step.riskAccepted.at}`,
      );
    const held = verdictsOf(running).filter(
      (v) => v.segment !== undefined && v.zeroTolerance && v.decision === 'continue',
    );
    if (planned.gate !== 'pass' || planned.gateSegments !== true || held.length === 0)
      throw new DomainError(
        'conflict',
        `${running.id}: no zero-tolerance segment series holds step ${running.step + 1} (${step.percent}%); only those wait for a person (see firebreak canary status ${key})`,
      );
    const riskAccepted = {
      by: ctx.actor.name,
      at: ctx.now().toISOString(),
      reason: input.reason,
      series: held.map(seriesName),
    };
    const steps = running.steps.map((s, i) => (i === running.step ? { ...s, riskAccepted } : s));
    await updateCanaryRun(tx, running.id, { steps });
    await appendAudit(tx, {
      at: ctx.now(),
      actor: ctx.actor.name,
      action: 'canary_risk_accepted',
      subject: running.id,
      payload: { key, step: running.step, percent: step.percent, series: riskAccepted.series, reason: input.reason },
    });
    timeline.push(
      ...(await recordCanary(ctx, tx, { ...running, steps }, 'canary_risk_accepted', {
        series: riskAccepted.series,
        reason: input.reason,
      })),
    );
  });
  announce(ctx, timeline);
  try {
    // The step's gate may now hold: move it on now rather than at the runner's next pass.
    await tickCanary({ ...ctx, actor: { name: CANARY_ACTOR, role: 'admin', tokenId: null } }, key);
  } catch (error) {
    ctx.log.error({ err: error, control: key }, 'canary pass after an accepted risk failed; the runner retries');
  }
  const row = await latestCanary(ctx.db, key);
  return presentCanaryRun(row!);
}
