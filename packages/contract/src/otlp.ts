import { DomainError } from '@firebreak/core';
import { formatPath } from './issues';
import { TelemetryEvent, type TelemetryEventInput } from './telemetry';
import { z } from './zod';

/**
 * OTLP/HTTP JSON (traces and logs) read as Firebreak telemetry, following the OpenTelemetry GenAI
 * semantic conventions, old attribute names and new (docs/opentelemetry.md has the table, ADR 41
 * the reasons). Pure: no I/O, no clock. The server's `/otlp/v1/*` routes and the replay console
 * call it; what it returns still goes through ingest's own checks (scope, size, quota).
 *
 * A body whose shape is not OTLP (a list that is not a list, an id that is neither hex nor
 * base64, a timestamp that is not a number) is refused whole with a `validation_failed` naming
 * the field: nothing of it is applied. A span or log record that is OTLP but cannot become a
 * valid event (no system, a negative duration) is rejected alone, with the events it would have
 * made, and counted. Spans and records that carry no GenAI attribute are ignored and counted.
 */

/**
 * `POST /otlp/v1/traces` as documented: an OTLP/HTTP JSON ExportTraceServiceRequest. Only for the
 * OpenAPI document; `mapOtlpTraces` reads the body, naming the field of anything malformed.
 */
export const OtlpTracesBody = z
  .looseObject({ resourceSpans: z.array(z.looseObject({})).optional() })
  .openapi('OtlpTracesBody', { description: 'An OTLP/HTTP JSON ExportTraceServiceRequest' });

/** `POST /otlp/v1/logs`: an OTLP/HTTP JSON ExportLogsServiceRequest (documentation only, as above). */
export const OtlpLogsBody = z
  .looseObject({ resourceLogs: z.array(z.looseObject({})).optional() })
  .openapi('OtlpLogsBody', { description: 'An OTLP/HTTP JSON ExportLogsServiceRequest' });

/**
 * The OTLP export response: empty when everything was taken; `partialSuccess` says how many
 * spans or log records were rejected (64-bit counts are decimal strings in OTLP JSON) and why.
 */
export const OtlpExportResponse = z
  .object({
    partialSuccess: z
      .object({
        rejectedSpans: z.string().optional(),
        rejectedLogRecords: z.string().optional(),
        errorMessage: z.string().optional(),
      })
      .optional(),
  })
  .openapi('OtlpExportResponse');
export type OtlpExportResponse = z.infer<typeof OtlpExportResponse>;

export interface OtlpIssue {
  path: string;
  message: string;
}

/** The events one span or log record became: accepted or rejected together. */
export interface OtlpItem {
  path: string;
  events: TelemetryEvent[];
}

export interface OtlpMapping {
  /** Spans (or log records) that became events, each with its events. */
  items: OtlpItem[];
  /** The first rejected spans or log records, with why (at most 100 listed). */
  rejected: OtlpIssue[];
  /** Every rejected span or log record. */
  rejectedTotal: number;
  /** Spans or log records without GenAI attributes: not Firebreak's business, not errors. */
  ignored: number;
  /** Spans or log records in the body. */
  total: number;
}

export interface OtlpLimits {
  /** Most spans or log records in one body (10,000 unless set). */
  maxItems: number;
  /** Most attributes on one resource, span, span event or log record (1,000 unless set). */
  maxAttributes: number;
  /** Most span events on one span (1,000 unless set). */
  maxSpanEvents: number;
  /** Deepest nesting of one attribute value (arrays and maps; 8 unless set). */
  maxValueDepth: number;
}

export const DEFAULT_OTLP_LIMITS: OtlpLimits = {
  maxItems: 10_000,
  maxAttributes: 1000,
  maxSpanEvents: 1000,
  maxValueDepth: 8,
};

const MAX_LISTED = 100;
const STATUS_ERROR = 2;
const SEVERITY_ERROR = 17;

/** Risk categories (gen_ai.guardrail.security.risk.category) that raise a standard harm flag. */
export const RISK_FLAGS: Readonly<Record<string, string>> = {
  prompt_injection: 'injection_suspected',
  jailbreak: 'injection_suspected',
  sensitive_info_disclosure: 'pii',
  pii: 'pii',
  system_prompt_leakage: 'secret',
  misinformation: 'hallucination_suspected',
};

export const EVALUATION_EVENT = 'gen_ai.evaluation.result';
export const FINDING_EVENT = 'gen_ai.guardrail.security.finding';

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };
interface Attribute {
  value: Value;
  path: string;
}
type Attributes = Map<string, Attribute>;
type Features = Record<string, string | number | boolean | null>;

/** Maps an OTLP/HTTP JSON `ExportTraceServiceRequest` (already parsed) to telemetry events. */
export function mapOtlpTraces(body: unknown, limits: Partial<OtlpLimits> = {}): OtlpMapping {
  const reader = new Reader({ ...DEFAULT_OTLP_LIMITS, ...limits });
  const mapping = emptyMapping();
  const root = reader.object(body, '');
  for (const [r, resource] of reader.list(root.resourceSpans, 'resourceSpans')) {
    const rPath = `resourceSpans[${r}]`;
    const system = reader.system(resource, rPath);
    for (const [s, scope] of reader.list(resource.scopeSpans, `${rPath}.scopeSpans`)) {
      for (const [i, span] of reader.list(scope.spans, `${rPath}.scopeSpans[${s}].spans`)) {
        const path = `${rPath}.scopeSpans[${s}].spans[${i}]`;
        reader.count(path);
        record(mapping, path, mapSpan(reader, span, path, system));
      }
    }
  }
  mapping.total = reader.items;
  return mapping;
}

/** Maps an OTLP/HTTP JSON `ExportLogsServiceRequest` (already parsed) to telemetry events. */
export function mapOtlpLogs(body: unknown, limits: Partial<OtlpLimits> = {}): OtlpMapping {
  const reader = new Reader({ ...DEFAULT_OTLP_LIMITS, ...limits });
  const mapping = emptyMapping();
  const root = reader.object(body, '');
  for (const [r, resource] of reader.list(root.resourceLogs, 'resourceLogs')) {
    const rPath = `resourceLogs[${r}]`;
    const system = reader.system(resource, rPath);
    for (const [s, scope] of reader.list(resource.scopeLogs, `${rPath}.scopeLogs`)) {
      for (const [i, log] of reader.list(scope.logRecords, `${rPath}.scopeLogs[${s}].logRecords`)) {
        const path = `${rPath}.scopeLogs[${s}].logRecords[${i}]`;
        reader.count(path);
        record(mapping, path, mapLogRecord(reader, log, path, system));
      }
    }
  }
  mapping.total = reader.items;
  return mapping;
}

function emptyMapping(): OtlpMapping {
  return { items: [], rejected: [], rejectedTotal: 0, ignored: 0, total: 0 };
}

/** What one span or record gave: nothing (not GenAI), events with where each field came from, or an issue. */
type Outcome = { ignored: true } | { issue: OtlpIssue } | { drafts: Draft[] };

interface Draft {
  event: TelemetryEventInput;
  /** Where each top-level field of the event came from in the body, for error messages. */
  origin: Record<string, string>;
}

function record(mapping: OtlpMapping, path: string, outcome: Outcome): void {
  if ('ignored' in outcome) {
    mapping.ignored += 1;
    return;
  }
  const issue = 'issue' in outcome ? outcome.issue : undefined;
  const events: TelemetryEvent[] = [];
  let problem = issue;
  if ('drafts' in outcome) {
    if (outcome.drafts.length === 0) {
      mapping.ignored += 1;
      return;
    }
    for (const draft of outcome.drafts) {
      const parsed = TelemetryEvent.safeParse(draft.event);
      if (parsed.success) {
        events.push(parsed.data);
        continue;
      }
      const first = parsed.error.issues[0]!;
      const field = formatPath('', first.path);
      // The attribute an event field came from (`features.gen_ai.tool.name`, `model`), else the span.
      const where = draft.origin[field] ?? draft.origin[String(first.path[0] ?? '')] ?? path;
      problem = { path: where, message: `${field || 'event'}: ${first.message}` };
      break;
    }
  }
  if (problem) {
    mapping.rejectedTotal += 1;
    if (mapping.rejected.length < MAX_LISTED) mapping.rejected.push(problem);
    return;
  }
  mapping.items.push({ path, events });
}

function mapSpan(reader: Reader, span: Record<string, unknown>, path: string, system: SystemSource): Outcome {
  const attrs = reader.attributes(span.attributes, `${path}.attributes`);
  const traceId = reader.id(span.traceId, 16, `${path}.traceId`, true);
  const spanId = reader.id(span.spanId, 8, `${path}.spanId`, true);
  const start = reader.nanos(span.startTimeUnixNano, `${path}.startTimeUnixNano`);
  const end = reader.nanos(span.endTimeUnixNano, `${path}.endTimeUnixNano`);
  const status = reader.optionalObject(span.status, `${path}.status`);
  const code = reader.enumValue(status?.code, `${path}.status.code`, STATUS_CODES);
  const spanEvents = reader.list(span.events, `${path}.events`, reader.limits.maxSpanEvents).map(([e, item]) => {
    const ePath = `${path}.events[${e}]`;
    return {
      path: ePath,
      name: reader.optionalString(item.name, `${ePath}.name`),
      time: reader.nanos(item.timeUnixNano, `${ePath}.timeUnixNano`),
      attrs: reader.attributes(item.attributes, `${ePath}.attributes`),
    };
  });
  const genAi = hasGenAi(attrs);
  const evaluations = spanEvents.filter((event) => event.name === EVALUATION_EVENT);
  const findings = spanEvents.filter((event) => event.name === FINDING_EVENT);
  if (!genAi && evaluations.length === 0) return { ignored: true };
  if (!system.id) return { issue: system.missing };
  if (!traceId || !spanId) {
    return { issue: { path: `${path}.${traceId ? 'spanId' : 'traceId'}`, message: 'a span needs its id' } };
  }
  const drafts: Draft[] = [];
  const id = `otlp:${traceId}:${spanId}`;
  const model = modelOf(attrs);
  if (genAi) {
    const at = end ?? start;
    if (at === undefined) return { issue: { path: `${path}.endTimeUnixNano`, message: 'a span needs its times' } };
    if (start !== undefined && end !== undefined && end < start) {
      return { issue: { path: `${path}.endTimeUnixNano`, message: 'ends before startTimeUnixNano' } };
    }
    const guardrail = isGuardrail(attrs, reader.optionalString(span.name, `${path}.name`));
    const event: TelemetryEventInput = {
      system: system.id,
      ts: iso(at),
      id,
      kind: guardrail ? 'prediction' : 'generation',
      ...(model ? { model: model.value } : {}),
      ...optionalString('prompt', attrs, 'gen_ai.prompt.name'),
      ...(start !== undefined && end !== undefined ? { latency_ms: Number(end - start) / 1e6 } : {}),
      error: code === STATUS_ERROR || attrs.has('error.type'),
    };
    const origin: Record<string, string> = { system: system.path, ts: `${path}.endTimeUnixNano`, id: path };
    if (model) origin.model = model.path;
    const features = featuresOf(attrs, origin);
    const flags: Record<string, boolean> = {};
    guardrailInto(attrs, features, flags);
    for (const finding of findings) guardrailInto(finding.attrs, {}, flags);
    if (guardrail) {
      const verdict = first(attrs, 'gen_ai.guardrail.verdict.type');
      if (typeof verdict?.value === 'string') event.prediction = verdict.value;
      const score = first(attrs, ...RISK_SCORE);
      if (typeof score?.value === 'number' && score.value >= 0 && score.value <= 1) event.confidence = score.value;
    }
    if (Object.keys(features).length > 0) event.features = features;
    if (Object.keys(flags).length > 0) event.flags = flags;
    drafts.push({ event, origin });
  }
  for (const [n, evaluation] of evaluations.entries()) {
    const at = evaluation.time ?? end ?? start;
    if (at === undefined) return { issue: { path: `${evaluation.path}.timeUnixNano`, message: 'missing' } };
    const draft = evaluationDraft(
      evaluation.attrs,
      `${evaluation.path}.attributes`,
      system,
      at,
      `${id}:evaluation:${n}`,
    );
    if (draft === undefined) continue;
    if (model && draft.event.model === undefined) draft.event.model = model.value;
    drafts.push(draft);
  }
  return { drafts };
}

function mapLogRecord(reader: Reader, log: Record<string, unknown>, path: string, system: SystemSource): Outcome {
  const attrs = reader.attributes(log.attributes, `${path}.attributes`);
  const traceId = reader.id(log.traceId, 16, `${path}.traceId`, false);
  const spanId = reader.id(log.spanId, 8, `${path}.spanId`, false);
  const time =
    reader.nanos(log.timeUnixNano, `${path}.timeUnixNano`) ??
    reader.nanos(log.observedTimeUnixNano, `${path}.observedTimeUnixNano`);
  const severity = reader.enumValue(log.severityNumber, `${path}.severityNumber`, {});
  const name = reader.optionalString(log.eventName, `${path}.eventName`) ?? stringOf(attrs, 'event.name');
  const evaluation = name === EVALUATION_EVENT;
  const guardrail = name === FINDING_EVENT || [...attrs.keys()].some((key) => key.startsWith('gen_ai.guardrail.'));
  const generation = attrs.has('gen_ai.operation.name') || modelOf(attrs) !== undefined;
  if (!evaluation && !guardrail && !generation) return { ignored: true };
  if (!system.id) return { issue: system.missing };
  if (time === undefined) return { issue: { path: `${path}.timeUnixNano`, message: 'a log record needs its time' } };
  const id = traceId && spanId ? `otlp:${traceId}:${spanId}:${time}` : undefined;
  if (evaluation) {
    const draft = evaluationDraft(attrs, `${path}.attributes`, system, time, id && `${id}:evaluation`);
    return { drafts: draft ? [draft] : [] };
  }
  const model = modelOf(attrs);
  const event: TelemetryEventInput = {
    system: system.id,
    ts: iso(time),
    ...(id ? { id } : {}),
    kind: guardrail && !generation ? 'prediction' : 'generation',
    ...(model ? { model: model.value } : {}),
    ...optionalString('prompt', attrs, 'gen_ai.prompt.name'),
    ...(severity !== undefined ? { error: severity >= SEVERITY_ERROR || attrs.has('error.type') } : {}),
  };
  const origin: Record<string, string> = { system: system.path, ts: `${path}.timeUnixNano`, id: path };
  if (model) origin.model = model.path;
  const features = featuresOf(attrs, origin);
  const flags: Record<string, boolean> = {};
  guardrailInto(attrs, features, flags);
  if (event.kind === 'prediction') {
    const verdict = first(attrs, 'gen_ai.guardrail.verdict.type');
    if (typeof verdict?.value === 'string') event.prediction = verdict.value;
  }
  if (Object.keys(features).length > 0) event.features = features;
  if (Object.keys(flags).length > 0) event.flags = flags;
  return { drafts: [{ event, origin }] };
}

function evaluationDraft(
  attrs: Attributes,
  path: string,
  system: SystemSource,
  at: bigint,
  id: string | undefined,
): Draft | undefined {
  const name = first(attrs, 'gen_ai.evaluation.name');
  const score = first(attrs, 'gen_ai.evaluation.score.value');
  // An evaluation with a label and no number has nothing to chart: skipped, like a span that is not GenAI.
  if (score === undefined) return undefined;
  const label = stringOf(attrs, 'gen_ai.evaluation.score.label');
  const model = modelOf(attrs);
  const origin: Record<string, string> = {
    system: system.path,
    metric: name?.path ?? `${path}.gen_ai.evaluation.name`,
    value: score.path,
  };
  if (model) origin.model = model.path;
  return {
    event: {
      system: system.id!,
      ts: iso(at),
      ...(id ? { id } : {}),
      kind: 'evaluation',
      ...(typeof name?.value === 'string' ? { metric: metricName(name.value) } : {}),
      value: score.value as number,
      ...(model ? { model: model.value } : {}),
      ...(label ? { features: { 'gen_ai.evaluation.score.label': label } } : {}),
    },
    origin,
  };
}

/** `Answer relevancy` → `answer_relevancy`: a metric name is letters, digits, `_ . : -`. */
function metricName(name: string): string {
  return name
    .trim()
    .replace(/[^A-Za-z0-9_.:-]+/g, '_')
    .slice(0, 100);
}

const RISK_CATEGORY = ['gen_ai.guardrail.security.risk.category', 'gen_ai.guardrail.risk.category'];
const RISK_SCORE = ['gen_ai.guardrail.security.risk.score', 'gen_ai.guardrail.risk.score'];

/** A guardrail's verdict, action and risk into features and harm flags (docs/opentelemetry.md). */
function guardrailInto(attrs: Attributes, features: Features, flags: Record<string, boolean>): void {
  const verdict = stringOf(attrs, 'gen_ai.guardrail.verdict.type');
  const action = stringOf(attrs, 'gen_ai.guardrail.action.type');
  const category = stringOf(attrs, ...RISK_CATEGORY);
  const score = first(attrs, ...RISK_SCORE);
  if (verdict) features['gen_ai.guardrail.verdict.type'] = verdict;
  if (action) features['gen_ai.guardrail.action.type'] = action;
  if (category) features['gen_ai.guardrail.security.risk.category'] = category;
  if (typeof score?.value === 'number') features['gen_ai.guardrail.security.risk.score'] = score.value;
  if (verdict === 'deny' || action === 'block') flags.policy_violation = true;
  if (category) {
    const standard = RISK_FLAGS[category];
    if (standard) flags[standard] = true;
    flags[`risk:${category.replace(/[^A-Za-z0-9_.:-]+/g, '_')}`.slice(0, 100)] = true;
  }
}

const FEATURES: Array<[feature: string, names: string[]]> = [
  ['gen_ai.operation.name', ['gen_ai.operation.name']],
  ['gen_ai.provider.name', ['gen_ai.provider.name', 'gen_ai.system']],
  ['gen_ai.usage.input_tokens', ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens']],
  ['gen_ai.usage.output_tokens', ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens']],
  ['gen_ai.response.finish_reasons', ['gen_ai.response.finish_reasons']],
  ['gen_ai.agent.name', ['gen_ai.agent.name']],
  ['gen_ai.tool.name', ['gen_ai.tool.name']],
];

function featuresOf(attrs: Attributes, origin: Record<string, string>): Features {
  const features: Features = {};
  for (const [feature, names] of FEATURES) {
    const found = first(attrs, ...names);
    if (found === undefined) continue;
    const value = Array.isArray(found.value) ? found.value.map(String).join(',') : found.value;
    if (value === null || typeof value === 'object') continue;
    features[feature] = value;
    origin[`features.${feature}`] = found.path;
  }
  return features;
}

function hasGenAi(attrs: Attributes): boolean {
  for (const key of attrs.keys()) if (key.startsWith('gen_ai.')) return true;
  return false;
}

function isGuardrail(attrs: Attributes, name: string | undefined): boolean {
  const operation = stringOf(attrs, 'gen_ai.operation.name');
  if (operation) return operation === 'run_guardrail' || operation === 'apply_guardrail';
  return name?.startsWith('run_guardrail') === true || name?.startsWith('apply_guardrail') === true;
}

function modelOf(attrs: Attributes): { value: string; path: string } | undefined {
  for (const name of ['gen_ai.response.model', 'gen_ai.request.model']) {
    const found = attrs.get(name);
    if (typeof found?.value === 'string' && found.value !== '') return { value: found.value, path: found.path };
  }
  return undefined;
}

function first(attrs: Attributes, ...names: string[]): Attribute | undefined {
  for (const name of names) {
    const found = attrs.get(name);
    if (found !== undefined && found.value !== null) return found;
  }
  return undefined;
}

function stringOf(attrs: Attributes, ...names: string[]): string | undefined {
  const found = first(attrs, ...names);
  return typeof found?.value === 'string' && found.value !== '' ? found.value : undefined;
}

function optionalString(field: string, attrs: Attributes, name: string): Record<string, string> {
  const value = stringOf(attrs, name);
  return value === undefined ? {} : { [field]: value };
}

function iso(nanos: bigint): string {
  return new Date(Number(nanos / 1_000_000n)).toISOString();
}

const STATUS_CODES: Record<string, number> = { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 };

interface SystemSource {
  id: string | undefined;
  path: string;
  missing: OtlpIssue;
}

/** Reads the OTLP JSON shapes, refusing the whole body (a 400 naming the field) at the first that is wrong. */
class Reader {
  items = 0;
  constructor(readonly limits: OtlpLimits) {}

  fail(path: string, message: string): never {
    const where = path || '(body)';
    throw new DomainError('validation_failed', `${where}: ${message}`, {
      details: { issues: [{ path: where, message }] },
    });
  }

  count(path: string): void {
    this.items += 1;
    if (this.items > this.limits.maxItems) {
      throw new DomainError('payload_too_large', `${path}: more than ${this.limits.maxItems} spans or log records`, {
        details: { limit: this.limits.maxItems },
      });
    }
  }

  object(value: unknown, path: string): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) this.fail(path, 'expected an object');
    return value as Record<string, unknown>;
  }

  optionalObject(value: unknown, path: string): Record<string, unknown> | undefined {
    return value === undefined || value === null ? undefined : this.object(value, path);
  }

  /** A repeated field: absent or null is empty; each item an object. */
  list(value: unknown, path: string, max = Number.POSITIVE_INFINITY): Array<[number, Record<string, unknown>]> {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) this.fail(path, 'expected a list');
    if (value.length > max) this.fail(path, `more than ${max} items`);
    return value.map((item, index) => [index, this.object(item, `${path}[${index}]`)]);
  }

  optionalString(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') this.fail(path, 'expected a string');
    return value;
  }

  /** An enum: an integer as the spec says, or its name as protobuf JSON may write it. */
  enumValue(value: unknown, path: string, names: Record<string, number>): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string' && names[value] !== undefined) return names[value];
    if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
    return this.fail(path, 'expected an integer enum value');
  }

  /** A fixed64 nanosecond timestamp: a decimal string (or a JSON number); 0 or absent is "not set". */
  nanos(value: unknown, path: string): bigint | undefined {
    if (value === undefined || value === null) return undefined;
    let nanos: bigint;
    if (typeof value === 'string' && /^\d{1,20}$/.test(value)) nanos = BigInt(value);
    else if (typeof value === 'number' && Number.isInteger(value) && value >= 0) nanos = BigInt(value);
    else return this.fail(path, 'expected nanoseconds since the epoch as a decimal string');
    if (nanos >= 1n << 64n) this.fail(path, 'larger than a 64-bit unsigned integer');
    return nanos === 0n ? undefined : nanos;
  }

  /** A trace or span id: hex (any case, as OTLP JSON says) or base64 (as protobuf JSON writes bytes), as lower-case hex. */
  id(value: unknown, bytes: number, path: string, required: boolean): string | undefined {
    if (value === undefined || value === null || value === '') {
      if (required) this.fail(path, `missing; expected ${bytes * 2} hex digits`);
      return undefined;
    }
    if (typeof value !== 'string') return this.fail(path, `expected ${bytes * 2} hex digits`);
    let hex: string | undefined;
    if (value.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(value)) hex = value.toLowerCase();
    else hex = base64Hex(value, bytes);
    if (hex === undefined) this.fail(path, `expected ${bytes * 2} hex digits, or ${bytes} bytes in base64`);
    if (/^0+$/.test(hex)) {
      if (required) this.fail(path, 'all zeros is not a valid id');
      return undefined;
    }
    return hex;
  }

  system(resource: Record<string, unknown>, path: string): SystemSource {
    const holder = this.optionalObject(resource.resource, `${path}.resource`);
    const attrs = this.attributes(holder?.attributes, `${path}.resource.attributes`);
    const found = first(attrs, 'firebreak.system', 'service.name');
    const missing = {
      path: `${path}.resource.attributes`,
      message: 'no firebreak.system or service.name resource attribute naming the system',
    };
    if (found === undefined) return { id: undefined, path: missing.path, missing };
    if (typeof found.value !== 'string') {
      return { id: undefined, path: found.path, missing: { path: found.path, message: 'expected a string' } };
    }
    return { id: found.value, path: found.path, missing };
  }

  attributes(value: unknown, path: string): Attributes {
    const attrs: Attributes = new Map();
    for (const [index, kv] of this.list(value, path, this.limits.maxAttributes)) {
      const key = kv.key;
      if (typeof key !== 'string') this.fail(`${path}[${index}].key`, 'expected a string');
      const where = `${path}.${key}`;
      attrs.set(key, { value: this.anyValue(kv.value, where, 0), path: where });
    }
    return attrs;
  }

  /** An AnyValue: exactly one of stringValue, boolValue, intValue, doubleValue, arrayValue, kvlistValue, bytesValue. */
  anyValue(value: unknown, path: string, depth: number): Value {
    if (value === undefined || value === null) return null;
    if (depth > this.limits.maxValueDepth) this.fail(path, `nested deeper than ${this.limits.maxValueDepth} levels`);
    const v = this.object(value, path);
    if ('stringValue' in v) return this.optionalString(v.stringValue, `${path}.stringValue`) ?? '';
    if ('boolValue' in v) {
      if (typeof v.boolValue !== 'boolean') this.fail(`${path}.boolValue`, 'expected true or false');
      return v.boolValue;
    }
    if ('intValue' in v) {
      const int = v.intValue;
      if (typeof int === 'number' && Number.isInteger(int)) return int;
      if (typeof int === 'string' && /^-?\d{1,20}$/.test(int)) return Number(int);
      return this.fail(`${path}.intValue`, 'expected an integer as a decimal string');
    }
    if ('doubleValue' in v) {
      const double = v.doubleValue;
      if (typeof double === 'number') return double;
      if (typeof double === 'string' && /^(-?Infinity|NaN|-?\d+(\.\d+)?([eE][-+]?\d+)?)$/.test(double))
        return Number(double);
      return this.fail(`${path}.doubleValue`, 'expected a number');
    }
    if ('arrayValue' in v) {
      const array = this.optionalObject(v.arrayValue, `${path}.arrayValue`);
      return this.list(array?.values, `${path}.arrayValue.values`, this.limits.maxAttributes).map(([i, item]) =>
        this.anyValue(item, `${path}.arrayValue.values[${i}]`, depth + 1),
      );
    }
    if ('kvlistValue' in v) {
      const kvlist = this.optionalObject(v.kvlistValue, `${path}.kvlistValue`);
      const out: Record<string, Value> = {};
      for (const [i, kv] of this.list(kvlist?.values, `${path}.kvlistValue.values`, this.limits.maxAttributes)) {
        if (typeof kv.key !== 'string') this.fail(`${path}.kvlistValue.values[${i}].key`, 'expected a string');
        out[kv.key] = this.anyValue(kv.value, `${path}.kvlistValue.values[${i}].value`, depth + 1);
      }
      return out;
    }
    if ('bytesValue' in v) return this.optionalString(v.bytesValue, `${path}.bytesValue`) ?? '';
    return null;
  }
}

function base64Hex(text: string, bytes: number): string | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
  if (binary.length !== bytes) return undefined;
  let hex = '';
  for (let i = 0; i < binary.length; i += 1) hex += binary.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}
