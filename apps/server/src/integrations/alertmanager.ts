import { AlertmanagerWebhook, GrafanaWebhook } from '@firebreak/contract';
import type { ExternalAlert, FormatInput, Normalized } from './external-alert';
import { parsePayload, realTime } from './external-alert';

/** An Alertmanager webhook (payload version 4) read into alerts: one per entry of `alerts`. */
export function normalizeAlertmanager({ body, prefix }: FormatInput): Normalized {
  const hook = parsePayload(AlertmanagerWebhook, body, prefix);
  return {
    alerts: hook.alerts.map((alert, index) => ({
      ...common(alert, `${prefix}alerts[${index}]`),
      details: { generatorURL: alert.generatorURL, groupKey: hook.groupKey, externalURL: hook.externalURL },
    })),
    truncatedAlerts: hook.truncatedAlerts,
    warnings: truncationWarnings(hook.truncatedAlerts),
  };
}

/** A Grafana alerting webhook (version 1): the Alertmanager shape, with values and dashboard links. */
export function normalizeGrafana({ body, prefix }: FormatInput): Normalized {
  const hook = parsePayload(GrafanaWebhook, body, prefix);
  return {
    alerts: hook.alerts.map((alert, index) => {
      const values = Object.values(alert.values ?? {}).filter((value): value is number => typeof value === 'number');
      return {
        ...common(alert, `${prefix}alerts[${index}]`),
        value: values[0] ?? null,
        details: {
          generatorURL: alert.generatorURL,
          dashboardURL: alert.dashboardURL,
          panelURL: alert.panelURL,
          silenceURL: alert.silenceURL,
          values: alert.values ?? undefined,
          valueString: alert.valueString,
          groupKey: hook.groupKey,
          orgId: hook.orgId,
          externalURL: hook.externalURL,
        },
      };
    }),
    truncatedAlerts: hook.truncatedAlerts,
    warnings: truncationWarnings(hook.truncatedAlerts),
  };
}

function common(alert: AlertmanagerWebhook['alerts'][number], path: string): Omit<ExternalAlert, 'details'> {
  return {
    path,
    labelsPath: `${path}.labels`,
    sourceFingerprint: alert.fingerprint,
    status: alert.status,
    dedupe: 'episode',
    startsAt: new Date(alert.startsAt),
    endsAt: realTime(alert.endsAt),
    labels: alert.labels,
    annotations: alert.annotations,
    summary: alert.annotations.summary ?? alert.annotations.description ?? null,
    value: null,
  };
}

function truncationWarnings(truncated: number): string[] {
  return truncated > 0
    ? [
        `truncatedAlerts: the source left ${truncated} alert(s) of this group out of the request (its max_alerts); Firebreak did not receive them`,
      ]
    : [];
}
