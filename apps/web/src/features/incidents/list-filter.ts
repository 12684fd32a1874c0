import {
  INCIDENT_TYPE_NAMES,
  type IncidentType,
  SEVERITIES,
  type Severity,
  STATUSES,
  type Status,
} from '@firebreak/core';
import type { IncidentFilter } from '@firebreak/sdk';

export const PAGE_SIZE = 25;

/** The list's filters as they live in the address bar, so a filtered view can be shared. */
export interface ListFilter {
  status?: Status;
  severity?: Severity;
  type?: IncidentType;
  system?: string;
  open?: boolean;
  nearMiss?: boolean;
  q?: string;
  page: number;
}

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

/**
 * Reads filters from search params, ignoring what is not a valid value.
 *
 * @example
 * readFilter(new URLSearchParams('status=active&open=1&page=2')); // { status: 'active', open: true, page: 2 }
 */
export function readFilter(params: URLSearchParams): ListFilter {
  const filter: ListFilter = { page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1) };
  const status = oneOf(STATUSES, params.get('status'));
  const severity = oneOf(SEVERITIES, params.get('severity'));
  const type = oneOf(INCIDENT_TYPE_NAMES, params.get('type'));
  const system = params.get('system')?.trim();
  const q = params.get('q')?.trim();
  if (status) filter.status = status;
  if (severity) filter.severity = severity;
  if (type) filter.type = type;
  if (system) filter.system = system;
  if (params.get('open') === '1') filter.open = true;
  if (params.get('nearMiss') === '1') filter.nearMiss = true;
  if (q) filter.q = q;
  return filter;
}

/** The search params for a filter; defaults are left out to keep the address short. */
export function writeFilter(filter: ListFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['status', 'severity', 'type', 'system', 'q'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (filter.open) params.set('open', '1');
  if (filter.nearMiss) params.set('nearMiss', '1');
  if (filter.page > 1) params.set('page', String(filter.page));
  return params;
}

/** The API query for a filter and page. */
export function toApiFilter(filter: ListFilter): IncidentFilter {
  const { page, ...rest } = filter;
  return { ...rest, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
}

/** True when any filter narrows the list (the page number does not count). */
export function isFiltered(filter: ListFilter): boolean {
  return Object.entries(filter).some(([key, value]) => key !== 'page' && value !== undefined && value !== false);
}
