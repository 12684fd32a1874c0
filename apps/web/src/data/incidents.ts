import type { Incident } from '@firebreak/contract';
import type { FirebreakClient, IncidentDetail } from '@firebreak/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import { useSession } from './session';

/** One incident with its roles, decisions, evidence and updates. */
export function useIncident(id: string) {
  const { client } = useSession();
  return useQuery({ queryKey: keys.incident(id), queryFn: () => client.getIncident(id) });
}

/** The incident's timeline; the live feed appends to it (see useLiveTimeline). */
export function useTimeline(id: string) {
  const { client } = useSession();
  return useQuery({ queryKey: keys.timeline(id), queryFn: () => client.timeline(id).then((body) => body.entries) });
}

/**
 * A change to an incident. On success the incident, its timeline and the lists are re-read, so
 * the page is right even when the live feed is down.
 *
 * @example
 * const ack = useIncidentChange(id, (client) => client.acknowledge(id));
 */
export function useIncidentChange<In = void, Out = Incident>(
  id: string,
  run: (client: FirebreakClient, input: In) => Promise<Out>,
) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: In) => run(client, input),
    onSuccess: (result) => {
      if (isIncident(result)) {
        queryClient.setQueryData<IncidentDetail>(keys.incident(id), (current) =>
          current ? { ...current, ...result } : current,
        );
      }
      void queryClient.invalidateQueries({ queryKey: keys.incident(id) });
      void queryClient.invalidateQueries({ queryKey: keys.incidents() });
    },
  });
}

function isIncident(value: unknown): value is Incident {
  return typeof value === 'object' && value !== null && 'response' in value && 'timeline' in value;
}
