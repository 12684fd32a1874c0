import { INCIDENT_TYPE_NAMES, SEVERITIES, SEVERITY_INFO, STATUSES } from '@firebreak/core';
import { type RefObject, useEffect, useState } from 'react';
import { useSystems } from '../../data/systems';
import { words } from '../../lib/labels';
import { SEARCH_ID } from '../../ui/shortcuts';
import type { ListFilter } from './list-filter';

export interface IncidentFiltersProps {
  filter: ListFilter;
  onChange(next: ListFilter): void;
  searchRef: RefObject<HTMLInputElement | null>;
}

/** Search and filters; every change goes to the address bar (and back to page 1). */
export function IncidentFilters({ filter, onChange, searchRef }: IncidentFiltersProps) {
  const systems = useSystems();
  const [q, setQ] = useState(filter.q ?? '');
  useEffect(() => setQ(filter.q ?? ''), [filter.q]);
  useEffect(() => {
    if (q.trim() === (filter.q ?? '')) return undefined;
    const timer = setTimeout(() => onChange({ ...filter, q: q.trim() || undefined, page: 1 }), 300);
    return () => clearTimeout(timer);
  }, [q, filter, onChange]);

  const set = (patch: Partial<ListFilter>) => onChange({ ...filter, ...patch, page: 1 });
  const systemIds = [
    ...new Set([...(systems.data ?? []).map((system) => system.id), ...(filter.system ? [filter.system] : [])]),
  ];

  return (
    <form
      role="search"
      className="filters"
      aria-label="Filter incidents"
      onSubmit={(event) => {
        event.preventDefault();
        set({ q: q.trim() || undefined });
      }}
    >
      <div className="field field-inline field-search">
        <label htmlFor={SEARCH_ID}>Search</label>
        <input
          id={SEARCH_ID}
          ref={searchRef}
          type="search"
          placeholder="Words in the title or summary (press /)"
          value={q}
          onChange={(event) => setQ(event.target.value)}
          aria-keyshortcuts="/"
        />
      </div>
      <div className="field field-inline">
        <label htmlFor="filter-status">Status</label>
        <select
          id="filter-status"
          value={filter.status ?? ''}
          onChange={(e) => set({ status: (e.target.value || undefined) as ListFilter['status'] })}
        >
          <option value="">any</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor="filter-severity">Severity</label>
        <select
          id="filter-severity"
          value={filter.severity ?? ''}
          onChange={(e) => set({ severity: (e.target.value || undefined) as ListFilter['severity'] })}
        >
          <option value="">any</option>
          {SEVERITIES.map((severity) => (
            <option key={severity} value={severity} title={SEVERITY_INFO[severity].description}>
              {severity}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor="filter-type">Type</label>
        <select
          id="filter-type"
          value={filter.type ?? ''}
          onChange={(e) => set({ type: (e.target.value || undefined) as ListFilter['type'] })}
        >
          <option value="">any</option>
          {INCIDENT_TYPE_NAMES.map((type) => (
            <option key={type} value={type}>
              {words(type)}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor="filter-system">System</label>
        <select
          id="filter-system"
          value={filter.system ?? ''}
          onChange={(e) => set({ system: e.target.value || undefined })}
        >
          <option value="">any</option>
          {systemIds.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.open ?? false}
          onChange={(e) => set({ open: e.target.checked || undefined })}
        />{' '}
        Open only
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.nearMiss ?? false}
          onChange={(e) => set({ nearMiss: e.target.checked || undefined })}
        />{' '}
        Near misses
      </label>
      <div className="field field-inline">
        <label htmlFor="filter-drills">Drills</label>
        <select
          id="filter-drills"
          value={filter.drills ?? ''}
          onChange={(e) => set({ drills: (e.target.value || undefined) as ListFilter['drills'] })}
        >
          <option value="">hidden</option>
          <option value="include">shown too</option>
          <option value="only">drills only</option>
        </select>
      </div>
    </form>
  );
}
