import { SystemId } from './common';
import { SafeString } from './text';
import { z } from './zod';

/** The harm flags every AI system can report; others may be added, as booleans. */
export const STANDARD_FLAGS = [
  'pii',
  'secret',
  'policy_violation',
  'refusal',
  'injection_suspected',
  'hallucination_suspected',
] as const;

const Key = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'keys are letters, digits, _ . : -');
const Version = SafeString(200).min(1);
const FiniteNumber = z.number().refine(Number.isFinite, 'must be a finite number');

/**
 * One telemetry event, as docs/architecture.md defines the wire contract: a prediction or
 * generation, a label joined later by id, a pre-aggregated metric point, or an evaluation result
 * (a probe or test run against a version; monitors leave it alone, recovery gates read it). Only `system` and
 * `ts` are required. Extend it, don't rename it.
 */
export const TelemetryEvent = z
  .object({
    system: SystemId,
    ts: z.iso.datetime({ offset: true, message: 'expected an ISO-8601 timestamp such as 2026-11-24T10:00:00Z' }),
    id: SafeString(200).min(1).optional(),
    kind: z.enum(['prediction', 'generation', 'label', 'metric', 'evaluation']).default('prediction'),
    model: Version.optional(),
    prompt: Version.optional(),
    policy: Version.optional(),
    segment: z.record(Key, SafeString(200)).optional(),
    features: z.record(Key, z.union([FiniteNumber, SafeString(1000), z.boolean(), z.null()])).optional(),
    prediction: z.union([SafeString(1000), FiniteNumber, z.boolean()]).optional(),
    confidence: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional(),
    flags: z.record(Key, z.boolean()).optional(),
    latency_ms: FiniteNumber.min(0, 'must not be negative').optional(),
    error: z.boolean().optional(),
    feedback: z.number().min(-1, 'must be between -1 and 1').max(1, 'must be between -1 and 1').optional(),
    label: z.union([SafeString(1000), FiniteNumber, z.boolean()]).optional(),
    metric: Key.optional(),
    value: FiniteNumber.optional(),
    /**
     * Served by a route's shadow version on a copy of a request: no user saw it. Monitors and the
     * system's budget leave it alone; the shadow comparison reads it.
     */
    shadow: z.boolean().optional(),
  })
  .strict()
  .superRefine((event, ctx) => {
    if (event.kind === 'label') {
      if (event.id === undefined)
        ctx.addIssue({ code: 'custom', path: ['id'], message: 'a label event needs the id of the event it labels' });
      if (event.label === undefined)
        ctx.addIssue({ code: 'custom', path: ['label'], message: 'a label event needs label' });
    }
    if (event.kind === 'metric' || event.kind === 'evaluation') {
      if (event.metric === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['metric'],
          message: `${event.kind === 'metric' ? 'a metric' : 'an evaluation'} event needs metric`,
        });
      if (event.value === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: `${event.kind === 'metric' ? 'a metric' : 'an evaluation'} event needs value`,
        });
    }
  })
  .openapi('TelemetryEvent');
export type TelemetryEvent = z.infer<typeof TelemetryEvent>;
export type TelemetryEventInput = z.input<typeof TelemetryEvent>;

export const TelemetryRejection = z
  .object({
    /** Position of the event in the batch (0-based; for NDJSON, line number minus one). */
    index: z.number().int(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })),
  })
  .openapi('TelemetryRejection');

export const TelemetryIngestResult = z
  .object({
    accepted: z.number().int(),
    /** The first rejected events with what is wrong with each (at most 100 listed). */
    rejected: z.array(TelemetryRejection),
    rejectedTotal: z.number().int(),
  })
  .openapi('TelemetryIngestResult');
export type TelemetryIngestResult = z.infer<typeof TelemetryIngestResult>;

/** `POST /telemetry` as JSON: an array of events, or one event. */
export const TelemetryJsonBody = z.union([z.array(TelemetryEvent), TelemetryEvent]);

/** `POST /telemetry` as NDJSON. */
export const TelemetryNdjsonBody = z.string().openapi({ description: 'One TelemetryEvent JSON object per line' });
