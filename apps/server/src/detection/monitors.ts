import { resolveAlertBudget, type SystemMonitors } from '@firebreak/contract';
import { DomainError } from '@firebreak/core';
import { hygieneSince, monitorAlertCounts } from '../alerts/hygiene';
import type { Ctx } from '../context';
import { findSystem } from '../systems/store';
import type { StatusReader } from './status';

/**
 * A system's monitors as the engine holds them (learning, watching or firing; series, tuning,
 * budget share) with the alerts each raised over the last 30 days and how many of those were
 * dismissed as false positives.
 */
export async function systemMonitorsView({
  ctx,
  id,
  status,
}: {
  ctx: Ctx;
  id: string;
  status: StatusReader;
}): Promise<SystemMonitors> {
  const row = await findSystem(ctx.db, id);
  if (!row) throw new DomainError('not_found', `system ${id} not found`, { details: { id } });
  const counts = new Map((await monitorAlertCounts(ctx, id)).map((c) => [c.monitor, c]));
  return {
    system: id,
    budget: resolveAlertBudget(row.card.alertBudget),
    live: status.live,
    since: hygieneSince(ctx.now()).toISOString(),
    monitors: status.of(id).map((monitor) => ({
      ...monitor,
      alerts: counts.get(monitor.monitor)?.alerts ?? 0,
      dismissed: counts.get(monitor.monitor)?.dismissed ?? 0,
    })),
  };
}
