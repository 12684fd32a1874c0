import { createHash } from 'node:crypto';
import { PagerDutyEvent } from '@firebreak/contract';
import type { FormatInput, Normalized } from './external-alert';
import { parsePayload } from './external-alert';

const STATUS = { trigger: 'firing', acknowledge: 'acknowledged', resolve: 'resolved' } as const;

/**
 * A PagerDuty Events API v2 event read into one alert. A trigger without a dedup_key gets one
 * derived from the event itself (PagerDuty makes up a random one), so a retried trigger is the
 * same alert; the answer tells the sender the key to acknowledge and resolve with.
 */
export function normalizePagerDuty({ body, prefix }: FormatInput): Normalized {
  const event = parsePayload(PagerDutyEvent, body, prefix);
  const { routing_key: _secret, ...rest } = event;
  const dedupKey = event.dedup_key ?? createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 32);
  const payload = event.payload;
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload?.custom_details ?? {}))
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      labels[key] = String(value).slice(0, 4096);
  if (payload) {
    Object.assign(labels, {
      alertname: labels.alertname ?? payload.class ?? 'event',
      source: payload.source,
      severity: labels.severity ?? payload.severity,
      ...(payload.component ? { component: payload.component } : {}),
      ...(payload.group ? { group: payload.group } : {}),
      ...(payload.class ? { class: payload.class } : {}),
    });
  }
  return {
    alerts: [
      {
        path: prefix.replace(/\.$/, ''),
        labelsPath: `${prefix}payload.custom_details`,
        sourceFingerprint: dedupKey,
        status: STATUS[event.event_action],
        dedupe: 'open',
        startsAt: payload?.timestamp ? new Date(payload.timestamp) : null,
        endsAt: null,
        labels,
        annotations: {},
        summary: payload?.summary ?? null,
        value: null,
        details: { client: event.client, clientUrl: event.client_url, links: event.links, dedupKey },
      },
    ],
    truncatedAlerts: 0,
    warnings: [],
  };
}
