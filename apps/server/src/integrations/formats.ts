import type { PreviewFormat } from '@firebreak/contract';
import { normalizeAlertmanager, normalizeGrafana } from './alertmanager';
import { normalizeCloudEvents } from './cloudevents';
import type { AlertFormat, EventFormat } from './external-alert';
import { normalizePagerDuty } from './pagerduty';

export type Format = AlertFormat | EventFormat;

/**
 * Every format the replay console knows, by name. A new one is a contract name in
 * PREVIEW_FORMATS and an entry here; the OTLP/HTTP JSON mapper joins as
 * `otlp: { produces: 'events', map: (input) => mapOtlp(input.body) }`.
 */
export const FORMATS: Record<PreviewFormat, Format> = {
  alertmanager: { produces: 'alerts', normalize: normalizeAlertmanager },
  grafana: { produces: 'alerts', normalize: normalizeGrafana },
  pagerduty: { produces: 'alerts', normalize: normalizePagerDuty },
  cloudevents: { produces: 'alerts', normalize: normalizeCloudEvents },
};
