import { CloudEvent, CloudEventBatch } from '@firebreak/contract';
import type { ExternalAlert, FormatInput, Normalized } from './external-alert';
import { fieldErrors, parsePayload } from './external-alert';

const BATCH = /^application\/cloudevents-batch\+json\s*(?:;|$)/i;
const STRUCTURED = /^application\/cloudevents\+json\s*(?:;|$)/i;
const REQUIRED = ['id', 'source', 'specversion', 'type'] as const;
const OPTIONAL = ['subject', 'time', 'dataschema'] as const;

/**
 * CloudEvents 1.0 in any of its HTTP modes: structured (`application/cloudevents+json`), batch
 * (`application/cloudevents-batch+json`, an array) or binary (attributes in `ce-*` headers, the
 * body is the data). Each event is one alert; see docs/integrations.md for how data is read.
 */
export function normalizeCloudEvents(input: FormatInput): Normalized {
  const type = input.headers['content-type'] ?? '';
  const events = BATCH.test(type)
    ? parsePayload(CloudEventBatch, input.body, input.prefix).map((event, index) => ({ event, path: `[${index}]` }))
    : STRUCTURED.test(type) || !input.headers['ce-id']
      ? [{ event: parsePayload(CloudEvent, input.body, input.prefix), path: '' }]
      : [{ event: binaryEvent(input), path: '' }];
  return {
    alerts: events.map(({ event, path }) => toAlert(event, input.prefix.replace(/\.$/, '') + path, input)),
    truncatedAlerts: 0,
    warnings: [],
  };
}

function binaryEvent({ body, headers }: FormatInput): CloudEvent {
  const missing = REQUIRED.filter((name) => !headers[`ce-${name}`]);
  if (missing.length > 0)
    throw fieldErrors(missing.map((name) => ({ path: `header.ce-${name}`, message: 'required in binary mode' })));
  const envelope: Record<string, unknown> = { data: body };
  for (const name of [...REQUIRED, ...OPTIONAL]) if (headers[`ce-${name}`]) envelope[name] = headers[`ce-${name}`];
  if (headers['content-type']) envelope.datacontenttype = headers['content-type'];
  try {
    return parsePayload(CloudEvent, envelope, '');
  } catch (error) {
    // Name the header the sender set, not our envelope's field.
    const issues = (error as { details?: { issues?: Array<{ path: string; message: string }> } }).details?.issues;
    if (!issues) throw error;
    throw fieldErrors(
      issues.map((issue) => ({
        ...issue,
        path: issue.path.startsWith('data') ? `body${issue.path.slice(4)}` : `header.ce-${issue.path}`,
      })),
    );
  }
}

function toAlert(event: CloudEvent, path: string, input: FormatInput): ExternalAlert {
  const data = isObject(event.data) ? event.data : {};
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(data))
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      labels[key] = String(value).slice(0, 4096);
  Object.assign(labels, {
    alertname: typeof data.alertname === 'string' ? data.alertname : event.type,
    type: event.type,
    source: event.source,
    ...(event.subject ? { subject: event.subject } : {}),
  });
  const bySubject = input.mapping.fingerprintBy === 'subject' && event.subject;
  const resolved = data.status === 'resolved' || /\.resolved(?:\.v\d+)?$/i.test(event.type);
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
  return {
    path,
    labelsPath: path ? `${path}.data` : input.headers['ce-id'] ? 'body' : 'data',
    sourceFingerprint: `${event.source}|${bySubject ? event.subject : event.id}`,
    status: resolved ? 'resolved' : 'firing',
    dedupe: 'open',
    startsAt: resolved || !event.time ? null : new Date(event.time),
    endsAt: resolved && event.time ? new Date(event.time) : null,
    labels,
    annotations: {},
    summary: text('summary') ?? text('message') ?? event.subject ?? event.type,
    value: typeof data.value === 'number' ? data.value : null,
    details: { id: event.id, type: event.type, source: event.source, subject: event.subject, time: event.time },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
