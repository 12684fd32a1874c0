import type { TelemetryEvent } from '@firebreak/contract';
import { drillTimeAt, durationMs, type Scenario } from '@firebreak/core';
import { type GenerateOptions, generateTelemetry } from '@firebreak/detection';
import type { Logger } from 'pino';
import type { Db } from '../db/connect';
import type { EventBus } from '../events/bus';
import type { TelemetryLog } from '../telemetry/log';
import { appendTelemetry } from '../telemetry/store';
import { recordingOf } from './replay';
import { observe, releaseInjects } from './service';
import { type ExerciseRow, liveExercises, spaceControlStates, updateExercise } from './store';

/** At most this much warm-up (event time) is generated per tick, so a tick stays short. */
const WARMUP_CHUNK_MS = 6 * 3_600_000;
/** At most this much wall time of live telemetry per tick (after a stall, the rest follows next tick). */
const LIVE_CHUNK_MS = 60_000;
const RUNNER = 'firebreak (drill clock)';

/**
 * Runs the drills whose clock is going (ADR 37). For a live-fire drill it plays the synthetic
 * app: it feeds the scenario's telemetry into the durable log under the exercise space's system,
 * so the real monitors meet it as they would production's. First the healthy warm-up (days of
 * event time before the start, as fast as the log takes it), then, tick by tick, the events of
 * the drill time that passed, stamped on the drill clock: at ×10 the exercise space's event time
 * runs ahead of the wall clock, so its monitors' windows pass ten times as fast, and a paused
 * clock freezes the app with it. The app obeys the space's controls: a kill switch turned off silences it, and
 * any other containment returns it to healthy. It also releases injects as they fall due.
 */
export class ExerciseRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /**
   * Stretches appended to the stream whose transaction has not committed yet, by exercise: a
   * retry feeds the same stretch under the same key, so the stream drops it as a duplicate. Only
   * within the stream's duplicate window (2 minutes): a database down for longer gets the
   * stretch stored twice, and a process that restarts meanwhile forgets the stretch.
   */
  private readonly unsettled = new Map<ExerciseRow['id'], Stretch>();

  constructor(
    private readonly options: {
      db: Db;
      log: Logger;
      events: Pick<EventBus, 'publish'>;
      now: () => Date;
      tickMs?: number;
      /**
       * Where the drill's telemetry goes: the telemetry_batches table unless given. With API
       * replicas and detection workers apart (ADR 42) it is the JetStream log the workers read, or
       * no monitor would ever see a drill.
       */
      telemetryLog?: TelemetryLog | undefined;
    },
  ) {}

  start(): () => Promise<void> {
    this.timer = setInterval(() => {
      this.running ??= this.tick()
        .catch((error: unknown) => this.options.log.error({ err: error }, 'drill runner tick failed'))
        .finally(() => {
          this.running = undefined;
        });
    }, this.options.tickMs ?? 500);
    this.timer.unref();
    return async () => {
      clearInterval(this.timer);
      await this.running;
    };
  }

  /** One pass over the drills that run: feed what is due, release what is due. */
  async tick(): Promise<void> {
    const now = this.options.now();
    const rows = await liveExercises(this.options.db);
    // A drill that stopped while a stretch was unsettled has nothing to retry.
    const live = new Set(rows.map((row) => row.id));
    for (const id of this.unsettled.keys()) if (!live.has(id)) this.unsettled.delete(id);
    for (const row of rows) {
      const changed = await this.options.db.transaction(async (tx) => {
        let fed = false;
        if (row.mode === 'live_fire') fed = await feed(tx, row, now, this.options.telemetryLog, this.unsettled);
        const released = await releaseDue(tx, row, now);
        return fed || released;
      });
      this.unsettled.delete(row.id);
      if (changed) this.options.events.publish({ type: 'exercise', exerciseId: row.id });
    }
  }
}

/** Feeds the telemetry that is due; returns whether anything was written. */
async function feed(
  tx: Parameters<typeof appendTelemetry>[0],
  row: ExerciseRow,
  now: Date,
  log: TelemetryLog | undefined,
  unsettled: Map<ExerciseRow['id'], Stretch>,
): Promise<boolean> {
  const scenario = row.scenario;
  const start = row.clock[0]?.wallMs;
  if (start === undefined) return false;
  const fedUntil = Math.max(row.fedUntil, start - durationMs(scenario.telemetry.warmup));
  const nowMs = now.getTime();
  let events: TelemetryEvent[];
  let until: number;
  if (fedUntil < start) {
    // The warm-up: healthy history before the start, stamped in the past.
    until = Math.min(start, fedUntil + WARMUP_CHUNK_MS);
    const recorded = await source(tx, row);
    events = recorded(scenario, {
      fromMs: fedUntil - start,
      toMs: until - start,
      originMs: start,
      seed: row.number,
    }).map((event) => ({ ...event, system: row.spaceSystem }) as TelemetryEvent);
  } else {
    const retried = unsettled.get(row.id);
    until = retried?.from === fedUntil ? retried.until : Math.min(nowMs, fedUntil + LIVE_CHUNK_MS);
    if (until <= fedUntil) return false;
    const { controls, changed: contained } = await spaceControlStates(tx, row.id, new Date(start));
    const silenced = controls.some((c) => c.state.kind === 'kill_switch' && !c.state.enabled);
    // A replay has no healthy model to return to: once contained, the recording stops.
    const stopped = silenced || (contained && row.replay !== null);
    events = stopped ? [] : live(row, await source(tx, row), contained ? healthy(scenario) : scenario, fedUntil, until);
  }
  if (events.length > 0) {
    // The stream's append is durable when it returns; should this transaction then fail, the
    // next tick feeds the same stretch again under the same key, and the stream drops it as a
    // duplicate, so a detector never counts a drill's events twice.
    if (log) {
      unsettled.set(row.id, { from: fedUntil, until });
      await log.append(
        events,
        events.map((event) => JSON.stringify(event)),
        now,
        tx,
        `drill-${row.id}-${fedUntil}-${until}`,
      );
    } else await appendTelemetry(tx, events, now);
  }
  await updateExercise(tx, row.id, { fedUntil: until });
  return events.length > 0;
}

/** Drill time fed in one append: from `from` (inclusive) to `until` (exclusive), epoch ms. */
interface Stretch {
  from: number;
  until: number;
}

type Source = (scenario: Scenario, options: GenerateOptions) => TelemetryEvent[];

/**
 * Where a drill's events come from: the scenario's generator, or a replayed incident's
 * recording, restamped so recorded time `recordedStartMs + t` reads as drill time t.
 */
async function source(tx: Parameters<typeof appendTelemetry>[0], row: ExerciseRow): Promise<Source> {
  const replay = row.replay;
  if (!replay) return (scenario, options) => generateTelemetry(scenario, options) as TelemetryEvent[];
  const recording = await recordingOf(tx, replay);
  return (_scenario, options) => {
    const from = replay.recordedStartMs + options.fromMs;
    const to = replay.recordedStartMs + options.toMs;
    const out: TelemetryEvent[] = [];
    for (const event of recording) {
      const at = Date.parse(event.ts);
      if (at < from || at >= to) continue;
      const ts = new Date(options.originMs + (at - replay.recordedStartMs)).toISOString();
      out.push({ ...event, ...(event.id ? { id: `${row.id}:${event.id}` } : {}), ts });
    }
    return out;
  };
}

/** The scenario with its failure removed: what the app emits once contained. */
function healthy(scenario: Scenario): Scenario {
  return { ...scenario, telemetry: { ...scenario.telemetry, onset: '1000d' } };
}

/**
 * The live events of wall time [from, to): the scenario's events of the drill time that passed
 * meanwhile, stamped on the drill clock (start + drill time). A paused clock passes no drill
 * time, so the app is frozen with it; a clock at ×10 sends ten minutes of scenario a minute.
 */
function live(row: ExerciseRow, generate: Source, scenario: Scenario, from: number, to: number): TelemetryEvent[] {
  const start = row.clock[0]!.wallMs;
  const fromMs = drillTimeAt(row.clock, from);
  const toMs = drillTimeAt(row.clock, to);
  if (!(toMs > fromMs)) return [];
  // The app keeps serving until the facilitator ends the drill, past the scenario's duration.
  const endless = { ...scenario, telemetry: { ...scenario.telemetry, duration: '1000d' } };
  return generate(endless, { fromMs, toMs, originMs: start, seed: row.number }).map(
    (event) => ({ ...event, system: row.spaceSystem }) as TelemetryEvent,
  );
}

/** Releases the injects that have fallen due on the drill clock; returns whether any was. */
async function releaseDue(tx: Parameters<typeof appendTelemetry>[0], row: ExerciseRow, now: Date): Promise<boolean> {
  if (row.status !== 'running') return false;
  const drillNow = Math.round(drillTimeAt(row.clock, now.getTime()));
  const pending = row.scenario.injects.filter(
    (inject) => !row.injects.find((state) => state.id === inject.id)?.releasedAt,
  );
  if (pending.length === 0) return false;
  const observed = pending.some((inject) => inject.when) ? await observe(tx, row, now) : undefined;
  const moments: Record<string, number | undefined> = {
    declared: observed?.declaredMs,
    acknowledged: observed?.acknowledgedMs,
    alert: observed?.firstAlertMs,
    contained: observed?.containedMs,
    status_update: observed?.statusUpdatesMs[0],
  };
  const due: string[] = [];
  let injects = row.injects;
  for (const inject of pending) {
    let dueMs: number | undefined;
    if (inject.at !== undefined) dueMs = durationMs(inject.at);
    else if (inject.when) {
      const moment = moments[inject.when.after];
      if (moment !== undefined) dueMs = moment + (inject.when.delay ? durationMs(inject.when.delay) : 0);
    }
    if (dueMs === undefined) continue;
    const known = dueMs;
    injects = injects.map((state) =>
      state.id === inject.id && state.dueMs === null ? { ...state, dueMs: known } : state,
    );
    if (known <= drillNow) due.push(inject.id);
  }
  if (injects !== row.injects) await updateExercise(tx, row.id, { injects });
  if (due.length === 0) return injects !== row.injects;
  await releaseInjects(tx, { ...row, injects }, due, drillNow, now, RUNNER, null);
  return true;
}
