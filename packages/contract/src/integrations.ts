import { SystemId, Text, Timestamp, TimestampOut } from './common';
import { JsonObject, SafeString } from './text';
import { z } from './zod';

/**
 * Inbound integrations (docs/adr/0040, docs/integrations.md): a source of alerts outside
 * Firebreak that posts to its own endpoint with its own secret.
 */
export const INTEGRATION_KINDS = ['alertmanager', 'grafana', 'pagerduty', 'cloudevents'] as const;
export type IntegrationKind = (typeof INTEGRATION_KINDS)[number];

/**
 * What the replay console can show. Every integration kind, and room for formats that map to
 * telemetry events rather than alerts (OTLP/HTTP JSON is the next one).
 */
export const PREVIEW_FORMATS = [...INTEGRATION_KINDS, 'otlp-traces', 'otlp-logs'] as const;
export type PreviewFormat = (typeof PREVIEW_FORMATS)[number];

/** Most alerts (or events) one inbound request may carry. */
export const MAX_INBOUND_ALERTS = 1000;

const LEVEL = z.enum(['warn', 'page']);
const LabelName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/, 'expected a label name such as system or severity');

/** How a source's labels become a Firebreak alert; every field has a default. */
export const IntegrationMapping = z
  .object({
    /** The label that names the Firebreak system (`system` unless set). */
    systemLabel: LabelName.default('system'),
    /** The system for alerts that carry no system label; without one such an alert is refused. */
    defaultSystem: SystemId.optional(),
    /** The label whose value decides warn or page (`severity` unless set). */
    severityLabel: LabelName.default('severity'),
    /** The label that names the alert (the monitor is `<integration>/<value>`; `alertname` unless set). */
    nameLabel: LabelName.default('alertname'),
    /** Severity values (lower case) to levels, over the defaults (critical, error → page; warning, info → warn). */
    levels: z
      .record(z.string().regex(/^[a-z0-9_.-]{1,64}$/, 'expected a lower-case severity value such as p1'), LEVEL)
      .refine((value) => Object.keys(value).length <= 50, 'at most 50 severity values')
      .default({}),
    /** CloudEvents: what one alert is, `id` (each event; the default) or `subject` (events about one subject are one alert). */
    fingerprintBy: z.enum(['id', 'subject']).default('id'),
  })
  .strict()
  .openapi('IntegrationMapping');
export type IntegrationMapping = z.infer<typeof IntegrationMapping>;
export type IntegrationMappingInput = z.input<typeof IntegrationMapping>;

export const CreateIntegrationRequest = z
  .object({
    /** A slug; the monitor of each alert it sends is `<name>/<alert name>`. */
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'expected a lower-case slug such as prom-prod')
      .openapi({ example: 'prom-prod' }),
    kind: z.enum(INTEGRATION_KINDS),
    description: Text(500).optional(),
    mapping: IntegrationMapping.optional(),
  })
  .strict()
  .openapi('CreateIntegrationRequest');
export type CreateIntegrationRequest = z.input<typeof CreateIntegrationRequest>;

export const Integration = z
  .object({
    id: z.string().openapi({ example: 'INT-1' }),
    name: z.string(),
    kind: z.enum(INTEGRATION_KINDS),
    description: z.string().nullable(),
    mapping: IntegrationMapping,
    /** Where the source posts. */
    endpoint: z.string().openapi({ example: '/api/v1/inbound/alertmanager' }),
    createdAt: TimestampOut,
    createdBy: z.string(),
    lastUsedAt: TimestampOut.nullable(),
    rotatedAt: TimestampOut.nullable(),
    revokedAt: TimestampOut.nullable(),
  })
  .openapi('Integration');
export type Integration = z.infer<typeof Integration>;

export const CreatedIntegration = Integration.extend({
  secret: z.string().openapi({ description: 'The secret. Shown once; only its digest is kept.' }),
}).openapi('CreatedIntegration');
export type CreatedIntegration = z.infer<typeof CreatedIntegration>;

export const IntegrationList = z.object({ integrations: z.array(Integration) }).openapi('IntegrationList');
export type IntegrationList = z.infer<typeof IntegrationList>;

export const IntegrationIdParams = z.object({
  id: z.string().regex(/^INT-[1-9][0-9]*$/, 'expected an integration id such as INT-2'),
});

// --- The sources' own payloads -------------------------------------------------------------

/**
 * A source's RFC 3339 time; an offset without its colon (`+0000`, as PagerDuty's own examples
 * write it) is read too.
 */
const SourceTime = z.preprocess(
  (value) => (typeof value === 'string' ? value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : value),
  Timestamp,
);

const Labels = z
  .record(z.string().max(256, 'at most 256 characters'), SafeString(4096))
  .refine((value) => Object.keys(value).length <= 100, 'at most 100 labels');

/** One alert of an Alertmanager (or Grafana) webhook. Unknown fields are ignored, as the sources add them. */
export const AlertmanagerAlert = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: Labels,
  annotations: Labels.default({}),
  startsAt: SourceTime,
  /** `0001-01-01T00:00:00Z` while the alert fires. */
  endsAt: SourceTime.optional(),
  generatorURL: SafeString(2000).optional(),
  fingerprint: SafeString(128).min(1, 'expected the alert fingerprint'),
});

/** The Alertmanager webhook body, payload version 4. */
export const AlertmanagerWebhook = z
  .object({
    version: z.literal('4', { message: 'expected "4" (Alertmanager webhook payload version 4)' }),
    groupKey: SafeString(4096).optional(),
    truncatedAlerts: z.number().int().min(0).default(0),
    status: z.enum(['firing', 'resolved']),
    receiver: SafeString(512).optional(),
    groupLabels: Labels.default({}),
    commonLabels: Labels.default({}),
    commonAnnotations: Labels.default({}),
    externalURL: SafeString(2000).optional(),
    alerts: z.array(AlertmanagerAlert).max(MAX_INBOUND_ALERTS, `at most ${MAX_INBOUND_ALERTS} alerts per request`),
  })
  .openapi('AlertmanagerWebhook');
export type AlertmanagerWebhook = z.infer<typeof AlertmanagerWebhook>;

/** The Grafana alerting webhook body (version 1): the Alertmanager shape and a few fields more. */
export const GrafanaWebhook = AlertmanagerWebhook.extend({
  version: z.literal('1', { message: 'expected "1" (Grafana webhook payload version 1)' }),
  orgId: z.number().int().optional(),
  title: SafeString(4096).optional(),
  state: SafeString(64).optional(),
  message: SafeString(65_536).optional(),
  alerts: z
    .array(
      AlertmanagerAlert.extend({
        values: z.record(z.string().max(256), z.number().nullable()).nullable().optional(),
        valueString: SafeString(8192).optional(),
        silenceURL: SafeString(2000).optional(),
        dashboardURL: SafeString(2000).optional(),
        panelURL: SafeString(2000).optional(),
      }),
    )
    .max(MAX_INBOUND_ALERTS, `at most ${MAX_INBOUND_ALERTS} alerts per request`),
}).openapi('GrafanaWebhook');
export type GrafanaWebhook = z.infer<typeof GrafanaWebhook>;

/** A PagerDuty Events API v2 event; `routing_key` is the integration's secret. */
export const PagerDutyEvent = z
  .object({
    routing_key: SafeString(256).min(1, 'expected the integration secret'),
    event_action: z.enum(['trigger', 'acknowledge', 'resolve']),
    dedup_key: SafeString(255).min(1).optional(),
    payload: z
      .object({
        summary: SafeString(1024).min(1, 'expected a summary'),
        source: SafeString(255).min(1, 'expected a source'),
        severity: z.enum(['critical', 'error', 'warning', 'info']),
        timestamp: SourceTime.optional(),
        component: SafeString(255).optional(),
        group: SafeString(255).optional(),
        class: SafeString(255).optional(),
        custom_details: JsonObject({ maxChars: 64_000 }).optional(),
      })
      .optional(),
    images: z
      .array(JsonObject({ maxChars: 4000 }))
      .max(50)
      .optional(),
    links: z
      .array(JsonObject({ maxChars: 4000 }))
      .max(50)
      .optional(),
    client: SafeString(255).optional(),
    client_url: SafeString(2000).optional(),
  })
  .superRefine((event, ctx) => {
    if (event.event_action === 'trigger' && !event.payload)
      ctx.addIssue({
        code: 'custom',
        path: ['payload'],
        message: 'a trigger needs a payload (summary, source, severity)',
      });
    if (event.event_action !== 'trigger' && !event.dedup_key)
      ctx.addIssue({
        code: 'custom',
        path: ['dedup_key'],
        message: `${event.event_action} needs the dedup_key of the alert`,
      });
  })
  .openapi('PagerDutyEvent');
export type PagerDutyEvent = z.infer<typeof PagerDutyEvent>;

/** PagerDuty's answer to an event, which its senders read. */
export const PagerDutyAccepted = z
  .object({ status: z.literal('success'), message: z.string(), dedup_key: z.string() })
  .openapi('PagerDutyAccepted');
export type PagerDutyAccepted = z.infer<typeof PagerDutyAccepted>;

/** A CloudEvent (1.0.x) in structured mode; binary mode is read into the same shape. */
export const CloudEvent = z
  .object({
    specversion: z.literal('1.0', { message: 'expected "1.0"' }),
    id: SafeString(256).min(1, 'expected an event id'),
    source: SafeString(2048).min(1, 'expected a source URI-reference'),
    type: SafeString(256).min(1, 'expected an event type such as com.example.alert.fired'),
    subject: SafeString(1024).optional(),
    time: SourceTime.optional(),
    datacontenttype: SafeString(256).optional(),
    dataschema: SafeString(2048).optional(),
    data: z.unknown().optional(),
    data_base64: SafeString(1_000_000).optional(),
  })
  .openapi('CloudEvent');
export type CloudEvent = z.infer<typeof CloudEvent>;

export const CloudEventBatch = z
  .array(CloudEvent)
  .max(MAX_INBOUND_ALERTS, `at most ${MAX_INBOUND_ALERTS} events per request`)
  .openapi('CloudEventBatch');

// --- What Firebreak answers -----------------------------------------------------------------

/** What became of one alert of an inbound request. */
export const InboundOutcome = z.object({
  fingerprint: z.string(),
  alertId: z.string().nullable(),
  change: z.enum(['opened', 'resolved', 'acknowledged', 'unchanged']),
});

export const InboundResult = z
  .object({
    integration: z.string(),
    alerts: z.array(InboundOutcome),
    /** Alerts the source left out of this request (Alertmanager's `max_alerts`); they were not received. */
    truncatedAlerts: z.number().int(),
    warnings: z.array(z.string()),
  })
  .openapi('InboundResult');
export type InboundResult = z.infer<typeof InboundResult>;

/** The replay console: a payload as a source would send it, mapped and matched, nothing stored. */
export const PreviewRequest = z
  .object({
    format: z.enum(PREVIEW_FORMATS),
    /** The body exactly as the source sends it (for CloudEvents binary mode, the data). */
    payload: z.unknown().refine((value) => value !== undefined, 'expected the payload the source sends'),
    /** Map with this integration's settings (its defaults otherwise). */
    integration: IntegrationIdParams.shape.id.optional(),
    /** The mapping to try instead (e.g. before creating an integration). */
    mapping: IntegrationMapping.optional(),
    /** CloudEvents binary mode: the `ce-*` headers (and `content-type`) the request carries. */
    headers: z.record(z.string().max(64), SafeString(2048)).optional(),
  })
  .strict()
  .openapi('PreviewRequest');
export type PreviewRequest = z.input<typeof PreviewRequest>;

export const PreviewAlert = z.object({
  fingerprint: z.string(),
  sourceFingerprint: z.string(),
  system: z.string(),
  monitor: z.string(),
  signal: z.string(),
  level: LEVEL,
  status: z.enum(['firing', 'resolved', 'acknowledged']),
  startsAt: TimestampOut,
  endsAt: TimestampOut.nullable(),
  summary: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  /** The triage rule it would meet first, and what that rule does; null: no rule, a person looks. */
  rule: z
    .object({ id: z.string(), declares: z.boolean(), type: z.string().nullable(), severity: z.string().nullable() })
    .nullable(),
});
export type PreviewAlert = z.infer<typeof PreviewAlert>;

export const PreviewResult = z
  .object({
    format: z.enum(PREVIEW_FORMATS),
    /** What the payload is mapped to: alerts, or (for telemetry formats) telemetry events. */
    produces: z.enum(['alerts', 'events']),
    alerts: z.array(PreviewAlert),
    events: z.array(z.record(z.string(), z.unknown())),
    rejected: z.array(z.object({ path: z.string(), message: z.string() })),
    truncatedAlerts: z.number().int(),
    warnings: z.array(z.string()),
  })
  .openapi('PreviewResult');
export type PreviewResult = z.infer<typeof PreviewResult>;
