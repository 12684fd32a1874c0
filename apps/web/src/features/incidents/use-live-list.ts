import type { ConnectionState } from '@firebreak/sdk';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keys } from '../../data/keys';
import { useSession } from '../../data/session';

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
