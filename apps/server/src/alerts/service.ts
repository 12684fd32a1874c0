import { type Alert, durationMs, type Incident } from '@firebreak/contract';
import { DomainError, isFinished, type Status } from '@firebreak/core';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import { changeIncident } from '../incidents/change';
import { loadIncident } from '../incidents/load';
import { queueAlertNotifications } from '../notifications/plan-alert';
import { declareForAlert, linkAlert } from './link';
import { alertChanged, presentAlert } from './presenter';
import { findAlert, listAlerts, markAcknowledged, requireAlert, updateAlert, upsertSuppression } from './store';
import { type TuningSink, teachFromDismissal } from './tuning';

export async function listAlertsView({
  ctx,
  query,
}: {
  ctx: Ctx;
  query: { status?: string; system?: string; incident?: string; limit: number };
}) {
  return { alerts: (await listAlerts(ctx.db, query)).map(presentAlert) };
}

export async function getAlert({ ctx, id }: { ctx: Ctx; id: string }): Promise<Alert> {
  const row = await requireAlert(ctx.db, id);
  return presentAlert(row);
}

/**
 * Says someone is on the alert: who and when, audited. Idempotent: acknowledging again returns
 * the alert as the first acknowledgement left it. A dismissed alert needs no one on it (409).
 */
export async function acknowledgeAlert({ ctx, id }: { ctx: Ctx; id: string }): Promise<Alert> {
  const { row, changed } = await ctx.db.transaction(async (tx) => {
    const found = await requireAlert(tx, id);
    if (found.status === 'dismissed')
      throw new DomainError(
        'conflict',
        `alert ${id} was dismissed as a false positive; there is nothing to acknowledge`,
      );
    if (found.acknowledgedAt) return { row: found, changed: false };
    const at = ctx.now();
    const marked = await markAcknowledged(tx, id, ctx.actor.name, at);
    // Someone else acknowledged it between the read and the write: theirs stands.
    if (!marked) return { row: (await findAlert(tx, id))!, changed: false };
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'alert.acknowledged',
      subject: id,
      payload: { fingerprint: found.fingerprint },
    });
    await queueAlertNotifications(tx, ctx.notify, marked, 'acknowledged', at);
    return { row: marked, changed: true };
  });
  if (changed) ctx.events.publish(alertChanged(row, 'acknowledged'));
  return presentAlert(row);
}

/**
 * Marks an alert a false positive: it stops, counts against its monitor's alert hygiene, and
 * teaches its series (tuning.ts): one tenfold cut of its false-alarm probability, recorded and
 * revertable, handed to the running engine (`sink`) once committed.
 */
export async function dismissAlert({
  ctx,
  id,
  input,
  sink,
}: {
  ctx: Ctx;
  id: string;
  input: { reason: string };
  sink?: TuningSink | undefined;
}): Promise<Alert> {
  const { row, tuned } = await ctx.db.transaction(async (tx) => {
    const row = await requireAlert(tx, id);
    if (row.status === 'dismissed') throw new DomainError('conflict', `alert ${id} was already dismissed`);
    const at = ctx.now();
    const updated = await updateAlert(tx, id, {
      status: 'dismissed',
      dismissedBy: ctx.actor.name,
      dismissedAt: at,
      dismissReason: input.reason,
    });
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'alert.dismissed',
      subject: id,
      payload: { reason: input.reason, fingerprint: row.fingerprint },
    });
    // PagerDuty, if it was paged about the alert, closes its incident too.
    await queueAlertNotifications(tx, ctx.notify, updated, 'resolved', at);
    const tuned = await teachFromDismissal({ ...ctx, db: tx }, tx, row, input.reason);
    // A false positive changes what the incident it opened is about: its responders must see it.
    if (row.incidentId)
      await changeIncident({ ...ctx, db: tx }, row.incidentId, async ({ incident, record }) => {
        if (isFinished(incident.status as Status)) return;
        await record('alert_dismissed', {
          alertId: id,
          monitor: row.monitor,
          signal: row.signal,
          level: row.level,
          reason: input.reason,
        });
      });
    return { row: updated, tuned };
  });
  if (tuned) sink?.tune(tuned.fingerprint, tuned.steps);
  ctx.events.publish(alertChanged(row, 'dismissed'));
  return presentAlert(row);
}

/** Silences the alert's fingerprint for a while: new episodes are recorded but trigger no rule. */
export async function suppressAlert({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: { for: string; reason: string };
}): Promise<Alert> {
  const row = await ctx.db.transaction(async (tx) => {
    const row = await requireAlert(tx, id);
    const at = ctx.now();
    const until = new Date(at.getTime() + durationMs(input.for));
    await upsertSuppression(tx, {
      fingerprint: row.fingerprint,
      until,
      reason: input.reason,
      createdBy: ctx.actor.name,
      createdAt: at,
    });
    const updated = await updateAlert(tx, id, { suppressedUntil: until });
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'alert.suppressed',
      subject: id,
      payload: { until: until.toISOString(), reason: input.reason, fingerprint: row.fingerprint },
    });
    return updated;
  });
  ctx.events.publish(alertChanged(row, 'suppressed'));
  return presentAlert(row);
}

/** A person opens an incident from an alert: declared with the alert's onset, the alert on its timeline. */
export async function declareFromAlert({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: { type: Incident['type']; severity: Incident['severity']; title?: string | undefined };
}): Promise<Incident> {
  const row = await requireAlert(ctx.db, id);
  if (row.incidentId)
    throw new DomainError('conflict', `alert ${id} is already on ${row.incidentId}`, {
      details: { incidentId: row.incidentId },
    });
  const incident = await ctx.db.transaction(async (tx) => {
    const inner: Ctx = { ...ctx, db: tx };
    const declared = await declareForAlert(inner, row, input);
    await linkAlert(inner, row, declared.id);
    return loadIncident(tx, declared.id, ctx.now());
  });
  ctx.events.publish(alertChanged({ ...row, incidentId: incident.id }, 'incident_opened'));
  return incident;
}
