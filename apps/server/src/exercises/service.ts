import { readFileSync } from 'node:fs';
import type {
  Exercise,
  ExerciseClockRequest,
  ExerciseInject,
  ExerciseList,
  ExerciseListQuery,
  ExerciseReport,
  HotwashRequest,
  ReleaseInjectRequest,
  ScenarioList,
  StartExerciseRequest,
} from '@firebreak/contract';
import { builtinScenarios, formatScenarioError, parseScenario } from '@firebreak/contract/yaml-file';
import {
  CONTAINMENT_CHOICES,
  type ContainmentChoice,
  changeSpeed,
  currentSpeed,
  DomainError,
  type DrillObservation,
  deriveResponseMetrics,
  drillTimeAt,
  durationMs,
  type ExerciseInjectState,
  type IncidentType,
  invalid,
  type Scenario,
  type Severity,
  scoreDrill,
} from '@firebreak/core';
import { addAction } from '../actions/service';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import { announceCommitted, type Committed } from '../controls/commit';
import { defineControls } from '../controls/define';
import type { Tx } from '../db/connect';
import { saveCard } from '../systems/service';
import { findSystem } from '../systems/store';
import { readTimeline } from '../timeline/store';
import { type Recording, scenarioFromIncident } from './replay';
import { drillReportMarkdown } from './report';
import {
  controlChangesOf,
  type ExerciseRow,
  exerciseIncidents,
  findExercise,
  firstExerciseAlert,
  insertExercise,
  listExerciseRows,
  lockExercise,
  markSpace,
  nextExerciseNumber,
  spaceControls,
  updateExercise,
} from './store';

let library: Scenario[] | undefined;

/** The built-in scenario library, read and validated once. */
export function scenarioLibrary(): Scenario[] {
  library ??= builtinScenarios((url) => readFileSync(url, 'utf8'));
  return library;
}

export function listScenarios(): ScenarioList {
  return {
    scenarios: scenarioLibrary().map(({ id, title, kind, system, summary }) => ({ id, title, kind, system, summary })),
  };
}

/**
 * Creates a drill: freezes its scenario, copies the real system's card and controls into the
 * exercise space (`<system>-drill-<n>`), and records who set it up. Nothing runs until the
 * facilitator starts the clock.
 */
export async function createExercise({ ctx, input }: { ctx: Ctx; input: StartExerciseRequest }): Promise<Exercise> {
  const at = ctx.now();
  if (input.channel !== undefined && !isHttpUrl(input.channel))
    throw invalid('channel', 'expected the http(s) URL of the webhook receiver for drill messages');
  const committed: Committed[] = [];
  const id = await ctx.db.transaction(async (tx) => {
    const { scenario, recording } = await resolveScenario(tx, input, at);
    const real = await findSystem(tx, scenario.system);
    if (!real)
      throw invalid('scenario.system', `${scenario.system} is not in the catalog; a drill copies a real system`);
    if (real.exerciseId) throw invalid('scenario.system', `${scenario.system} is itself a drill's copy`);
    const number = await nextExerciseNumber(tx);
    const exerciseId = `DRL-${number}`;
    const spaceSystem = `${real.id}-drill-${number}`;
    const card = { ...real.card, id: spaceSystem, name: `${real.card.name} (drill ${exerciseId})` };
    await saveCard(tx, ctx, card, at);
    committed.push(...(await defineControls(ctx, tx, spaceSystem, card.controls, 'controls')));
    await markSpace(tx, spaceSystem, exerciseId);
    const injects: ExerciseInjectState[] = scenario.injects.map((inject) => ({
      id: inject.id,
      dueMs: inject.at === undefined ? null : durationMs(inject.at),
      releasedMs: null,
      releasedAt: null,
      releasedBy: null,
    }));
    await insertExercise(tx, {
      id: exerciseId,
      number,
      scenarioId: scenario.id,
      scenario,
      mode: input.mode,
      status: 'ready',
      team: input.team ?? real.owner,
      facilitator: ctx.actor.name,
      system: real.id,
      spaceSystem,
      channel: input.channel ?? null,
      replayOf: input.replayOf ?? null,
      replay: recording ?? null,
      clock: [],
      speed: input.speed,
      injects,
      fedUntil: -warmupMs(scenario, input.mode),
      createdAt: at,
      createdBy: ctx.actor.name,
      updatedAt: at,
    });
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'exercise.created',
      subject: exerciseId,
      payload: { scenario: scenario.id, mode: input.mode, system: real.id, space: spaceSystem, speed: input.speed },
    });
    return exerciseId;
  });
  announceCommitted(ctx, committed);
  ctx.events.publish({ type: 'exercise', exerciseId: id });
  return getExercise({ ctx, id });
}

async function resolveScenario(
  tx: Tx,
  input: StartExerciseRequest,
  at: Date,
): Promise<{ scenario: Scenario; recording?: Recording }> {
  if (input.scenario !== undefined) {
    const found = scenarioLibrary().find((scenario) => scenario.id === input.scenario);
    if (!found)
      throw invalid(
        'scenario',
        `no scenario ${input.scenario} in the library (${scenarioLibrary()
          .map((s) => s.id)
          .join(', ')})`,
      );
    return { scenario: found };
  }
  if (input.scenarioYaml !== undefined) {
    const result = parseScenario(input.scenarioYaml, 'scenarioYaml');
    if ('errors' in result) {
      const first = result.errors[0]!;
      throw new DomainError('validation_failed', result.errors.map(formatScenarioError).join('; '), {
        details: { field: `scenarioYaml.${first.field}`, line: first.line, errors: result.errors },
      });
    }
    return { scenario: result.scenario };
  }
  return scenarioFromIncident(tx, input.replayOf!, at);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function warmupMs(scenario: Scenario, mode: string): number {
  return mode === 'live_fire' ? durationMs(scenario.telemetry.warmup) : 0;
}

/** The facilitator's clock: start, pause, resume, change speed, end. Each change is audited. */
export async function changeClock({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: ExerciseClockRequest;
}): Promise<Exercise> {
  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockExercise(tx, id);
    if (!row) throw notFound(id);
    const wall = at.getTime();
    const clock = row.clock;
    const patch: Partial<ExerciseRow> = { updatedAt: at };
    const refuse = (message: string) => {
      throw new DomainError('conflict', `${id} is ${row.status}: ${message}`, { details: { field: 'action' } });
    };
    switch (input.action) {
      case 'start': {
        if (row.status !== 'ready') refuse('it has started already');
        const speed = input.speed ?? row.speed;
        patch.clock = [{ wallMs: wall, drillMs: 0, speed }];
        patch.speed = speed;
        patch.status = 'running';
        patch.startedAt = at;
        break;
      }
      case 'pause':
        if (row.status !== 'running') refuse('only a running drill can pause');
        patch.clock = changeSpeed(clock, wall, 0);
        patch.status = 'paused';
        break;
      case 'resume': {
        if (row.status !== 'paused') refuse('only a paused drill can resume');
        patch.clock = changeSpeed(clock, wall, input.speed ?? row.speed);
        patch.status = 'running';
        break;
      }
      case 'speed':
        if (row.status === 'ended' || row.status === 'ready') refuse('start it first');
        // A paused drill keeps its pause; the new speed applies when it resumes.
        if (row.status === 'running') patch.clock = changeSpeed(clock, wall, input.speed!);
        patch.speed = input.speed!;
        break;
      case 'end': {
        if (row.status === 'ended') refuse('it has ended already');
        patch.clock = row.status === 'ready' ? clock : changeSpeed(clock, wall, 0);
        patch.status = 'ended';
        patch.endedAt = at;
        break;
      }
    }
    await updateExercise(tx, id, patch);
    const after = { ...row, ...patch } as ExerciseRow;
    if (input.action === 'end') {
      const card = await scorecardOf(tx, after, at);
      await updateExercise(tx, id, { scorecard: { ...card }, passed: card.passed });
    }
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: `exercise.${input.action}`,
      subject: id,
      payload: {
        reason: input.reason ?? null,
        speed: currentSpeed(after.clock),
        drillMs: Math.round(drillTimeAt(after.clock, wall)),
      },
    });
  });
  ctx.events.publish({ type: 'exercise', exerciseId: id });
  return getExercise({ ctx, id });
}

/** Releases an inject now (early, or one the scenario leaves to the facilitator). */
export async function releaseInject({
  ctx,
  id,
  inject,
  input,
}: {
  ctx: Ctx;
  id: string;
  inject: string;
  input: ReleaseInjectRequest;
}): Promise<Exercise> {
  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const row = await lockExercise(tx, id);
    if (!row) throw notFound(id);
    if (row.status === 'ended' || row.status === 'ready')
      throw new DomainError('conflict', `${id} is ${row.status}: injects are released while it runs`, {
        details: { field: 'inject' },
      });
    const state = row.injects.find((item) => item.id === inject);
    if (!state) throw invalid('inject', `${id} has no inject ${inject}`);
    if (state.releasedAt) throw new DomainError('conflict', `${inject} was released at ${state.releasedAt}`);
    const drillMs = Math.round(drillTimeAt(row.clock, at.getTime()));
    await releaseInjects(tx, row, [inject], drillMs, at, ctx.actor.name, input.note ?? null);
  });
  ctx.events.publish({ type: 'exercise', exerciseId: id });
  return getExercise({ ctx, id });
}

/** Marks injects released and audits it; used by the facilitator and by the drill clock. */
export async function releaseInjects(
  tx: Tx,
  row: ExerciseRow,
  ids: readonly string[],
  drillMs: number,
  at: Date,
  actor: string,
  note: string | null,
): Promise<void> {
  const injects = row.injects.map((item) =>
    ids.includes(item.id) && !item.releasedAt
      ? { ...item, releasedMs: drillMs, releasedAt: at.toISOString(), releasedBy: actor }
      : item,
  );
  await updateExercise(tx, row.id, { injects, updatedAt: at });
  for (const inject of ids)
    await appendAudit(tx, {
      at,
      actor,
      action: 'exercise.inject_released',
      subject: row.id,
      payload: { inject, drillMs, note },
    });
}

/**
 * The hotwash: what went well and what to improve, each improvement optionally a corrective
 * action on the drill's incident, tracked and verified like any other (and aimed at the real
 * system, since that is what the drill found wanting).
 */
export async function hotwash({ ctx, id, input }: { ctx: Ctx; id: string; input: HotwashRequest }): Promise<Exercise> {
  const at = ctx.now();
  const row = await findExercise(ctx.db, id);
  if (!row) throw notFound(id);
  if (row.status !== 'ended')
    throw new DomainError('conflict', `${id} is ${row.status}: the hotwash follows the end of the drill`, {
      details: { field: 'status' },
    });
  if (row.hotwash) throw new DomainError('conflict', `${id} had its hotwash already`);
  const [incident] = await exerciseIncidents(ctx.db, id);
  if (!incident && input.findings.some((finding) => finding.action))
    throw invalid(
      'findings',
      `${id} has no incident to file actions on: declare one during the drill, or record findings without actions`,
    );
  await ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const findings = [];
    for (const finding of input.findings) {
      let actionId: string | null = null;
      if (finding.action && incident) {
        const action = await addAction({
          ctx: txCtx,
          id: incident.id,
          input: {
            title: finding.action.title,
            description: `From the hotwash of drill ${id} (${row.scenarioId}): ${finding.observation}`,
            type: 'corrective',
            category: 'process',
            priority: 'medium',
            systems: [row.system],
            ...(finding.action.owner ? { owner: finding.action.owner } : {}),
            ...(finding.action.dueAt ? { dueAt: finding.action.dueAt } : {}),
          },
        });
        actionId = action.id;
      }
      findings.push({ ...finding, actionId });
    }
    const record = { at: at.toISOString(), by: ctx.actor.name, findings };
    await updateExercise(tx, id, { hotwash: record, updatedAt: at });
    await appendAudit(tx, { at, actor: ctx.actor.name, action: 'exercise.hotwash', subject: id, payload: record });
  });
  ctx.events.publish({ type: 'exercise', exerciseId: id });
  return getExercise({ ctx, id });
}

export async function getExercise({ ctx, id }: { ctx: Ctx; id: string }): Promise<Exercise> {
  const row = await findExercise(ctx.db, id);
  if (!row) throw notFound(id);
  return presentExercise(ctx.db, row, ctx.now());
}

export async function listExercises({ ctx, query }: { ctx: Ctx; query: ExerciseListQuery }): Promise<ExerciseList> {
  const rows = await listExerciseRows(ctx.db, query);
  const now = ctx.now();
  const exercises: Exercise[] = [];
  for (const row of rows) exercises.push(await presentExercise(ctx.db, row, now));
  return { exercises };
}

function notFound(id: string): DomainError {
  return new DomainError('not_found', `drill ${id} not found`, { details: { id } });
}

function scenarioOf(row: ExerciseRow): Scenario {
  return row.scenario;
}

/** What the drill's own record shows, on the drill clock: the input of the scorecard. */
export async function observe(tx: Tx, row: ExerciseRow, now: Date): Promise<DrillObservation> {
  const scenario = scenarioOf(row);
  const toDrill = (at: Date | string) => Math.round(drillTimeAt(row.clock, new Date(at).getTime()));
  const onsetMs = row.mode === 'live_fire' ? durationMs(scenario.telemetry.onset) : 0;
  const ended = row.endedAt ?? now;
  const observation: DrillObservation = {
    onsetMs,
    controlsChanged: [],
    statusUpdatesMs: [],
    evidenceCount: 0,
    decisionsCount: 0,
    endedMs: toDrill(ended),
    finished: row.status === 'ended',
    tabletop: row.mode === 'tabletop',
  };
  const alertAt = await firstExerciseAlert(tx, row.spaceSystem);
  // The exercise space's telemetry, and so its alerts, are stamped on the drill clock.
  const start = row.clock[0]?.wallMs;
  if (alertAt && start !== undefined) observation.firstAlertMs = alertAt.getTime() - start;
  const [incident] = await exerciseIncidents(tx, row.id);
  if (incident) {
    const timeline = await readTimeline(tx, incident.id);
    const metrics = deriveResponseMetrics(timeline);
    observation.declaredMs = toDrill(incident.declaredAt);
    if (metrics.acknowledgedAt) observation.acknowledgedMs = toDrill(metrics.acknowledgedAt);
    if (metrics.containedAt) observation.containedMs = toDrill(metrics.containedAt);
    let type: { value: string; at: string } | undefined;
    let severity: { value: string; at: string } | undefined;
    for (const entry of timeline) {
      const payload = (entry.payload ?? {}) as Record<string, unknown>;
      if (entry.kind === 'declared') {
        type = { value: String(payload.type), at: entry.at };
        severity = { value: String(payload.severity), at: entry.at };
      }
      if (entry.kind === 'type_changed' && typeof payload.to === 'string' && payload.to !== type?.value)
        type = { value: payload.to, at: entry.at };
      if (entry.kind === 'severity_changed' && typeof payload.to === 'string' && payload.to !== severity?.value)
        severity = { value: payload.to, at: entry.at };
      if (entry.kind === 'status_update_posted') observation.statusUpdatesMs.push(toDrill(entry.at));
      if (entry.kind === 'evidence_added') observation.evidenceCount += 1;
      if (entry.kind === 'decision_logged') observation.decisionsCount += 1;
    }
    if (type) {
      observation.type = type.value as IncidentType;
      observation.typeSetMs = toDrill(type.at);
    }
    if (severity) {
      observation.severity = severity.value as Severity;
      observation.severitySetMs = toDrill(severity.at);
    }
  }
  const controls = await spaceControls(tx, row.id);
  const kinds = new Map(controls.map((control) => [control.key, control.kind]));
  for (const change of await controlChangesOf(
    tx,
    controls.map((control) => control.key),
  )) {
    if (change.action === 'created' || change.action === 'defined') continue;
    const kind = containmentChoice(kinds.get(change.key), change.action);
    if (kind) observation.controlsChanged.push({ kind, atMs: toDrill(change.at) });
  }
  return observation;
}

/** The scenario's word for a control change: the control's kind, or the action when it names a containment (rollback). */
function containmentChoice(kind: string | undefined, action: string): ContainmentChoice | undefined {
  if (action.startsWith('preset')) return 'preset';
  return CONTAINMENT_CHOICES.find((choice) => choice === kind);
}

async function scorecardOf(tx: Tx, row: ExerciseRow, now: Date) {
  return scoreDrill(scenarioOf(row).expected, await observe(tx, row, now));
}

function triggerText(inject: Scenario['injects'][number]): string {
  if (inject.at !== undefined) return `at ${inject.at}`;
  const when = inject.when!;
  return when.delay ? `${when.delay} after ${when.after}` : `on ${when.after}`;
}

export async function presentExercise(tx: Tx, row: ExerciseRow, now: Date): Promise<Exercise> {
  const scenario = scenarioOf(row);
  const card = row.status === 'ended' && row.scorecard ? row.scorecard : await scorecardOf(tx, row, now);
  const incidents = await exerciseIncidents(tx, row.id);
  const controls = await spaceControls(tx, row.id);
  const injects: ExerciseInject[] = scenario.injects.map((inject) => {
    const state = row.injects.find((item) => item.id === inject.id);
    return {
      id: inject.id,
      title: inject.title,
      body: inject.body,
      audience: inject.audience ?? null,
      trigger: triggerText(inject),
      dueMs: state?.dueMs ?? null,
      releasedMs: state?.releasedMs ?? null,
      releasedAt: state?.releasedAt ?? null,
      releasedBy: state?.releasedBy ?? null,
    };
  });
  const started = row.startedAt !== null;
  return {
    id: row.id,
    scenario: {
      id: scenario.id,
      title: scenario.title,
      summary: scenario.summary,
      kind: scenario.kind,
      background: scenario.background,
      objectives: scenario.objectives,
      constraints: scenario.constraints.map(({ kind, description }) => ({ kind, description })),
      roles: scenario.roles,
      expected: { ...scenario.expected },
    },
    mode: row.mode as Exercise['mode'],
    status: row.status as Exercise['status'],
    team: row.team,
    facilitator: row.facilitator,
    system: row.system,
    space: { system: row.spaceSystem, controls: controls.map((control) => control.key) },
    channel: row.channel,
    replayOf: row.replayOf,
    clock: {
      startedAt: row.startedAt?.toISOString() ?? null,
      nowMs: started ? Math.round(drillTimeAt(row.clock, (row.endedAt ?? now).getTime())) : 0,
      speed: row.status === 'running' ? currentSpeed(row.clock) : row.speed,
      onsetMs: row.mode === 'live_fire' ? durationMs(scenario.telemetry.onset) : null,
      durationMs: durationMs(scenario.telemetry.duration),
      fedUntilMs: Math.max(0, row.fedUntil),
    },
    injects,
    incidents: incidents.map((incident) => incident.id),
    scorecard: card as Exercise['scorecard'],
    hotwash: (row.hotwash as Exercise['hotwash']) ?? null,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    endedAt: row.endedAt?.toISOString() ?? null,
  };
}

/** The drill report: an after-action report and improvement plan, from the drill's own record. */
export async function exerciseReport({ ctx, id }: { ctx: Ctx; id: string }): Promise<ExerciseReport> {
  const exercise = await getExercise({ ctx, id });
  return { id, markdown: drillReportMarkdown(exercise) };
}
