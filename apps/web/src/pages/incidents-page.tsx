import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import { useIncidentList, useLiveIncidentList } from '../data/incidents';
import { IncidentFilters } from '../features/incidents/incident-filters';
import { IncidentTable } from '../features/incidents/incident-table';
import { NoIncidentsYet } from '../features/incidents/incidents-empty';
import {
  isFiltered,
  type ListFilter,
  PAGE_SIZE,
  pageOf,
  readFilter,
  toApiFilter,
  URGENCY_WINDOW,
  writeFilter,
} from '../features/incidents/list-filter';
import { byUrgency } from '../features/incidents/urgency';
import { ErrorMessage } from '../ui/error-message';
import { LiveIndicator } from '../ui/live-indicator';
import { EmptyState, Loading } from '../ui/states';
import { useTitle } from '../ui/use-title';

/** Every incident, filtered and searchable, with live response clocks. */
export function IncidentsPage() {
  useTitle('Incidents');
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const filter = useMemo(() => readFilter(params), [params]);
  const searchRef = useRef<HTMLInputElement>(null);
  const live = useLiveIncidentList();
  const list = useIncidentList(toApiFilter(filter), { keepPrevious: true });
  const onChange = useCallback((next: ListFilter) => setParams(writeFilter(next), { replace: true }), [setParams]);

  const focusRequest = (location.state as { focusSearch?: number } | null)?.focusSearch;
  useEffect(() => {
    if (focusRequest) searchRef.current?.focus();
  }, [focusRequest]);

  const sorted = useMemo(() => byUrgency(list.data?.incidents ?? []), [list.data]);
  const total = sorted.length;
  const truncated = (list.data?.total ?? 0) > sorted.length;
  const first = (filter.page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, filter.page * PAGE_SIZE);

  return (
    <div className="page">
      <div className="page-heading">
        <h1>Incidents</h1>
        <LiveIndicator state={live} />
        <span className="muted small">most urgent first</span>
      </div>
      <IncidentFilters filter={filter} onChange={onChange} searchRef={searchRef} />
      {list.isPending ? <Loading what="incidents" /> : null}
      {list.isError ? <ErrorMessage error={list.error} title="Cannot load incidents." /> : null}
      {list.data && total === 0 && !isFiltered(filter) ? <NoIncidentsYet /> : null}
      {list.data && total === 0 && isFiltered(filter) ? (
        <EmptyState title="No incident matches these filters">
          <p>Widen the search, or clear the filters to see every incident.</p>
          <button type="button" className="button" onClick={() => onChange({ page: 1 })}>
            Clear filters
          </button>
        </EmptyState>
      ) : null}
      {total > 0 ? (
        <>
          <IncidentTable
            incidents={pageOf(sorted, filter.page)}
            caption="Incidents, most urgent first: open and overdue, then by severity and age"
          />
          <nav className="pager" aria-label="Pages">
            <span aria-live="polite">
              {first}–{last} of {total}
              {truncated ? ` (the ${URGENCY_WINDOW} most recent of ${list.data?.total}; filter to see older ones)` : ''}
            </span>
            {total > PAGE_SIZE ? (
              <>
                <button
                  type="button"
                  className="button"
                  disabled={filter.page <= 1}
                  onClick={() => onChange({ ...filter, page: filter.page - 1 })}
                >
                  Previous
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={last >= total}
                  onClick={() => onChange({ ...filter, page: filter.page + 1 })}
                >
                  Next
                </button>
              </>
            ) : null}
          </nav>
        </>
      ) : null}
    </div>
  );
}
