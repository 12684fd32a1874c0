import { mapOtlpLogs, mapOtlpTraces, type OtlpMapping, type PreviewFormat } from '@firebreak/contract';
import { normalizeAlertmanager, normalizeGrafana } from './alertmanager';
import { normalizeCloudEvents } from './cloudevents';
import type { AlertFormat, EventFormat } from './external-alert';
import { normalizePagerDuty } from './pagerduty';

export type Format = AlertFormat | EventFormat;

/**
 * Every format the replay console knows, by name. A new one is a contract name in
 * PREVIEW_FORMATS and an entry here. OTLP/HTTP JSON (docs/opentelemetry.md) maps to telemetry
 * events, with the same pure mapper `POST /otlp/v1/traces` and `/logs` use.
 */
export const FORMATS: Record<PreviewFormat, Format> = {
  alertmanager: { produces: 'alerts', normalize: normalizeAlertmanager },
  grafana: { produces: 'alerts', normalize: normalizeGrafana },
  pagerduty: { produces: 'alerts', normalize: normalizePagerDuty },
  cloudevents: { produces: 'alerts', normalize: normalizeCloudEvents },
  'otlp-traces': { produces: 'events', map: (input) => otlpEvents(mapOtlpTraces(input.body), 'spans') },
  'otlp-logs': { produces: 'events', map: (input) => otlpEvents(mapOtlpLogs(input.body), 'log records') },
};

/** An OTLP mapping as the console shows it: every event, the refused items, and what was ignored. */
function otlpEvents(mapping: OtlpMapping, items: string) {
  return {
    events: mapping.items.flatMap((item) => item.events),
    rejected: mapping.rejected,
    warnings:
      mapping.ignored > 0 ? [`${mapping.ignored} of ${mapping.total} ${items} carry no GenAI attributes: ignored`] : [],
  };
}
