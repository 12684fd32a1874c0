import type { AlertTuning, TuningEntry } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { type AlertRow, requireAlert } from './store';
import { appendTuning, lockTunings, type TuningRow, tuningsOf } from './tuning-store';

/** The engine's own cap (packages/detection `tune`): a millionfold cut is as far as a series goes. */
export const MAX_TUNING_STEPS = 6;

/**
 * Where a dismissal's lesson goes once its transaction commits: the running engine, at once.
 * The runtime also reads the log on every step and after every restore, so one that is missed
 * here is applied moments later.
 */
export interface TuningSink {
  tune(fingerprint: string, steps: number): void;
}

/** Zero-tolerance monitors spend no budget (any hit is the incident), so a dismissal cannot make them quieter. */
export const isTunable = (alert: Pick<AlertRow, 'detector'>) => alert.detector !== 'zero_tolerance';

/**
 * The alerts whose dismissal teaches a series now: those whose latest entry in its log is a
 * dismissal (a revert after it takes it back).
 *
 * @example
 * teachingAlerts([dismissed('ALR-1'), dismissed('ALR-2'), reverted('ALR-1')]); // Map { 'ALR-2' => … }
 */
export function teachingAlerts(log: readonly TuningRow[]): Map<string, TuningRow> {
  const latest = new Map<string, TuningRow>();
  for (const row of log) latest.set(row.alertId, row);
  return new Map([...latest].filter(([, row]) => row.action === 'dismissed'));
}

/** The steps a series holds with `teaching` dismissals: one each, at most the engine's cap. */
export const stepsFor = (teaching: number) => Math.max(0, Math.min(MAX_TUNING_STEPS, teaching));

export function presentTuning(row: TuningRow): TuningEntry {
  return {
    seq: row.seq,
    fingerprint: row.fingerprint,
    system: row.system,
    monitor: row.monitor,
    alertId: row.alertId,
    action: row.action as TuningEntry['action'],
    steps: row.steps,
    at: row.at.toISOString(),
    by: row.actor,
    reason: row.reason,
  };
}

/**
 * Records what dismissing `alert` as a false positive teaches its series: one more tuning step,
 * audited, in the caller's transaction. Nothing for a zero-tolerance monitor. Returns the entry,
 * for the caller to hand to the engine once the transaction commits.
 */
export async function teachFromDismissal(
  ctx: Ctx,
  tx: Tx,
  alert: AlertRow,
  reason: string,
): Promise<TuningRow | undefined> {
  if (!isTunable(alert)) return undefined;
  await lockTunings(tx);
  const teaching = teachingAlerts(await tuningsOf(tx, alert.fingerprint));
  if (teaching.has(alert.id)) return undefined;
  return record(ctx, tx, alert, 'dismissed', stepsFor(teaching.size + 1), reason);
}

/**
 * Takes back what an alert's dismissal taught its series (the dismissal itself stands): a new
 * entry with one step fewer, audited, never a deletion. 409 when the dismissal teaches nothing
 * now (never dismissed, a zero-tolerance monitor, or reverted already).
 */
export async function revertTuning({
  ctx,
  id,
  input,
  sink,
}: {
  ctx: Ctx;
  id: string;
  input: { reason: string };
  sink?: TuningSink | undefined;
}): Promise<AlertTuning> {
  const entry = await ctx.db.transaction(async (tx) => {
    const alert = await requireAlert(tx, id);
    await lockTunings(tx);
    const teaching = teachingAlerts(await tuningsOf(tx, alert.fingerprint));
    if (!teaching.has(id))
      throw new DomainError(
        'conflict',
        `alert ${id}: its dismissal does not tune ${alert.monitor} now (it was not dismissed, its monitor is zero-tolerance, or the tuning was reverted already)`,
      );
    return record({ ...ctx, db: tx }, tx, alert, 'reverted', stepsFor(teaching.size - 1), input.reason);
  });
  sink?.tune(entry.fingerprint, entry.steps);
  return alertTuningView({ ctx, id });
}

async function record(
  ctx: Ctx,
  tx: Tx,
  alert: AlertRow,
  action: 'dismissed' | 'reverted',
  steps: number,
  reason: string,
): Promise<TuningRow> {
  const at = ctx.now();
  const row = await appendTuning(tx, {
    fingerprint: alert.fingerprint,
    system: alert.system,
    monitor: alert.monitor,
    alertId: alert.id,
    action,
    steps,
    at,
    actor: ctx.actor.name,
    reason,
  });
  await appendAudit(tx, {
    at,
    actor: ctx.actor.name,
    action: action === 'dismissed' ? 'alert.tuned' : 'alert.tuning_reverted',
    subject: alert.id,
    payload: { fingerprint: alert.fingerprint, monitor: alert.monitor, steps, reason },
  });
  return row;
}

/** What an alert's dismissal taught its series, and the series' tuning log. */
export async function alertTuningView({ ctx, id }: { ctx: Ctx; id: string }): Promise<AlertTuning> {
  const alert = await requireAlert(ctx.db, id);
  const log = await tuningsOf(ctx.db, alert.fingerprint);
  const mine = log.filter((row) => row.alertId === id).at(-1);
  return {
    alertId: id,
    fingerprint: alert.fingerprint,
    monitor: alert.monitor,
    tunable: isTunable(alert),
    steps: log.at(-1)?.steps ?? 0,
    thisAlert: !mine ? 'none' : mine.action === 'dismissed' ? 'teaching' : 'reverted',
    history: log.map(presentTuning),
  };
}
