import type { PlanFormat, ResponsePlan } from '@firebreak/contract';
import type { FirebreakClient } from '@firebreak/sdk';
import { useQuery } from '@tanstack/react-query';
import { fetchFile } from './fetch-file';
import { useSession } from './session';

const path = (system: string) => `/api/v1/systems/${encodeURIComponent(system)}/plan`;

/** A system's response plan: its sections and its gaps; read afresh each time the page opens. */
export function usePlan(system: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: ['system', system, 'plan'] as const,
    queryFn: () => client.request<ResponsePlan>('GET', path(system), undefined, { format: 'json' }),
    staleTime: 0,
  });
}

/** The plan as a document to download; the server's refusal (a PDF without Chromium) as an API error. */
export async function fetchPlanDocument(
  client: FirebreakClient,
  token: string,
  system: string,
  format: Exclude<PlanFormat, 'json'>,
): Promise<Blob> {
  return (
    await fetchFile(client, token, `${path(system)}?format=${format}`, `exporting the plan of ${system} as ${format}`)
  ).blob();
}
