import type {
  CancelMaintenanceRequest,
  ComponentView,
  Maintenance,
  MaintenanceRequest,
  SetComponentStateRequest,
  StatusPageConfig,
} from '@firebreak/contract';
import { StatusPageConfig as PageSchema } from '@firebreak/contract';
import { type ComponentState, DomainError, invalid } from '@firebreak/core';
import { appendAudit } from '../audit/store';
import type { Ctx } from '../context';
import type { Tx } from '../db/connect';
import { findCitedIncident } from '../incidents/store';
import { currentDirectory } from '../oncall/store';
import { presentComponent, presentMaintenance } from './presenter';
import {
  cancelMaintenanceRow,
  componentStates,
  insertMaintenance,
  lockMaintenance,
  maintenanceSince,
  nextMaintenanceId,
  putComponentState,
} from './store';

/** The page's configuration in force: the directory's `statusPage`, or an empty page. */
export async function pageConfig(tx: Tx): Promise<StatusPageConfig> {
  const { directory } = await currentDirectory(tx);
  return directory.statusPage ?? PageSchema.parse({});
}

/** Refuses a component the page does not declare, naming the field and the ones it does. */
export function requireComponent(page: StatusPageConfig, id: string, field: string) {
  const component = page.components.find((candidate) => candidate.id === id);
  if (component) return component;
  const known = page.components.map((c) => c.id).join(', ');
  throw new DomainError(
    'not_found',
    `${field}: no component ${id} on the status page (${known ? `it has ${known}` : 'it has none: add statusPage.components to firebreak.yaml'})`,
    { details: { field, component: id } },
  );
}

/**
 * Sets what a component shows, with why; the previous state goes into the audit entry so the
 * history reads as from → to. Setting the state it already has is refused (nothing would change).
 */
export async function setComponentState({
  ctx,
  id,
  input,
  tx: outer,
}: {
  ctx: Ctx;
  id: string;
  input: SetComponentStateRequest;
  tx?: Tx;
}): Promise<ComponentView> {
  const run = async (tx: Tx) => {
    const page = await pageConfig(tx);
    const component = requireComponent(page, id, 'component');
    if (input.incidentId) await findCitedIncident(tx, input.incidentId, 'incidentId');
    const at = ctx.now();
    const before = (await componentStates(tx)).get(id);
    const from = (before?.state ?? 'operational') as ComponentState;
    if (from === input.state)
      throw new DomainError('conflict', `state: ${id} is ${input.state} already`, { details: { state: from } });
    const row = {
      component: id,
      state: input.state,
      reason: input.reason,
      incidentId: input.incidentId ?? null,
      setAt: at,
      setBy: ctx.actor.name,
    };
    await putComponentState(tx, row);
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'status_component.set',
      subject: id,
      payload: { from, to: input.state, reason: input.reason, incident: input.incidentId ?? null },
    });
    const windows = await maintenanceSince(tx, at);
    return presentComponent(component, row, windows, at);
  };
  return outer ? run(outer) : ctx.db.transaction(run);
}

/** Schedules a maintenance window on some components; its title and description are public. */
export async function scheduleMaintenance({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: MaintenanceRequest;
}): Promise<Maintenance> {
  return ctx.db.transaction(async (tx) => {
    const page = await pageConfig(tx);
    for (const [index, component] of input.components.entries())
      requireComponent(page, component, `components[${index}]`);
    const at = ctx.now();
    if (Date.parse(input.endsAt) <= at.getTime()) throw invalid('endsAt', 'must be in the future');
    const row = {
      id: await nextMaintenanceId(tx),
      title: input.title,
      description: input.description,
      components: [...new Set(input.components)],
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      createdAt: at,
      createdBy: ctx.actor.name,
      cancelledAt: null,
      cancelledBy: null,
      cancelReason: null,
    };
    await insertMaintenance(tx, row);
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'status_maintenance.scheduled',
      subject: row.id,
      payload: {
        title: row.title,
        components: row.components,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
      },
    });
    return presentMaintenance(row);
  });
}

/** Cancels a window that has not ended, with why; a cancelled window leaves the page. */
export async function cancelMaintenance({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: CancelMaintenanceRequest;
}): Promise<Maintenance> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockMaintenance(tx, id);
    if (!row) throw new DomainError('not_found', `id: no maintenance window ${id}`);
    const at = ctx.now();
    if (row.cancelledAt) throw new DomainError('conflict', `${id} was cancelled already`);
    if (row.endsAt.getTime() <= at.getTime())
      throw new DomainError('invalid_transition', `${id} ended at ${row.endsAt.toISOString()}; it is history now`);
    const cancelled = await cancelMaintenanceRow(tx, id, {
      cancelledAt: at,
      cancelledBy: ctx.actor.name,
      cancelReason: input.reason,
    });
    await appendAudit(tx, {
      at,
      actor: ctx.actor.name,
      action: 'status_maintenance.cancelled',
      subject: id,
      payload: { reason: input.reason },
    });
    return presentMaintenance(cancelled);
  });
}
