import type { IncidentFilter } from '@firebreak/sdk';

/** Every server-state key in one place, so invalidation reads the same everywhere. */
export const keys = {
  whoami: (token: string) => ['whoami', token] as const,
  incidents: () => ['incidents'] as const,
  incidentList: (filter: IncidentFilter) => ['incidents', 'list', filter] as const,
  incident: (id: string) => ['incident', id] as const,
  timeline: (id: string) => ['incident', id, 'timeline'] as const,
  systems: () => ['systems'] as const,
  system: (id: string) => ['systems', id] as const,
};
