import type { DecideObligationRequest, IncidentRegulatory, SetFactRequest } from '@firebreak/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import { useSession } from './session';

/** An incident's facts and the obligations they opened, refreshed every minute so clocks stay true. */
export function useRegulatory(incidentId: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.regulatory(incidentId),
    queryFn: () => client.request<IncidentRegulatory>('GET', `/api/v1/incidents/${incidentId}/regulatory`),
    refetchInterval: 60_000,
  });
}

function useRegulatoryChange<T>(incidentId: string, send: (body: T) => Promise<IncidentRegulatory>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (value) => {
      queryClient.setQueryData(keys.regulatory(incidentId), value);
      void queryClient.invalidateQueries({ queryKey: keys.timeline(incidentId) });
    },
  });
}

/** Sets one fact; the answer carries the obligations the rule pack opened or moved. */
export function useSetFact(incidentId: string) {
  const { client } = useSession();
  return useRegulatoryChange(incidentId, (body: SetFactRequest) =>
    client.request<IncidentRegulatory>('POST', `/api/v1/incidents/${incidentId}/facts`, body),
  );
}

/** Records a decision on one obligation. */
export function useDecideObligation(incidentId: string) {
  const { client } = useSession();
  return useRegulatoryChange(incidentId, ({ obligation, ...body }: DecideObligationRequest & { obligation: string }) =>
    client.request<IncidentRegulatory>(
      'POST',
      `/api/v1/incidents/${incidentId}/obligations/${obligation}/decision`,
      body,
    ),
  );
}
