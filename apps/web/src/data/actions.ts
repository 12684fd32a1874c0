import type {
  Action,
  ActionList,
  AddActionRequest,
  UpdateActionRequest,
  VerificationResult,
  VerifyActionResponse,
} from '@firebreak/contract';
import type { FirebreakClient } from '@firebreak/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import { useSession } from './session';

// Corrective and preventive actions (CAPA), through the SDK's `request` until it has typed methods.

const enc = encodeURIComponent;

/** The filters of `GET /actions`; `owner: 'me'` is the caller. */
export interface ActionQuery {
  owner?: string;
  system?: string;
  incident?: string;
  status?: string;
  open?: boolean;
  overdue?: boolean;
}

export function useActionList(query: ActionQuery, enabled = true) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.actionList({ ...query }),
    queryFn: () => client.request<ActionList>('GET', '/api/v1/actions', undefined, { ...query }),
    enabled,
  });
}

/** The actions of one incident. */
export function useIncidentActions(incidentId: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.actionList({ incident: incidentId }),
    queryFn: () => client.request<ActionList>('GET', `/api/v1/incidents/${enc(incidentId)}/actions`),
  });
}

export function useAction(id: string | undefined) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.action(id ?? ''),
    queryFn: () => client.request<Action>('GET', `/api/v1/actions/${enc(id ?? '')}`),
    enabled: id !== undefined,
  });
}

export function useVerifications(id: string | undefined) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.verifications(id ?? ''),
    queryFn: () =>
      client
        .request<{ verifications: VerificationResult[] }>('GET', `/api/v1/actions/${enc(id ?? '')}/verifications`)
        .then((body) => body.verifications),
    enabled: id !== undefined,
  });
}

/**
 * A change to an action: every action query is re-read, and the incident's (its timeline, its
 * postmortem's action list and its close check's count of open actions).
 */
function useActionChange<In, Out>(
  run: (client: FirebreakClient, input: In) => Promise<Out>,
  incidentOf: (out: Out) => string,
) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: In) => run(client, input),
    onSuccess: (out) => {
      void queryClient.invalidateQueries({ queryKey: keys.actions() });
      const incident = incidentOf(out);
      void queryClient.invalidateQueries({ queryKey: keys.timeline(incident) });
      void queryClient.invalidateQueries({ queryKey: keys.postmortem(incident) });
      void queryClient.invalidateQueries({ queryKey: keys.closeCheck(incident) });
    },
  });
}

export type AddActionInput = Partial<AddActionRequest> & Pick<AddActionRequest, 'title' | 'category'>;

export function useAddAction(incidentId: string) {
  return useActionChange(
    (client, input: AddActionInput) =>
      client.request<Action>('POST', `/api/v1/incidents/${enc(incidentId)}/actions`, input),
    (action) => action.incidentId,
  );
}

export function useUpdateAction(id: string) {
  return useActionChange(
    (client, input: Partial<UpdateActionRequest>) =>
      client.request<Action>('PATCH', `/api/v1/actions/${enc(id)}`, input),
    (action) => action.incidentId,
  );
}

/** Runs the action's verification; 200 whether it passed or not. */
export function useVerifyAction(id: string) {
  return useActionChange(
    (client, note: string | undefined) =>
      client.request<VerifyActionResponse>('POST', `/api/v1/actions/${enc(id)}/verify`, note ? { note } : {}),
    (response) => response.action.incidentId,
  );
}

/** Closes the action; 409 without a passing verification. */
export function useCloseAction(id: string) {
  return useActionChange(
    (client, reason: string | undefined) =>
      client.request<Action>('POST', `/api/v1/actions/${enc(id)}/close`, reason ? { reason } : {}),
    (action) => action.incidentId,
  );
}
