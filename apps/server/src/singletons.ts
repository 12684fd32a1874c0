import type { Logger } from 'pino';
import { scheduleFollowUps } from './actions/follow-up';
import { scheduleCanaries } from './canary/schedule';
import type { Db } from './db/connect';
import type { EventBus } from './events/bus';
import { ExerciseRunner } from './exercises/runner';
import { scheduleReviewOverflow } from './flows/review-overflow';
import type { CheckpointKey } from './integrity/key';
import { scheduleCheckpoints } from './integrity/service';
import type { NotifyConfig } from './notifications/plan';
import { scheduleEscalations } from './paging/escalation';
import type { TelemetryLog } from './telemetry/log';

export interface SingletonOptions {
  db: Db;
  log: Logger;
  events: EventBus;
  now: () => Date;
  notify: NotifyConfig;
  checkpointKey: CheckpointKey;
  escalationEveryMs?: number | undefined;
  canaryEveryMs?: number | undefined;
  /** The telemetry log drills feed (the JetStream stream when workers run apart, ADR 42). */
  telemetryLog?: TelemetryLog | undefined;
}

export interface Singletons {
  /** Looks at escalations now rather than at the next tick (after an acknowledgement). */
  wakeEscalation(): void;
  stop(): Promise<void>;
}

/**
 * The scheduled work that must run on one replica at a time (docs/adr/0043): escalations and
 * update reminders, follow-up reminders, review-overflow rules, the drill clock, canary and
 * shadow runs, and signed checkpoints. The elected leader runs them (db/leader.ts); the work
 * that is safe on every replica (the notification outbox, control expiry, telemetry pruning)
 * stays in server.ts.
 */
export function startSingletons(options: SingletonOptions): Singletons {
  const { db, log, events, now } = options;
  const escalation = scheduleEscalations({
    db,
    log,
    events,
    now,
    notify: options.notify,
    ...(options.escalationEveryMs ? { everyMs: options.escalationEveryMs } : {}),
  });
  const stopFollowUps = scheduleFollowUps({ db, log, events, now });
  const stopReviewOverflow = scheduleReviewOverflow({ db, log, events, now });
  const stopExercises = new ExerciseRunner({ db, log, events, now, telemetryLog: options.telemetryLog }).start();
  const canaries = scheduleCanaries({
    db,
    log,
    events,
    now,
    ...(options.canaryEveryMs ? { everyMs: options.canaryEveryMs } : {}),
  });
  const stopCheckpoints = scheduleCheckpoints({ db, key: options.checkpointKey, log, now, everyMs: 60_000 });
  return {
    wakeEscalation: () => escalation.wake(),
    stop: async () => {
      escalation.stop();
      stopFollowUps();
      stopReviewOverflow();
      await stopExercises();
      canaries.stop();
      stopCheckpoints();
    },
  };
}
