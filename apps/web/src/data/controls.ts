import type { ChangeControlInput, ChangeControlResponse, Control } from '@firebreak/contract';
import type { FirebreakClient } from '@firebreak/sdk';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import { useSession } from './session';

type ControlList = { seq: number; controls: Control[] };

/** The request an action sends: `POST /controls/{key}` or, for a rollback, `/rollback`. */
export type ControlRequest =
  | { kind: 'change'; body: ChangeControlInput }
  | { kind: 'rollback'; body: { reason: string; to?: string; incident?: string; expiresIn?: string } };

/** The controls of some systems; control events on the live feed keep them current (see LiveFeedProvider). */
export function useControls(systems: readonly string[]) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.controlList(systems),
    queryFn: () => client.listControls([...systems]),
    select: (body: ControlList) => body.controls,
    enabled: systems.length > 0,
  });
}

/** One control with its history, newest first. */
export function useControlDetail(key: string, enabled = true) {
  const { client } = useSession();
  return useQuery({ queryKey: keys.control(key), queryFn: () => client.getControl(key), enabled });
}

/** A bundle route's bundles with their status; a control event on the route re-reads them. */
export function useBundles(key: string, enabled = true) {
  const { client } = useSession();
  return useQuery({ queryKey: keys.bundles(key), queryFn: () => client.listBundles(key), enabled });
}

/**
 * Changes waiting for a second person. Asking and deciding are on the live feed (approval
 * events); the slow re-read covers a feed that is down.
 */
export function usePendingApprovals() {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.approvals(),
    queryFn: () => client.listApprovals({ status: 'pending' }).then((body) => body.approvals),
    refetchInterval: 30_000,
  });
}

/**
 * Shows a control as the server now has it in every list that holds it, unless the list already
 * has a newer one; called for the control in a change's answer and for each control event.
 */
export function showControl(queryClient: QueryClient, control: Control): void {
  queryClient.setQueriesData<ControlList>({ queryKey: [...keys.controls(), 'list'] }, (data) =>
    data
      ? {
          ...data,
          controls: data.controls.map((current) =>
            current.key === control.key && current.seq < control.seq ? control : current,
          ),
        }
      : data,
  );
}

function settle(queryClient: QueryClient, response: ChangeControlResponse | Control, incident: string | undefined) {
  showControl(queryClient, 'outcome' in response ? response.control : response);
  void queryClient.invalidateQueries({ queryKey: keys.controls() });
  if (incident) void queryClient.invalidateQueries({ queryKey: keys.incident(incident) });
}

/** Sends a control change (or rollback); the answer says applied or waiting for approval. */
export function useControlChange(key: string) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ControlRequest) =>
      request.kind === 'rollback' ? client.rollbackControl(key, request.body) : client.changeControl(key, request.body),
    onSuccess: (response, request) => settle(queryClient, response, request.body.incident),
  });
}

/** Extends a temporary change. */
export function useRenew(key: string) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { for: string; reason: string }) => client.renewControl(key, body),
    onSuccess: (control) => settle(queryClient, control, control.incidentId ?? undefined),
  });
}

/** Approves or rejects a pending change; an approved one is applied at once. */
export function useApprovalDecision(
  run: (client: FirebreakClient, input: { id: string; reason: string }) => Promise<unknown>,
) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; reason: string }) => run(client, input),
    onSuccess: (result) => {
      if (result && typeof result === 'object' && 'control' in result)
        showControl(queryClient, (result as ChangeControlResponse).control);
      void queryClient.invalidateQueries({ queryKey: keys.controls() });
    },
  });
}
