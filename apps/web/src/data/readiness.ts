import type { Readiness } from '@firebreak/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSession } from './session';

export interface ReadinessPeriod {
  from?: string;
  to?: string;
}

const query = (period: ReadinessPeriod) =>
  Object.fromEntries(Object.entries(period).filter(([, value]) => value !== undefined && value !== '')) as Record<
    string,
    string
  >;

/** Readiness over a period (GET /readiness): every figure of the page and the report. */
export function useReadiness(period: ReadinessPeriod) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['readiness', period] as const,
    queryFn: () => client.request<Readiness>('GET', '/api/v1/readiness', undefined, query(period)),
    placeholderData: keepPreviousData,
  });
}

/** The quarterly report as the server writes it, for a download link. */
export async function fetchReadinessReport(
  token: string,
  period: ReadinessPeriod,
  format: 'md' | 'html',
): Promise<Blob> {
  const url = new URL('/api/v1/readiness/report', window.location.origin);
  for (const [key, value] of Object.entries({ ...query(period), format })) url.searchParams.set(key, value);
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`the report could not be written (${response.status})`);
  return response.blob();
}
