import type { Alert, Incident } from '@firebreak/contract';
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

/** How often a firing alert's chart is re-read: once a window, but at least every minute and at most every 15 s. */
export const seriesRefetchMs = (windowMs: number) => Math.min(60_000, Math.max(15_000, windowMs));

/**
 * An alert's chart carried on to now (`GET /alerts/{id}/series`). Re-read when the alert changes
 * (the live feed refreshes every alert key) and, while it fires, on a timer, since a window
 * closing announces nothing on the feed.
 */
export function useAlertSeries(alert: Pick<Alert, 'id' | 'status' | 'evidence'>) {
  const { client } = useSession();
  const windowMs = alert.evidence.series?.windowMs;
  return useQuery({
    queryKey: keys.alertSeries(alert.id),
    queryFn: () => client.alertSeries(alert.id),
    enabled: windowMs !== undefined,
    refetchInterval: windowMs !== undefined && alert.status === 'firing' ? seriesRefetchMs(windowMs) : false,
    retry: false,
  });
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

/** The incidents already open on the alert's system, asked for once `enabled` (the dialog is open). */
export function useOpenIncidentsForAlert(id: string, enabled: boolean) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.alertOpenIncidents(id),
    queryFn: () => client.openIncidentsForAlert(id).then((body) => body.incidents),
    enabled,
  });
}

/** Attaches the alert to an open incident; the alerts and that incident are re-read, then `onAttached`. */
export function useAttachAlert(id: string, onAttached: (incident: string) => void) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (incident: string) => client.attachAlert(id, { incident }),
    onSuccess: (_alert, incident) => {
      void queryClient.invalidateQueries({ queryKey: keys.alerts() });
      void queryClient.invalidateQueries({ queryKey: keys.incident(incident) });
      onAttached(incident);
    },
  });
}

/** Opens an incident from the alert; the alerts and the incident lists are re-read, then `onDeclared`. */
export function useDeclareFromAlert(id: string, onDeclared: (incident: Incident) => void) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Parameters<FirebreakClient['declareFromAlert']>[1]) => client.declareFromAlert(id, body),
    onSuccess: (incident) => {
      void queryClient.invalidateQueries({ queryKey: keys.alerts() });
      void queryClient.invalidateQueries({ queryKey: keys.incidents() });
      onDeclared(incident);
    },
  });
}

/** What dismissing the alert taught its series (`GET /alerts/{id}/tuning`). */
export function useAlertTuning(id: string) {
  const { client } = useSession();
  return useQuery({ queryKey: keys.alertTuning(id), queryFn: () => client.alertTuning(id) });
}

/** Takes back what an alert's dismissal taught; every alert view (hygiene, monitors) is re-read. */
export function useRevertTuning(id: string) {
  const { client } = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => client.revertTuning(id, reason),
    onSuccess: (tuning) => {
      queryClient.setQueryData(keys.alertTuning(id), tuning);
      void queryClient.invalidateQueries({ queryKey: keys.alerts() });
    },
  });
}

/** Monitors across systems by false-positive rate, with their tuning (`GET /alerts/hygiene`). */
export function useAlertHygiene() {
  const { client } = useSession();
  return useQuery({ queryKey: keys.alertHygiene(), queryFn: () => client.alertHygiene() });
}

/** Where each monitor of a system stands (`GET /systems/{id}/monitors`); re-read when an alert changes. */
export function useSystemMonitors(id: string) {
  const { client } = useSession();
  return useQuery({
    queryKey: keys.systemMonitors(id),
    queryFn: () => client.systemMonitors(id),
    refetchInterval: 60_000,
  });
}
