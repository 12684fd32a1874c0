import type { ReportListQuery } from '@firebreak/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSession } from './session';

/** Reports arrive from outside, which the live feed does not carry: re-read every thirty seconds while shown. */
const POLL_MS = 30_000;

/** The triage queue of external reports: open ones oldest first, or all of them. */
export function useReportList(query: Partial<ReportListQuery>) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['reports', 'list', query] as const,
    queryFn: () => client.listReports(query).then((body) => body.items),
    placeholderData: keepPreviousData,
    refetchInterval: POLL_MS,
  });
}
