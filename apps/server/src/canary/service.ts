import {
  type AcceptCanaryRiskRequest,
  type CanaryRun,
  CanaryStartResolved,
  type CanaryStatus,
  type CancelCanaryRequest,
  DEFAULT_CANARY_SIGNALS,
  durationMs,
  MAX_CANARY_SEGMENT_VALUES,
  type StartCanaryRequest,
  type SystemCard,
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
import { validationError } from '../http/errors';
import { announce } from '../incidents/change';
import { cardOf } from '../systems/store';
import { zeroToleranceOf } from '../systems/zero-tolerance';
import { latestTelemetrySeq } from '../telemetry/store';
import { isWorked } from './act';
import { emptyCounts } from './counts';
import { verdictsOf } from './evidence';
import { presentCanaryRun } from './presenter';
import { CANARY_ACTOR, tickCanary } from './runner';
import { canaryRunById, insertCanaryRun, latestCanary, runningCanary, updateCanaryRun } from './store';
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
    // The card, read once: its canary defaults and its zero-tolerance monitors.
    const card = await cardOf(tx, row.system);
    const options = withCardDefaults(card, row.system, input);
    const plan = planOf(options);
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
    // Without a list, the default signals and any the request gives settings for.
    const signals = options.signals ?? [
      ...new Set([...DEFAULT_CANARY_SIGNALS, ...Object.keys(options.signalSettings ?? {})]),
    ];
    const zeroTolerance = zeroToleranceOf(card);
    // The defaults: the analysis', with zero tolerance where the card's monitors say so.
    const defaults = (signal: string) =>
      canary.resolveSignalSettings(signal, zeroTolerance.has(signal) ? { zeroTolerance: true } : {});
    const signalSettings = Object.fromEntries(
      signals.map((signal) => [signal, { ...defaults(signal), ...options.signalSettings?.[signal] }]),
    );
    // What the request changed, for the record: a weakened signal must show.
    const changed = changedSettings(signalSettings, defaults);
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
      signalSettings,
      segmentBy: options.segmentBy ?? null,
      alpha: CANARY_ALPHA,
      tests: signals.length * (1 + (options.segmentBy ? MAX_CANARY_SEGMENT_VALUES : 0)),
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
        reason: `canary ${inserted.id} started${changed.text}: ${input.reason}`,
        incidentId: input.incident ?? null,
      }),
    );
    timeline.push(
      ...(await recordCanary(ctx, tx, inserted, 'canary_started', {
        plan: plan.map((s) => s.percent),
        signals,
        ...(Object.keys(changed.settings).length > 0 ? { signalSettings: changed.settings } : {}),
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
 * The settings that differ from the defaults, by signal, with ` (pii: zeroTolerance false, r1 100)`
 * for a change's reason.
 */
function changedSettings(
  settings: Record<string, Required<canary.SignalSettings>>,
  defaults: (signal: string) => Required<canary.SignalSettings>,
): { settings: Record<string, Partial<canary.SignalSettings>>; text: string } {
  const changed: Record<string, Partial<canary.SignalSettings>> = {};
  for (const [signal, resolved] of Object.entries(settings)) {
    const standard = defaults(signal);
    const fields = Object.entries(resolved).filter(
      ([field, value]) => standard[field as keyof typeof standard] !== value,
    );
    if (fields.length > 0) changed[signal] = Object.fromEntries(fields);
  }
  const parts = Object.entries(changed).map(
    ([signal, fields]) =>
      `${signal}: ${Object.entries(fields)
        .map(([field, value]) => `${field} ${value}`)
        .join(', ')}`,
  );
  return { settings: changed, text: parts.length > 0 ? ` (${parts.join('; ')})` : '' };
}

/**
 * The request with what it leaves out taken from the card's `canary:` defaults (settings merged
 * per signal, the request's winning; the card's only for signals the canary judges), checked
 * again as a whole: a 400 names the field and says the card's defaults took part.
 */
function withCardDefaults(
  card: Pick<SystemCard, 'canary'> | undefined,
  system: string,
  input: StartCanaryRequest,
): StartCanaryRequest {
  const defaults = card?.canary ?? {};
  const signals = input.signals ?? defaults.signals;
  // The card's settings apply to the signals this canary judges; a request's must fit them.
  const settings: NonNullable<StartCanaryRequest['signalSettings']> = {};
  for (const [signal, given] of Object.entries(defaults.signalSettings ?? {}))
    if (!signals || signals.includes(signal)) settings[signal] = given;
  for (const [signal, given] of Object.entries(input.signalSettings ?? {}))
    settings[signal] = { ...settings[signal], ...given };
  const merged = {
    ...input,
    ...((input.plan ?? defaults.plan) ? { plan: input.plan ?? defaults.plan } : {}),
    ...(signals ? { signals } : {}),
    ...((input.segmentBy ?? defaults.segmentBy) ? { segmentBy: input.segmentBy ?? defaults.segmentBy } : {}),
    ...(Object.keys(settings).length > 0 ? { signalSettings: settings } : {}),
  };
  const checked = CanaryStartResolved.safeParse(merged);
  if (checked.success) return checked.data;
  const error = validationError(checked.error, 'json');
  const fromCard = Object.keys(defaults).length > 0 ? ` (with the canary defaults of ${system}'s card)` : '';
  throw new DomainError('validation_failed', `${error.message}${fromCard}`, { details: error.details });
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
    // A finished incident's record is final: the cancellation goes where unnamed changes go.
    const incidentId = running.incidentId && (await isWorked(tx, running.incidentId)) ? running.incidentId : null;
    const ended = { ...running, ...patch };
    timeline.push(
      ...(await recordCanary(ctx, tx, { ...ended, incidentId }, 'canary_cancelled', { reason: input.reason })),
    );
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
  const runner = { ...ctx, actor: { name: CANARY_ACTOR, role: 'admin' as const, tokenId: null } };
  // Count what arrived since the runner's last pass first, so the person accepts what holds now.
  await passNow(runner, key);
  const timeline: ChainedEntry[] = [];
  const id = await ctx.db.transaction(async (tx) => {
    const row = await lockControl(tx, key);
    await requireControlAccess(tx, ctx.actor, row.system);
    const running = await runningCanary(tx, key, true);
    if (!running) throw new DomainError('not_found', `${key} has no canary running; there is no risk to accept`);
    const step = running.steps[running.step]!;
    const planned = running.plan[running.step]!;
    const before = step.risksAccepted ?? [];
    const accepted = new Set(before.flatMap((r) => r.series));
    const holding = verdictsOf(running)
      .filter((v) => v.segment !== undefined && v.zeroTolerance && v.decision === 'continue')
      .map(canary.seriesName)
      .filter((name) => !accepted.has(name));
    // Only what the person saw: a series that began to hold since is left for them to see.
    const named = input.series ? new Set(input.series) : undefined;
    const held = named ? holding.filter((name) => named.has(name)) : holding;
    if (named && held.length === 0 && holding.length > 0)
      throw new DomainError(
        'conflict',
        `series: none of ${[...named].join(', ')} holds step ${running.step + 1} of ${running.id} now; ${holding.join(', ')} ${holding.length === 1 ? 'does' : 'do'}`,
      );
    if (planned.gate !== 'pass' || planned.gateSegments !== true || held.length === 0) {
      const earlier = before.map((r) => `${r.by} accepted ${r.series.join(', ')} at ${r.at}`).join('; ');
      throw new DomainError(
        'conflict',
        `${running.id}: no zero-tolerance segment series holds step ${running.step + 1} (${step.percent}%)${earlier ? ` that was not already accepted (${earlier})` : ''}; only those wait for a person (see firebreak canary status ${key})`,
      );
    }
    const at = ctx.now();
    const acceptance = { by: ctx.actor.name, at: at.toISOString(), reason: input.reason, series: held };
    // A later hold by a series nobody accepted yet is announced again.
    const steps = running.steps.map((s, i) =>
      i === running.step ? { ...s, risksAccepted: [...before, acceptance], heldNoticeAt: undefined } : s,
    );
    await updateCanaryRun(tx, running.id, { steps });
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'canary_risk_accepted',
      subject: running.id,
      payload: { key, step: running.step, percent: step.percent, series: held, reason: input.reason },
    });
    // A finished incident's record is final; with none being worked, the system's open ones hear of it.
    const incidentId = running.incidentId && (await isWorked(tx, running.incidentId)) ? running.incidentId : null;
    timeline.push(
      ...(await recordCanary(
        ctx,
        tx,
        { ...running, incidentId, steps },
        'canary_risk_accepted',
        { series: held, reason: input.reason },
        { openIncidents: true },
      )),
    );
    return running.id;
  });
  announce(ctx, timeline);
  // The step's gate may now hold: move it on now rather than at the runner's next pass.
  await passNow(runner, key);
  return presentCanaryRun((await canaryRunById(ctx.db, id))!);
}

/** One runner pass over a control's canary, now; a failure is logged and left to the runner. */
async function passNow(ctx: Ctx, key: string): Promise<void> {
  try {
    await tickCanary(ctx, key);
  } catch (error) {
    ctx.log.error({ err: error, control: key }, 'canary pass on request failed; the runner retries');
  }
}
