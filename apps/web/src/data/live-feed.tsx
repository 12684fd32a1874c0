import type { ConnectionState } from '@firebreak/sdk';
import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { showControl } from './controls';
import { keys } from './keys';
import { useSession } from './session';

const LiveFeed = createContext<ConnectionState>('connecting');

type Key = readonly unknown[];

/**
 * One live feed for every alert and control on screen (the header's count, the alerts page, a
 * system's monitors and controls, an incident's alerts and controls). An alert change re-reads
 * the alert queries; a control change shows the control at once and re-reads the control
 * queries (history, approvals). Re-reads wait half a second, so a burst costs one request per list.
 */
export function LiveFeedProvider({ children }: { children: ReactNode }) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');
  useEffect(() => {
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const refresh = (queryKey: Key) => {
      const id = JSON.stringify(queryKey);
      if (timers.has(id)) return;
      timers.set(
        id,
        setTimeout(() => {
          timers.delete(id);
          void queryClient.invalidateQueries({ queryKey });
        }, 500),
      );
    };
    const refreshAll = () => {
      refresh(keys.alerts());
      refresh(keys.controls());
      refresh(keys.exercises());
    };
    const subscription = client.subscribe({
      onEvent: (event) => {
        if (event.type === 'alert') refresh(keys.alerts());
        if (event.type === 'control') {
          showControl(queryClient, event.control);
          refresh(keys.controls());
        }
        if (event.type === 'approval') refresh(keys.approvals());
        if (event.type === 'exercise') refresh(keys.exercises());
      },
      onReset: refreshAll,
      onState: (next) => {
        setState(next);
        if (next === 'open') refreshAll();
      },
    });
    return () => {
      for (const timer of timers.values()) clearTimeout(timer);
      subscription.close();
    };
  }, [client, queryClient]);
  return <LiveFeed.Provider value={state}>{children}</LiveFeed.Provider>;
}

/** Whether alert and control lists are following live changes. */
export function useLiveFeed(): ConnectionState {
  return useContext(LiveFeed);
}
