import type { CanaryRun, CanaryStatus } from '@firebreak/contract';
import { useMutation, useQueries, useQueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import { useSession } from './session';

/**
 * The canary runs of some routes: for each, the one in progress, else its last one (routes that
 * never had one are left out). Each step, completion and abort is a control event on the live
 * feed; a run that holds changes no control, so a running one is also re-read every few seconds
 * for its counts.
 */
export function useCanaries(routeKeys: readonly string[]) {
  const { client } = useSession();
  return useQueries({
    queries: routeKeys.map((key) => ({
      queryKey: keys.canary(key),
      queryFn: (): Promise<CanaryStatus> => client.getCanary(key),
      refetchInterval: (query: { state: { data?: CanaryStatus | undefined } }) =>
        query.state.data?.run?.state === 'running' ? 5_000 : false,
    })),
    combine: (results) => ({
      runs: results.flatMap((result) => (result.data?.run ? [result.data.run] : [])),
      error: results.find((result) => result.error)?.error ?? null,
    }),
  });
}

/** What a person may do to a running canary from the war room. */
export type CanaryAction = 'accept-risk' | 'cancel';

/**
 * Accepts the residual risk of the zero-tolerance series holding a canary's step, or cancels the
 * canary; either way with a reason, then the run and the controls are read again.
 */
export function useCanaryAction(key: string, action: CanaryAction) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reason, series }: { reason: string; series?: readonly string[] }): Promise<CanaryRun> =>
      action === 'cancel' ? client.cancelCanary(key, reason) : client.acceptCanaryRisk(key, reason, series),
    onSuccess: (run) => {
      queryClient.setQueryData(keys.canary(key), { run } satisfies CanaryStatus);
      void queryClient.invalidateQueries({ queryKey: keys.controls() });
    },
  });
}
