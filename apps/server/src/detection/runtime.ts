import { type ResolvedAlertBudget, resolveAlertBudget, SystemCard } from '@firebreak/contract';
import {
  type AlertEvent,
  advance,
  configure,
  createEngine,
  type EngineOptions,
  type EngineState,
  type HistoryPoint,
  ingest,
  type MonitorStatus,
  monitorStatus,
  monitorsOf,
  type TelemetryEvent,
  tune,
} from '@firebreak/detection';
import type { Logger } from 'pino';
import { alertChanged } from '../alerts/presenter';
import { activeSuppression, findAlert, firingAlert, insertOpenedAlert, updateAlert } from '../alerts/store';
import { latestTunings, type TuningRow, tuningsAfter } from '../alerts/tuning-store';
import type { Ctx } from '../context';
import type { Db, Tx } from '../db/connect';
import type { EventBus, FirebreakEvent } from '../events/bus';
import { triageAlert } from '../flows/triage-to-incident';
import type { NotifyConfig } from '../notifications/plan';
import { queueAlertNotifications } from '../notifications/plan-alert';
import type { DetectionLag, Metrics } from '../observability/metrics';
import { listSystems } from '../systems/store';
import type { LogBatch } from '../telemetry/log';
import { readTelemetryRows, telemetryBehind } from '../telemetry/store';
import { listRules } from '../triage/rules-store';
import { FencedError } from './partition-store';
import { loadSnapshot, saveSnapshot } from './snapshot-store';

/**
 * The log a runtime follows: `telemetry_batches` in the embedded mode, one partition of the
 * JetStream stream in a worker (ADR 42). `read` returns the batches after `offset`, oldest first.
 */
export interface DetectionSource {
  read(
    offset: number,
    limit: number,
    maxEvents: number,
  ): Promise<Array<Pick<LogBatch, 'seq' | 'events'> & Partial<LogBatch>>>;
  behind(offset: number): Promise<{ events: number; oldest: Date | null }>;
}

/**
 * Where the engine's state and the offset it covers are kept. `save` runs in the transaction
 * that records the alerts the state produced; `consumed` are the batches read since the last
 * save (a worker archives them there). A save that throws rolls the alerts back with it.
 */
export interface DetectionCheckpoint {
  load(db: Db): Promise<{ state: EngineState; offset: number } | undefined>;
  save(tx: Tx, state: EngineState, offset: number, at: Date, consumed: readonly LogBatch[]): Promise<void>;
  /** True when `save` needs the batches read (the runtime keeps them until the next save). */
  readonly keepsBatches?: boolean;
}

/** The embedded mode's log: the `telemetry_batches` table. */
export function tableSource(db: Db): DetectionSource {
  return {
    read: (offset, limit, maxEvents) => readTelemetryRows(db, offset, limit, maxEvents),
    behind: (offset) => telemetryBehind(db, offset),
  };
}

/** The embedded mode's checkpoint: the one `engine` row of `detection_snapshots`. */
export const tableCheckpoint: DetectionCheckpoint = {
  load: (db) => loadSnapshot(db),
  save: (tx, state, offset, at) => saveSnapshot(tx, state, offset, at),
};

/** Batches kept for the next save past this many bytes of JSON force that save early. */
const KEPT_BYTES_LIMIT = 8 * 1024 * 1024;

export interface RuntimeOptions {
  db: Db;
  log: Logger;
  events: EventBus;
  now: () => Date;
  /** Telemetry batches (as accepted by ingest) read per step (default 20). */
  batchSize?: number;
  /** How often the engine state is saved when nothing alerts (default 10 s). */
  snapshotEveryMs?: number;
  /** Event time a window stays open for late events, past the wall clock (default 30 s). */
  latenessMs?: number;
  /** Poll interval of the durable log (default 250 ms). */
  pollMs?: number;
  /** Where notification links point and which channels deliver: incidents a rule declares notify people. */
  notify?: NotifyConfig | undefined;
  /** Where alerts opened are counted (`GET /metrics`). */
  metrics?: Pick<Metrics, 'alertsOpened'>;
  /** The log followed (the `telemetry_batches` table unless given). */
  source?: DetectionSource;
  /** Where the engine state is checkpointed (the `engine` snapshot row unless given). */
  checkpoint?: DetectionCheckpoint;
  /** Only these systems are configured in this engine (a partition's); all when absent. */
  owns?: (system: string) => boolean;
  /** Told once when a checkpoint was refused because another worker holds the partition now. */
  onFenced?: (error: FencedError) => void;
  /**
   * Told when a step failed for another reason. Without it the runtime reloads its checkpoint and
   * reads the log again from there; a source that cannot go back (a worker's stream reader) must
   * instead give the partition up and take it again from its last checkpoint.
   */
  onFailed?: (error: unknown) => void;
}

/**
 * Runs the monitors over the durable telemetry log: reads what was acknowledged since its
 * offset, feeds the engine, records alerts and applies triage rules, and snapshots the engine
 * with the offset it covers. After a crash it resumes from the last snapshot and replays the
 * log from there, so nothing acknowledged goes unexamined; alerts are idempotent on replay.
 */
export class DetectionRuntime {
  private engine: EngineState = createEngine([]);
  private offset = 0;
  private cardRevisions = new Map<string, number>();
  private owners = new Map<string, string>();
  private runbooks = new Map<string, string>();
  /** The drill each exercise-space system belongs to. */
  private drills = new Map<string, string>();
  private budgets = new Map<string, ResolvedAlertBudget>();
  /** The last tuning log entry applied to the engine. */
  private tuningSeq = 0;
  private lastSnapshot = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  /** Consecutive failed steps: the retry waits double with each, to at most 30 s. */
  private failures = 0;
  /**
   * Set when a step failed after the engine had already read its events (or closed windows):
   * the engine in memory is then ahead of what was committed, and its alerts were never recorded.
   * The next step reloads the last checkpoint and reads the log again from there.
   */
  private dirty = false;
  private snapshotLoaded = false;
  private readonly source: DetectionSource;
  private readonly checkpoint: DetectionCheckpoint;
  /** Batches read since the last save, for a checkpoint that archives them. */
  private kept: LogBatch[] = [];
  private readTotal = 0;
  private keptBytes = 0;

  constructor(private readonly options: RuntimeOptions) {
    this.source = options.source ?? tableSource(options.db);
    this.checkpoint = options.checkpoint ?? tableCheckpoint;
  }

  async load(): Promise<void> {
    const snapshot = await this.checkpoint.load(this.options.db);
    if (snapshot) {
      this.engine = snapshot.state;
      this.offset = snapshot.offset;
    }
    await this.restoreTunings();
    this.snapshotLoaded = true;
  }

  /** True once the snapshot and the tunings are loaded: what `GET /readyz` asks of detection. */
  get loaded(): boolean {
    return this.snapshotLoaded;
  }

  /** How far this runtime is behind the durable log now (the lag gauges of `GET /metrics`). */
  async lag(): Promise<DetectionLag> {
    const behind = await this.source.behind(this.offset);
    const seconds = behind.oldest ? Math.max(0, (this.options.now().getTime() - behind.oldest.getTime()) / 1000) : 0;
    return { events: behind.events, seconds };
  }

  /**
   * Makes the engine hold exactly the tunings the log holds: a snapshot saved before a
   * dismissal (or a revert) committed would otherwise lose it on restart.
   */
  private async restoreTunings(): Promise<void> {
    const latest = await latestTunings(this.options.db);
    const logged = new Set(latest.map((row) => row.fingerprint));
    for (const fingerprint of Object.keys(this.engine.tuning ?? {}))
      if (!logged.has(fingerprint)) tune(this.engine, fingerprint, 0);
    this.applyTunings(latest);
  }

  private applyTunings(rows: readonly TuningRow[]): void {
    for (const row of rows) {
      tune(this.engine, row.fingerprint, row.steps);
      this.tuningSeq = Math.max(this.tuningSeq, row.seq);
    }
  }

  /**
   * Applies a dismissal's lesson (or its revert) at once; the log stays the truth, read again on
   * every step. Idempotent: the steps are set, not added.
   */
  tune(fingerprint: string, steps: number): void {
    tune(this.engine, fingerprint, steps);
  }

  /** Where each monitor of a system stands in the live engine. */
  monitorStatus(system: string): MonitorStatus[] {
    return monitorStatus(this.engine, system);
  }

  /** Loads the snapshot and starts following the log. */
  async start(): Promise<void> {
    await this.load();
    this.stopped = false;
    this.schedule(0);
  }

  /**
   * Stops following the log and saves the engine state, unless the last step failed: the engine
   * in memory is then past events whose alerts were never recorded, and saving it would lose them
   * for good. The next start reads again from the last checkpoint instead.
   */
  async stop(): Promise<void> {
    await this.halt();
    if (this.dirty) {
      this.takeKept();
      this.options.log.warn({ offset: this.offset }, 'detection stopped after a failed step: last checkpoint kept');
      return;
    }
    const consumed = this.takeKept();
    await this.options.db.transaction((tx) =>
      this.checkpoint.save(tx, this.engine, this.offset, this.options.now(), consumed),
    );
  }

  /** Stops following the log without saving: what a worker does with a partition it lost. */
  async halt(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private takeKept(): LogBatch[] {
    const kept = this.kept;
    this.kept = [];
    this.keptBytes = 0;
    return kept;
  }

  /** Processes everything in the log now (tests and replays call this directly). Returns events read. */
  async catchUp(): Promise<number> {
    let total = 0;
    for (;;) {
      const read = await this.guarded(() => this.step());
      total += read;
      if (read === 0) return total;
    }
  }

  /**
   * Runs a step that moves the engine; if it fails, the engine is marked to be reloaded from the
   * last checkpoint before the next one, so what it read is read again and its alerts recorded.
   */
  private async guarded<T>(work: () => Promise<T>): Promise<T> {
    await this.rewindIfDirty();
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof FencedError)) this.dirty = true;
      throw error;
    }
  }

  private async rewindIfDirty(): Promise<void> {
    if (!this.dirty) return;
    this.takeKept();
    this.cardRevisions.clear();
    this.engine = createEngine([]);
    this.offset = 0;
    await this.load();
    this.dirty = false;
    this.options.log.warn({ offset: this.offset }, 'detection reloaded its last checkpoint after a failed step');
  }

  /** Ask for a step soon (the ingest route calls this after accepting telemetry). */
  wake(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  get position(): number {
    return this.offset;
  }

  /** Events this runtime has fed its engine since it was made (a replay after a takeover counts again). */
  get eventsRead(): number {
    return this.readTotal;
  }

  /**
   * The closed windows the engine holds for a series (keyed by the alert fingerprint,
   * `system|monitor|segmentKey=value`), for charts that go on past the window that decided.
   * The engine's own array: copy it before the next await.
   */
  historyOf(fingerprint: string): readonly HistoryPoint[] | undefined {
    return this.engine.series[fingerprint]?.history;
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.catchUp()
        .then(() => this.guarded(() => this.closeWindowsByWallClock()))
        .then(() => {
          this.failures = 0;
        })
        .catch((error: unknown) => {
          if (error instanceof FencedError) {
            this.stopped = true;
            this.options.log.warn({ partition: error.partition, epoch: error.epoch }, error.message);
            this.options.onFenced?.(error);
            return;
          }
          this.failures += 1;
          this.options.log.error({ err: error, failures: this.failures }, 'detection step failed; will retry');
          this.options.onFailed?.(error);
        })
        .finally(() => {
          this.running = undefined;
          const poll = this.options.pollMs ?? 250;
          if (!this.stopped) this.schedule(this.failures === 0 ? poll : Math.min(30_000, poll * 2 ** this.failures));
        });
    }, delay);
    this.timer.unref?.();
  }

  private async step(): Promise<number> {
    await this.refreshMonitors();
    // At most 20 rows of the log (each at most 1 MiB of JSON) and 20,000 events per step.
    const batches = await this.source.read(this.offset, this.options.batchSize ?? 20, 20_000);
    if (batches.length === 0) return 0;
    if (this.checkpoint.keepsBatches)
      for (const batch of batches) {
        this.kept.push({
          seq: batch.seq,
          events: batch.events,
          count: batch.count ?? 0,
          systems: batch.systems ?? [],
          receivedAt: batch.receivedAt ?? this.options.now(),
        });
        this.keptBytes += batch.events.length;
      }
    // Each row is parsed as the engine reaches it and dropped once read: the step's 20,000
    // events are never all alive at once, so they die young instead of being copied into the
    // old generation (about a tenth of detection's CPU on the throughput bench). Rows are our
    // own JSON.stringify output; a row that would not parse fails the step as before, but after
    // the engine has read the rows ahead of it in that step.
    let read = 0;
    function* events(): Generator<TelemetryEvent> {
      for (const batch of batches) {
        const parsed = JSON.parse(batch.events) as TelemetryEvent[];
        read += parsed.length;
        yield* parsed;
      }
    }
    const alerts = ingest(this.engine, events(), this.engineOptions());
    this.offset = batches.at(-1)!.seq;
    this.readTotal += read;
    await this.persist(alerts);
    return read;
  }

  /**
   * Windows close as the wall clock passes them, so a quiet stream still gets judged. A drill's
   * exercise space is left to its own events: its warm-up arrives stamped days back, in several
   * steps, and must not find its windows closed under it (ADR 37).
   */
  private async closeWindowsByWallClock(): Promise<void> {
    const until = this.options.now().getTime() - (this.options.latenessMs ?? 30_000);
    const alerts: AlertEvent[] = [];
    for (const system of Object.keys(this.engine.systems))
      if (!this.drills.has(system)) advance(this.engine, system, until, this.engineOptions(), alerts);
    await this.persist(alerts);
  }

  private engineOptions(): EngineOptions {
    return {
      defaultOwner: 'unassigned',
      ownerOf: (system: string) => this.owners.get(system),
      runbookOf: (system: string) => this.runbooks.get(system),
      budgetOf: (system: string) => this.budgets.get(system),
    };
  }

  private async persist(alerts: AlertEvent[]): Promise<void> {
    const now = this.options.now();
    const due =
      now.getTime() - this.lastSnapshot >= (this.options.snapshotEveryMs ?? 10_000) ||
      this.keptBytes >= KEPT_BYTES_LIMIT;
    if (alerts.length === 0 && !due) return;
    const published: FirebreakEvent[] = [];
    const rules = alerts.length > 0 ? await listRules(this.options.db) : [];
    const opened: string[] = [];
    const consumed = this.kept;
    await this.options.db.transaction(async (tx) => {
      const ctx: Ctx = {
        db: tx,
        actor: { name: 'firebreak', role: 'responder', tokenId: null },
        now: this.options.now,
        log: this.options.log,
        requestId: 'detection',
        events: { publish: (event) => published.push(event) },
        notify: this.options.notify,
      };
      for (const alert of alerts) await this.record(ctx, tx, alert, rules, opened);
      // The snapshot commits with the alerts it produced, so a replay never raises them twice.
      await this.checkpoint.save(tx, this.engine, this.offset, now, consumed);
    });
    // Only what this save covered: reads cannot happen while it ran (one step at a time).
    this.takeKept();
    this.lastSnapshot = now.getTime();
    // Counted once committed: a step that rolls back and is replayed counts its alerts once.
    for (const level of opened) this.options.metrics?.alertsOpened.inc({ level });
    for (const event of published) this.options.events.publish(event);
  }

  private async record(
    ctx: Ctx,
    tx: Tx,
    event: AlertEvent,
    rules: Awaited<ReturnType<typeof listRules>>,
    opened: string[],
  ): Promise<void> {
    const at = new Date(event.at);
    if (event.transition === 'opened') {
      const suppressedUntil = await activeSuppression(tx, event.fingerprint, at);
      const row = await insertOpenedAlert(tx, event, suppressedUntil, this.drills.get(event.system) ?? null);
      this.options.log.info({ alert: row?.id, fingerprint: event.fingerprint, level: event.level }, 'alert opened');
      if (row) opened.push(event.level);
      if (row && !suppressedUntil) await this.triage(ctx, tx, row, rules);
      // Read again: a rule may have put it on an incident.
      const recorded = row && (await findAlert(tx, row.id));
      if (!recorded) return;
      // One no rule put on an incident reaches people by the matrix's alert rows.
      await queueAlertNotifications(tx, ctx.notify, recorded, 'raised', at);
      ctx.events.publish(alertChanged(recorded, 'opened'));
      return;
    }
    const firing = await firingAlert(tx, event.fingerprint);
    if (!firing) return;
    if (event.transition === 'escalated') {
      const row = await updateAlert(tx, firing.id, {
        level: 'page',
        lastAt: at,
        value: event.value,
        threshold: event.threshold,
        score: event.score,
      });
      if (!row.incidentId && !(row.suppressedUntil && row.suppressedUntil > at)) await this.triage(ctx, tx, row, rules);
      const recorded = (await findAlert(tx, row.id)) ?? row;
      await queueAlertNotifications(tx, ctx.notify, recorded, 'raised', at);
      ctx.events.publish(alertChanged(recorded, 'escalated'));
    } else {
      const resolved = await updateAlert(tx, firing.id, { status: 'resolved', resolvedAt: at, lastAt: at });
      await queueAlertNotifications(tx, ctx.notify, resolved, 'resolved', at);
      ctx.events.publish(alertChanged(resolved, 'resolved'));
    }
  }

  /** Rules run in a savepoint: a rule that fails leaves the alert recorded and detection running. */
  private async triage(
    ctx: Ctx,
    tx: Tx,
    alert: Parameters<typeof triageAlert>[2],
    rules: Awaited<ReturnType<typeof listRules>>,
  ): Promise<void> {
    try {
      await tx.transaction((inner) => triageAlert({ ...ctx, db: inner }, inner, alert, rules));
    } catch (error) {
      this.options.log.error({ err: error, alert: alert.id }, 'triage rule failed; alert left for a person');
    }
  }

  private async refreshMonitors(): Promise<void> {
    // Dismissals and reverts made through another server, or while this one was busy.
    this.applyTunings(await tuningsAfter(this.options.db, this.tuningSeq));
    for (const row of await listSystems(this.options.db)) {
      if (this.options.owns && !this.options.owns(row.id)) continue;
      if (row.exerciseId) this.drills.set(row.id, row.exerciseId);
      if (this.cardRevisions.get(row.id) === row.revision) continue;
      const card = SystemCard.parse(row.card);
      configure(this.engine, row.id, monitorsOf(card));
      this.owners.set(row.id, card.owner);
      this.budgets.set(row.id, resolveAlertBudget(card.alertBudget));
      if (card.runbook) this.runbooks.set(row.id, card.runbook);
      else this.runbooks.delete(row.id);
      this.cardRevisions.set(row.id, row.revision);
    }
  }
}
