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
  /** Drill incidents: left out unless asked for, beside real ones (`include`) or alone (`only`). */
  drills?: DrillsShown;
  q?: string;
  page: number;
}

export const DRILLS_SHOWN = ['include', 'only'] as const;
export type DrillsShown = (typeof DRILLS_SHOWN)[number];

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
  const drills = oneOf(DRILLS_SHOWN, params.get('drills'));
  const q = params.get('q')?.trim();
  if (status) filter.status = status;
  if (severity) filter.severity = severity;
  if (type) filter.type = type;
  if (system) filter.system = system;
  if (params.get('open') === '1') filter.open = true;
  if (params.get('nearMiss') === '1') filter.nearMiss = true;
  if (drills) filter.drills = drills;
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
  if (filter.drills) params.set('drills', filter.drills);
  if (filter.page > 1) params.set('page', String(filter.page));
  return params;
}

/**
 * How many matching incidents the list reads at once. The list is sorted by urgency in the
 * browser (the API orders by declaration time), so it reads them together and pages locally;
 * past this many, only the most recently declared are sorted, and the page says so.
 */
export const URGENCY_WINDOW = 500;

/**
 * The API query for a filter: every match up to URGENCY_WINDOW; the page is cut locally. Drill
 * incidents stay out of the list unless asked for, so a drill never looks like a real outage.
 */
export function toApiFilter(filter: ListFilter): IncidentFilter {
  const { page: _page, drills, ...rest } = filter;
  return { ...rest, exercise: drills ?? 'exclude', limit: URGENCY_WINDOW, offset: 0 };
}

/** The incidents of one page (counted from 1) of an already sorted list. */
export function pageOf<T>(items: readonly T[], page: number): T[] {
  return items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
}

/** True when any filter narrows the list (the page number does not count). */
export function isFiltered(filter: ListFilter): boolean {
  return Object.entries(filter).some(([key, value]) => key !== 'page' && value !== undefined && value !== false);
}
