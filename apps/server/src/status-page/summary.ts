import { createHash } from 'node:crypto';
import type {
  PublicIncident,
  PublicMaintenance,
  PublicUpdate,
  StatusPageView,
  StatusSummary,
} from '@firebreak/contract';
import {
  type ComponentState,
  DEFAULT_UPDATE_CADENCE,
  durationMs,
  isFinished,
  pageHeadline,
  publicPhase,
  type Severity,
  type Status,
} from '@firebreak/core';
import type { Tx } from '../db/connect';
import { currentDirectory } from '../oncall/store';
import { pageConfig } from './components';
import { presentComponent, presentMaintenance, presentPublication } from './presenter';
import {
  componentStates,
  finishedAt,
  type MaintenanceRow,
  maintenanceSince,
  publishedSince,
  recentMaintenance,
  recentPublications,
} from './store';

/** How far back resolved incidents stay on the page. */
const HISTORY_MS = 14 * 86_400_000;

/**
 * What the public page shows, built only from what was made public: the configured components'
 * public names, their states, customer updates a comms lead published (their public fields only),
 * and maintenance windows. No internal title, summary, person, system id or audience is read
 * into it, so none can leak.
 */
export async function statusSummary(tx: Tx, now: Date): Promise<StatusSummary> {
  const page = await pageConfig(tx);
  const [states, windows, rows, { directory }] = await Promise.all([
    componentStates(tx),
    maintenanceSince(tx, now),
    publishedSince(tx, new Date(now.getTime() - HISTORY_MS)),
    currentDirectory(tx),
  ]);
  const cadence = directory.notifications?.updateCadence ?? DEFAULT_UPDATE_CADENCE;
  const declared = new Set(page.components.map((c) => c.id));
  const components = page.components.map((config) => {
    const row = states.get(config.id);
    const shown = presentComponent(config, row, windows, now).shown;
    return {
      id: config.id,
      name: config.name,
      description: config.description ?? null,
      status: shown,
      updatedAt: row?.setAt.toISOString() ?? null,
    };
  });

  const byIncident = new Map<string, typeof rows>();
  for (const row of rows)
    byIncident.set(row.publication.incidentId, [...(byIncident.get(row.publication.incidentId) ?? []), row]);
  const ended = await finishedAt(
    tx,
    [...byIncident].filter(([, list]) => isFinished(list[0]!.incident.status as Status)).map(([id]) => id),
  );
  const incidents: PublicIncident[] = [];
  for (const [incidentId, list] of byIncident) {
    const first = list[0]!;
    const last = list.at(-1)!;
    const finished = isFinished(first.incident.status as Status);
    const resolvedAt = finished ? (ended.get(incidentId) ?? last.publication.publishedAt) : null;
    const publicId = `inc-${createHash('sha256').update(`status-page:${incidentId}:${first.incident.declaredAt.toISOString()}`).digest('hex').slice(0, 12)}`;
    const updates: PublicUpdate[] = list.map((row, index) => ({
      id: `${publicId}-${index + 1}`,
      status: publicPhase(row.update.incidentStatus as Status),
      whatHappened: row.update.whatHappened,
      impact: row.update.impact,
      currentStatus: row.update.currentStatus,
      nextSteps: row.update.nextSteps,
      asks: row.update.asks,
      publishedAt: row.publication.publishedAt.toISOString(),
      nextUpdateBy:
        finished || row !== last
          ? null
          : (
              row.update.nextUpdateAt ??
              new Date(row.publication.publishedAt.getTime() + durationMs(cadence[row.update.severity as Severity]))
            ).toISOString(),
    }));
    if (finished && resolvedAt && now.getTime() - resolvedAt.getTime() > HISTORY_MS) continue;
    incidents.push({
      id: publicId,
      name: last.publication.title,
      status: finished ? 'resolved' : publicPhase(last.update.incidentStatus as Status),
      // Components the page no longer declares are left out rather than shown by id.
      components: [...new Set(list.flatMap((row) => row.publication.components))].filter((c) => declared.has(c)),
      createdAt: first.publication.publishedAt.toISOString(),
      updatedAt: (resolvedAt && resolvedAt > last.publication.publishedAt
        ? resolvedAt
        : last.publication.publishedAt
      ).toISOString(),
      resolvedAt: resolvedAt?.toISOString() ?? null,
      updates: updates.reverse(),
    });
  }
  incidents.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

  const times = [
    ...components.map((c) => c.updatedAt),
    ...incidents.map((i) => i.updatedAt),
    ...windows.map((w) => w.createdAt.toISOString()),
  ].filter((t): t is string => t !== null);
  return {
    page: {
      title: page.title,
      description: page.description ?? null,
      updatedAt: times.sort().at(-1) ?? now.toISOString(),
    },
    status: pageHeadline(components.map((c) => c.status as ComponentState)),
    components,
    incidents: incidents.filter((i) => i.status !== 'resolved'),
    pastIncidents: incidents.filter((i) => i.status === 'resolved'),
    scheduledMaintenances: windows.map((w) => publicMaintenance(w, now, declared)),
  };
}

function publicMaintenance(row: MaintenanceRow, now: Date, declared: ReadonlySet<string>): PublicMaintenance {
  const t = now.getTime();
  return {
    id: row.id.toLowerCase(),
    name: row.title,
    description: row.description,
    status: t < row.startsAt.getTime() ? 'scheduled' : t < row.endsAt.getTime() ? 'in_progress' : 'completed',
    components: row.components.filter((c) => declared.has(c)),
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
  };
}

/** The page as responders see it: who set each state and why, every window, recent publications. */
export async function statusPageView(tx: Tx, now: Date): Promise<StatusPageView> {
  const page = await pageConfig(tx);
  const [states, live, maintenance, publications] = await Promise.all([
    componentStates(tx),
    maintenanceSince(tx, now),
    recentMaintenance(tx, 50),
    recentPublications(tx, 50),
  ]);
  return {
    title: page.title,
    description: page.description ?? null,
    components: page.components.map((config) => presentComponent(config, states.get(config.id), live, now)),
    maintenance: maintenance.map(presentMaintenance),
    publications: publications.map(presentPublication),
  };
}
