import type { Alert } from '@firebreak/contract';
import type { IncidentType, Severity } from '@firebreak/core';

export const ALERT_STATUSES = ['firing', 'resolved', 'dismissed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * A segment as one short string: `region=EU, group=B`; empty for an alert on the whole system.
 *
 * @example
 * segmentText({ region: 'EU' }); // 'region=EU'
 */
export function segmentText(segment: Record<string, string> | null | undefined): string {
  return segment
    ? Object.entries(segment)
        .map(([key, value]) => `${key}=${value}`)
        .join(', ')
    : '';
}

/**
 * A number as a responder reads it on a chart or in a table: three significant digits, no
 * exponent for everyday sizes, thousands grouped.
 *
 * @example
 * formatNumber(0.123456); // '0.123'
 * formatNumber(12345.6); // '12,346'
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs < 0.001) return value.toExponential(1);
  return String(Number(value.toPrecision(3)));
}

/**
 * A share in [0, 1] as a percentage with as many decimals as small shares need.
 *
 * @example
 * formatShare(0.0125); // '1.25%'
 */
export function formatShare(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const percent = value * 100;
  if (percent === 0) return '0%';
  return `${Math.abs(percent) >= 10 ? percent.toFixed(0) : Number(percent.toPrecision(3))}%`;
}

/** A value of a chart's measure: rates as percentages, everything else as a number. */
export function formatMeasured(value: number, measure: string): string {
  return /\brate\b/.test(measure) && value >= 0 && value <= 1 ? formatShare(value) : formatNumber(value);
}

/** Where an alert stands, in a few words: `firing · acknowledged by dana`. */
export function alertState(alert: Pick<Alert, 'status' | 'acknowledged' | 'suppressedUntil'>, now: Date): string {
  const parts: string[] = [alert.status];
  if (alert.status !== 'dismissed')
    parts.push(alert.acknowledged ? `acknowledged by ${alert.acknowledged.by}` : 'not acknowledged');
  if (alert.suppressedUntil && Date.parse(alert.suppressedUntil) > now.getTime()) parts.push('suppressed');
  return parts.join(' · ');
}

const FLAG_TYPES: Record<string, IncidentType> = {
  pii: 'privacy_leak',
  secret: 'privacy_leak',
  injection_suspected: 'prompt_injection',
  policy_violation: 'safety_bypass',
  hallucination_suspected: 'hallucination_spike',
  refusal: 'model_degradation',
};

/**
 * The incident an alert most likely is, to preselect in the dialog (the responder decides):
 * from its signal and detector, and its level for severity (PII and secrets are SEV1, as the
 * seeds say; a page SEV2; a warning SEV3).
 *
 * @example
 * suggestIncident({ signal: 'flag:pii', detector: 'zero_tolerance', level: 'page' }); // { type: 'privacy_leak', severity: 'SEV1' }
 */
export function suggestIncident(alert: Pick<Alert, 'signal' | 'detector' | 'level'>): {
  type: IncidentType;
  severity: Severity;
} {
  const flag = alert.signal.startsWith('flag:') ? alert.signal.slice(5) : undefined;
  const severity: Severity = flag === 'pii' || flag === 'secret' ? 'SEV1' : alert.level === 'page' ? 'SEV2' : 'SEV3';
  let type: IncidentType = 'model_degradation';
  if (flag !== undefined) type = FLAG_TYPES[flag] ?? 'model_degradation';
  else if (alert.detector === 'fairness' || alert.signal.startsWith('selection:')) type = 'bias';
  else if (alert.detector === 'drift') type = 'distribution_shift';
  else if (alert.signal === 'latency_ms' || alert.signal === 'error') type = 'infrastructure';
  return { type, severity };
}

/** How long a suppression can last, from the dialog. */
export const SUPPRESS_CHOICES = [
  { value: '30m', label: '30 minutes' },
  { value: '1h', label: '1 hour' },
  { value: '4h', label: '4 hours' },
  { value: '24h', label: '24 hours' },
  { value: '7d', label: '7 days' },
] as const;

export interface AlertFilter {
  status: AlertStatus;
  system?: string;
}

/**
 * The alerts page's filter from its URL: firing alerts unless another status is asked for.
 *
 * @example
 * readAlertFilter(new URLSearchParams('status=dismissed&system=fraud-model')); // { status: 'dismissed', system: 'fraud-model' }
 */
export function readAlertFilter(params: URLSearchParams): AlertFilter {
  const status = params.get('status');
  const system = params.get('system')?.trim();
  return {
    status: (ALERT_STATUSES as readonly string[]).includes(status ?? '') ? (status as AlertStatus) : 'firing',
    ...(system ? { system } : {}),
  };
}

/** The URL query of a filter, leaving the defaults out so links stay short. */
export function writeAlertFilter(filter: AlertFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.status !== 'firing') params.set('status', filter.status);
  if (filter.system) params.set('system', filter.system);
  return params;
}
