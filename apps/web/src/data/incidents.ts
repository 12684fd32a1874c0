import type { Incident } from '@firebreak/contract';
import type { ConnectionState, FirebreakClient, IncidentDetail, IncidentFilter } from '@firebreak/sdk';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keys } from './keys';
import { useSession } from './session';

/**
 * Incidents matching a filter, as the API orders them. `keepPrevious` shows the last answer
 * while a changed filter is read; `enabled: false` waits (a dialog not yet open).
 */
export function useIncidentList(filter: IncidentFilter, options: { enabled?: boolean; keepPrevious?: boolean } = {}) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.incidentList(filter),
    queryFn: () => client.listIncidents(filter),
    ...(options.keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...(options.enabled === undefined ? {} : { enabled: options.enabled }),
  });
}

/** One incident with its roles, decisions, evidence and updates. */
export function useIncident(id: string) {
  const { client } = useSession();
  return useQuery({ queryKey: keys.incident(id), queryFn: () => client.getIncident(id) });
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

type DeclareRequest = Parameters<FirebreakClient['declareIncident']>[0];

/** Declares an incident; the lists are re-read, then `onDeclared` gets the answer (with any warnings). */
export function useDeclareIncident(onDeclared: (incident: Incident) => void) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: DeclareRequest) => client.declareIncident(request),
    onSuccess: (incident) => {
      void queryClient.invalidateQueries({ queryKey: keys.incidents() });
      onDeclared(incident);
    },
  });
}

/**
 * Merges incident `id`, a duplicate, into another: both incidents, the lists and the alerts
 * (which move over) are re-read, then `onMerged` gets where it went.
 */
export function useMergeIncident(id: string, onMerged: (into: string) => void) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { into: string; reason: string }) => client.mergeIncident(id, input),
    onSuccess: (_result, { into }) => {
      void queryClient.invalidateQueries({ queryKey: keys.incidents() });
      void queryClient.invalidateQueries({ queryKey: keys.incident(id) });
      void queryClient.invalidateQueries({ queryKey: keys.incident(into) });
      void queryClient.invalidateQueries({ queryKey: keys.alerts() });
      onMerged(into);
    },
  });
}

/**
 * Keeps incident lists fresh while shown: any committed change re-reads them (at most every
 * half second, so a burst of changes costs one request).
 */
export function useLiveIncidentList(): ConnectionState {
  const { client } = useSession();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: keys.incidents() });
      }, 500);
    };
    const subscription = client.subscribe({
      onEvent: refresh,
      onReset: refresh,
      onState: (next) => {
        setState(next);
        if (next === 'open') refresh();
      },
    });
    return () => {
      clearTimeout(timer);
      subscription.close();
    };
  }, [client, queryClient]);
  return state;
}
