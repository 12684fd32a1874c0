import type { IncidentNotification } from '@firebreak/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import { useSession } from './session';

/** The notification rules in force and which channels can deliver; they change only with the directory. */
export function useNotificationSettings() {
  const { client } = useSession();
  return useQuery({ queryKey: keys.notificationSettings(), queryFn: () => client.notificationSettings() });
}

/**
 * Every notification queued about an incident and how its delivery went. The live timeline
 * re-reads it when a delivery, a failure or an escalation lands (useLiveTimeline); pending ones
 * are also re-read every fifteen seconds, since an attempt that is still running writes nothing yet.
 */
export function useIncidentNotifications(id: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.incidentNotifications(id),
    queryFn: () => client.incidentNotifications(id).then((body) => body.notifications),
    refetchInterval: (query) =>
      query.state.data?.some((n) => n.status === 'pending' || n.status === 'delivering') ? 15_000 : false,
  });
}

/**
 * Who the matrix tells about the incident as it stands; re-read with the notifications (its key
 * is under theirs). `enabled: false` (a finished incident, which is told nothing more) asks nothing.
 */
export function useNotificationPreview(id: string, enabled: boolean) {
  const { client } = useSession();
  return useQuery({ queryKey: keys.notificationPreview(id), queryFn: () => client.previewNotifications(id), enabled });
}

/** Sends a failed notification again; the incident's notifications are re-read after. */
export function useRetryNotification(id: string) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notification: number) => client.retryNotification(id, notification),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: keys.incidentNotifications(id) }),
  });
}

/** The notifications about an alert no incident held: its page, warnings and escalations. */
export function useAlertNotifications(id: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.alertNotifications(id),
    queryFn: () =>
      client
        .request<{ notifications: IncidentNotification[] }>('GET', `/api/v1/alerts/${id}/notifications`)
        .then((body) => body.notifications),
  });
}
