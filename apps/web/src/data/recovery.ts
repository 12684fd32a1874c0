import type { RecoveryCheckRequest, RecoveryGate } from '@firebreak/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import { useSession } from './session';

/** An incident's recovery gate: its items with their last results, and the verification. */
export function useRecoveryGate(incidentId: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.recovery(incidentId),
    queryFn: () => client.request<RecoveryGate>('GET', `/api/v1/incidents/${incidentId}/recovery`),
  });
}

/** Checks one item (Firebreak runs it, or records the caller's attestation); the gate is the answer. */
export function useRecoveryCheck(incidentId: string) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecoveryCheckRequest) =>
      client.request<RecoveryGate>('POST', `/api/v1/incidents/${incidentId}/recovery/checks`, body),
    onSuccess: (gate) => {
      queryClient.setQueryData(keys.recovery(incidentId), gate);
      void queryClient.invalidateQueries({ queryKey: keys.timeline(incidentId) });
    },
  });
}
