import type { ComponentView, Maintenance, Publication, StatusComponentConfig } from '@firebreak/contract';
import { type ComponentState, shownState } from '@firebreak/core';
import type { ComponentRow, MaintenanceRow, PublicationRow } from './store';

/** Whether a window covers the component at `at` (cancelled windows were left out by the read). */
export function inMaintenance(windows: readonly MaintenanceRow[], component: string, at: Date): boolean {
  const t = at.getTime();
  return windows.some(
    (w) =>
      w.cancelledAt === null && w.components.includes(component) && w.startsAt.getTime() <= t && t < w.endsAt.getTime(),
  );
}

export function presentComponent(
  config: StatusComponentConfig,
  row: ComponentRow | undefined,
  windows: readonly MaintenanceRow[],
  at: Date,
): ComponentView {
  const state = (row?.state ?? 'operational') as ComponentState;
  return {
    id: config.id,
    name: config.name,
    description: config.description ?? null,
    systems: config.systems,
    shown: shownState(state, inMaintenance(windows, config.id, at)),
    state,
    setAt: row?.setAt.toISOString() ?? null,
    setBy: row?.setBy ?? null,
    reason: row?.reason ?? null,
    incidentId: row?.incidentId ?? null,
  };
}

export function presentMaintenance(row: MaintenanceRow): Maintenance {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    components: row.components,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    cancelledBy: row.cancelledBy,
    cancelReason: row.cancelReason,
  };
}

export function presentPublication(row: PublicationRow): Publication {
  return {
    updateId: row.updateId,
    incidentId: row.incidentId,
    title: row.title,
    components: row.components,
    publishedAt: row.publishedAt.toISOString(),
    publishedBy: row.publishedBy,
    approvedAs: row.approvedAs as Publication['approvedAs'],
  };
}
