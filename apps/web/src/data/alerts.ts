import type { Alert } from '@firebreak/contract';
import type { FirebreakClient } from '@firebreak/sdk';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { keys } from './keys';
import { useSession } from './session';

type AlertQuery = Parameters<FirebreakClient['listAlerts']>[0] & object;

/** Alerts matching a query, newest first; re-read whenever an alert changes (see LiveFeedProvider). */
export function useAlerts(query: AlertQuery, enabled = true) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.alertList(query),
    queryFn: () => client.listAlerts(query).then((body) => body.alerts),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One alert with its evidence. */
export function useAlert(id: string) {
  const { client } = useSession();
  return useQuery({ queryKey: keys.alert(id), queryFn: () => client.getAlert(id) });
}

/**
 * A change to an alert (acknowledge, dismiss, suppress). On success the alert is shown as the
 * server returned it and every alert list is re-read, live feed or not.
 *
 * @example
 * const ack = useAlertChange((client, id: string) => client.acknowledgeAlert(id));
 */
export function useAlertChange<In>(run: (client: FirebreakClient, input: In) => Promise<Alert>) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: In) => run(client, input),
    onSuccess: (alert) => {
      queryClient.setQueryData(keys.alert(alert.id), alert);
      void queryClient.invalidateQueries({ queryKey: keys.alerts() });
    },
  });
}
