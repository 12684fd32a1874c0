import {
  CONSTRAINT_KINDS,
  CONTAINMENT_CHOICES,
  durationMs,
  FAILURE_SHAPES,
  INCIDENT_TYPE_NAMES,
  INJECT_TRIGGERS,
  ROLE_NAMES,
  SCENARIO_EVENT_KINDS,
  type Scenario as ScenarioSpec,
  SEVERITIES,
} from '@firebreak/core';
import { Duration, SystemId, Text } from './common';
import { z } from './zod';

/**
 * A drill scenario file (issue 15; every field is described in docs/drills.md). Parse one with
 * `parseScenario(text, file)` from `@firebreak/contract/yaml-file`, which names the line and
 * field of each mistake.
 */

const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'expected a lower-case slug such as fraud-drift (a-z, 0-9, -)');
const Key = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'keys are letters, digits, _ . : -');
const Share = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');
const Shares = z
  .record(Key, Share)
  .refine((shares) => Object.keys(shares).length >= 1 && Object.keys(shares).length <= 50, 'expected 1 to 50 values')
  .refine((shares) => Object.values(shares).some((share) => share > 0), 'at least one share must be above 0');
const Finite = z.number().refine(Number.isFinite, 'must be a finite number');
const Versions = z
  .object({ model: Text(200).optional(), prompt: Text(200).optional(), policy: Text(200).optional() })
  .strict();
const Markdown = Text(20_000);

const Constraint = z
  .object({ kind: z.enum(CONSTRAINT_KINDS), description: Text(2000), effect: Text(2000).optional() })
  .strict();

const Inject = z
  .object({
    id: Slug,
    title: Text(200),
    body: Markdown,
    audience: z.enum(ROLE_NAMES).optional(),
    at: Duration.optional(),
    when: z
      .object({ after: z.enum(INJECT_TRIGGERS), delay: Duration.optional() })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((inject, ctx) => {
    if ((inject.at === undefined) === (inject.when === undefined))
      ctx.addIssue({ code: 'custom', path: ['at'], message: 'give exactly one of at (a drill time) or when' });
  });

const Expected = z
  .object({
    declare: z.object({ within: Duration }).strict(),
    classify: z.object({ type: z.enum(INCIDENT_TYPE_NAMES), severity: z.enum(SEVERITIES), within: Duration }).strict(),
    contain: z.object({ within: Duration, controls: z.array(z.enum(CONTAINMENT_CHOICES)).min(1).max(8) }).strict(),
    statusUpdate: z.object({ within: Duration, every: Duration.optional() }).strict(),
    evidence: z.object({ min: z.number().int().min(0).max(1000) }).strict(),
    decisions: z.object({ min: z.number().int().min(0).max(1000) }).strict(),
  })
  .strict();

const NumericFeature = z
  .object({
    mean: Finite,
    sd: z.number().min(0).max(1e9),
    min: Finite.optional(),
    decimals: z.number().int().min(0).max(6).optional(),
  })
  .strict();
const CategoricalFeature = z.object({ values: Shares }).strict();

const Baseline = z
  .object({
    kind: z.enum(SCENARIO_EVENT_KINDS),
    confidence: z
      .object({ mean: Share, sd: z.number().min(0).max(1) })
      .strict()
      .optional(),
    latency: z.object({ median: z.number().positive().max(600_000), sigma: z.number().min(0).max(3) }).strict(),
    classes: Shares.optional(),
    flags: z.record(Key, Share).optional(),
    feedback: z.object({ rate: Share, negative: Share }).strict().optional(),
    errorRate: Share.optional(),
    labels: z.object({ share: Share, errorRate: Share, delay: Duration }).strict().optional(),
    segments: z.record(Key, Shares).optional(),
    features: z.record(Key, z.union([NumericFeature, CategoricalFeature])).optional(),
    versions: Versions.optional(),
  })
  .strict();

const Changes = z
  .object({
    flags: z.record(Key, Share).optional(),
    confidenceShift: z.number().min(-1).max(1).optional(),
    classes: Shares.optional(),
    labelErrorRate: Share.optional(),
    latencyFactor: z.number().positive().max(100).optional(),
    errorRate: Share.optional(),
    negativeFeedback: Share.optional(),
    versions: Versions.optional(),
    trafficFactor: z.number().min(1).max(50).optional(),
    features: z
      .record(
        Key,
        z
          .object({
            shift: Finite.optional(),
            scale: z.number().positive().max(100).optional(),
            values: Shares.optional(),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

const Failure = z
  .object({
    shape: z.enum(FAILURE_SHAPES),
    ramp: Duration.optional(),
    segment: z.record(Key, Text(200)).optional(),
    changes: Changes,
  })
  .strict();

/** At most this many events a scenario may make its generator produce (warm-up and drill together). */
export const MAX_SCENARIO_EVENTS = 3_000_000;

const Telemetry = z
  .object({
    rate: z.number().min(0.1, 'at least 0.1 event per minute').max(1000, 'at most 1000 events per minute'),
    warmup: Duration.default('2d'),
    onset: Duration,
    duration: Duration,
    baseline: Baseline,
    failure: Failure,
  })
  .strict()
  .superRefine((telemetry, ctx) => checkTelemetry(telemetry, ctx));

type TelemetryInput = z.output<typeof Telemetry>;

function checkTelemetry(t: TelemetryInput, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const ms = (value: string) => (/^\d+(ms|s|m|h|d)$/.test(value) ? durationMs(value) : Number.NaN);
  if (ms(t.onset) >= ms(t.duration)) issue(['onset'], `must be before the end of the drill (duration ${t.duration})`);
  if (ms(t.warmup) > durationMs('14d')) issue(['warmup'], 'at most 14d');
  if (ms(t.duration) > durationMs('1d')) issue(['duration'], 'at most 1d');
  const minutes = (ms(t.warmup) + ms(t.duration)) / 60_000;
  const factor = t.failure.changes.trafficFactor ?? 1;
  if (t.rate * minutes * factor > MAX_SCENARIO_EVENTS)
    issue(['rate'], `rate × (warmup + duration) makes more than ${MAX_SCENARIO_EVENTS} events; lower the rate`);
  const { baseline, failure } = t;
  if (failure.shape === 'ramp' && failure.ramp === undefined)
    issue(['failure', 'ramp'], 'a ramp failure needs ramp (how long it takes to reach full strength)');
  for (const [key, value] of Object.entries(failure.segment ?? {})) {
    if (baseline.segments?.[key]?.[value] === undefined)
      issue(['failure', 'segment', key], `baseline.segments has no ${key} with the value ${value}`);
  }
  for (const flag of Object.keys(failure.changes.flags ?? {})) {
    if (baseline.flags?.[flag] === undefined)
      issue(
        ['failure', 'changes', 'flags', flag],
        `list ${flag} in baseline.flags too (0 if the healthy system never raises it), so monitors learn it`,
      );
  }
  for (const [name, change] of Object.entries(failure.changes.features ?? {})) {
    const feature = baseline.features?.[name];
    if (feature === undefined) issue(['failure', 'changes', 'features', name], `baseline.features has no ${name}`);
    else if ('values' in feature && change.values === undefined)
      issue(['failure', 'changes', 'features', name], `${name} is categorical: give values`);
    else if ('mean' in feature && change.values !== undefined)
      issue(['failure', 'changes', 'features', name], `${name} is numeric: give shift or scale`);
  }
  if (baseline.kind === 'prediction' && baseline.classes === undefined)
    issue(['baseline', 'classes'], 'predictions need classes (each output class with its share)');
  if (baseline.labels && baseline.classes === undefined) issue(['baseline', 'labels'], 'labels need classes to label');
  if (failure.changes.classes && baseline.classes === undefined)
    issue(['failure', 'changes', 'classes'], 'baseline.classes is not set');
  if (failure.changes.labelErrorRate !== undefined && baseline.labels === undefined)
    issue(['failure', 'changes', 'labelErrorRate'], 'baseline.labels is not set');
  if (failure.changes.confidenceShift !== undefined && baseline.confidence === undefined)
    issue(['failure', 'changes', 'confidenceShift'], 'baseline.confidence is not set');
  if (failure.changes.negativeFeedback !== undefined && baseline.feedback === undefined)
    issue(['failure', 'changes', 'negativeFeedback'], 'baseline.feedback is not set');
}

/** A drill scenario file. */
export const Scenario: z.ZodType<ScenarioSpec> = z
  .object({
    id: Slug,
    title: Text(200),
    summary: Text(1000),
    kind: z.enum(INCIDENT_TYPE_NAMES),
    system: SystemId,
    background: Markdown,
    roles: z.array(z.enum(ROLE_NAMES)).min(1).max(ROLE_NAMES.length),
    objectives: z.array(Text(500)).min(1).max(30),
    constraints: z.array(Constraint).max(20).default([]),
    injects: z.array(Inject).max(50).default([]),
    expected: Expected,
    telemetry: Telemetry,
  })
  .strict()
  .superRefine((scenario, ctx) => {
    const ids = scenario.injects.map((inject) => inject.id);
    ids.forEach((id, index) => {
      if (ids.indexOf(id) !== index)
        ctx.addIssue({ code: 'custom', path: ['injects', index, 'id'], message: `${id} appears twice` });
    });
    scenario.injects.forEach((inject, index) => {
      if (inject.at !== undefined && durationMs(inject.at) > durationMs(scenario.telemetry.duration))
        ctx.addIssue({
          code: 'custom',
          path: ['injects', index, 'at'],
          message: `after the end of the drill (duration ${scenario.telemetry.duration})`,
        });
    });
  });
export type Scenario = ScenarioSpec;
