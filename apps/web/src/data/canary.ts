import type { CanaryStatus } from '@firebreak/contract';
import { useQuery } from '@tanstack/react-query';
import { keys } from './keys';
import { useSession } from './session';

/**
 * A route's canary run in progress, else its last one (null when it never had one). Each step,
 * completion and abort is a control event on the live feed; a run that holds changes no control,
 * so a running one is also re-read every few seconds for its counts.
 */
export function useCanary(key: string, enabled = true) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.canary(key),
    queryFn: (): Promise<CanaryStatus> => client.getCanary(key),
    select: (body) => body.run,
    enabled,
    refetchInterval: (query) => (query.state.data?.run?.state === 'running' ? 5_000 : false),
  });
}
