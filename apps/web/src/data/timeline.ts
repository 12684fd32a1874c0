import type { TimelineEntry } from '@firebreak/contract';
import type { ConnectionState } from '@firebreak/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { keys } from './keys';
import { useSession } from './session';

/** Timeline kinds that mean the incident's notifications changed. */
const NOTIFICATION_KINDS: ReadonlySet<string> = new Set(['notification_delivered', 'notification_failed', 'escalated']);

/** The incident's timeline; the live feed appends to it (see useLiveTimeline). */
export function useTimeline(id: string) {
  const { client } = useSession();
  return useQuery({ queryKey: keys.timeline(id), queryFn: () => client.timeline(id).then((body) => body.entries) });
}

/** Checks the incident's hash chain on the server, on demand. */
export function useVerifyTimeline(id: string) {
  const { client } = useSession();
  return useMutation({ mutationFn: () => client.verifyTimeline(id) });
}

/**
 * Follows the incident's live feed: new timeline entries are appended as they are committed and
 * the incident is re-read (its status, clocks and records may have changed), and its
 * notifications when an entry says one was delivered, failed or escalated. On a reset, or
 * when the feed (re)opens, both are re-read, since entries may have been missed in between.
 */
export function useLiveTimeline(id: string): ConnectionState {
  const { client } = useSession();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');

  useEffect(() => {
    const reread = () => {
      void queryClient.invalidateQueries({ queryKey: keys.incident(id) });
    };
    const subscription = client.subscribe({
      incident: id,
      onEvent: (event) => {
        if (event.type !== 'timeline' || event.incidentId !== id) return;
        let gap = false;
        queryClient.setQueryData<TimelineEntry[]>(keys.timeline(id), (entries) => {
          if (!entries) return entries;
          const last = entries.at(-1)?.seq ?? 0;
          if (event.entry.seq <= last) return entries;
          gap = event.entry.seq !== last + 1;
          return [...entries, event.entry];
        });
        // The incident query's prefix also covers the timeline: re-read it too when entries were skipped.
        if (gap) reread();
        else void queryClient.invalidateQueries({ queryKey: keys.incident(id), exact: true });
        if (!gap && NOTIFICATION_KINDS.has(event.entry.kind))
          void queryClient.invalidateQueries({ queryKey: keys.incidentNotifications(id) });
      },
      onReset: reread,
      onState: (next) => {
        setState(next);
        if (next === 'open') reread();
      },
    });
    return () => subscription.close();
  }, [client, id, queryClient]);

  return state;
}
