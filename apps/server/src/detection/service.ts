import { DomainError } from '@firebreak/core';
import { type Alert, durationMs, type Incident, type TriageRule } from '@firebreak/contract';
import type { Ctx } from '../context';
import { appendAudit } from '../audit/store';
import { loadIncident } from '../incidents/load';
import { findAlert, listAlerts, updateAlert, upsertSuppression } from './alerts-store';
import { presentAlert } from './presenter';
import { listRules, replaceRules } from './rules-store';
import { declareForAlert, linkAlert } from './triage';

export async function listAlertsView({ ctx, query }: { ctx: Ctx; query: { status?: string; system?: string; incident?: string; limit: number } }) {
  return { alerts: (await listAlerts(ctx.db, query)).map(presentAlert) };
}

export async function getAlert({ ctx, id }: { ctx: Ctx; id: string }): Promise<Alert> {
  const row = await findAlert(ctx.db, id);
  if (!row) throw new DomainError('not_found', `alert ${id} not found`, { details: { id } });
  return presentAlert(row);
}

/** Marks an alert a false positive: it stops, and counts against its monitor's alert hygiene. */
export async function dismissAlert({ ctx, id, input }: { ctx: Ctx; id: string; input: { reason: string } }): Promise<Alert> {
  return ctx.db.transaction(async (tx) => {
    const row = await findAlert(tx, id);
    if (!row) throw new DomainError('not_found', `alert ${id} not found`, { details: { id } });
    if (row.status === 'dismissed') throw new DomainError('conflict', `alert ${id} was already dismissed`);
    const at = ctx.now();
    const updated = await updateAlert(tx, id, { status: 'dismissed', dismissedBy: ctx.actor.name, dismissedAt: at, dismissReason: input.reason });
    await appendAudit(tx, { at, actor: ctx.actor.name, action: 'alert.dismissed', subject: id, payload: { reason: input.reason, fingerprint: row.fingerprint } });
    return presentAlert(updated);
  });
}

/** Silences the alert's fingerprint for a while: new episodes are recorded but trigger no rule. */
export async function suppressAlert({ ctx, id, input }: { ctx: Ctx; id: string; input: { for: string; reason: string } }): Promise<Alert> {
  return ctx.db.transaction(async (tx) => {
    const row = await findAlert(tx, id);
    if (!row) throw new DomainError('not_found', `alert ${id} not found`, { details: { id } });
    const at = ctx.now();
    const until = new Date(at.getTime() + durationMs(input.for));
    await upsertSuppression(tx, { fingerprint: row.fingerprint, until, reason: input.reason, createdBy: ctx.actor.name, createdAt: at });
    const updated = await updateAlert(tx, id, { suppressedUntil: until });
    await appendAudit(tx, { at, actor: ctx.actor.name, action: 'alert.suppressed', subject: id, payload: { until: until.toISOString(), reason: input.reason, fingerprint: row.fingerprint } });
    return presentAlert(updated);
  });
}

/** A person opens an incident from an alert: declared with the alert's onset, the alert on its timeline. */
export async function declareFromAlert({ ctx, id, input }: { ctx: Ctx; id: string; input: { type: Incident['type']; severity: Incident['severity']; title?: string | undefined } }): Promise<Incident> {
  const row = await findAlert(ctx.db, id);
  if (!row) throw new DomainError('not_found', `alert ${id} not found`, { details: { id } });
  if (row.incidentId) throw new DomainError('conflict', `alert ${id} is already on ${row.incidentId}`, { details: { incidentId: row.incidentId } });
  return ctx.db.transaction(async (tx) => {
    const inner: Ctx = { ...ctx, db: tx };
    const incident = await declareForAlert(inner, row, input);
    await linkAlert(inner, row, incident.id);
    return loadIncident(tx, incident.id, ctx.now());
  });
}

export async function listRulesView({ ctx }: { ctx: Ctx }): Promise<{ rules: TriageRule[] }> {
  return { rules: await listRules(ctx.db) };
}

/** Replaces the triage rules (admin), audited. */
export async function putRules({ ctx, input }: { ctx: Ctx; input: { rules: TriageRule[] } }): Promise<{ rules: TriageRule[] }> {
  const at = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await replaceRules(tx, input.rules, at, ctx.actor.name);
    await appendAudit(tx, { at, actor: ctx.actor.name, action: 'rules.replaced', subject: 'triage-rules', payload: { rules: input.rules as unknown as Record<string, unknown>[] } });
  });
  return { rules: input.rules };
}
