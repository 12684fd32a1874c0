import type { InboundResult, IntegrationKind } from '@firebreak/contract';
import { IntegrationMapping } from '@firebreak/contract';
import { alertChanged } from '../alerts/presenter';
import { acknowledgeAlert } from '../alerts/service';
import {
  type AlertRow,
  activeSuppression,
  findAlert,
  findEpisode,
  firingAlert,
  insertExternalAlert,
  lockFingerprints,
  updateAlert,
} from '../alerts/store';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import type { FirebreakEvent } from '../events/bus';
import { triageAlert } from '../flows/triage-to-incident';
import { queueAlertNotifications } from '../notifications/plan-alert';
import type { Metrics } from '../observability/metrics';
import { listRules } from '../triage/rules-store';
import type { Normalized } from './external-alert';
import { type MappedAlert, mapAlerts } from './mapping';
import type { IntegrationRow } from './store';

type Outcome = InboundResult['alerts'][number];
type Rules = Awaited<ReturnType<typeof listRules>>;

/**
 * Applies what a source sent, all of it or none (one transaction): new alerts open and meet the
 * triage rules, notify and go live as detection's do; resolves and acknowledgements reach the
 * alert they name. The same request again changes nothing (docs/adr/0040).
 */
export async function receiveAlerts({
  ctx,
  integration,
  normalized,
  metrics,
}: {
  ctx: Ctx;
  integration: IntegrationRow;
  normalized: Normalized;
  metrics?: Pick<Metrics, 'inboundAlerts' | 'inboundTruncated' | 'alertsOpened'> | undefined;
}): Promise<InboundResult> {
  const kind = integration.kind as IntegrationKind;
  const mapping = IntegrationMapping.parse(integration.mapping);
  // Refuses the request before anything is written when an alert cannot be mapped.
  const source = { id: integration.id, name: integration.name, kind };
  const mapped = mapAlerts(source, mapping, normalized.alerts, normalized.truncatedAlerts);
  const published: FirebreakEvent[] = [];
  const outcomes = await ctx.db.transaction(async (tx) => {
    const inner: Ctx = { ...ctx, db: tx, events: { publish: (event) => published.push(event) } };
    await lockFingerprints(
      tx,
      mapped.map((alert) => alert.fingerprint),
    );
    const rules = mapped.some((alert) => alert.external.status === 'firing') ? await listRules(tx) : [];
    const done: Outcome[] = [];
    for (const alert of mapped) done.push(await applyOne(inner, tx, alert, rules));
    return done;
  });
  for (const event of published) ctx.events.publish(event);
  for (const [index, outcome] of outcomes.entries()) {
    metrics?.inboundAlerts.inc({ kind, change: outcome.change });
    if (outcome.change === 'opened') metrics?.alertsOpened.inc({ level: mapped[index]!.level });
  }
  if (normalized.truncatedAlerts > 0) {
    metrics?.inboundTruncated.inc({ kind }, normalized.truncatedAlerts);
    ctx.log.warn(
      { integration: integration.id, truncatedAlerts: normalized.truncatedAlerts },
      'inbound request left alerts out',
    );
  }
  return {
    integration: integration.id,
    alerts: outcomes,
    truncatedAlerts: normalized.truncatedAlerts,
    warnings: normalized.warnings,
  };
}

async function applyOne(ctx: Ctx, tx: Tx, alert: MappedAlert, rules: Rules): Promise<Outcome> {
  const { external, fingerprint } = alert;
  const now = ctx.now();
  const unchanged = (row?: AlertRow): Outcome => ({ fingerprint, alertId: row?.id ?? null, change: 'unchanged' });
  const startsAt = external.startsAt ?? now;
  if (external.status === 'acknowledged') {
    const firing = await firingAlert(tx, fingerprint);
    if (!firing || firing.acknowledgedAt) return unchanged(firing);
    await acknowledgeAlert({ ctx, id: firing.id });
    return { fingerprint, alertId: firing.id, change: 'acknowledged' };
  }
  const episode = external.startsAt ? await findEpisode(tx, fingerprint, startsAt) : undefined;
  const current = external.dedupe === 'open' ? (episode ?? (await firingAlert(tx, fingerprint))) : episode;
  if (external.status === 'resolved') {
    const endsAt = external.endsAt ?? now;
    if (current?.status === 'firing') {
      const resolved = await updateAlert(tx, current.id, { status: 'resolved', resolvedAt: endsAt, lastAt: endsAt });
      await queueAlertNotifications(tx, ctx.notify, resolved, 'resolved', endsAt);
      ctx.events.publish(alertChanged(resolved, 'resolved'));
      return { fingerprint, alertId: resolved.id, change: 'resolved' };
    }
    // Resolved before Firebreak saw it fire (the integration is newer than the alert): kept for
    // the record, resolved, and put before no rule, since there is nothing left to respond to.
    if (current || !external.startsAt) return unchanged(current);
    const row = await insertExternalAlert(tx, values(alert, startsAt, { status: 'resolved', resolvedAt: endsAt }));
    if (!row) return unchanged();
    ctx.events.publish(alertChanged(row, 'resolved'));
    return { fingerprint, alertId: row.id, change: 'resolved' };
  }
  if (current) return unchanged(current);
  const suppressedUntil = await activeSuppression(tx, fingerprint, startsAt);
  const row = await insertExternalAlert(tx, values(alert, startsAt, { status: 'firing', suppressedUntil }));
  if (!row) return unchanged();
  if (!suppressedUntil) await triage(ctx, tx, row, rules);
  // Read again: a rule may have put it on an incident.
  const recorded = (await findAlert(tx, row.id)) ?? row;
  await queueAlertNotifications(tx, ctx.notify, recorded, 'raised', startsAt);
  ctx.events.publish(alertChanged(recorded, 'opened'));
  return { fingerprint, alertId: row.id, change: 'opened' };
}

function values(
  alert: MappedAlert,
  openedAt: Date,
  state: { status: 'firing' | 'resolved'; resolvedAt?: Date; suppressedUntil?: Date | null },
) {
  return {
    fingerprint: alert.fingerprint,
    system: alert.system,
    monitor: alert.monitor,
    signal: alert.signal,
    detector: alert.detector,
    segment: null,
    level: alert.level,
    status: state.status,
    openedAt,
    onset: openedAt,
    lastAt: state.resolvedAt ?? openedAt,
    resolvedAt: state.resolvedAt ?? null,
    value: alert.external.value ?? 1,
    threshold: 0,
    score: 0,
    owner: alert.owner,
    runbook: alert.runbook,
    evidence: alert.evidence,
    suppressedUntil: state.suppressedUntil ?? null,
  };
}

/** Rules run in a savepoint, as for detection's alerts: a rule that fails leaves the alert for a person. */
async function triage(ctx: Ctx, tx: Tx, alert: AlertRow, rules: Rules): Promise<void> {
  try {
    await tx.transaction((inner) => triageAlert({ ...ctx, db: inner }, inner, alert, rules));
  } catch (error) {
    ctx.log.error({ err: error, alert: alert.id }, 'triage rule failed; alert left for a person');
  }
}
