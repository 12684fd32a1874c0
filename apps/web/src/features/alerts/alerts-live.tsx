import type { ConnectionState } from '@firebreak/sdk';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { keys } from '../../lib/query-keys';
import { useSession } from '../auth/session';

const AlertsLive = createContext<ConnectionState>('connecting');

/**
 * One live feed for every alert on screen (the header's count, the alerts page, a system's or
 * an incident's alerts): an alert change re-reads them, at most every half second, so a burst
 * of alerts costs one request per list.
 */
export function AlertsLiveProvider({ children }: { children: ReactNode }) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        void queryClient.invalidateQueries({ queryKey: keys.alerts() });
      }, 500);
    };
    const subscription = client.subscribe({
      onEvent: (event) => {
        if (event.type === 'alert') refresh();
      },
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
  return <AlertsLive.Provider value={state}>{children}</AlertsLive.Provider>;
}

/** Whether alert lists are following live changes. */
export function useAlertsLive(): ConnectionState {
  return useContext(AlertsLive);
}
